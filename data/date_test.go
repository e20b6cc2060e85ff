package data

import (
	"strings"
	"testing"
	"time"
)

func TestAClockTimeThatDoesNotExistIsRefused(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	spring := NewDate(2027, time.March, 28) // clocks go 02:00 → 03:00
	if _, err := spring.At(ClockTime(2*60+30), berlin); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("02:30 on a spring-forward night: %v", err)
	}
	got, err := spring.At(ClockTime(3*60+30), berlin)
	if err != nil || got.Format("15:04 MST") != "03:30 CEST" {
		t.Errorf("03:30 after the change = %v, %v", got, err)
	}
	autumn := NewDate(2026, time.October, 25) // 02:30 happens twice
	got, err = autumn.At(ClockTime(2*60+30), berlin)
	if err != nil || got.Format("15:04 MST") != "02:30 CEST" {
		t.Errorf("the repeated hour = %v, %v; want the first, 02:30 CEST", got, err)
	}
	if got, _ := NewDate(2026, time.November, 19).At(ClockTime(10*60), berlin); got.Format("2006-01-02 15:04 MST") != "2026-11-19 10:00 CET" {
		t.Errorf("an ordinary day: %v", got)
	}
}

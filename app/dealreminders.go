package app

import (
	"time"

	"triad/app/dealdesk"
)

// startDealReminders checks the queue every interval while the app runs
// and sends a desktop notification when a pending request passes 80% of
// its SLA and when it goes overdue. The first check runs at once, so a
// reminder that came due while Triad was closed is not lost.
func (u *UI) startDealReminders(every time.Duration) {
	sc := u.sh.Window()
	sc.EveryFromNow(every, func() { dealdesk.CheckReminders(sc) })
}

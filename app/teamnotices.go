package app

import (
	"fyne.io/fyne/v2"

	"triad/app/dealdesk"
	"triad/data"
)

// TeamNotices shows a desktop notification for each of other members'
// changes that concern this laptop's member (the store picked them: a
// request waiting for their sign-off, a decision on one they filed). It
// is safe from any goroutine: the sync worker calls it.
func (u *UI) TeamNotices(ns []data.DealNotice) {
	if len(ns) == 0 {
		return
	}
	fyne.Do(func() {
		if u.gone.Load() {
			return
		}
		for _, n := range ns {
			u.sh.Notify(dealdesk.TeamNotification(n))
		}
	})
}

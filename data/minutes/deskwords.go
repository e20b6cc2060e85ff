package minutes

import "time"

// The deal desk in the minutes' words, for a screen that shows a closed
// meeting's frozen desk as its minutes print it.

// RequestStateLine is a request's state at the minutes' moment: "OVERDUE —
// waiting 31 h, 7 h past the SLA", "Awaiting sign-off, waiting 5 h",
// "Approved".
func RequestStateLine(r DealRequest, sla time.Duration) string {
	state := orDash(oneLine(r.State))
	switch {
	case r.Overdue:
		return overdueText(r, sla)
	case r.Waiting > 0:
		return state + ", waiting " + fmtDuration(r.Waiting)
	}
	return state
}

// SignOffLine is a sign-off as the minutes list it: "Approved by Priya
// Raman after 5 h", "Turned down by Sam Lee as delegate for Priya Raman
// after 26 h".
func SignOffLine(s SignOff) string {
	line := "Turned down by "
	if s.Approved {
		line = "Approved by "
	}
	line += orDash(oneLine(s.Approver))
	if b := oneLine(s.OnBehalfOf); b != "" {
		line += " as delegate for " + b
	}
	return line + " after " + fmtDuration(s.Took)
}

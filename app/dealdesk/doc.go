// Package dealdesk is the deal desk's screens: the queue with its
// countdowns, a request's page and form, the sign-off dialog, the panel a
// meeting shows, and the reminders that a sign-off is due.
package dealdesk

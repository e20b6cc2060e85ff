// Package data is Triad's domain: the types a facilitator works with, their
// validation, the rules of the Triad model (deal-desk SLA, debt quota,
// revenue goal, carry-over) and the store interfaces the UI talks to.
//
// It uses the standard library only, so every rule can be tested without a
// window or a database.
package data

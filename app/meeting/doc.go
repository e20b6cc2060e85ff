// Package meeting is the meeting screen: attendance, the timeboxed agenda
// on a live clock, the selected item's notes, outcome and Triad answers,
// the action items, the standing items' panels the features provide, and
// the minutes. Every edit is saved by the shell's autosaver.
package meeting

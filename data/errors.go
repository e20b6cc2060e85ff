package data

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel error kinds. Stores wrap them so callers can branch with
// errors.Is while the message still names the thing that went wrong.
var (
	ErrNotFound    = errors.New("not found")
	ErrConflict    = errors.New("conflict")
	ErrInvalid     = errors.New("invalid input")
	ErrNewerSchema = errors.New("database is from a newer version of Triad")
	ErrNotTriad    = errors.New("not a Triad database")
	ErrCorrupt     = errors.New("database is damaged")
	ErrInUse       = errors.New("database is in use by another Triad window")
	ErrDiskFull    = errors.New("the disk is full")
	// ErrMeetingClosed is a change refused because the meeting it belongs to
	// is closed. It is also an ErrConflict.
	ErrMeetingClosed = errors.New("the meeting is closed")
)

// Problem is one thing wrong with one field, worded for a facilitator.
type Problem struct {
	Field   string // the form field, e.g. "tech_lead.name"
	Message string // e.g. "Tech Lead needs a name"
}

// ValidationError lists every problem found on a value, so a form can show
// them all at once instead of one per save attempt.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "; ")
}

// Is makes errors.Is(err, ErrInvalid) true for validation errors.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// For returns the message for one field, or "" when that field is fine.
func (e *ValidationError) For(field string) string {
	for _, p := range e.Problems {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

// problems collects field problems while a value is validated.
type problems []Problem

func (ps *problems) add(field, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// Conflictf returns an ErrConflict with a readable message.
func Conflictf(format string, args ...any) error {
	return &kindError{kind: ErrConflict, msg: fmt.Sprintf(format, args...)}
}

// NotFoundf returns an ErrNotFound with a readable message.
func NotFoundf(format string, args ...any) error {
	return &kindError{kind: ErrNotFound, msg: fmt.Sprintf(format, args...)}
}

// Invalidf returns an ErrInvalid with a readable message.
func Invalidf(format string, args ...any) error {
	return &kindError{kind: ErrInvalid, msg: fmt.Sprintf(format, args...)}
}

// KindError wraps kind with a message meant for the user.
func KindError(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// MeetingClosedf returns an ErrMeetingClosed (and ErrConflict) with a
// readable message.
func MeetingClosedf(format string, args ...any) error {
	return &closedError{msg: fmt.Sprintf(format, args...)}
}

type closedError struct{ msg string }

func (e *closedError) Error() string { return e.msg }
func (e *closedError) Is(target error) bool {
	return target == ErrMeetingClosed || target == ErrConflict
}

type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }

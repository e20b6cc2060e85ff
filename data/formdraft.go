package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A form that is left before it is saved (a decision typed during the
// meeting, a request pasted from a rep's mail, a new pod half set up)
// keeps what was typed as a form draft: autosaved as it is typed, shown
// again when the same form is opened, gone once the form is saved or the
// draft discarded. A draft is never part of the record: not in the
// minutes, the log or search, only of what the facilitator typed.

// DraftForm is a form whose typing is kept as a draft.
type DraftForm string

// The forms that keep drafts.
const (
	DraftDecision    DraftForm = "decision"
	DraftDealRequest DraftForm = "deal_request"
	DraftPod         DraftForm = "pod"
	// The PMM's comment on a meeting's debt check, typed before answering.
	DraftDebtAnswer DraftForm = "debt_answer"
)

// DraftForms are the forms that keep drafts, as the store's CHECK lists them.
var DraftForms = []DraftForm{DraftDecision, DraftDealRequest, DraftPod, DraftDebtAnswer}

// DraftKey names one draft: the form, and which record it is about ("decision
// 7", "new from item 12"). The same form opened on the same record finds it.
type DraftKey struct {
	Form    DraftForm
	Subject string
}

// The subjects a draft can be about. A subject with a number names the
// record it belongs to; DraftLinks says which table that record is in.
const (
	subjectNew           = "new"
	subjectDecision      = "decision"
	subjectFromItem      = "new from item"
	subjectSuperseding   = "new superseding"
	subjectInPod         = "new in pod"
	subjectRequest       = "request"
	subjectPod           = "pod"
	subjectMeeting       = "meeting"
	maxDraftFields       = 400 // a decision with many options stays far below
	maxDraftFieldNameLen = 64
)

// DecisionDraftKey is the draft of the decision editor: of proposal id
// when it exists, else of the new decision from agenda item fromItem,
// superseding supersedes, or simply new in pod.
func DecisionDraftKey(id, fromItem, supersedes, pod int64) DraftKey {
	k := DraftKey{Form: DraftDecision}
	switch {
	case id != 0:
		k.Subject = numbered(subjectDecision, id)
	case fromItem != 0:
		k.Subject = numbered(subjectFromItem, fromItem)
	case supersedes != 0:
		k.Subject = numbered(subjectSuperseding, supersedes)
	default:
		k.Subject = numbered(subjectInPod, pod)
	}
	return k
}

// DealDraftKey is the draft of the deal-desk form: of request id, or of
// the one new request being typed (whichever pod it is for).
func DealDraftKey(id int64) DraftKey {
	if id == 0 {
		return DraftKey{Form: DraftDealRequest, Subject: subjectNew}
	}
	return DraftKey{Form: DraftDealRequest, Subject: numbered(subjectRequest, id)}
}

// PodDraftKey is the draft of the pod form: of pod id, or of the new pod.
func PodDraftKey(id int64) DraftKey {
	if id == 0 {
		return DraftKey{Form: DraftPod, Subject: subjectNew}
	}
	return DraftKey{Form: DraftPod, Subject: numbered(subjectPod, id)}
}

// DebtAnswerDraftKey is the draft of the answer to meeting's debt check.
func DebtAnswerDraftKey(meeting int64) DraftKey {
	return DraftKey{Form: DraftDebtAnswer, Subject: numbered(subjectMeeting, meeting)}
}

func numbered(prefix string, id int64) string { return prefix + " " + strconv.FormatInt(id, 10) }

// DraftLink is the record a draft's subject names: its table and id.
type DraftLink struct {
	Table string
	ID    int64
}

// subjects are each form's subject kinds and the table a number in them names.
var subjects = map[DraftForm]map[string]string{
	DraftDecision:    {subjectDecision: "decisions", subjectFromItem: "agenda_items", subjectSuperseding: "decisions", subjectInPod: "pods"},
	DraftDealRequest: {subjectNew: "", subjectRequest: "deal_requests"},
	DraftPod:         {subjectNew: "", subjectPod: "pods"},
	DraftDebtAnswer:  {subjectMeeting: "meetings"},
}

// Link is the record k is about, and false for a new record's draft that
// names none. An error says what is wrong with a key that no form makes.
func (k DraftKey) Link() (DraftLink, bool, error) {
	kinds, ok := subjects[k.Form]
	if !ok {
		return DraftLink{}, false, fmt.Errorf("%w: no form %q keeps drafts", ErrInvalid, k.Form)
	}
	if table, ok := kinds[k.Subject]; ok && table == "" {
		return DraftLink{}, false, nil
	}
	i := strings.LastIndexByte(k.Subject, ' ')
	if i > 0 {
		table, ok := kinds[k.Subject[:i]]
		id, err := strconv.ParseInt(k.Subject[i+1:], 10, 64)
		if ok && table != "" && err == nil && id > 0 && strconv.FormatInt(id, 10) == k.Subject[i+1:] {
			return DraftLink{Table: table, ID: id}, true, nil
		}
	}
	return DraftLink{}, false, fmt.Errorf("%w: the %s form keeps no draft of %q", ErrInvalid, k.Form, k.Subject)
}

// FormDraft is what was typed into a form and not saved: each field's
// text as typed (a cost "48k", a date "2026-12-31"), keyed by the form's
// own field names.
type FormDraft struct {
	Key     DraftKey
	Fields  map[string]string
	SavedAt time.Time
}

// ValidateDraft checks what a draft may hold: a key some form makes,
// field names a form uses, and text, bounded past the longest field (the
// text may be a draft because it is too long, but never unbounded).
func ValidateDraft(k DraftKey, fields map[string]string) error {
	if _, _, err := k.Link(); err != nil {
		return err
	}
	if len(fields) > maxDraftFields {
		return fmt.Errorf("%w: a draft of %d fields (at most %d)", ErrInvalid, len(fields), maxDraftFields)
	}
	for f, v := range fields {
		if !draftFieldName(f) {
			return fmt.Errorf("%w: %q is not a field name", ErrInvalid, f)
		}
		if !utf8.ValidString(v) || utf8.RuneCountInString(v) > MaxDraftLen {
			return fmt.Errorf("%w: the draft of %s is not text Triad can keep (at most %d characters)", ErrInvalid, f, MaxDraftLen)
		}
	}
	return nil
}

// MaxDraftLen bounds one field of a draft: twice the notes limit.
const MaxDraftLen = 2 * MaxNoteLen

// draftFieldName reports whether f reads as a form's field name:
// lower-case words, digits, dots and underscores ("option.2.cost").
func draftFieldName(f string) bool {
	if f == "" || len(f) > maxDraftFieldNameLen {
		return false
	}
	for _, r := range f {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_') {
			return false
		}
	}
	return true
}

// SameFields reports whether two forms' fields say the same thing; a
// field missing from one is taken as empty, so a form that grew a field
// still matches its record.
func SameFields(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// FormDraftStore keeps what forms hold unsaved.
type FormDraftStore interface {
	// SaveFormDraft replaces k's draft with fields; none clears it.
	SaveFormDraft(ctx context.Context, k DraftKey, fields map[string]string) error
	// FormDraft is k's draft, ErrNotFound when there is none.
	FormDraft(ctx context.Context, k DraftKey) (FormDraft, error)
}

package data

// DealNoticeKind is why another member's change concerns this laptop's
// member.
type DealNoticeKind string

const (
	// NoticeSignOffNeeded: a request now waits for this member's sign-off
	// (they hold the pod's Tech Lead or delegate seat).
	NoticeSignOffNeeded DealNoticeKind = "signoff_needed"
	// NoticeDecided: a request this member filed was signed off, rejected
	// or sent back.
	NoticeDecided DealNoticeKind = "decided"
)

// DealNotice is one change another member made that this laptop tells
// its member about, with the request as it stands after it.
type DealNotice struct {
	Kind    DealNoticeKind
	Request DealRequest
	By      string // the member who made the change, as the pod knows them
}

package data

import (
	"context"
	"strings"
	"time"
)

// Role is one seat of the Triad.
type Role string

const (
	RoleTechLead  Role = "tech_lead"         // Engineering: can we build it, how long?
	RoleProduct   Role = "product_manager"   // Product: should we build it, does it solve the problem?
	RoleMarketing Role = "marketing_manager" // Sales/GTM: can we sell it, what will they pay?
)

// Roles lists the three seats in the order Triad shows them.
var Roles = []Role{RoleTechLead, RoleProduct, RoleMarketing}

// Title is the seat's name: "Tech Lead".
func (r Role) Title() string {
	switch r {
	case RoleTechLead:
		return "Tech Lead"
	case RoleProduct:
		return "Product Manager"
	case RoleMarketing:
		return "Product Marketing Manager"
	}
	return string(r)
}

// Function is the side of the company the seat speaks for.
func (r Role) Function() string {
	switch r {
	case RoleTechLead:
		return "Engineering"
	case RoleProduct:
		return "Product"
	case RoleMarketing:
		return "Sales / GTM"
	}
	return ""
}

// Short is a compact label for tight columns: "TL", "PM", "PMM".
func (r Role) Short() string {
	switch r {
	case RoleTechLead:
		return "TL"
	case RoleProduct:
		return "PM"
	case RoleMarketing:
		return "PMM"
	}
	return ""
}

// Valid reports whether r is one of the three seats.
func (r Role) Valid() bool {
	return r == RoleTechLead || r == RoleProduct || r == RoleMarketing
}

// Leader is the person in one seat of a pod.
type Leader struct {
	ID    int64 // stable member id, referenced by attendance, positions, commitments
	Role  Role
	Name  string
	Email string
}

// Pod is a product line and its Triad: three leaders who meet weekly.
type Pod struct {
	ID          int64
	UID         string // global id, the same on every laptop of a team
	Name        string
	Description string
	MeetingDay  time.Weekday // the weekly meeting's day
	MeetingTime ClockTime    // and its local start time
	TimeZone    string       // IANA name the meeting's times are in, e.g. "Europe/Berlin"; "" for none yet
	Leaders     [3]Leader    // indexed as Roles: Tech Lead, PM, PMM
	Overrides   Overrides    // the pod's own rules; nil fields inherit
	// Delegates may sign off deal-desk requests for the Tech Lead; the
	// decision dialog offers only these names, so the record names a person
	// the pod agreed on rather than whatever was typed.
	Delegates []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NewPod returns an empty pod with its seats labelled, meeting Monday 10:00.
func NewPod() Pod {
	p := Pod{MeetingDay: time.Monday, MeetingTime: 10 * 60}
	for i, r := range Roles {
		p.Leaders[i].Role = r
	}
	return p
}

// Leader returns the pod's leader in seat r.
func (p *Pod) Leader(r Role) *Leader {
	for i := range p.Leaders {
		if p.Leaders[i].Role == r {
			return &p.Leaders[i]
		}
	}
	return nil
}

// Member returns the leader with the given member id, if it is one of this pod's.
func (p *Pod) Member(id int64) (Leader, bool) {
	for _, l := range p.Leaders {
		if l.ID == id && id != 0 {
			return l, true
		}
	}
	return Leader{}, false
}

// Normalize trims what the user typed so that "  Ana  Ruiz " is stored once.
func (p *Pod) Normalize() {
	p.Name = CleanLine(p.Name)
	p.Description = strings.TrimSpace(p.Description)
	p.TimeZone = strings.TrimSpace(p.TimeZone)
	for i := range p.Leaders {
		p.Leaders[i].Name = CleanLine(p.Leaders[i].Name)
		p.Leaders[i].Email = strings.TrimSpace(p.Leaders[i].Email)
	}
	p.Delegates = NormalizeDelegates(p.Delegates)
}

// NormalizeDelegates trims each name and drops empty lines.
func NormalizeDelegates(names []string) []string {
	var out []string
	for _, n := range names {
		if n = CleanLine(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// MaxDelegates bounds a pod's delegate list; a handful is what a Tech Lead names.
const MaxDelegates = 20

// Delegate returns the pod's delegate named name (ignoring case and
// spacing) as it is written in the pod.
func (p Pod) Delegate(name string) (string, bool) {
	want := strings.ToLower(CleanLine(name))
	for _, d := range p.Delegates {
		if strings.ToLower(d) == want && want != "" {
			return d, true
		}
	}
	return "", false
}

// Validate checks a pod and returns every problem found.
// Field names are "name", "description", "<role>.name", "<role>.email",
// "meeting_day", "meeting_time", "time_zone" and "overrides".
func (p Pod) Validate() error {
	var ps problems
	checkName(&ps, "name", "The pod", p.Name, true)
	checkText(&ps, "description", "The description", p.Description, 2000)
	if p.MeetingDay < time.Sunday || p.MeetingDay > time.Saturday {
		ps.add("meeting_day", "Choose the weekday the pod meets")
	}
	if p.MeetingTime < 0 || p.MeetingTime >= 24*60 {
		ps.add("meeting_time", "The meeting time must be between 00:00 and 23:59")
	}
	if msg := CheckTimeZone(p.TimeZone); msg != "" {
		ps.add("time_zone", "%s", msg)
	}
	for i, r := range Roles {
		l := p.Leaders[i]
		if l.Role != r {
			ps.add(string(r)+".name", "The %s seat is out of order", r.Title())
			continue
		}
		checkName(&ps, string(r)+".name", r.Title(), l.Name, true)
		if msg := CheckEmail(l.Email); msg != "" {
			ps.add(string(r)+".email", "%s: %s", r.Title(), msg)
		}
	}
	checkDelegates(&ps, p.Delegates)
	if !p.Overrides.IsZero() {
		if err := p.Overrides.Apply(DefaultSettings()).Validate(); err != nil {
			ps.add("overrides", "The pod's own rules: %s", err.Error())
		}
	}
	return ps.err()
}

func checkDelegates(ps *problems, names []string) {
	if len(names) > MaxDelegates {
		ps.add("delegates", "A pod names at most %d delegates", MaxDelegates)
	}
	seen := map[string]bool{}
	for _, n := range names {
		checkName(ps, "delegates", "A delegate", n, true)
		key := strings.ToLower(n)
		if seen[key] {
			ps.add("delegates", "%s is on the delegate list twice", n)
		}
		seen[key] = true
	}
}

// UsageCount is one kind of record a pod holds, for "what will go" prompts.
type UsageCount struct {
	Label string // plural noun, e.g. "meetings"
	N     int
}

// PodUsage lists what deleting a pod would remove.
type PodUsage []UsageCount

// Empty reports whether the pod holds nothing.
func (u PodUsage) Empty() bool {
	for _, c := range u {
		if c.N > 0 {
			return false
		}
	}
	return true
}

// String is "3 meetings, 12 agenda items", skipping zeros.
func (u PodUsage) String() string {
	var parts []string
	for _, c := range u {
		if c.N > 0 {
			parts = append(parts, itoa(c.N)+" "+c.Label)
		}
	}
	return strings.Join(parts, ", ")
}

// PodStore keeps pods and their leaders.
type PodStore interface {
	Pods(ctx context.Context) ([]Pod, error) // by name
	Pod(ctx context.Context, id int64) (Pod, error)
	CreatePod(ctx context.Context, p Pod) (Pod, error)
	UpdatePod(ctx context.Context, p Pod) (Pod, error)
	DeletePod(ctx context.Context, id int64) error
	PodUsage(ctx context.Context, id int64) (PodUsage, error)
}

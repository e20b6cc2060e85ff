package minutes

import (
	"fmt"
	"strings"
	"time"

	"triad/data"
	"triad/data/chart"
)

var cet = time.FixedZone("CET", 3600)

func day(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// lineChart lays out a small line chart the way the window's chart
// builders do, for tests that need a figure.
func lineChart(title string, labels []string, values []float64, target float64) chart.Figure {
	const w, h, left, right, top, bottom = 320.0, 180.0, 34.0, 20.0, 10.0, 24.0
	maxV := target
	for _, v := range values {
		maxV = max(maxV, v)
	}
	maxV *= 1.15
	plotW, plotH := w-left-right, h-top-bottom
	y := func(v float64) float64 { return top + plotH - v/maxV*plotH }
	f := chart.Figure{Width: w, Height: h, Title: title}
	for i := 0; i <= 4; i++ {
		v := maxV * float64(i) / 4
		f.Lines = append(f.Lines, chart.Line{X1: left, Y1: y(v), X2: w - right, Y2: y(v), Width: 0.5, Color: chart.Grid})
		f.Texts = append(f.Texts, chart.Text{X: left - 4, Y: y(v) - 4, Text: fmt.Sprintf("%.0f", v), Size: 7, Color: chart.Ink, Align: chart.AlignRight})
	}
	f.Lines = append(f.Lines, chart.Line{X1: left, Y1: y(target), X2: w - right, Y2: y(target), Width: 1, Color: chart.Target, Dashed: true})
	step := plotW / float64(len(values)-1)
	for i, v := range values {
		x := left + float64(i)*step
		if i > 0 {
			f.Lines = append(f.Lines, chart.Line{X1: x - step, Y1: y(values[i-1]), X2: x, Y2: y(v), Width: 1.6, Color: chart.Series})
		}
		f.Dots = append(f.Dots, chart.Dot{X: x, Y: y(v), R: 2.5, Fill: chart.Series})
		f.Texts = append(f.Texts, chart.Text{X: x, Y: h - bottom + 6, Text: labels[i], Size: 7, Color: chart.Ink, Align: chart.AlignCenter})
	}
	return f
}

const longNote = `Łukasz walked through the proposal for instant payouts. The ledger service already supports same-day settlement for EUR and GBP; USD needs a new bank partner, which adds legal review (four to six weeks) before engineering can start. The team estimates six to eight weeks of work for two engineers once the partner contract is signed, including the reconciliation report finance asked for.

José pointed out that the three largest churned accounts last quarter all named payout speed in their exit interviews, and that the support queue has 41 open tickets about delayed payouts. He proposed starting with EUR and GBP only, so customers see progress this quarter.

Ольга reported that two prospects (Nordlicht GmbH and 株式会社サクラ物流) asked for instant payouts in their RFPs, and that a competitor charges 1% per payout for the same feature. Her view is that we can charge a flat fee per payout rather than a percentage, which sales expect to land better with mid-market customers.

Open questions: whether finance can fund the float for weekend payouts, and whether the bank partner's API limits (600 requests per minute) are enough for the largest merchants. Łukasz will check the limits with the partner before the next meeting.`

// sampleMinutes is a realistic meeting: names in several scripts, a long
// note, a dissent, an overdue deal request and a chart.
func sampleMinutes() Minutes {
	tl := Person{Name: "Łukasz Wiśniewski", Role: "Tech Lead", Email: "lukasz@atlas.example"}
	pm := Person{Name: "José Ñúñez", Role: "Product Manager", Email: "jose@atlas.example"}
	pmm := Person{Name: "Ольга Петрова", Role: "Product Marketing Manager", Email: "olga@atlas.example"}
	return Minutes{
		Pod:         "Atlas Payments",
		Date:        day("2026-11-25"),
		Start:       time.Date(2026, 11, 25, 10, 0, 0, 0, cet),
		End:         time.Date(2026, 11, 25, 11, 7, 0, 0, cet),
		Facilitator: "José Ñúñez",
		Currency:    "USD",
		GeneratedAt: time.Date(2026, 11, 25, 11, 12, 0, 0, cet),
		Attendance: Attendance{
			Present: []Person{tl, pm, pmm},
			Absent:  []Person{{Name: "Zoë Achterberg", Role: "Design Lead", Email: "zoe@atlas.example"}},
			Guests: []Person{
				{Name: "陈伟", Role: "Solutions Engineer, APAC", Email: "chen.wei@atlas.example"},
				{Name: "Νίκος Παπαδόπουλος", Role: "Finance Business Partner"},
				{Name: "ليلى حداد", Role: "Regional Sales, MENA", Email: "layla@atlas.example"},
			},
		},
		AgendaTaken: 62,
		Agenda: []AgendaItem{
			{
				Title: "Instant payouts for EU merchants", Presenter: tl.Name, Kind: "Feature proposal",
				Planned: 20, Actual: 27, Notes: longNote,
				Outcome: "Build EUR and GBP first; USD waits for the bank partner contract.", OutcomeType: OutcomeDecision,
				Logged: true, // both decisions of the log came from it
				Questions: &TriadAnswers{
					CanBuild: VerdictWithChanges, HowLong: "6–8 weeks, 2 engineers", EngineerBy: tl.Name,
					ShouldBuild: VerdictYes, SolvesProblem: "Payout speed is the top reason mid-market merchants churn.", ProductBy: pm.Name,
					CanSell: VerdictYes, WillPay: data.Dollars(1), WillPaySaid: "$1 per payout (flat fee)", GTMBy: pmm.Name,
				},
			},
			{
				Title: "Deal desk: Nordlicht GmbH multi-year discount", Presenter: pmm.Name, Kind: "Deal desk",
				Planned: 10, Actual: 8, Outcome: "Signed off at 18% with a 3-year term.", OutcomeType: OutcomeDecision,
			},
			{
				Title: "Roadmap debt check", Presenter: tl.Name, Kind: "Roadmap", Planned: 10, Actual: 12,
				Outcome: "Two maintenance items move into the December plan.", OutcomeType: OutcomeNoted,
				CarriedFrom: day("2026-11-18"),
			},
			{
				Title: "Retire the legacy CSV export", Presenter: pm.Name, Kind: "Feature proposal", Planned: 10, Actual: 10,
				Notes:       "Usage is down to 14 merchants; all have been offered the new export API. Support asked for 60 days' notice.",
				Outcome:     "Announce on 1 December; switch off on 31 January.",
				OutcomeType: OutcomeDecision,
				Questions: &TriadAnswers{
					CanBuild: VerdictYes, HowLong: "3 days", EngineerBy: tl.Name,
					ShouldBuild: VerdictYes, SolvesProblem: "Removes a weekly on-call burden and a data-leak risk.", ProductBy: pm.Name,
					CanSell: VerdictNo, GTMBy: pmm.Name,
				},
			},
			{
				Title: "Japanese invoice format (適格請求書)", Presenter: "陈伟", Kind: "Customer request", Planned: 10, Actual: 5,
				Outcome: "Needs a quote from the tax partner before we size it.", OutcomeType: OutcomeNoted,
			},
		},
		Decisions: []Decision{
			{
				Question: "Which currencies does instant payout launch with?",
				Options:  []string{"EUR and GBP now, USD later", "All three together in Q2", "USD first"},
				Chosen:   "EUR and GBP now, USD later",
				Why:      "Customers see progress this quarter and the USD contract does not block the launch.",
				Decider:  pm.Name,
				Positions: []Position{
					{Member: tl.Name, Role: tl.Role, Stance: StanceAgree, Reasoning: "The EU rails are ready.", Commitment: Commit},
					{Member: pm.Name, Role: pm.Role, Stance: StanceAgree, Reasoning: "Fastest path to the churn problem.", Commitment: Commit},
					{Member: pmm.Name, Role: pmm.Role, Stance: StanceDisagree, Reasoning: "US prospects are 60% of the pipeline; launching without USD weakens the story for the Q1 campaign.", Commitment: DisagreeAndCommit},
				},
			},
			{
				Question: "Price instant payouts as a flat fee or a percentage?",
				Options:  []string{"$1 flat per payout", "0.5% per payout"},
				Chosen:   "$1 flat per payout",
				Why:      "Predictable for merchants, and undercuts the competitor's 1%.",
				Decider:  pmm.Name,
				Positions: []Position{
					{Member: tl.Name, Role: tl.Role, Stance: StanceAbstain, Reasoning: "No view on pricing.", Commitment: Commit},
					{Member: pm.Name, Role: pm.Role, Stance: StanceAgree, Commitment: Commit},
					{Member: pmm.Name, Role: pmm.Role, Stance: StanceAgree, Commitment: Commit},
				},
			},
		},
		DealDesk: DealDesk{
			Threshold: data.Dollars(50000),
			SLA:       24 * time.Hour,
			Requests: []DealRequest{
				{Customer: "Nordlicht GmbH", Value: data.Dollars(240000), Ask: "18% discount for a 3-year term", RequestedBy: "Zoë Achterberg", State: "Signed off"},
				{Customer: "株式会社サクラ物流", Value: data.Dollars(185000), Ask: "Japanese invoice format and JPY billing", RequestedBy: "陈伟", State: "Awaiting sign-off", Waiting: 31 * time.Hour, Overdue: true},
				{Customer: "Brightwater Retail", Value: data.Dollars(72500), Ask: "Net-60 payment terms", RequestedBy: "Marcus Reid", State: "Awaiting sign-off", Waiting: 5 * time.Hour},
			},
			SignOffs: []SignOff{
				{Customer: "Nordlicht GmbH", Value: data.Dollars(240000), Approver: pmm.Name, Approved: true, Took: 7*time.Hour + 20*time.Minute},
				{Customer: "Kestrel Logistics", Value: data.Money(9875050), Approver: tl.Name, OnBehalfOf: pm.Name, Approved: false, Took: 26 * time.Hour},
			},
		},
		Roadmap: &DebtCheck{
			Ratio: 1400, Quota: 2000, Band: BandAmber,
			Shortfall: "2 maintenance items short of the 20% quota for the next six weeks.",
			Counts:    []Count{{"Features", 12}, {"Maintenance", 2}, {"Total", 14}},
			Response:  PMMResponse{State: ResponseDisputed, By: pmm.Name, Comment: "The payout work retires the old settlement job, which is maintenance in all but name."},
		},
		Charts: []chart.Figure{
			lineChart("Maintenance share of the roadmap (%)", []string{"Oct 7", "Oct 14", "Oct 21", "Oct 28", "Nov 4", "Nov 11", "Nov 18", "Nov 25"}, []float64{22, 21, 19, 18, 18, 16, 15, 14}, 20),
			lineChart("Deal-desk sign-off time (hours)", []string{"Oct 7", "Oct 14", "Oct 21", "Oct 28", "Nov 4", "Nov 11", "Nov 18", "Nov 25"}, []float64{12, 9, 18, 30, 14, 11, 8, 16}, 24),
		},
		Revenue: []RevenueGoal{
			{Feature: "Smart retries", Goal: data.Dollars(250000), Actual: data.Dollars(262500)},
			{Feature: "Multi-currency wallets", Goal: data.Dollars(400000), Actual: data.Dollars(148000)},
		},
		Celebrate: "Smart retries passed its $250,000 revenue goal, six weeks early.",
		Actions: Actions{
			New: []ActionItem{
				{Text: "Confirm the bank partner's API rate limits for the largest merchants", Owner: tl.Name, Due: day("2026-12-02")},
				{Text: "Draft the instant payouts launch brief (EUR and GBP)", Owner: pmm.Name, Due: day("2026-12-09")},
				{Text: "Announce the CSV export retirement to the 14 remaining merchants", Owner: pm.Name, Due: day("2026-12-01")},
			},
			CarriedOver: []ActionItem{
				{Text: "Get a quote for the Japanese invoice format from the tax partner", Owner: "陈伟", Due: day("2026-12-02"), CarriedFrom: day("2026-11-18")},
			},
			Done: []ActionItem{
				{Text: "Publish the Q4 pricing page update", Owner: pmm.Name, DoneOn: day("2026-11-20")},
			},
			Overdue: []ActionItem{
				{Text: "Sign off the Sakura Logistics request (waiting since Monday)", Owner: pm.Name, Due: day("2026-11-24")},
				{Text: "Write the post-incident review for the 12 Nov settlement delay", Owner: tl.Name, Due: day("2026-11-19")},
			},
		},
		NextMeeting: day("2026-12-02"),
	}
}

// typicalMinutes is the size the benchmarks call typical: 10 agenda
// items, 5 decisions, 10 deal requests and 15 action items.
func typicalMinutes() Minutes {
	m := sampleMinutes()
	base := m.Agenda
	m.Agenda = nil
	for i := 0; i < 10; i++ {
		it := base[i%len(base)]
		it.Title = fmt.Sprintf("%s (%d)", it.Title, i+1)
		m.Agenda = append(m.Agenda, it)
	}
	for len(m.Decisions) < 5 {
		m.Decisions = append(m.Decisions, m.Decisions[len(m.Decisions)%2])
	}
	reqs := m.DealDesk.Requests
	for len(m.DealDesk.Requests) < 10 {
		m.DealDesk.Requests = append(m.DealDesk.Requests, reqs[len(m.DealDesk.Requests)%len(reqs)])
	}
	all := append(append(append([]ActionItem{}, m.Actions.New...), m.Actions.CarriedOver...), m.Actions.Overdue...)
	for len(m.Actions.New)+len(m.Actions.CarriedOver)+len(m.Actions.Done)+len(m.Actions.Overdue) < 15 {
		m.Actions.New = append(m.Actions.New, all[len(m.Actions.New)%len(all)])
	}
	return m
}

// longMinutes grows the typical meeting until it fills about 50 pages.
func longMinutes() Minutes {
	m := typicalMinutes()
	base := m.Agenda
	note := strings.Repeat(longNote+"\n\n", 2)
	m.Agenda = nil
	for i := 0; i < 52; i++ {
		it := base[i%len(base)]
		it.Notes = note
		m.Agenda = append(m.Agenda, it)
	}
	for i := 0; i < 40; i++ {
		m.Actions.CarriedOver = append(m.Actions.CarriedOver, m.Actions.New[i%len(m.Actions.New)])
	}
	return m
}

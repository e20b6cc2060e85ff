package data

import "testing"

func TestAmountInReadsTheFigureInWhatThePMMSaid(t *testing.T) {
	cases := []struct {
		said string
		want Money
		ok   bool
	}{
		{"8 USD per merchant a month", Dollars(8), true},
		{"12k a year", Dollars(12_000), true},
		{"$1,200/yr", Dollars(1_200), true},
		{"€50 each", Dollars(50), true},
		{"about 1.5M ARR in year one", Dollars(1_500_000), true},
		{"2.50 per payout", 250, true},
		{"USD 40 a seat", Dollars(40), true},
		{"3 kids", Dollars(3), true}, // "k" only scales when it ends the figure's word
		{"they would not say", 0, false},
		{"-5 per seat", 0, false},
		{"Q3 budget", 0, false}, // a digit inside a word is not a figure
		{"", 0, false},
	}
	for _, c := range cases {
		got, ok := AmountIn(c.said)
		if ok != c.ok || got != c.want {
			t.Errorf("AmountIn(%q) = %v, %v; want %v, %v", c.said, got, ok, c.want, c.ok)
		}
	}
}

func TestWillPayKeepsTheWordsAndCountsAsAnswered(t *testing.T) {
	var a TriadAnswers
	a.SetWillPay("  they would not say  ")
	if a.WillPayText != "they would not say" || a.WillPay != nil {
		t.Fatalf("words without a figure: %+v", a)
	}
	if a.Unanswered() != 5 {
		t.Errorf("an answer in words is an answer: %d open, want 5", a.Unanswered())
	}
	a.SetWillPay("8 USD per merchant a month")
	if a.WillPay == nil || *a.WillPay != Dollars(8) || a.WillPaySaid("USD") != "8 USD per merchant a month" {
		t.Errorf("got %+v, said %q", a, a.WillPaySaid("USD"))
	}
	old := TriadAnswers{WillPay: ptrMoney(Dollars(12_000))}
	if got := old.WillPaySaid("USD"); got != Dollars(12_000).Format("USD") {
		t.Errorf("an amount recorded before the words were kept reads %q", got)
	}
	a.SetWillPay("")
	if a.WillPay != nil || a.Unanswered() != 6 {
		t.Errorf("clearing the answer leaves %+v", a)
	}
}

func TestAnAgendaItemHoldsBackAnUnfitPayAnswerAsADraft(t *testing.T) {
	saved := AgendaItem{ID: 1, Title: "Payouts API", Kind: KindFeatureProposal}
	edited := saved
	edited.Notes = "kept"
	edited.Answers.WillPayText = "12k a year \u202e"
	out, held := edited.HoldBack(saved)
	if out.Notes != "kept" || out.Answers.WillPayText != "" || len(held) == 0 {
		t.Fatalf("HoldBack = %+v, %v", out, held)
	}
	drafts := edited.HeldDrafts(held)
	back := out.WithDrafts(drafts)
	if back.Answers.WillPayText != edited.Answers.WillPayText || back.Answers.WillPay == nil || *back.Answers.WillPay != Dollars(12_000) {
		t.Errorf("the draft gives back %+v from %v", back.Answers, drafts)
	}
}

func ptrMoney(m Money) *Money { return &m }

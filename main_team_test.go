package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"triad/data"
	tsync "triad/data/sync"
	"triad/data/sync/natsync"
)

// sockets counts this process's open sockets (Linux).
func sockets(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc here")
	}
	n := 0
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && strings.HasPrefix(target, "socket:") {
			n++
		}
	}
	return n
}

func TestSingleLaptopDefaultStartsNoSyncAndOpensNoSocket(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts sockets through /proc")
	}
	before := sockets(t)
	s, err := openStore(filepath.Join(t.TempDir(), "triad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if w := startSync(s, func(string) { t.Error("a status line with no team") }, nil, nil); w != nil {
		t.Fatal("a sync worker started for a database of no team")
	}
	ctx := context.Background()
	p := data.NewPod()
	p.Name = "Solo"
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "A", "B", "C"
	pod, err := s.CreatePod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateDealRequest(ctx, data.DealRequest{PodID: pod.ID, Customer: "Acme", Value: data.Dollars(90_000),
		RepName: "Sam", Features: "SSO", NeedsNewFeature: true, ReceivedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if waiting, sent, err := s.OutboxCounts(ctx); err != nil || waiting+sent != 0 {
		t.Fatalf("outbox: %d waiting, %d sent, %v", waiting, sent, err)
	}
	if after := sockets(t); after != before {
		t.Fatalf("%d sockets before, %d after", before, after)
	}
}

func TestTeamKeyComesFromTheConfigFolder(t *testing.T) {
	keys := filepath.Join(t.TempDir(), "keys")
	path := filepath.Join(t.TempDir(), "triad.db")
	s, err := openStore(path)
	if err != nil {
		t.Fatal(err)
	}
	k, err := tsync.LoadOrCreateKey(keys, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetUpTeam(context.Background(), "acme", "nats://127.0.0.1:1", "Dan", k); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = openStore(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := useTeamKey(s, func() (string, error) { return keys, nil }); err != nil {
		t.Fatalf("loading the key: %v", err)
	}
	if err := useTeamKey(s, func() (string, error) { return t.TempDir(), nil }); err == nil {
		t.Fatal("a missing key was not reported")
	}
	// With a team, the window's worker starts, offline, and stops with the store.
	lines := make(chan string, 16)
	w := startSync(s, func(l string) { lines <- l }, nil, nil)
	if w == nil {
		t.Fatal("no worker for a team database")
	}
	s.stopSync = w.Stop
	if l := <-lines; !strings.HasPrefix(l, "Team acme: ") {
		t.Fatalf("status line %q", l)
	}
}

// The window's worker tells this laptop's member what concerns them: the
// Tech Lead's laptop hears of a request waiting for their sign-off, which
// the facilitator filed on theirs.
func TestSyncTellsTheTechLeadsLaptopOfARequestWaiting(t *testing.T) {
	ctx := context.Background()
	hub, err := natsync.StartHub(natsync.HubOptions{Dir: t.TempDir(), Team: "acme", Host: "127.0.0.1", Port: -1, FoundingCode: "TEST-CODE"})
	if err != nil {
		t.Fatal(err)
	}
	defer hub.Stop()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	open := func() (*lockedStore, *tsync.Key, data.Pod) {
		s, err := openStore(filepath.Join(t.TempDir(), "triad.db"))
		must(err)
		t.Cleanup(func() { s.Close() })
		k, err := tsync.NewKey()
		must(err)
		p := data.NewPod()
		p.Name = "Payments"
		p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "Tom Berg", "Lea Roy"
		pod, err := s.CreatePod(ctx, p)
		must(err)
		return s, k, pod
	}
	fac, fk, pod := open()
	tl, tk, tlPod := open()
	must(fac.SetUpTeam(ctx, "acme", hub.URL(), "Dan", fk))
	must(fac.SharePod(ctx, pod.UID, []tsync.Seat{tsync.SeatFacilitator}, natsync.Founder(hub.URL(), "TEST-CODE", fk)))
	g, err := tsync.NewGrant(fk, "acme", pod.UID, tsync.SeatTechLead)
	must(err)
	must(tl.SetPodUID(ctx, tlPod.ID, pod.UID))
	must(tl.SetUpTeam(ctx, "acme", hub.URL(), "Priya Raman", tk))
	must(tl.AddMember(ctx, pod.UID, tsync.Member{Key: fk.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}))
	must(tl.AskToJoin(ctx, pod.UID, tsync.SeatTechLead, g))
	asks, err := tl.PendingEvents(ctx, 10)
	must(err)
	_, err = fac.ApplyEvent(ctx, asks[0])
	must(err)
	_, err = fac.DecideJoin(ctx, g.Nonce, true)
	must(err)

	facNotices, tlNotices := make(chan data.DealNotice, 8), make(chan data.DealNotice, 8)
	forward := func(to chan data.DealNotice) func([]data.DealNotice) {
		return func(ns []data.DealNotice) {
			for _, n := range ns {
				to <- n
			}
		}
	}
	for _, x := range []struct {
		s  *lockedStore
		ch chan data.DealNotice
	}{{fac, facNotices}, {tl, tlNotices}} {
		w := startSync(x.s, func(string) {}, nil, forward(x.ch))
		if w == nil {
			t.Fatal("no worker")
		}
		x.s.stopSync = w.Stop
	}
	r, err := fac.CreateDealRequest(ctx, data.DealRequest{PodID: pod.ID, Customer: "Acme", Value: data.Dollars(120_000),
		RepName: "Sam", Features: "SSO", NeedsNewFeature: true, ReceivedAt: time.Now()})
	must(err)
	select {
	case n := <-tlNotices:
		if n.Kind != data.NoticeSignOffNeeded || n.Request.UID != r.UID || n.By != "Dan" {
			t.Fatalf("the Tech Lead's laptop was told %+v", n)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the Tech Lead's laptop was not told of the request")
	}
	select {
	case n := <-facNotices:
		t.Fatalf("the facilitator's laptop was told %+v", n)
	default:
	}
}

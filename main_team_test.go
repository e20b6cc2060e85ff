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

package natsync

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	tsync "triad/data/sync"
)

// streamConfig is the team's stream: every event of every pod, on file.
func streamConfig(team string) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:       StreamName(team),
		Subjects:   []string{"triad." + team + ".>"},
		Storage:    jetstream.FileStorage,
		Retention:  jetstream.LimitsPolicy,
		Duplicates: 10 * time.Minute,
	}
}

// readRoster makes the team's stream when it is missing, and gives the
// hub's roster every pod's sharing and every join's ask and answer in it,
// from the first, while the hub runs. It returns once the roster has read
// what the stream held: until then the hub lets no member in.
func readRoster(srv *server.Server, team string, key *tsync.Key, auth *hubAuth) (*nats.Conn, error) {
	nc, err := nats.Connect("", nats.InProcessServer(srv), nats.Nkey(key.Public, key.Sign), nats.Name("triad-hub roster"))
	if err != nil {
		return nil, fmt.Errorf("the hub cannot read its own stream: %w", err)
	}
	fail := func(what string, err error) (*nats.Conn, error) {
		nc.Close()
		return nil, fmt.Errorf("the hub's %s: %w", what, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return fail("stream", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := js.CreateOrUpdateStream(ctx, streamConfig(team)); err != nil {
		return fail("stream", err)
	}
	cons, err := js.CreateConsumer(ctx, StreamName(team), jetstream.ConsumerConfig{
		FilterSubjects:    []string{"triad." + team + ".*." + string(tsync.KindPodShared), "triad." + team + ".*.member.>"},
		DeliverPolicy:     jetstream.DeliverAllPolicy,
		AckPolicy:         jetstream.AckNonePolicy,
		InactiveThreshold: time.Minute,
	})
	if err != nil {
		return fail("roster", err)
	}
	caught := make(chan struct{})
	var once gosync.Once
	upToDate := func() { once.Do(func() { auth.setReady(); close(caught) }) }
	if cons.CachedInfo().NumPending == 0 {
		upToDate()
	}
	if _, err := cons.Consume(func(m jetstream.Msg) {
		// An event published under another pod's (or invitee's) subject
		// than its own is not taken: permissions are per subject.
		var ev tsync.Event
		if json.Unmarshal(m.Data(), &ev) == nil && ev.Subject() == m.Subject() {
			auth.take(ev)
		}
		if md, err := m.Metadata(); err == nil && md.NumPending == 0 {
			upToDate()
		}
	}); err != nil {
		return fail("roster", err)
	}
	select {
	case <-caught:
		return nc, nil
	case <-ctx.Done():
		return fail("roster", errors.New("it did not finish reading the stream"))
	}
}

// foundingCode is o's code, or the one kept in the hub's folder, made on
// the first start.
func foundingCode(o HubOptions) (string, error) {
	if o.FoundingCode != "" {
		return o.FoundingCode, nil
	}
	path := filepath.Join(o.Dir, "founding-code")
	if b, err := os.ReadFile(path); err == nil {
		if code := strings.TrimSpace(string(b)); code != "" {
			return code, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	var raw [15]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	s := base32.StdEncoding.EncodeToString(raw[:]) // 24 letters and digits
	code := s[0:6] + "-" + s[6:12] + "-" + s[12:18] + "-" + s[18:24]
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return "", err
	}
	if err := os.WriteFile(path, []byte(code+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("the hub's founding code: %w", err)
	}
	return code, nil
}

// Package natsync carries a team's events over NATS JetStream: the worker
// that publishes a replica's outbox and applies the others' events, and
// the embedded JetStream server `triad hub` runs.
package natsync

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	tsync "triad/data/sync"
)

// HubOptions configure an embedded hub.
type HubOptions struct {
	Dir  string // JetStream file storage; required
	Team string // the team it serves; required
	Host string // "" listens on every interface
	Port int    // -1 picks a free port; 0 is NATS's 4222
	// TLSCert and TLSKey, both set, make clients connect with TLS.
	TLSCert, TLSKey string
	// FoundingCode lets whoever shows it share a new pod; "" reads it
	// from Dir, or makes one there on the first start.
	FoundingCode string
}

// Hub is a running embedded JetStream server that lets in only the
// team's members, each to its own pods (see auth.go).
type Hub struct {
	srv  *server.Server
	feed *nats.Conn
	code string
}

// StartHub starts a JetStream server with file storage in o.Dir and waits
// until it takes connections.
func StartHub(o HubOptions) (*Hub, error) {
	if o.Dir == "" {
		return nil, errors.New("the hub needs a folder for its storage (--dir)")
	}
	if err := tsync.ValidTeam(o.Team); err != nil {
		return nil, fmt.Errorf("the hub's team (--team): %w", err)
	}
	code, err := foundingCode(o)
	if err != nil {
		return nil, err
	}
	hubKey, err := tsync.NewKey()
	if err != nil {
		return nil, err
	}
	auth := newHubAuth(o.Team, code, hubKey.Public)
	opts := &server.Options{
		ServerName:                 "triad-hub",
		Host:                       o.Host,
		Port:                       o.Port,
		JetStream:                  true,
		StoreDir:                   o.Dir,
		NoSigs:                     true,
		NoLog:                      true,
		AlwaysEnableNonce:          true,
		CustomClientAuthentication: auth,
	}
	if o.Host == "" {
		opts.Host = "0.0.0.0"
	}
	if o.TLSCert != "" || o.TLSKey != "" {
		tc, err := server.GenTLSConfig(&server.TLSConfigOpts{CertFile: o.TLSCert, KeyFile: o.TLSKey})
		if err != nil {
			return nil, fmt.Errorf("the hub's certificate: %w", err)
		}
		opts.TLSConfig, opts.TLS = tc, true
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("cannot start the hub: %w", err)
	}
	srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("the hub did not start listening on %s:%d", opts.Host, o.Port)
	}
	auth.kick = func(id uint64) { _ = srv.DisconnectClientByID(id) }
	feed, err := readRoster(srv, o.Team, hubKey, auth)
	if err != nil {
		srv.Shutdown()
		return nil, err
	}
	return &Hub{srv: srv, feed: feed, code: code}, nil
}

// FoundingCode is the code that lets its holder share a new pod.
func (h *Hub) FoundingCode() string { return h.code }

// URL is the address clients connect to.
func (h *Hub) URL() string { return h.srv.ClientURL() }

// Port is the port the hub listens on.
func (h *Hub) Port() int {
	if a, ok := h.srv.Addr().(*net.TCPAddr); ok {
		return a.Port
	}
	return 0
}

// Stop shuts the hub down and waits for it.
func (h *Hub) Stop() {
	h.feed.Close()
	h.srv.Shutdown()
	h.srv.WaitForShutdown()
}

// Wait blocks until the hub stops.
func (h *Hub) Wait() { h.srv.WaitForShutdown() }

package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"triad/data"
	tsync "triad/data/sync"
	"triad/data/sync/natsync"
)

// useTeamKey gives a database of a team this laptop's key for it, from the
// config folder, so its changes can be signed. A database of no team is
// left alone; a missing key is said once, and the shared pods' changes
// are then refused with a message that says why.
func useTeamKey(s *lockedStore, keyDir func() (string, error)) error {
	cfg, ok := s.Team()
	if !ok {
		return nil
	}
	dir, err := keyDir()
	if err != nil {
		return err
	}
	k, err := tsync.LoadKey(dir, cfg.Team)
	if err != nil {
		return err
	}
	return s.UseKey(k)
}

// startSync starts the team's sync worker for the window, reporting its
// status line through show, when the database belongs to a team. With no
// team it starts nothing and opens no connection: it returns nil. After
// each batch of other members' changes, changed is called, and notify
// with those that concern this laptop's member (either may be nil).
func startSync(s *lockedStore, show func(string), changed func(), notify func([]data.DealNotice)) *natsync.Worker {
	cfg, ok := s.Team()
	if !ok {
		return nil
	}
	// A field this build added to a pod's form goes out once, from the
	// facilitator's laptop, with the first sync.
	if _, err := s.SendNewFormFields(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "triad: sending the pods' new form fields:", err)
	}
	w, err := natsync.Start(s.DB, natsync.Options{OnStatus: func(st natsync.Status) {
		show("Team " + cfg.Team + ": " + st.Text(timeNow()))
	}, OnApplied: func(evs []tsync.Event) {
		if changed != nil {
			changed()
		}
		if notify == nil {
			return
		}
		ns, err := s.DealNotices(context.Background(), evs)
		if err != nil {
			fmt.Fprintln(os.Stderr, "triad: the team's notifications:", err)
		}
		notify(ns)
	}})
	if err != nil {
		show("Team " + cfg.Team + ": " + err.Error())
		return nil
	}
	return w
}

// reportKeyProblem says on standard error why this laptop cannot sign its
// team's changes.
func reportKeyProblem(err error) {
	if err == nil {
		return
	}
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(os.Stderr, "triad: this database belongs to a team, but this laptop has no key for it:", err)
		return
	}
	fmt.Fprintln(os.Stderr, "triad: the team key:", err)
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"triad/data"
	tsync "triad/data/sync"
	"triad/data/sync/natsync"
)

// teamStore is what the team commands need of the database beyond Store.
type teamStore interface {
	Team() (tsync.TeamConfig, bool)
	SetUpTeam(ctx context.Context, team, hubURL, memberName string, k *tsync.Key) error
	UseKey(k *tsync.Key) error
	SharePod(ctx context.Context, podUID string, seats []tsync.Seat, publish func(tsync.Event) error) error
	AskToJoin(ctx context.Context, podUID string, seat tsync.Seat, grant tsync.Grant) error
	JoinRequests(ctx context.Context, answered bool) ([]tsync.JoinRequest, error)
	DecideJoin(ctx context.Context, nonce string, approve bool) (tsync.JoinRequest, error)
	AddMember(ctx context.Context, podUID string, m tsync.Member) error
	Membership(ctx context.Context, podUID string) (tsync.Membership, error)
	SetPodUID(ctx context.Context, podID int64, uid string) error
	ShareDealDesk(ctx context.Context, podUID string) (int, error)
	ShareDecisions(ctx context.Context, podUID string) (int, error)
	ShareRoadmap(ctx context.Context, podUID string) (int, error)
	SharedPods(ctx context.Context) ([]string, error)
	OutboxCounts(ctx context.Context) (waiting, sent int, err error)
	RefusedEvents(ctx context.Context) ([]tsync.RefusedEvent, error)
	Conflicts(ctx context.Context) ([]tsync.Conflict, error)
	VerifyEvents(ctx context.Context) (tsync.Verification, error)
}

func (env Env) keyDir() (string, error) {
	if env.KeyDir != nil {
		return env.KeyDir()
	}
	return tsync.KeyDir()
}

// teamKey is this laptop's key for team from the config folder, made
// there first when create is set (team create and join).
func (env Env) teamKey(team string, create bool) (*tsync.Key, error) {
	dir, err := env.keyDir()
	if err != nil {
		return nil, err
	}
	if create {
		return tsync.LoadOrCreateKey(dir, team)
	}
	return tsync.LoadKey(dir, team)
}

// runHub is `triad hub`: a JetStream server for a small team, until stopped.
func runHub(env Env, args []string) int {
	fs := newFlagSet(env, "hub")
	dir := fs.String("dir", "", "`folder` for the hub's storage (created if missing)")
	team := fs.String("team", "", "the `team` the hub serves")
	listen := fs.String("listen", "0.0.0.0:4222", "`host:port` to listen on")
	cert := fs.String("tls-cert", "", "TLS certificate `file` (with --tls-key)")
	key := fs.String("tls-key", "", "TLS key `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "triad hub: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	if *dir == "" || *team == "" {
		fmt.Fprintln(env.Stderr, "triad hub: give a folder for the hub's storage with --dir, and the team's name with --team")
		return ExitUsage
	}
	host, portText, err := net.SplitHostPort(*listen)
	port, perr := strconv.Atoi(portText)
	if err != nil || perr != nil || port < -1 || port > 65535 {
		fmt.Fprintf(env.Stderr, "triad hub: --listen %q: write it as HOST:PORT, e.g. 0.0.0.0:4222\n", *listen)
		return ExitUsage
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		fmt.Fprintf(env.Stderr, "triad hub: %v\n", err)
		return ExitFailure
	}
	hub, err := natsync.StartHub(natsync.HubOptions{Dir: *dir, Team: *team, Host: host, Port: port, TLSCert: *cert, TLSKey: *key})
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad hub: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "Triad hub of team %s listening on %s, storage in %s. Stop it with Ctrl+C.\n", *team, hub.URL(), *dir)
	fmt.Fprintf(env.Stdout, "Its founding code (keep it as a password: whoever holds it may share a pod): %s\n", hub.FoundingCode())
	fmt.Fprintf(env.Stdout, "Share a pod through it with:\n  triad team create --name %s --hub nats://THIS-HOST:%d --code %s --pod POD --as \"YOUR NAME\" --invite tech_lead\n",
		*team, hub.Port(), hub.FoundingCode())
	stop := env.Stop
	if stop == nil {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
		defer signal.Stop(sigs)
		ch := make(chan struct{})
		go func() { <-sigs; close(ch) }()
		stop = ch
	}
	<-stop
	hub.Stop()
	fmt.Fprintln(env.Stdout, "Triad hub stopped.")
	return ExitOK
}

// runTeam is `triad team create|invite|join|status`.
func runTeam(env Env, args []string) int {
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "create":
		return runTeamCreate(env, args)
	case "invite":
		return runTeamInvite(env, args)
	case "join":
		return runTeamJoin(env, args)
	case "approve":
		return runTeamAnswer(env, args, true)
	case "refuse":
		return runTeamAnswer(env, args, false)
	case "status", "":
		return runTeamStatus(env, args)
	case "verify":
		return runTeamVerify(env, args)
	}
	fmt.Fprintf(env.Stderr, "triad team: no subcommand %q; use create, invite, join, approve, refuse, status or verify\n", sub)
	return ExitUsage
}

func teamFail(env Env, err error) int {
	fmt.Fprintf(env.Stderr, "triad team: %v\n", err)
	return ExitFailure
}

func asTeamStore(env Env, s Store) (teamStore, bool) {
	ts, ok := s.(teamStore)
	if !ok {
		fmt.Fprintln(env.Stderr, "triad team: this database cannot join a team")
	}
	return ts, ok
}

// openTeam opens the database a team command names, as a team's store;
// ok is false when the command is done, with code its exit code.
func openTeam(env Env, fs *flag.FlagSet, args []string, check func() string) (Store, teamStore, int, bool) {
	s, code, done := openFromFlags(env, fs, args, check)
	if done {
		return nil, nil, code, false
	}
	ts, ok := asTeamStore(env, s)
	if !ok {
		s.Close()
		return nil, nil, ExitFailure, false
	}
	return s, ts, ExitOK, true
}

// openTeamFile opens the database at the --db flag's path (or the
// default) for a team command; ok is false when the command is done.
func openTeamFile(env Env, db string) (Store, teamStore, int, bool) {
	path, err := resolvePath(env, db)
	if err != nil {
		return nil, nil, teamFail(env, err), false
	}
	s, err := openFor(env, "team", path)
	if err != nil {
		return nil, nil, teamFail(env, err), false
	}
	ts, ok := asTeamStore(env, s)
	if !ok {
		s.Close()
		return nil, nil, ExitFailure, false
	}
	return s, ts, ExitOK, true
}

func podByName(ctx context.Context, s Store, name string) (data.Pod, error) {
	pods, err := s.Pods(ctx)
	if err != nil {
		return data.Pod{}, err
	}
	for _, p := range pods {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
	}
	return data.Pod{}, fmt.Errorf("no pod named %q", name)
}

func runTeamCreate(env Env, args []string) int {
	fs := newFlagSet(env, "team")
	name := fs.String("name", "", "the team's `name` (letters, digits, - and _)")
	hub := fs.String("hub", "", "the hub's `address`, e.g. nats://hub.example.com:4222")
	foundingCode := fs.String("code", "", "the hub's founding `code`, as triad hub printed it")
	podName := fs.String("pod", "", "the `pod` to share")
	as := fs.String("as", "", "your `name`, as the others will see it")
	also := fs.String("also", "", "other `seats` you hold in the pod, comma-separated (e.g. tech_lead)")
	invite := fs.String("invite", "", "`seats` to print an invitation for at once, comma-separated (e.g. tech_lead,marketing_manager)")
	s, ts, code, ok := openTeam(env, fs, args, func() string {
		if *name == "" || *hub == "" || *podName == "" {
			return "give --name, --hub and --pod"
		}
		return ""
	})
	if !ok {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	pod, err := podByName(ctx, s, *podName)
	if err != nil {
		return teamFail(env, err)
	}
	if err := tsync.ValidTeam(*name); err != nil {
		return teamFail(env, err)
	}
	key, err := env.teamKey(*name, true)
	if err != nil {
		return teamFail(env, err)
	}
	if cfg, ok := ts.Team(); !ok {
		if err := ts.SetUpTeam(ctx, *name, *hub, *as, key); err != nil {
			return teamFail(env, err)
		}
	} else if cfg.Team != *name {
		return teamFail(env, fmt.Errorf("this database already belongs to team %s", cfg.Team))
	} else if err := ts.UseKey(key); err != nil {
		return teamFail(env, err)
	}
	seats, err := seatsOf(append([]string{string(tsync.SeatFacilitator)}, strings.Split(*also, ",")...))
	if err != nil {
		return teamFail(env, err)
	}
	var publish func(tsync.Event) error
	if *foundingCode != "" {
		publish = natsync.Founder(*hub, *foundingCode, key)
	}
	if err := ts.SharePod(ctx, pod.UID, seats, publish); err != nil {
		return teamFail(env, err)
	}
	n, err := ts.ShareDealDesk(ctx, pod.UID)
	if err != nil {
		return teamFail(env, err)
	}
	nd, err := ts.ShareDecisions(ctx, pod.UID)
	if err != nil {
		return teamFail(env, err)
	}
	nr, err := ts.ShareRoadmap(ctx, pod.UID)
	if err != nil {
		return teamFail(env, err)
	}
	fmt.Fprintf(env.Stdout, "Team %s: %s is shared through %s, with %d deal-desk requests, %d decisions and %d roadmap records; you facilitate it.\n",
		*name, pod.Name, *hub, n, nd, nr)
	if dir, err := env.keyDir(); err == nil {
		fmt.Fprintf(env.Stdout, "Your key is in %s.\n", tsync.KeyPath(dir, *name))
	}
	cfg, _ := ts.Team()
	invited := false
	for _, x := range strings.Split(*invite, ",") {
		if x = strings.TrimSpace(x); x == "" {
			continue
		}
		text, err := invitation(ctx, ts, cfg, key, pod, tsync.Seat(x))
		if err != nil {
			return teamFail(env, fmt.Errorf("invitation for %s: %w", x, err))
		}
		fmt.Fprintf(env.Stdout, "Invitation for the %s seat (give it to them for triad team join):\n%s\n", x, text)
		invited = true
	}
	if !invited {
		fmt.Fprintf(env.Stdout, "Invite the Tech Lead with:\n  triad team invite --pod %q --seat tech_lead\n", pod.Name)
	}
	return ExitOK
}

// seatsOf reads the seats named (blanks skipped, each once).
func seatsOf(names []string) ([]tsync.Seat, error) {
	var seats []tsync.Seat
	seen := map[tsync.Seat]bool{}
	for _, x := range names {
		seat := tsync.Seat(strings.TrimSpace(x))
		if seat == "" || seen[seat] {
			continue
		}
		if !seat.Valid() {
			return nil, fmt.Errorf("no seat %q: use tech_lead, product_manager, marketing_manager, rep, delegate or facilitator", seat)
		}
		seen[seat] = true
		seats = append(seats, seat)
	}
	return seats, nil
}

func runTeamInvite(env Env, args []string) int {
	fs := newFlagSet(env, "team")
	podName := fs.String("pod", "", "the `pod` to invite to")
	seat := fs.String("seat", "", "the `seat`: tech_lead, product_manager, marketing_manager, rep, delegate or facilitator")
	s, ts, code, ok := openTeam(env, fs, args, func() string {
		if *podName == "" || !tsync.Seat(*seat).Valid() {
			return "give --pod and --seat (tech_lead, product_manager, marketing_manager, rep, delegate, facilitator)"
		}
		return ""
	})
	if !ok {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	cfg, ok := ts.Team()
	if !ok {
		return teamFail(env, errors.New("this database belongs to no team: run triad team create first"))
	}
	pod, err := podByName(ctx, s, *podName)
	if err != nil {
		return teamFail(env, err)
	}
	key, err := env.teamKey(cfg.Team, false)
	if err != nil {
		return teamFail(env, err)
	}
	text, err := invitation(ctx, ts, cfg, key, pod, tsync.Seat(*seat))
	if err != nil {
		return teamFail(env, err)
	}
	fmt.Fprintln(env.Stdout, text)
	return ExitOK
}

func runTeamJoin(env Env, args []string) int {
	fs := newFlagSet(env, "team")
	as := fs.String("as", "", "your `name`, as the others will see it")
	db := fs.String("db", "", "database `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(env.Stderr, "triad team join: give the invitation (the text triad team invite printed)")
		return ExitUsage
	}
	inv, err := tsync.DecodeInvitation(rest[0])
	if err != nil {
		return teamFail(env, err)
	}
	s, ts, code, ok := openTeamFile(env, *db)
	if !ok {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	key, err := env.teamKey(inv.Team, true)
	if err != nil {
		return teamFail(env, err)
	}
	if cfg, ok := ts.Team(); !ok {
		if err := ts.SetUpTeam(ctx, inv.Team, inv.Hub, *as, key); err != nil {
			return teamFail(env, err)
		}
	} else if cfg.Team != inv.Team {
		return teamFail(env, fmt.Errorf("this database belongs to team %s, and the invitation is to %s: join with another database (--db)", cfg.Team, inv.Team))
	} else if err := ts.UseKey(key); err != nil {
		return teamFail(env, err)
	}
	pod, err := podByName(ctx, s, inv.Pod.Name)
	switch {
	case err == nil && pod.UID != inv.Pod.UID:
		return teamFail(env, fmt.Errorf("this database has another pod named %q: rename it first, or join with another database (--db)", inv.Pod.Name))
	case err != nil:
		p := data.NewPod()
		p.Name, p.MeetingDay, p.MeetingTime, p.TimeZone = inv.Pod.Name, time.Weekday(inv.Pod.MeetingDay), data.ClockTime(inv.Pod.MeetingTime), inv.Pod.TimeZone
		for _, l := range inv.Pod.Leaders {
			if seat := p.Leader(data.Role(l.Role)); seat != nil {
				seat.Name, seat.Email = l.Name, l.Email
			}
		}
		if pod, err = s.CreatePod(ctx, p); err != nil {
			return teamFail(env, err)
		}
		if err := ts.SetPodUID(ctx, pod.ID, inv.Pod.UID); err != nil {
			return teamFail(env, err)
		}
	}
	for _, m := range inv.Members {
		if err := ts.AddMember(ctx, inv.Pod.UID, m); err != nil {
			return teamFail(env, err)
		}
	}
	if err := ts.AskToJoin(ctx, inv.Pod.UID, inv.Seat, inv.Grant); err != nil {
		return teamFail(env, err)
	}
	fmt.Fprintf(env.Stdout, "Asked to join team %s as %s of %s. Open Triad on this database: it sends the ask through %s, "+
		"and the pod arrives once its facilitator approves.\n", inv.Team, inv.Seat, inv.Pod.Name, inv.Hub)
	return ExitOK
}

func runTeamStatus(env Env, args []string) int {
	fs := newFlagSet(env, "team")
	s, ts, code, ok := openTeam(env, fs, args, nil)
	if !ok {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	cfg, ok := ts.Team()
	if !ok {
		fmt.Fprintln(env.Stdout, "This database belongs to no team: it stays on this laptop. `triad help team` says how to share a pod.")
		return ExitOK
	}
	waiting, sent, err := ts.OutboxCounts(ctx)
	if err != nil {
		return teamFail(env, err)
	}
	fmt.Fprintf(env.Stdout, "Team %s through %s, as %s (%s)\n%d changes waiting, %d sent\n", cfg.Team, cfg.HubURL, orUnknown(cfg.Name), cfg.MemberKey, waiting, sent)
	pods, err := ts.SharedPods(ctx)
	if err != nil {
		return teamFail(env, err)
	}
	for _, uid := range pods {
		m, err := ts.Membership(ctx, uid)
		if err != nil {
			return teamFail(env, err)
		}
		fmt.Fprintf(env.Stdout, "pod %s:\n", uid)
		for _, x := range m.Members {
			me := ""
			if x.Key == cfg.MemberKey {
				me = " (you)"
			}
			fmt.Fprintf(env.Stdout, "  %s\t%s\t%s%s\n", x.Seat, orUnknown(x.Name), x.Key, me)
		}
	}
	asks, err := ts.JoinRequests(ctx, true)
	if err != nil {
		return teamFail(env, err)
	}
	for _, r := range asks {
		switch {
		case r.Key == cfg.MemberKey && r.State == tsync.JoinRefused:
			fmt.Fprintf(env.Stdout, "your ask to join %s as %s was refused\n", orUnknown(r.PodName), r.Seat)
		case r.State != tsync.JoinAsked:
		case r.Key == cfg.MemberKey:
			fmt.Fprintf(env.Stdout, "you asked to join %s as %s: waiting for its facilitator\n", orUnknown(r.PodName), r.Seat)
		default:
			fmt.Fprintf(env.Stdout, "%s asks to join %s as %s: triad team approve %q (or refuse)\n", orUnknown(r.Name), orUnknown(r.PodName), r.Seat, r.Name)
		}
	}
	refused, err := ts.RefusedEvents(ctx)
	if err != nil {
		return teamFail(env, err)
	}
	for _, r := range refused {
		fmt.Fprintf(env.Stdout, "refused %s %s from %s: %s\n", r.Event.Kind, r.Event.ID, r.Event.Signer, r.Reason)
	}
	kept, err := ts.Conflicts(ctx)
	if err != nil {
		return teamFail(env, err)
	}
	for _, c := range kept {
		fmt.Fprintf(env.Stdout, "kept %s (event %s): %s\n", c.Record, c.Event, c.Reason)
	}
	return ExitOK
}

// invitation is the text that invites one person to seat in pod, with a
// fresh single-use grant signed by key.
func invitation(ctx context.Context, ts teamStore, cfg tsync.TeamConfig, key *tsync.Key, pod data.Pod, seat tsync.Seat) (string, error) {
	if !seat.Valid() {
		return "", fmt.Errorf("no seat %q: use tech_lead, product_manager, marketing_manager, rep, delegate or facilitator", seat)
	}
	m, err := ts.Membership(ctx, pod.UID)
	if err != nil {
		return "", err
	}
	grant, err := tsync.NewGrant(key, cfg.Team, pod.UID, seat)
	if err != nil {
		return "", err
	}
	if err := grant.Allows(m, pod.UID, seat); err != nil {
		return "", fmt.Errorf("you cannot hand out that seat: %v", err)
	}
	card := tsync.PodCard{UID: pod.UID, Name: pod.Name, MeetingDay: int(pod.MeetingDay), MeetingTime: int(pod.MeetingTime), TimeZone: pod.TimeZone}
	for _, l := range pod.Leaders {
		card.Leaders = append(card.Leaders, tsync.LeaderCard{Role: string(l.Role), Name: l.Name, Email: l.Email})
	}
	inv := tsync.Invitation{Team: cfg.Team, Hub: cfg.HubURL, Pod: card, Seat: seat, Grant: grant, Members: m.Members}
	return inv.Encode()
}

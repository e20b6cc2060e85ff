package cli

import (
	"context"
	"fmt"
)

// runTeamVerify is `triad team verify`: every event this laptop holds,
// its own and the others', has its signature checked again against its
// signer's key, offline; only reads.
func runTeamVerify(env Env, args []string) int {
	fs := newFlagSet(env, "team")
	s, ts, code, ok := openTeam(env, fs, args, nil)
	if !ok {
		return code
	}
	defer s.Close()
	if _, ok := ts.Team(); !ok {
		fmt.Fprintln(env.Stdout, "This database belongs to no team: it holds no signed events.")
		return ExitOK
	}
	v, err := ts.VerifyEvents(context.Background())
	if err != nil {
		return teamFail(env, err)
	}
	for _, f := range v.Failures {
		fmt.Fprintln(env.Stdout, "FAILED "+f)
	}
	fmt.Fprintf(env.Stdout, "Checked %d signed events from %d keys: ", v.Checked, v.Signers)
	if len(v.Failures) > 0 {
		fmt.Fprintf(env.Stdout, "%d do not match their signature.\n", len(v.Failures))
		return ExitFailure
	}
	fmt.Fprintln(env.Stdout, "every signature holds.")
	if v.Unkept > 0 {
		fmt.Fprintf(env.Stdout, "%d events taken by an earlier version were kept by id only and could not be checked.\n", v.Unkept)
	}
	return ExitOK
}

package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
)

// The benchmark history: 20 pods meeting weekly for 10 years, each meeting
// with 10 agenda items (notes and an outcome, indexed by the real
// triggers) and 2 decisions (each with 2
// options and 3 perspectives, indexed by the real triggers).
const (
	benchPods             = 20
	benchWeeks            = 52 * 10
	benchAgendaPerMeeting = 10
	benchDecisionsPerWeek = 2
	// benchVersion names the cached file with a digest of the schema;
	// change it when the generator changes so an old file is not reused.
	benchVersion = "v4"
)

// benchDB opens the generated history, building it on first use and
// caching it under os.TempDir so repeated runs skip the generation.
func benchDB(b *testing.B) *DB {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("triad-bench-history-%s-%s.db", benchVersion, schemaDigest(b)))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		if err := generateHistory(path); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %s in %v", path, time.Since(start).Round(time.Millisecond))
	}
	db, err := Open(path, Options{Check: "none"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// schemaDigest identifies the migrations, so a cached history built with
// another schema is never reused.
func schemaDigest(b *testing.B) string {
	ms, err := migrations()
	if err != nil {
		b.Fatal(err)
	}
	h := sha256.New()
	for _, m := range ms {
		h.Write([]byte(m.name))
		h.Write([]byte(m.sql))
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// benchWords is a vocabulary with a few common product words and many
// rare ones; words are drawn with a skew so some terms match often and
// others seldom, as in real notes.
func benchWords(r *rand.Rand) []string {
	words := strings.Fields(`pricing churn onboarding enterprise invoice checkout latency mobile android ios
		roadmap quota discount renewal migration outage security compliance audit partner launch beta
		feedback backlog support escalation integration webhook dashboard analytics export import
		reliability performance refactor deprecation contract procurement forecast pipeline segment`)
	syll := []string{"ka", "lo", "mi", "ren", "tas", "vo", "zu", "pe", "gri", "dan", "sol", "ter", "qua", "bel", "nix", "or"}
	for len(words) < 3000 {
		n := 2 + r.Intn(3)
		var w strings.Builder
		for i := 0; i < n; i++ {
			w.WriteString(syll[r.Intn(len(syll))])
		}
		words = append(words, w.String())
	}
	return words
}

func sentence(r *rand.Rand, words []string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		// Skewed pick: low indexes (the product words) come up far more often.
		f := r.Float64()
		b.WriteString(words[int(f*f*f*float64(len(words)))])
	}
	return b.String()
}

// generateHistory writes the history into a new database at path, in one
// transaction, then moves it into place.
func generateHistory(path string) error {
	tmp := path + ".building"
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + s)
	}
	db, err := Open(tmp, Options{Check: "none"})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewSource(6))
	words := benchWords(r)
	now := data.UTCTime(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	first := data.NewDate(2016, 11, 24)
	err = db.tx(context.Background(), func(tx *sql.Tx) error {
		prep := func(q string) *sql.Stmt {
			st, perr := tx.Prepare(q)
			if perr != nil && err == nil {
				err = perr
			}
			return st
		}
		pod := prep(`INSERT INTO pods (name, meeting_weekday, meeting_time_minutes, created_at, updated_at) VALUES (?, 4, 600, ?, ?)`)
		member := prep(`INSERT INTO pod_members (pod_id, role, name) VALUES (?, ?, ?)`)
		meeting := prep(`INSERT INTO meetings (pod_id, date, status, created_at) VALUES (?, ?, 'closed', ?)`)
		// Agenda items go into their table; the triggers of 0006_links.sql
		// index them, as the app's own saves do.
		agenda := prep(`INSERT INTO agenda_items (id, meeting_id, position, title, kind, notes, outcome, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'topic', ?, ?, ?, ?)`)
		decision := prep(`INSERT INTO decisions (pod_id, meeting_id, question, context, decider_id, decider_name, chosen_option,
			rationale, state, decided_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'Decider', 1, ?, 'decided', ?, ?, ?)`)
		option := prep(`INSERT INTO decision_options (decision_id, position, title, pros, cons, cost, effort) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		position := prep(`INSERT INTO decision_positions (decision_id, member_id, role, member_name, position, reasoning, commitment)
			VALUES (?, ?, ?, ?, ?, ?, 'commit')`)
		if err != nil {
			return err
		}
		agendaID := int64(0)
		for p := 1; p <= benchPods; p++ {
			res, err := pod.Exec(fmt.Sprintf("Pod %02d", p), now, now)
			if err != nil {
				return err
			}
			podID, _ := res.LastInsertId()
			var members [3]int64
			for i, role := range data.Roles {
				res, err := member.Exec(podID, string(role), fmt.Sprintf("Leader %d-%d", p, i))
				if err != nil {
					return err
				}
				members[i], _ = res.LastInsertId()
			}
			for w := 0; w < benchWeeks; w++ {
				res, err := meeting.Exec(podID, first.AddDays(7*w).String(), now)
				if err != nil {
					return err
				}
				meetingID, _ := res.LastInsertId()
				for a := 0; a < benchAgendaPerMeeting; a++ {
					agendaID++
					body := sentence(r, words, 40)
					if agendaID%2000 == 0 {
						body += " " + benchRare // a handful of rows per pod
					}
					if _, err := agenda.Exec(agendaID, meetingID, a, sentence(r, words, 6), body, sentence(r, words, 8), now, now); err != nil {
						return err
					}
				}
				for k := 0; k < benchDecisionsPerWeek; k++ {
					res, err := decision.Exec(podID, meetingID, sentence(r, words, 8)+"?", sentence(r, words, 30), members[1],
						sentence(r, words, 15), now, now, now)
					if err != nil {
						return err
					}
					id, _ := res.LastInsertId()
					for o := 1; o <= 2; o++ {
						if _, err := option.Exec(id, o, sentence(r, words, 4), sentence(r, words, 10), sentence(r, words, 10),
							int64(r.Intn(100_000))*100, "a few sprints"); err != nil {
							return err
						}
					}
					for i, role := range data.Roles {
						if _, err := position.Exec(id, members[i], string(role), fmt.Sprintf("Leader %d-%d", p, i), "agree",
							sentence(r, words, 12)); err != nil {
							return err
						}
					}
				}
			}
		}
		// The LIKE baseline reads the same text from a plain table.
		if _, err := tx.Exec(`CREATE TABLE bench_text (id INTEGER PRIMARY KEY, kind TEXT, ref_id INTEGER, pod_id INTEGER, meeting_id INTEGER, title TEXT, body TEXT)`); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO bench_text SELECT rowid, kind, ref_id, pod_id, meeting_id, title, body FROM search_index`); err != nil {
			return err
		}
		_, err := tx.Exec(`CREATE INDEX bench_text_pod ON bench_text (pod_id)`)
		return err
	})
	if err == nil {
		_, err = db.db.Exec(`INSERT INTO search_index (search_index) VALUES ('optimize')`)
	}
	if err == nil {
		_, err = db.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// benchRare is in one agenda item of every 2,000; benchAbsent in none.
const (
	benchRare   = "zephyrine"
	benchAbsent = "quokka"
)

// benchTerms: a common word (in a large share of rows), a middling one, a
// generated word whose prefix many words share, a rare word (a few rows
// per pod) and a word that is nowhere. The last two make LIKE read the
// whole pod.
func benchTerms() []string {
	words := benchWords(rand.New(rand.NewSource(6))) // the generator's vocabulary
	return []string{"pricing", "security", words[2000], benchRare, benchAbsent}
}

func BenchmarkSearchFirst50(b *testing.B) {
	db := benchDB(b)
	// The search box's first page, as typed (no space after the word, so
	// a long enough word is a prefix): one pod and every pod, ranked, with
	// the p95 of a query beside the mean.
	for _, term := range []string{"p", "ka", "pri", "pricing"} {
		for _, scope := range []struct {
			name  string
			podID int64
		}{{"pod", 7}, {"all-pods", 0}} {
			b.Run("ranked-"+scope.name+"/"+term, func(b *testing.B) {
				var ds []time.Duration
				for b.Loop() {
					start := time.Now()
					if _, err := db.Search(ctx, data.SearchRequest{PodID: scope.podID, Text: term, Limit: 50}); err != nil {
						b.Fatal(err)
					}
					ds = append(ds, time.Since(start))
				}
				b.ReportMetric(quantile(ds, 0.95), "p95-ms")
			})
		}
		b.Run("ranked-decision-log/"+term, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: 7, Text: term, Limit: 50}); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(start))
			}
			b.ReportMetric(quantile(ds, 0.95), "p95-ms")
		})
	}
	var agendaRows, decisions int
	db.db.QueryRow(`SELECT count(*) FROM search_index WHERE kind = 'agenda_item'`).Scan(&agendaRows)
	db.db.QueryRow(`SELECT count(*) FROM decisions`).Scan(&decisions)
	if agendaRows < 100_000 || decisions < 20_000 {
		b.Fatalf("history too small: %d agenda rows, %d decisions", agendaRows, decisions)
	}
	const podID = 7
	for _, term := range benchTerms() {
		var matches int
		db.db.QueryRow(`SELECT count(*) FROM search_index WHERE search_index MATCH ?`, podMatch(podID, ftsQuery(term+" "))).Scan(&matches)
		b.Logf("%q: %d matching rows in pod %d (of %d agenda rows and %d decisions overall)", term, matches, podID, agendaRows, decisions)

		b.Run("fts-newest/"+term, func(b *testing.B) {
			for b.Loop() {
				hits, err := db.SearchPod(ctx, podID, term+" ", 50)
				if err != nil || (len(hits) == 0 && term != benchAbsent) {
					b.Fatalf("%d hits, %v", len(hits), err)
				}
			}
		})
		b.Run("fts-agenda/"+term, func(b *testing.B) {
			for b.Loop() {
				hits, err := db.SearchAgenda(ctx, podID, term+" ", 50)
				if err != nil || (len(hits) == 0 && term != benchAbsent) {
					b.Fatalf("%d hits, %v", len(hits), err)
				}
			}
		})
		b.Run("fts-decision-log/"+term, func(b *testing.B) {
			for b.Loop() {
				es, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: podID, Text: term + " ", Limit: 50})
				if err != nil || (len(es) == 0 && term != benchAbsent && term != benchRare) {
					b.Fatalf("%d entries, %v", len(es), err)
				}
			}
		})
		b.Run("like/"+term, func(b *testing.B) {
			pattern := "%" + term + "%"
			for b.Loop() {
				rows, err := db.db.Query(`SELECT kind, ref_id, meeting_id, title, body FROM bench_text
					WHERE pod_id = ? AND (title LIKE ? OR body LIKE ?) LIMIT 50`, podID, pattern, pattern)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					n++
				}
				rows.Close()
				if n == 0 && term != benchAbsent {
					b.Fatal("no hits")
				}
			}
		})
		// The decision log done with LIKE: every text column of the pod's
		// decisions, newest meeting first.
		b.Run("like-decision-log/"+term, func(b *testing.B) {
			pattern := "%" + term + "%"
			for b.Loop() {
				rows, err := db.db.Query(`SELECT d.id FROM decisions d JOIN meetings m ON m.id = d.meeting_id
					WHERE d.pod_id = ?1 AND (d.question LIKE ?2 OR d.context LIKE ?2 OR d.rationale LIKE ?2
						OR EXISTS (SELECT 1 FROM decision_options o WHERE o.decision_id = d.id AND (o.title LIKE ?2 OR o.pros LIKE ?2 OR o.cons LIKE ?2))
						OR EXISTS (SELECT 1 FROM decision_positions p WHERE p.decision_id = d.id AND p.reasoning LIKE ?2))
					ORDER BY m.date DESC, d.id DESC LIMIT 50`, podID, pattern)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				rows.Close()
			}
		})
	}
}

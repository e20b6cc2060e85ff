package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"golang.org/x/sys/unix"

	"triad/app/kit"
	"triad/app/pods"
	"triad/app/shell"
	"triad/data"
	"triad/data/sqlite"
)

// The UI-goroutine stall benchmark: the window on the large history (20
// pods x 10 years, the file `go test -bench SearchFirst50 ./data/sqlite`
// builds and caches in the temporary folder; TRIAD_LARGE_DB names another)
// opens a pod, its decisions tab, searches "p" and "pricing" there, opens
// this week's meeting, searches every pod for the same, and opens a second
// pod. Fyne runs every
// callback on one goroutine; here that goroutine is a loop that runs the
// test's actions and every fyne.Do callback in order, timing each, while
// the store's work runs on its own goroutines as in the window. After each
// step it walks what the window shows, as a frame would (every shown
// widget's renderer, made when first drawn). The worst callback is reported as worst-ms, per step in the
// log.
//
//	go test -tags sqlite_fts5 -run '^$' -bench UIStalls -benchtime 5x ./app
func BenchmarkUIStalls(b *testing.B) {
	db, meetingID := largeHistory(b)
	loop := newUILoop()
	inner := test.NewTempApp(b)
	a := &loopApp{App: inner, driver: &loopDriver{Driver: inner.Driver(), loop: loop}}
	fyne.SetCurrentApp(a)
	b.Cleanup(loop.stop)

	var u *UI
	loop.step("start", func() {
		u = newUI(a, db, Info{Version: "bench"}, false)
		u.sh.After = loop.after
		u.sh.Win.Resize(fyne.NewSize(1366, 768))
	}, nil)
	b.Cleanup(func() { loop.run(func() { u.leaveScreen(); u.sh.Window().Leave() }); loop.quiesce(u) })
	loop.quiesce(u)

	ps, err := db.Pods(context.Background())
	if err != nil || len(ps) < 2 {
		b.Fatalf("%d pods, %v", len(ps), err)
	}
	one, two := ps[0].ID, ps[1].ID
	steps := []struct {
		name  string
		do    func()
		typed string // or what is typed into the shown search box
	}{
		{name: "open pod", do: func() { u.Go(shell.Pod{ID: one}) }},
		{name: "decisions tab", do: func() { u.current.(*pods.Page).SelectTab(shell.TabDecisions) }},
		{name: "type p in the decision log", typed: "p"},
		{name: "type pricing in the decision log", typed: "pricing"},
		{name: "open this week's meeting", do: func() { u.Go(shell.Meeting{ID: meetingID}) }},
		{name: "search every pod", do: func() { u.Go(shell.Search{}) }},
		{name: "type p", typed: "p"},
		{name: "type pricing", typed: "pricing"},
		{name: "open another pod", do: func() { u.Go(shell.Pod{ID: two}) }},
	}
	for b.Loop() {
		for _, s := range steps {
			do := s.do
			if s.typed != "" {
				do = typeInto(b, loop, u, "Search decisions", s.typed)
			}
			loop.step(s.name, do, u)
		}
	}
	loop.report(b)
}

// largeHistory is a copy of the large benchmark history with this week's
// meeting of its first pod created (a draft, so opening it prepares the
// agenda with its standing items, as on a meeting day).
func largeHistory(b *testing.B) (*sqlite.DB, int64) {
	b.Helper()
	src := os.Getenv("TRIAD_LARGE_DB")
	if src == "" {
		found, _ := filepath.Glob(filepath.Join(os.TempDir(), "triad-bench-history-*.db"))
		sort.Slice(found, func(i, j int) bool { return modTime(found[i]).After(modTime(found[j])) })
		if len(found) == 0 {
			b.Skip("no large history: build it with go test -tags sqlite_fts5 -run '^$' -bench 'SearchFirst50/fts-newest/pricing' -benchtime 1x ./data/sqlite")
		}
		src = found[0]
	}
	path := filepath.Join(b.TempDir(), "large.db")
	if err := copyFile(src, path); err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(path, sqlite.Options{Check: "none"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ctx := context.Background()
	pods, err := db.Pods(ctx)
	if err != nil || len(pods) == 0 {
		b.Fatalf("%d pods, %v", len(pods), err)
	}
	ms, err := db.Meetings(ctx, pods[0].ID)
	if err != nil || len(ms) == 0 {
		b.Fatalf("%d meetings, %v", len(ms), err)
	}
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: pods[0].ID, Date: ms[0].Date.AddDays(7)})
	if err != nil {
		b.Fatal(err)
	}
	return db, m.ID
}

func modTime(path string) time.Time {
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	return st.ModTime()
}

// copyFile copies a closed database file (the benchmark history is never
// open while this runs).
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// typeInto types text into the shown field with the placeholder prefix,
// found before the step begins (finding it is the benchmark's work).
func typeInto(b *testing.B, loop *uiLoop, u *UI, placeholder, text string) func() {
	var field *kit.Entry
	loop.run(func() {
		walkShown(u.screen, func(o fyne.CanvasObject) {
			if e, ok := o.(*kit.Entry); ok && field == nil && strings.HasPrefix(e.PlaceHolder, placeholder) {
				field = e
			}
		})
	})
	if field == nil {
		b.Fatalf("no field %q…", placeholder)
	}
	return func() {
		field.SetText("")
		test.Type(field, text)
	}
}

// uiLoop is the benchmark's UI goroutine: it runs what is posted to it one
// at a time, in order, and times each.
type uiLoop struct {
	timers  sync.WaitGroup // timers started and not yet fired
	mu      sync.Mutex
	wake    *sync.Cond
	queue   []func()
	stopped bool
	done    chan struct{}
	posted  int                        // callbacks posted so far
	times   map[string][]time.Duration // per step, its worst callback in each run of it
	cpu     map[string][]time.Duration // the same in the UI thread's CPU time
	current string
	order   []string
}

func newUILoop() *uiLoop {
	l := &uiLoop{done: make(chan struct{}), times: map[string][]time.Duration{}, cpu: map[string][]time.Duration{}}
	l.wake = sync.NewCond(&l.mu)
	go func() {
		defer close(l.done)
		runtime.LockOSThread() // one thread, so its CPU clock is the loop's
		defer runtime.UnlockOSThread()
		for {
			l.mu.Lock()
			for len(l.queue) == 0 && !l.stopped {
				l.wake.Wait()
			}
			if len(l.queue) == 0 {
				l.mu.Unlock()
				return
			}
			f := l.queue[0]
			l.queue = l.queue[1:]
			l.mu.Unlock()
			f()
		}
	}()
	return l
}

// stop ends the loop once what is queued has run.
func (l *uiLoop) stop() {
	l.mu.Lock()
	l.stopped = true
	l.wake.Signal()
	l.mu.Unlock()
	<-l.done
}

func (l *uiLoop) enqueue(f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return
	}
	l.queue = append(l.queue, f)
	l.wake.Signal()
}

// post queues f as a timed callback of the current step.
func (l *uiLoop) post(f func()) {
	l.mu.Lock()
	l.posted++
	l.mu.Unlock()
	l.enqueue(func() {
		start, startCPU := time.Now(), threadCPU()
		f()
		d, c := time.Since(start), threadCPU()-startCPU
		l.mu.Lock()
		ts, cs := l.times[l.current], l.cpu[l.current]
		ts[len(ts)-1], cs[len(cs)-1] = max(ts[len(ts)-1], d), max(cs[len(cs)-1], c)
		l.mu.Unlock()
	})
}

// after is the screens' timers: each fires at once (the search box's
// pause is the user's time, not the UI goroutine's), and quiesce waits
// for it.
func (l *uiLoop) after(_ time.Duration, f func()) data.Timer {
	l.timers.Add(1)
	go func() {
		defer l.timers.Done()
		f()
	}()
	return firedTimer{}
}

type firedTimer struct{}

func (firedTimer) Stop() bool { return false }

// run runs f on the loop, untimed, and waits for it.
func (l *uiLoop) run(f func()) {
	done := make(chan struct{})
	l.enqueue(func() { f(); close(done) })
	<-done
}

// step runs do on the loop as one callback, then waits until the window
// is idle and times one frame's walk over what it shows.
func (l *uiLoop) step(name string, do func(), u *UI) {
	l.mu.Lock()
	if _, seen := l.times[name]; !seen {
		l.order = append(l.order, name)
	}
	l.times[name] = append(l.times[name], 0)
	l.cpu[name] = append(l.cpu[name], 0)
	l.current = name
	l.mu.Unlock()
	l.post(do)
	l.run(func() {})
	if u != nil {
		l.quiesce(u)
	}
}

// quiesce waits until no background work runs and no callback is queued,
// then posts a frame: a walk over every object the window shows.
func (l *uiLoop) quiesce(u *UI) {
	for {
		l.run(func() {}) // every callback posted before this one has run
		u.sh.Wait()
		l.timers.Wait()
		l.mu.Lock()
		before := l.posted
		l.mu.Unlock()
		l.run(func() {})
		u.sh.Wait()
		l.timers.Wait()
		l.mu.Lock()
		idle := l.posted == before
		l.mu.Unlock()
		if idle {
			break
		}
	}
	l.post(func() { paintWalk(u.sh.Win.Canvas().Content()) })
	l.run(func() {})
}

// paintWalk visits what a frame draws: every shown object, each widget
// through its renderer, made on first use as the painter makes it.
func paintWalk(o fyne.CanvasObject) { walkShown(o, func(fyne.CanvasObject) {}) }

// walkShown calls fn on every shown object under o.
func walkShown(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if !o.Visible() {
		return
	}
	fn(o)
	switch o := o.(type) {
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			walkShown(c, fn)
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			walkShown(c, fn)
		}
	}
}

// threadCPU is the CPU time the calling thread has used.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		panic(err)
	}
	return time.Duration(ts.Nano())
}

// report logs each step's worst callback, the median over its runs and
// the worst of them, in wall time and in the UI thread's CPU time, and
// reports the largest of each. On two shared cores a callback's wall time
// swings with what else runs (the store's goroutines among them, and other
// processes); its CPU time is the work it does itself, which is the stall
// on a machine with a core to spare.
func (l *uiLoop) report(b *testing.B) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	stats := func(ds []time.Duration) (med, worst time.Duration) {
		ds = append([]time.Duration(nil), ds...)
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[len(ds)/2], ds[len(ds)-1]
	}
	var wallMed, wallWorst, cpuMed, cpuWorst time.Duration
	for _, name := range l.order {
		wm, ww := stats(l.times[name])
		cm, cw := stats(l.cpu[name])
		wallMed, wallWorst = max(wallMed, wm), max(wallWorst, ww)
		cpuMed, cpuWorst = max(cpuMed, cm), max(cpuWorst, cw)
		b.Logf("%-30s cpu median %5.1f worst %5.1f ms; wall median %5.1f worst %5.1f ms; %d runs",
			name, ms(cm), ms(cw), ms(wm), ms(ww), len(l.times[name]))
	}
	b.ReportMetric(ms(cpuMed), "cpu-median-ms")
	b.ReportMetric(ms(cpuWorst), "cpu-worst-ms")
	b.ReportMetric(ms(wallMed), "wall-median-ms")
	b.ReportMetric(ms(wallWorst), "wall-worst-ms")
}

// loopApp is the test app with fyne.Do going to the loop.
type loopApp struct {
	fyne.App
	driver *loopDriver
}

func (a *loopApp) Driver() fyne.Driver { return a.driver }

type loopDriver struct {
	fyne.Driver
	loop *uiLoop
}

// DoFromGoroutine queues f on the loop, as the window's driver queues it
// on the UI goroutine.
func (d *loopDriver) DoFromGoroutine(f func(), wait bool) {
	if !wait {
		d.loop.post(f)
		return
	}
	done := make(chan struct{})
	d.loop.post(func() { f(); close(done) })
	<-done
}

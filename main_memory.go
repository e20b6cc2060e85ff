package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// How the window's process uses memory: the collector's pace while it
// starts and afterwards, and giving free heap back to the system.

// collectAfterStartUp holds the garbage collector back while the window
// starts: parsing fonts, building and drawing the first screen make about
// 40 MB of short-lived garbage around 18 MB that stays, which the
// collector went through 13 times (at the window's pace, below) before the
// first frame. A start that passes 256 MiB collects anyway. GOGC or
// GOMEMLIMIT set by the user win.
func collectAfterStartUp() {
	if userSetsCollector() {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
}

// collectAsUsual is the window's pace once it is up. Its live heap is
// small (about 20 MB on ten years of history, most of it Fyne's parsed
// fonts) but drawing text makes a lot of short-lived garbage: collecting
// at half the default growth keeps the resident size about 5% lower for a
// few ms of background marking. What start-up left is collected and given
// back to the system at once, off the UI goroutine, and from then on what
// the heap keeps free (releaseFreeMemory).
func collectAsUsual() {
	if userSetsCollector() {
		return
	}
	debug.SetMemoryLimit(math.MaxInt64)
	debug.SetGCPercent(50)
	go func() {
		debug.FreeOSMemory()
		releaseFreeMemory(nil) // for as long as the process runs
	}()
}

func userSetsCollector() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// releaseEvery is how often the window looks for free heap to give back,
// releaseSlack how much of it it keeps anyway, and idleAllocs what the
// window may allocate in releaseEvery and still count as idle. The
// runtime holds on to the pages it freed until the heap reaches its next
// goal (at GOGC 50, half the live heap again: 6 to 9 MB after two pods'
// tabs and a meeting on ten years of history), which a window that sits
// idle between two clicks never does.
const (
	releaseEvery = 500 * time.Millisecond
	releaseSlack = 4 << 20
	idleAllocs   = 256 << 10
)

// releaseFreeMemory gives the heap's free pages back to the system once
// the window is idle (it allocated less than idleAllocs since the last
// look) and more than releaseSlack of them are kept, until stop is closed
// (never, when nil). A busy window is left to the collector; an idle one
// that has given back costs a read of two runtime metrics twice a second.
func releaseFreeMemory(stop <-chan struct{}) {
	if userSetsCollector() {
		return
	}
	t := time.NewTicker(releaseEvery)
	defer t.Stop()
	last := heapAllocated()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			now := heapAllocated()
			if now-last < idleAllocs {
				releaseIfMore(releaseSlack)
			}
			last = now
		}
	}
}

// releaseIfMore collects and gives the free heap back to the system when
// more than slack bytes of it are kept, and reports whether it did.
func releaseIfMore(slack uint64) bool {
	if heapFreeKept() <= slack {
		return false
	}
	debug.FreeOSMemory()
	return true
}

// heapFreeKept is the heap the runtime has free but not given back.
func heapFreeKept() uint64 { return heapMetric("/memory/classes/heap/free:bytes") }

// heapAllocated is every byte the heap has allocated so far.
func heapAllocated() uint64 { return heapMetric("/gc/heap/allocs:bytes") }

func heapMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

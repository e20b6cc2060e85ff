package main

import (
	"runtime"
	"testing"
)

var kept [][]byte

// Free heap the runtime keeps is given back once there is more than the
// slack of it, and only then.
func TestFreeHeapIsGivenBack(t *testing.T) {
	const slack = 4 << 20
	for range 4096 {
		kept = append(kept, make([]byte, 8<<10)) // 32 MiB in small spans
	}
	kept = nil
	runtime.GC() // the spans are free now, and kept by the runtime
	before := heapFreeKept()
	did := releaseIfMore(slack)
	t.Logf("%d MiB free and kept before, given back: %v", before>>20, did)
	if before > 2*slack && !did {
		t.Errorf("%d MiB free and kept, not given back", before>>20)
	}
	if after := heapFreeKept(); after > slack {
		t.Errorf("%d MiB free and kept after giving back (%d before)", after>>20, before>>20)
	}
	if releaseIfMore(slack) {
		t.Error("gave back again with nothing more to give")
	}
}

//go:build unix

package natsync

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used so far, user and system:
// what a benchmark costs whatever else the machine is running.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

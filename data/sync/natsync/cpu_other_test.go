//go:build !unix

package natsync

import "time"

func cpuTime() time.Duration { return 0 }

package pipeline

import (
	"runtime"
	"testing"
)

// TestPeakRSS: the peak resident set size grows by what the process
// touches, and the live heap counts what it holds.
func TestPeakRSS(t *testing.T) {
	before := peakRSS()
	if before == 0 {
		if runtime.GOOS == "linux" {
			t.Fatal("no VmHWM in /proc/self/status")
		}
		t.Skip("peak RSS is only known on Linux")
	}
	const size = 512 << 20 // above any peak the other tests set
	b := make([]byte, size)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	runtime.GC()
	if got := peakRSS(); got < size || got < before {
		t.Errorf("peak RSS %d MiB after touching %d MiB (before %d MiB)", got>>20, size>>20, before>>20)
	}
	if live := liveHeap(); live < size {
		t.Errorf("live heap %d MiB while holding %d MiB", live>>20, size>>20)
	}
	runtime.KeepAlive(b)
}

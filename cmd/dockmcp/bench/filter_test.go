package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/guests/secretfilter/redact"
	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/chain"
)

// mixedLog is about n bytes of log lines, one in 50 holding a fake secret
// (built by concatenation: these are not real credentials).
func mixedLog(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	secrets := []string{
		"token=gh" + "p_" + strings.Repeat("aB3dE", 7) + "x",
		"AKIA" + "IOSFODNN7EXAMPLE",
		"Authorization: Bearer " + strings.Repeat("eyJhbGci", 4),
		"postgres://app:s3cr3t-pa55@db:5432/app",
	}
	var lines []string
	for size := 0; size < n; {
		line := fmt.Sprintf("2026-12-03T10:00:%02d.%06dZ INFO request id=%d path=/api/v1/items "+
			"status=200 took=%dms user=alice", r.IntN(60), r.IntN(1e6), r.IntN(1e9), r.IntN(900))
		if r.IntN(50) == 0 {
			line += " " + secrets[r.IntN(len(secrets))]
		}
		lines = append(lines, line+"\n")
		size += len(line) + 1
	}
	return lines
}

// batches joins lines into records of about 1 MiB, as dockmcp redact does.
func batches(lines []string) []string {
	var out []string
	var b strings.Builder
	for _, l := range lines {
		if b.Len()+len(l) > 1<<20 {
			out = append(out, b.String())
			b.Reset()
		}
		b.WriteString(l)
	}
	return append(out, b.String())
}

// BenchmarkSecretFilter measures the built-in filter on a mixed 20 MB log,
// natively and through the sandbox (a guest with its hard deadline), in one
// run. The sandbox figure is what every answer pays.
func BenchmarkSecretFilter(b *testing.B) {
	recs := batches(mixedLog(20 << 20))
	total := 0
	for _, r := range recs {
		total += len(r)
	}
	b.Run("native", func(b *testing.B) {
		b.SetBytes(int64(total))
		var dst []byte
		cpu := cpuTime()
		for b.Loop() {
			for _, r := range recs {
				dst = redact.New().Redact(dst[:0], []byte(r))
			}
		}
		reportCPU(b, cpu, total)
	})
	b.Run("sandbox", func(b *testing.B) {
		c := sandboxChain(b)
		b.SetBytes(int64(total))
		cpu := cpuTime()
		for b.Loop() {
			if _, err := c.Strings(context.Background(), recs); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu, total)
	})
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds cpu-MB/s: bytes per second of CPU the process spent, which
// a shared machine's other load does not lower as it lowers MB/s. Work the
// process does on other threads (the collector) counts against it.
func reportCPU(b *testing.B, since time.Duration, bytes int) {
	if spent := cpuTime() - since; spent > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/spent.Seconds(), "cpu-MB/s")
	}
}

func sandboxChain(b *testing.B) *chain.Chain {
	e, err := runtime.NewEngine(runtime.Options{
		CacheDir: b.TempDir(), HostModules: []runtime.HostModule{hostio.Module(nil)},
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close(context.Background()) })
	class := runtime.FilterClass
	class.Deadline = 60 * time.Second // the whole 20 MB is one call here
	grant := runtime.Grant{}.Module("wasi_snapshot_preview1").Module(abi.ModuleIO)
	m := e.Load("secretfilter", guests.SecretFilterWasm, class, grant)
	if err := m.Ready(context.Background()); err != nil {
		b.Fatal(err)
	}
	return chain.New(m)
}

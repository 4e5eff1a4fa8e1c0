// Package bench measures dockmcp from the outside, as an MCP client sees it:
// how soon a fresh `dockmcp serve` answers initialize, how long its first
// tool call takes with a cold and a warm compilation cache, and what a
// steady list_containers costs next to a bare mcp-go server (the protocol's
// cost) and a direct SDK call (the daemon's cost).
//
//	go test -run='^$' -bench=. -benchtime=5s ./cmd/dockmcp/bench/
//
// The figures are medians, printed at the end as a table with the targets
// beside them. Nothing here asserts a timing: the machines that run it are
// shared and noisy, so only ratios measured in one run mean much.
package bench

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// Binaries the benchmarks spawn, built by TestMain.
var (
	dockmcpBin string
	noopBin    string
)

// TestMain builds the binaries when benchmarks are asked for, then runs
// them under the Docker fixture.
func TestMain(m *testing.M) {
	flag.Parse()
	if flag.Lookup("test.bench").Value.String() != "" {
		if err := buildAll(); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
	}
	dockertest.Main(m)
}

// buildAll builds dockmcp and the noop server into a folder of this user's
// that each run overwrites: dockertest.Main exits the process, so a folder
// made per run could never be removed.
func buildAll() error {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("dockmcp-bench-%d", os.Getuid()))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	dockmcpBin = filepath.Join(dir, "dockmcp")
	noopBin = filepath.Join(dir, "noop")
	if err := goBuild(dockmcpBin, ".."); err != nil {
		return err
	}
	return goBuild(noopBin, "./testdata/noop")
}

func goBuild(out, pkg string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, msg)
	}
	return nil
}

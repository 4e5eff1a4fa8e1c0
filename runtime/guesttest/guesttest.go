// Package guesttest builds guests that exist only for tests (guests that
// loop, allocate without bound or misbehave on request).
package guesttest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
)

// Build compiles the wasip1 reactor in dir (a package path such as
// "./testdata/limitguest") and returns its bytes.
func Build(dir string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "guesttest")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "guest.wasm")
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-o", out, dir)
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, errors.New("build " + dir + ": " + string(b))
	}
	return os.ReadFile(out)
}

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dockmcp/dockmcp/runtime/guesttest"
)

// cacheDir is the compilation cache of every command run here, so that each
// guest compiles once per test binary; setup (testutil_test.go) sets it.
var cacheDir string

// dockmcp runs the command line in process and returns stdout, stderr and
// the exit code.
func dockmcp(t *testing.T, stdin io.Reader, args ...string) (string, string, int) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out bytes.Buffer
	var errOut syncBuffer
	args = append([]string{"--cache-dir", cacheDir}, args...)
	code := run(args, stdin, &out, &errOut)
	return out.String(), errOut.String(), code
}

var built sync.Map // name -> func() ([]byte, error)

// hostile builds testdata/hostile/NAME once and writes it to a file of
// t's, returning the path and its sha256.
func hostile(t *testing.T, name string) (path, sum string) {
	t.Helper()
	once, _ := built.LoadOrStore(name, sync.OnceValues(func() ([]byte, error) {
		return guesttest.Build("./testdata/hostile/" + name)
	}))
	wasm, err := once.(func() ([]byte, error))()
	if err != nil {
		t.Fatal(err)
	}
	return writeFilter(t, name, wasm)
}

func writeFilter(t *testing.T, name string, wasm []byte) (path, sum string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), name+".wasm")
	if err := os.WriteFile(path, wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(wasm)
	return path, hex.EncodeToString(s[:])
}

// writeConfig writes a configuration file in t's folder.
func writeConfig(t *testing.T, yaml string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dockmcp.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fakeToken is shaped like a GitHub token and is not one.
var fakeToken = "ghp_" + strings.Repeat("aB3", 12)

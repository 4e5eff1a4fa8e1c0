package server_test

import (
	"context"
	"os"
	"testing"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// cacheDir is the compilation cache shared by this package's hosts, so the
// guests compile once per test binary.
var cacheDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dockmcp-server-test")
	if err != nil {
		panic(err)
	}
	cacheDir = dir
	dockertest.AtExit(func() { os.RemoveAll(dir) })
	dockertest.Main(m)
}

// dockerHost returns a host that talks to the test daemon (skipping or
// failing as dockertest says when there is none), closed when t ends.
func dockerHost(t *testing.T) *server.Host {
	t.Helper()
	// /tmp is a bind root: the tests bind it read-only.
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		Safety: docker.Safety{BindRoots: []string{"/tmp"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	return h
}

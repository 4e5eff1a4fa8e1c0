// Package dockertest is the fixture for every test in dockmcp that talks to a
// real Docker daemon.
//
// A test package that uses it declares
//
//	func TestMain(m *testing.M) { dockertest.Main(m) }
//
// so that the image built for the package is removed when its tests end.
// [Client] skips a test when no daemon answers, unless the environment sets
// DOCKMCP_REQUIRE_DOCKER=1 (as CI does), in which case it fails. Everything
// the fixture creates carries the label dockmcp.test=1; [Sweep], or
//
//	go run ./hostfuncs/dockertest/sweep
//
// removes what a crashed run left behind.
package dockertest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/moby/moby/client"
)

// Label marks every object the fixture creates.
const (
	Label      = "dockmcp.test"
	LabelValue = "1"
)

// RequireEnv names the variable that turns a missing daemon into a failure.
const RequireEnv = "DOCKMCP_REQUIRE_DOCKER"

const pingTimeout = 10 * time.Second

// Client returns a client connected to the daemon the environment names
// (DOCKER_HOST and friends), with its API version negotiated. It skips t when
// no daemon answers, or fails t when RequireEnv is "1". The client is closed
// when t ends.
func Client(t testing.TB) *client.Client {
	t.Helper()
	cli, err := connect(context.Background())
	if err != nil {
		unavailable(t, err)
	}
	t.Cleanup(func() { _ = cli.Close() })
	return cli
}

// Required reports whether the environment requires a Docker daemon.
func Required() bool { return os.Getenv(RequireEnv) == "1" }

func unavailable(t testing.TB, err error) {
	t.Helper()
	if Required() {
		t.Fatalf("dockertest: no Docker daemon, and %s=1: %v", RequireEnv, err)
	}
	t.Skipf("dockertest: no Docker daemon (set %s=1 to fail instead): %v", RequireEnv, err)
}

// connect makes a client from the environment and pings the daemon.
func connect(ctx context.Context) (*client.Client, error) {
	cli, err := client.New(client.FromEnv)
	if err != nil {
		return nil, fmt.Errorf("docker client: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if _, err := cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		_ = cli.Close()
		return nil, fmt.Errorf("ping %s: %w", cli.DaemonHost(), err)
	}
	return cli, nil
}

func labels(extra map[string]string) map[string]string {
	out := map[string]string{Label: LabelValue}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

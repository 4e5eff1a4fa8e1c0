package dockertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// LocalRegistry is the registry without authentication that CI runs on
// loopback (see .ci/run).
const LocalRegistry = "127.0.0.1:5000"

// RegistryBinary is the distribution registry Debian ships.
const RegistryBinary = "docker-registry"

// NeedLocalRegistry skips t (or fails it under DOCKMCP_REQUIRE_DOCKER=1)
// unless LocalRegistry answers.
func NeedLocalRegistry(t testing.TB) string {
	t.Helper()
	if err := waitRegistry(LocalRegistry, time.Second); err != nil {
		unavailable(t, fmt.Errorf("no registry at %s (start it as .ci/run does): %w",
			LocalRegistry, err))
	}
	return LocalRegistry
}

// AuthRegistry starts a registry of its own on a free loopback port that
// asks for the user and password given (htpasswd, bcrypt), and stops it
// when t ends. It returns its address. Without the docker-registry binary
// it skips t, or fails it under DOCKMCP_REQUIRE_DOCKER=1. The daemon talks
// plain HTTP to it because it treats 127.0.0.0/8 registries as insecure.
func AuthRegistry(t testing.TB, user, password string) string {
	t.Helper()
	bin, err := exec.LookPath(RegistryBinary)
	if err != nil {
		unavailable(t, fmt.Errorf("%s is not installed (apt-get install docker-registry): %w",
			RegistryBinary, err))
	}
	dir := t.TempDir()
	addr := freeLoopback(t)
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	htpasswd := filepath.Join(dir, "htpasswd")
	writeFile(t, htpasswd, user+":"+string(hash)+"\n")
	cfg := filepath.Join(dir, "config.yml")
	writeFile(t, cfg, fmt.Sprintf(registryConfig, filepath.Join(dir, "data"), addr, htpasswd))
	cmd := exec.Command(bin, "serve", cfg)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		t.Fatalf("dockertest: start %s: %v", RegistryBinary, err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	if err := waitRegistry(addr, 15*time.Second); err != nil {
		t.Fatalf("dockertest: registry at %s: %v", addr, err)
	}
	return addr
}

const registryConfig = `version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: %s
  delete:
    enabled: true
http:
  addr: %s
auth:
  htpasswd:
    realm: dockmcp-test
    path: %s
`

func freeLoopback(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// waitRegistry waits until addr answers GET /v2/ with any status.
func waitRegistry(addr string, within time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	hc := &http.Client{Timeout: time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/v2/", nil)
		res, err := hc.Do(req)
		if err == nil {
			res.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

package server_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	mobyclient "github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// A daemon error that holds host paths the call did not name (the
// volume's folder under /var/lib/docker, the missing bind device behind
// the volume) comes back with them replaced and the daemon's words kept.
// (Paths the call named are kept: see TestScrub.)
func TestErrorResultShowsOnlyNamedPaths(t *testing.T) {
	h := dockerHost(t)
	vol := dockertest.Random("dockmcp-test-scrub")
	missing := "/tmp/" + dockertest.Random("dockmcp-test-missing")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cli := dockertest.Client(t)
		_, _ = cli.VolumeRemove(ctx, vol, mobyclient.VolumeRemoveOptions{Force: true})
	})
	res := h.Call(t.Context(), "create_volume", json.RawMessage(`{"name":"`+vol+`",`+
		`"labels":{"dockmcp.test":"1"},"driverOpts":{"type":"none","o":"bind,ro",`+
		`"device":"`+missing+`"}}`))
	if res.IsError {
		t.Fatal(text(res))
	}
	name := testName(t)
	res = h.Call(t.Context(), "run_container", json.RawMessage(spec(t, name,
		`"command":["forever"],"volumes":["`+vol+`:/data:ro"]`)))
	got := text(res)
	if !res.IsError || !strings.Contains(got, "[host path]") ||
		strings.Contains(got, "/var/lib/docker") || strings.Contains(got, missing) {
		t.Errorf("the error shows host paths the call did not name: %s", got)
	}

}

// A refusal names the deny-list folder a bind reached, even through a
// symlink the call did not spell out: the deny list is policy, not a
// secret of the host.
func TestRefusalShowsDenyListPath(t *testing.T) {
	link := t.TempDir() + "/etclink"
	if err := os.Symlink("/etc", link); err != nil {
		t.Fatal(err)
	}
	res := dockerHost(t).Call(t.Context(), "create_container", json.RawMessage(
		`{"image":"`+dockertest.Image(t)+`","volumes":["`+link+`:/x:ro"],`+
			`"labels":{"dockmcp.test":"1"}}`))
	if got := text(res); !res.IsError || !strings.Contains(got, "inside /etc") ||
		!strings.Contains(got, link) {
		t.Errorf("the refusal hides what it refused: %s", got)
	}
}

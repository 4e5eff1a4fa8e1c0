package docker

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/hostfuncs/progress"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// recorder collects progress updates.
type recorder struct {
	mu      sync.Mutex
	updates []progress.Update
}

func (r *recorder) ctx(parent context.Context) context.Context {
	return progress.With(parent, func(u progress.Update) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.updates = append(r.updates, u)
	})
}

// dockerConfig points DOCKER_CONFIG at a new folder holding config (none
// when empty) and returns the config file's path.
func dockerConfig(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("DOCKER_CONFIG", dir)
	path := filepath.Join(dir, "config.json")
	if config != "" {
		if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestPushPullLocalRegistryWithProgress(t *testing.T) {
	reg := dockertest.NeedLocalRegistry(t)
	o := newOps(t)
	dockerConfig(t, "")
	ref := reg + "/dockmcp-test/layers:" + dockertest.Random("t")
	dockertest.LayeredImage(t, ref, 3, nil)

	var rec recorder
	res, err := o.ImagePush(rec.ctx(t.Context()), dockerapi.ImagePushRequest{Image: ref})
	if err != nil {
		t.Fatal(err)
	}
	if res.Layers != 4 || res.Bytes <= 0 || !strings.HasPrefix(res.Digest, "sha256:") ||
		res.UsedAuth || res.Image != ref {
		t.Errorf("push = %+v", res)
	}
	if len(rec.updates) < 2 || !strings.Contains(rec.updates[len(rec.updates)-1].Message,
		"4 of 4 layers done") {
		t.Errorf("push progress = %+v", rec.updates)
	}

	dockertest.RemoveImage(t, ref)
	t.Cleanup(func() { dockertest.RemoveImage(t, ref) })
	rec = recorder{}
	res, err = o.ImagePull(rec.ctx(t.Context()), dockerapi.ImagePullRequest{Image: ref})
	if err != nil {
		t.Fatal(err)
	}
	if res.Layers != 4 || !strings.Contains(res.Status, "Downloaded newer image") ||
		!strings.HasPrefix(res.Digest, "sha256:") {
		t.Errorf("pull = %+v", res)
	}
	if len(rec.updates) < 2 {
		t.Errorf("pull progress = %+v", rec.updates)
	}
}

func TestPullMissingTagIsAnError(t *testing.T) {
	reg := dockertest.NeedLocalRegistry(t)
	o := newOps(t)
	dockerConfig(t, "")
	ref := reg + "/dockmcp-test/none:" + dockertest.Random("absent")
	_, err := o.ImagePull(t.Context(), dockerapi.ImagePullRequest{Image: ref})
	wantCode(t, err, abi.CodeNotFound)
}

// tricky is a password whose credential JSON encodes to '+' and '/' in
// standard base64, whatever its alignment: the daemon reads only URL-safe
// base64 and ignores what it cannot decode.
const tricky = "s3cret??????~~~~~~+/=x"

func TestPushWithCredentialsFromConfig(t *testing.T) {
	const user = "dockmcp"
	reg := dockertest.AuthRegistry(t, user, tricky)
	o := newOps(t)
	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + tricky))
	path := dockerConfig(t, `{"auths":{"`+reg+`":{"auth":"`+basic+`"}}}`)

	a, err := lookupAuth(reg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.ContainsAny(a.encoded, "-_") {
		t.Fatalf("test password does not exercise URL-safe base64: %s", a.encoded)
	}
	raw, _ := base64.URLEncoding.DecodeString(a.encoded)
	std := base64.StdEncoding.EncodeToString(raw)
	if !strings.Contains(std, "+") || !strings.Contains(std, "/") {
		t.Fatalf("standard encoding lacks '+' or '/': %s", std)
	}

	ref := reg + "/dockmcp-test/auth:" + dockertest.Random("t")
	dockertest.LayeredImage(t, ref, 2, nil)
	res, err := o.ImagePush(t.Context(), dockerapi.ImagePushRequest{Image: ref})
	if err != nil {
		t.Fatal(err)
	}
	if !res.UsedAuth || res.Layers != 3 {
		t.Errorf("push = %+v", res)
	}
	js := jsonOf(t, res)
	for _, secret := range []string{tricky, basic, a.encoded, "s3cret"} {
		if strings.Contains(js, secret) {
			t.Errorf("result echoes a credential: %s", js)
		}
	}

	dockertest.RemoveImage(t, ref)
	t.Cleanup(func() { dockertest.RemoveImage(t, ref) })
	if _, err := o.ImagePull(t.Context(), dockerapi.ImagePullRequest{Image: ref}); err != nil {
		t.Fatalf("pull back: %v", err)
	}

	// Without credentials, and with wrong ones: messages say what to do.
	dockertest.RemoveImage(t, ref)
	path = dockerConfig(t, "")
	_, err = o.ImagePull(t.Context(), dockerapi.ImagePullRequest{Image: ref})
	wantCode(t, err, abi.CodeDenied, "no credentials for registry "+reg+" in "+path+
		"; run docker login "+reg)
	wrong := base64.StdEncoding.EncodeToString([]byte(user + ":wrong-password"))
	path = dockerConfig(t, `{"auths":{"`+reg+`":{"auth":"`+wrong+`"}}}`)
	_, err = o.ImagePull(t.Context(), dockerapi.ImagePullRequest{Image: ref})
	wantCode(t, err, abi.CodeDenied, "refused the credentials for it in "+path, "docker login "+reg)
	assertNoSecret(t, err, "wrong-password", wrong)
}

func assertNoSecret(t *testing.T, err error, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error echoes a credential: %v", err)
		}
	}
}

// TestPushWithCredentialHelper serves the credentials from a credential
// helper named in credHelpers, as docker-credential-* programs do.
func TestPushWithCredentialHelper(t *testing.T) {
	const user = "helper-user"
	reg := dockertest.AuthRegistry(t, user, tricky)
	o := newOps(t)
	bin := t.TempDir()
	answer, _ := json.Marshal(map[string]string{"ServerURL": reg, "Username": user, "Secret": tricky})
	script := "#!/bin/sh\n[ \"$1\" = get ] || exit 1\ncat >/dev/null\ncat <<'EOF'\n" +
		string(answer) + "\nEOF\n"
	if err := os.WriteFile(filepath.Join(bin, "docker-credential-dockmcptest"),
		[]byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	dockerConfig(t, `{"credHelpers":{"`+reg+`":"dockmcptest"}}`)

	ref := reg + "/dockmcp-test/helper:" + dockertest.Random("t")
	dockertest.LayeredImage(t, ref, 1, nil)
	res, err := o.ImagePush(t.Context(), dockerapi.ImagePushRequest{Image: ref})
	if err != nil {
		t.Fatal(err)
	}
	if !res.UsedAuth {
		t.Errorf("push = %+v", res)
	}
}

// stallingRegistry accepts connections and never answers.
func stallingRegistry(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String()
}

func TestPullStopsWhenCancelledOrTimedOut(t *testing.T) {
	o := newOps(t)
	dockerConfig(t, "")
	ref := stallingRegistry(t) + "/dockmcp-test/slow:1"

	ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := o.ImagePull(ctx, dockerapi.ImagePullRequest{Image: ref})
	wantCode(t, err, abi.CodeTimeout)
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("cancelled pull took %v", d)
	}

	start = time.Now()
	_, err = o.ImagePull(t.Context(), dockerapi.ImagePullRequest{Image: ref, TimeoutSeconds: 1})
	wantCode(t, err, abi.CodeTimeout, "timeoutSeconds=1")
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("pull with timeoutSeconds=1 took %v", d)
	}
}

package server

import (
	"encoding/json"
	"testing"
)

// Fixtures are fakes: no credential here is real.
func TestScrub(t *testing.T) {
	cases := []struct {
		name, msg, args, want string
	}{
		{"daemon path not named",
			`error while mounting volume '/var/lib/docker/volumes/v1/_data': no such file`,
			`{"name":"v1"}`, `error while mounting volume '[host path]': no such file`},
		{"overlay path", `failed to stat /var/lib/docker/overlay2/abc/merged: denied`, `{}`,
			`failed to stat [host path]: denied`},
		{"named path stays",
			`bind source path does not exist: /tmp/ctx-x`, `{"binds":["/tmp/ctx-x:/data:ro"]}`,
			`bind source path does not exist: /tmp/ctx-x`},
		{"inside a named path stays", `open /srv/app/Dockerfile: no such file`,
			`{"context":"/srv/app"}`, `open /srv/app/Dockerfile: no such file`},
		{"beside a named path", `open /srv/application: denied`, `{"context":"/srv/app"}`,
			`open [host path]: denied`},
		{"root named covers only itself", `stat /home/u/.ssh: denied`, `{"path":"/"}`,
			`stat [host path]: denied`},
		{"home and working folder", `open "/home/op/work/dockmcp/x.yaml" (cwd=/root)`, `{}`,
			`open "[host path]" (cwd=[host path])`},
		{"socket", `Cannot connect to the Docker daemon at unix:///var/run/docker.sock.`, `{}`,
			`Cannot connect to the Docker daemon at unix://[host path]`},
		{"socket of the policy stays", `dial unix:///opt/roots: refused`, `{}`,
			`dial unix:///opt/roots: refused`},
		{"url path stays", `Get "http://registry.local:5000/v2/x/manifests/1": EOF`, `{}`,
			`Get "http://registry.local:5000/v2/x/manifests/1": EOF`},
		{"image reference stays", `pull access denied for docker.io/library/nope`, `{}`,
			`pull access denied for docker.io/library/nope`},
		{"userinfo", `Get "https://bob:FakePass123@reg.example/v2/": 401`, `{}`,
			`Get "https://[redacted]@reg.example/v2/": 401`},
		{"authorization header", `request had Authorization: Bearer fakeTok3nValue123`, `{}`,
			`request had Authorization: [redacted]`},
		{"registry auth header", `X-Registry-Auth: eyJmYWtlIjoiMSJ9 rejected`, `{}`,
			`X-Registry-Auth: [redacted] rejected`},
		{"panic dump", "the tool failed: panic: runtime error: index out of range\n\n" +
			"goroutine 7 [running]:\nmain.f()\n\t/home/dev/src/f.go:12 +0x1d\n", `{}`,
			"the tool failed " + markStack},
		{"goroutine dump", "daemon said: oops\ngoroutine 1 [chan receive]:\nmain.main()", `{}`,
			"daemon said: oops " + markStack},
		{"source line", `internal error at server.go:123: bad`, `{}`,
			`internal error at [source line]: bad`},
		{"policy root stays, not inside it",
			`/opt/roots/x is not under an allowed root (/opt/roots)`, `{}`,
			`[host path] is not under an allowed root (/opt/roots)`},
		{"examples stay", `accepted forms: "/host/path:/container/path[:ro]"`, `{}`,
			`accepted forms: "/host/path:/container/path[:ro]"`},
		{"nothing to do", `No such container: web`, `{"containerId":"web"}`,
			`No such container: web`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := scrub(tc.msg, namedPaths(json.RawMessage(tc.args)), []string{"/opt/roots"})
			if got != tc.want {
				t.Errorf("scrub(%q)\n got %q\nwant %q", tc.msg, got, tc.want)
			}
			if again := scrub(got, namedPaths(json.RawMessage(tc.args)), []string{"/opt/roots"}); again != got {
				t.Errorf("not idempotent: %q", again)
			}
		})
	}
}

package main

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

type pb = dockerapi.PortBinding

func TestParsePorts(t *testing.T) {
	tests := []struct {
		in   string
		want []pb
	}{
		{`["8080:80"]`, []pb{{HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}},
		{`["127.0.0.1:5353:53/udp"]`,
			[]pb{{HostIP: "127.0.0.1", HostPort: 5353, ContainerPort: 53, Proto: "udp"}}},
		{`["80"]`, []pb{{ContainerPort: 80, Proto: "tcp"}}},
		{`["127.0.0.1::80"]`, []pb{{HostIP: "127.0.0.1", ContainerPort: 80, Proto: "tcp"}}},
		{`["[::1]:8080:80/sctp"]`,
			[]pb{{HostIP: "::1", HostPort: 8080, ContainerPort: 80, Proto: "sctp"}}},
		{`["9000-9001:8000-8001"]`, []pb{
			{HostPort: 9000, ContainerPort: 8000, Proto: "tcp"},
			{HostPort: 9001, ContainerPort: 8001, Proto: "tcp"}}},
		{`{"80/tcp": 8080}`, []pb{{HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}},
		{`{"80/tcp": "127.0.0.1:8080"}`,
			[]pb{{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}},
		{`{"53/udp": "5353"}`, []pb{{HostPort: 5353, ContainerPort: 53, Proto: "udp"}}},
		{`{"80": null}`, []pb{{ContainerPort: 80, Proto: "tcp"}}},
		{`"[\"8080:80\"]"`, []pb{{HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}},
		{`null`, nil},
	}
	for _, tt := range tests {
		got, err := parsePorts("ports", json.RawMessage(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestParsePortsRefused(t *testing.T) {
	tests := []struct{ in, says string }{
		{`["80:abc"]`, `container port "abc"`},
		{`["99999:80"]`, `host port "99999"`},
		{`["8080:80/icmp"]`, `protocol "icmp"`},
		{`["8080:80/"]`, `protocol ""`},
		{`[":80"]`, "host port is empty"},
		{`["8080:"]`, "container port is missing"},
		{`[":8080:80"]`, "host IP is empty"},
		{`["1.2.3.4:5:6:7"]`, "too many"},
		{`["300.1.1.1:80:80"]`, "not an IP"},
		{`["0:80"]`, `host port "0"`},
		{`["8000-8001:80"]`, "differ in size"},
		{`["1-5000"]`, "at most"},
		{`{"80/tcp": true}`, "host side"},
		{`{"80/xdp": 8080}`, `protocol "xdp"`},
		{`[80]`, "want strings"},
		{`"8080:80"`, "want an array or an object"},
	}
	for _, tt := range tests {
		_, err := parsePorts("ports", json.RawMessage(tt.in))
		wantInvalid(t, tt.in, err, tt.says, "ports", "accepted forms", `"8080:80"`)
	}
}

func wantInvalid(t *testing.T, in string, err error, says ...string) {
	t.Helper()
	var ae *abi.Error
	if !errors.As(err, &ae) || ae.Code != abi.CodeInvalid {
		t.Errorf("%s: error = %v, want an invalid error", in, err)
		return
	}
	for _, s := range says {
		if !strings.Contains(ae.Message, s) {
			t.Errorf("%s: %q lacks %q", in, ae.Message, s)
		}
	}
}

type mnt = dockerapi.Mount

func TestParseBinds(t *testing.T) {
	tests := []struct {
		in   string
		want mnt
	}{
		{"/srv:/data", mnt{Type: "bind", Source: "/srv", Target: "/data"}},
		{"/srv:/data:ro", mnt{Type: "bind", Source: "/srv", Target: "/data", ReadOnly: true}},
		{"/srv:/data:rw", mnt{Type: "bind", Source: "/srv", Target: "/data"}},
		{"cache:/cache", mnt{Type: "volume", Source: "cache", Target: "/cache"}},
		{"/anon", mnt{Type: "volume", Target: "/anon"}},
	}
	for _, tt := range tests {
		got, err := parseBind("volumes[0]", tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	refused := []struct{ in, says string }{
		{"::/x", "empty"},
		{"/a::ro", "empty"},
		{"/a:/b:", "empty"},
		{"/a:/b:ro:z", "extra"},
		{"/a:/b:rx", `mode "rx"`},
		{"./rel:/b", "neither an absolute host path nor a volume name"},
		{"/a:rel", "must be absolute"},
		{"rel", "must be absolute"},
	}
	for _, tt := range refused {
		_, err := parseBind("volumes[0]", tt.in)
		wantInvalid(t, tt.in, err, tt.says, "volumes[0]", "accepted forms",
			`"/srv/data:/data:ro"`)
	}
}

func TestParseMounts(t *testing.T) {
	raw := []json.RawMessage{
		json.RawMessage(`{"Type":"bind","Source":"/srv","Target":"/data","ReadOnly":true}`),
		json.RawMessage(`{"type":"volume","source":"v1","target":"/v"}`),
		json.RawMessage(`{"type":"tmpfs","target":"/tmp"}`),
		json.RawMessage(`"/x:/y"`),
	}
	got, err := parseMounts("mounts", raw)
	want := []mnt{
		{Type: "bind", Source: "/srv", Target: "/data", ReadOnly: true},
		{Type: "volume", Source: "v1", Target: "/v"},
		{Type: "tmpfs", Target: "/tmp"},
		{Type: "bind", Source: "/x", Target: "/y"},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, %v", got, err)
	}
	for _, in := range []string{
		`{"type":"bind","source":"rel","target":"/d"}`,
		`{"type":"npipe","source":"/a","target":"/d"}`,
		`{"type":"bind","source":"/a","target":"/d","propagation":"x"}`,
	} {
		_, err := parseMounts("mounts", []json.RawMessage{json.RawMessage(in)})
		wantInvalid(t, in, err, "mounts[0]", "accepted")
	}
}

func TestParseEnv(t *testing.T) {
	for _, in := range []string{`["A=1","B=x=y"]`, `{"B":"x=y","A":1}`, `"[\"A=1\",\"B=x=y\"]"`} {
		got, err := parseEnv(json.RawMessage(in))
		if err != nil || !reflect.DeepEqual(got, []string{"A=1", "B=x=y"}) {
			t.Errorf("%s: got %q, %v", in, got, err)
		}
	}
	for _, in := range []string{`["NOVALUE"]`, `["=v"]`, `"A=1"`, `[1]`} {
		_, err := parseEnv(json.RawMessage(in))
		wantInvalid(t, in, err, "env", `["KEY=VALUE"]`)
	}
}

func TestParseExposed(t *testing.T) {
	want := []dockerapi.ContainerPort{{Port: 53, Proto: "udp"}, {Port: 80, Proto: "tcp"}}
	for _, in := range []string{`["53/udp","80"]`, `{"80/tcp":{},"53/udp":{}}`} {
		got, err := parseExposed(json.RawMessage(in))
		if in[0] == '{' { // map keys come sorted
			want = []dockerapi.ContainerPort{{Port: 53, Proto: "udp"}, {Port: 80, Proto: "tcp"}}
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, %v", in, got, err)
		}
	}
	got, err := parseExposed(json.RawMessage(`[8080]`))
	if err != nil || len(got) != 1 || got[0].Port != 8080 {
		t.Errorf("[8080]: got %+v, %v", got, err)
	}
	_, err = parseExposed(json.RawMessage(`["80/icmp"]`))
	wantInvalid(t, "80/icmp", err, "exposedPorts", "icmp")
}

func TestParseScalars(t *testing.T) {
	mem := map[string]int64{`536870912`: 512 << 20, `"512m"`: 512 << 20, `"1g"`: 1 << 30,
		`"1.5GB"`: 3 << 29, `"64k"`: 64 << 10, `"100"`: 100}
	for in, want := range mem {
		if got, err := parseMemory(json.RawMessage(in)); err != nil || got != want {
			t.Errorf("memory %s: got %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{`"lots"`, `-1`, `1.5`, `"5x"`} {
		_, err := parseMemory(json.RawMessage(in))
		wantInvalid(t, in, err, "memory", `"512m"`)
	}
	cpus := map[string]int64{`0.5`: 5e8, `2`: 2e9, `"1.25"`: 1.25e9}
	for in, want := range cpus {
		if got, err := parseCPUs(json.RawMessage(in)); err != nil || got != want {
			t.Errorf("cpus %s: got %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{`0`, `-1`, `"half"`} {
		_, err := parseCPUs(json.RawMessage(in))
		wantInvalid(t, in, err, "cpus", "0.5")
	}
	restart := map[string]dockerapi.RestartPolicy{
		`"always"`:       {Name: "always"},
		`"on-failure:3"`: {Name: "on-failure", MaxRetries: 3},
		`{"Name":"on-failure","MaximumRetryCount":2}`: {Name: "on-failure", MaxRetries: 2},
		`{"name":"unless-stopped"}`:                   {Name: "unless-stopped"},
	}
	for in, want := range restart {
		if got, err := parseRestart("restartPolicy", json.RawMessage(in)); err != nil ||
			got != want {
			t.Errorf("restart %s: got %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{`"sometimes"`, `"always:3"`, `"on-failure:x"`} {
		_, err := parseRestart("restartPolicy", json.RawMessage(in))
		wantInvalid(t, in, err, "restartPolicy", "on-failure:N")
	}
}

func TestCreateRequest(t *testing.T) {
	var a createArgs
	in := `{"image":"app","name":"/web","command":["a","b"],"entrypoint":["/bin/x"],
		"env":{"K":"V"},"ports":["8080:80"],"volumes":["/srv:/data:ro"],
		"labels":{"app":"web"},"restartPolicy":"unless-stopped","memory":"512m","cpus":0.5,
		"hostConfig":{"PortBindings":{"53/udp":[{"HostIp":"127.0.0.1","HostPort":"5353"}]},
		"Binds":["cache:/cache"],"AutoRemove":true,"NetworkMode":"bridge"}}`
	if err := json.Unmarshal([]byte(in), &a); err != nil {
		t.Fatal(err)
	}
	got, err := createRequest(a)
	if err != nil {
		t.Fatal(err)
	}
	want := dockerapi.ContainerCreateRequest{
		Image: "app", Name: "web", Cmd: []string{"a", "b"}, Entrypoint: []string{"/bin/x"},
		Env: []string{"K=V"},
		PortBindings: []pb{{HostPort: 8080, ContainerPort: 80, Proto: "tcp"},
			{HostIP: "127.0.0.1", HostPort: 5353, ContainerPort: 53, Proto: "udp"}},
		Mounts: []mnt{{Type: "bind", Source: "/srv", Target: "/data", ReadOnly: true},
			{Type: "volume", Source: "cache", Target: "/cache"}},
		Labels: map[string]string{"app": "web"}, Network: "bridge",
		Restart: dockerapi.RestartPolicy{Name: "unless-stopped"}, AutoRemove: true,
		Memory: 512 << 20, NanoCPUs: 5e8,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	a = createArgs{Image: "app", HostConfig: json.RawMessage(`{"Privileged":true}`)}
	_, err = createRequest(a)
	wantInvalid(t, "Privileged", err, "hostConfig", "Privileged", "supported keys")
	a = createArgs{Image: "app", HostConfig: json.RawMessage(
		`{"PortBindings":{"80/tcp":[{"HostPort":"abc"}]}}`)}
	_, err = createRequest(a)
	wantInvalid(t, "PortBindings", err, `hostConfig.PortBindings["80/tcp"][0]`, `"abc"`)
}

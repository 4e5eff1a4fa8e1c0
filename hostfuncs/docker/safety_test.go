package docker

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Every host-safety rule has a refused case that names the rule and the key
// that would allow it, and an allowed case once the operator names it. The
// fields the create request cannot carry are checked on the final
// HostConfig all the same: the check does not trust how it was built.
func TestHostSafetyRules(t *testing.T) {
	for _, tc := range []struct {
		rule string
		h    container.HostConfig
	}{
		{RulePrivileged, container.HostConfig{Privileged: true}},
		{RuleCapabilities, container.HostConfig{CapAdd: []string{"SYS_ADMIN"}}},
		{RuleHostPID, container.HostConfig{PidMode: "host"}},
		{RuleHostIPC, container.HostConfig{IpcMode: "host"}},
		{RuleHostUTS, container.HostConfig{UTSMode: "host"}},
		{RuleHostNetwork, container.HostConfig{NetworkMode: "host"}},
		{RuleHostUserns, container.HostConfig{UsernsMode: "host"}},
		{RuleHostCgroupns, container.HostConfig{CgroupnsMode: "host"}},
		{RuleContainerNamespaces, container.HostConfig{NetworkMode: "container:abc"}},
		{RuleContainerNamespaces, container.HostConfig{PidMode: "container:abc"}},
		{RuleDevices, container.HostConfig{Resources: container.Resources{
			Devices: []container.DeviceMapping{{PathOnHost: "/dev/sda"}}}}},
		{RuleDevices, container.HostConfig{Resources: container.Resources{
			DeviceRequests: []container.DeviceRequest{{Count: -1}}}}},
		{RuleDevices, container.HostConfig{Resources: container.Resources{
			DeviceCgroupRules: []string{"a *:* rwm"}}}},
		{RuleUnconfined, container.HostConfig{SecurityOpt: []string{"seccomp=unconfined"}}},
		{RuleUnconfined, container.HostConfig{SecurityOpt: []string{"apparmor:unconfined"}}},
		{RuleUnconfined, container.HostConfig{SecurityOpt: []string{"systempaths=unconfined"}}},
		{RuleUnconfined, container.HostConfig{SecurityOpt: []string{"label=disable"}}},
		{RuleUnconfined, container.HostConfig{MaskedPaths: []string{}}},
		{RuleVolumesFrom, container.HostConfig{VolumesFrom: []string{"other"}}},
		{RuleVolumeDrivers, container.HostConfig{Mounts: []mount.Mount{{Type: "volume",
			Target: "/d", VolumeOptions: &mount.VolumeOptions{
				DriverConfig: &mount.Driver{Name: "local-persist"}}}}}},
	} {
		strict := New(dockertest.Client(t))
		h := tc.h
		err := strict.checkHost(t.Context(), &h)
		wantCode(t, err, abi.CodeDenied, "rule "+tc.rule,
			"policy.hostSafety.allow: ["+tc.rule+"]")
		allowed := New(dockertest.Client(t), WithSafety(Safety{Allow: []string{tc.rule}}))
		h = tc.h
		if err := allowed.checkHost(t.Context(), &h); err != nil {
			t.Errorf("%s allowed: %v", tc.rule, err)
		}
	}
	h := container.HostConfig{SecurityOpt: []string{"no-new-privileges"}}
	if err := New(dockertest.Client(t)).checkHost(t.Context(), &h); err != nil {
		t.Errorf("no-new-privileges: %v", err)
	}
}

// The create request has no field for privileged, capabilities, devices or
// security options; a guest that sends them anyway is refused by the
// strict decoder before anything is created.
func TestCreateRequestCannotCarryHostFields(t *testing.T) {
	for _, field := range []string{"privileged", "capAdd", "devices", "securityOpt",
		"pidMode", "ipcMode", "utsMode", "usernsMode", "hostConfig", "binds", "volumesFrom"} {
		raw := `{"image":"x","` + field + `":true}`
		var req dockerapi.ContainerCreateRequest
		dec := json.NewDecoder(strings.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err == nil {
			t.Errorf("%s: decoded", field)
		}
	}
}

// bindCase is one bind source and what the policy says of it.
type bindCase struct {
	name, src string
	ro        bool
	want      string // "" for allowed, else part of the refusal
}

func TestBindPolicy(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	home := filepath.Join(root, "home")
	for _, d := range []string{data, filepath.Join(home, ".ssh"), filepath.Join(root, "x")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"sock": "/var/run/docker.sock", "etc": "/etc", "runlink": "/run",
		"tohome": home, "up": "..", "usr": "/usr",
	} {
		if err := os.Symlink(target, filepath.Join(data, link)); err != nil {
			t.Fatal(err)
		}
	}
	o := New(dockertest.Client(t), WithSafety(Safety{BindRoots: []string{root}}))
	for _, tc := range []bindCase{
		{"under root, read-only", data, true, ""},
		{"not yet existing, under root", filepath.Join(data, "new/dir"), true, ""},
		{"writable", data, false, "policy.binds.writable: true"},
		{"outside roots", "/usr/share", true, "policy.binds.allowedRoots"},
		{"dot-dot escape", data + "/../../..", true, "'..' component"},
		{"dot-dot after symlink", data + "/up/..", true, "'..' component"},
		{"symlink out of root", filepath.Join(data, "usr"), true, "not under"},
		{"docker socket", "/var/run/docker.sock", true, "Docker socket"},
		{"docker socket /run", "/run/docker.sock", true, "Docker socket"},
		{"socket spelt oddly", "//var/./run//docker.sock", true, "Docker socket"},
		{"symlink to socket", filepath.Join(data, "sock"), true, "Docker socket"},
		{"parent of socket", "/var/run", true, "Docker socket"},
		{"run via symlink", filepath.Join(data, "runlink"), true, "Docker socket"},
		{"root", "/", true, "Docker socket"},
		{"etc", "/etc", true, "inside /etc"},
		{"etc via symlink", filepath.Join(data, "etc", "passwd"), true, "inside /etc"},
		{"proc", "/proc/1/root", true, "inside /proc"},
		{"sys", "/sys", true, "inside /sys"},
		{"dev", "/dev/sda", true, "inside /dev"},
		{"boot", "/boot", true, "inside /boot"},
		{"root home", "/root", true, "inside /root"},
		{"docker data", "/var/lib/docker/volumes", true, "inside /var/lib/docker"},
		{"ssh anywhere", filepath.Join(home, ".ssh"), true, "credential folder (.ssh)"},
		{"aws anywhere", filepath.Join(root, "x", ".aws", "credentials"), true, ".aws"},
		{"folder holding .ssh", home, true, "holds a credential folder"},
		{"symlink to such a folder", filepath.Join(data, "tohome"), true, "holds a credential"},
		{"relative", "data", true, "not an absolute host path"},
	} {
		_, err := o.checkBind(tc.src, tc.ro)
		checkBindCase(t, tc, err)
	}
	_, err := New(dockertest.Client(t)).checkBind(data, true)
	wantCode(t, err, abi.CodeDenied, "bind mounts are off", "policy.binds.allowedRoots")
}

func checkBindCase(t *testing.T, tc bindCase, err error) {
	t.Helper()
	switch {
	case tc.want == "" && err != nil:
		t.Errorf("%s: %v", tc.name, err)
	case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
		t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
	}
}

// Attack routes through the real create and volume-create host functions:
// each is refused before the daemon is asked, and nothing is created.
func TestHostSafetyAttacks(t *testing.T) {
	root := t.TempDir()
	o := New(dockertest.Client(t), WithSafety(Safety{BindRoots: []string{root}}))
	img := dockertest.Image(t)
	for _, tc := range []struct {
		name string
		req  dockerapi.ContainerCreateRequest
		want string
	}{
		{"network host", dockerapi.ContainerCreateRequest{Network: "host"}, "rule hostNetwork"},
		{"network of another container", dockerapi.ContainerCreateRequest{
			Network: "container:abc"}, "rule containerNamespaces"},
		{"bind the socket", dockerapi.ContainerCreateRequest{Mounts: []dockerapi.Mount{
			{Type: "bind", Source: "/var/run/docker.sock", Target: "/s", ReadOnly: true}}},
			"Docker socket"},
		{"bind /", dockerapi.ContainerCreateRequest{Mounts: []dockerapi.Mount{
			{Type: "bind", Source: "/", Target: "/host", ReadOnly: true}}}, "Docker socket"},
		{"bind writable", dockerapi.ContainerCreateRequest{Mounts: []dockerapi.Mount{
			{Type: "bind", Source: root, Target: "/d"}}}, "policy.binds.writable"},
		{"volume type with a host path", dockerapi.ContainerCreateRequest{
			Mounts: []dockerapi.Mount{{Type: "volume", Source: "/etc", Target: "/d"}}},
			"cannot be mounted"},
	} {
		tc.req.Image = img
		_, err := o.ContainerCreate(t.Context(), tc.req)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	for _, opts := range []map[string]string{
		{"type": "none", "o": "bind", "device": "/etc"},
		{"type": "none", "o": "rbind,ro", "device": "/var/run"},
		{"type": "none", "o": "bind", "device": "relative"},
		{"type": "none", "o": "bind", "device": "/usr"},
	} {
		name := dockertest.Random("dockmcp-test-vol")
		_, err := o.VolumeCreate(t.Context(), dockerapi.VolumeCreateRequest{Name: name,
			DriverOpts: opts, Labels: map[string]string{dockertest.Label: dockertest.LabelValue}})
		wantCode(t, err, abi.CodeDenied, "bind policy")
	}
	// Filesystems other than a bind or tmpfs reach the host another way: an
	// overlay whose lowerdir is /etc or /var/run (the socket), the host's
	// proc or sysfs, a local NFS export.
	for _, opts := range []map[string]string{
		{"type": "overlay", "device": "overlay",
			"o": "lowerdir=/etc,upperdir=/tmp/u,workdir=/tmp/w"},
		{"type": "overlay", "device": "overlay", "o": "lowerdir=/var/run"},
		{"type": "proc", "device": "proc"},
		{"type": "ext4", "device": "/dev/sda1"},
		{"type": "sysfs", "device": "sysfs"},
		{"type": "nfs", "device": ":/", "o": "addr=127.0.0.1"},
		{"type": "none", "device": "x"},
		{"o": "lowerdir=/etc"},
	} {
		name := dockertest.Random("dockmcp-test-vol")
		_, err := o.VolumeCreate(t.Context(), dockerapi.VolumeCreateRequest{Name: name,
			DriverOpts: opts, Labels: map[string]string{dockertest.Label: dockertest.LabelValue}})
		wantCode(t, err, abi.CodeDenied, "rule volumeDrivers")
	}
	_, err := o.VolumeCreate(t.Context(), dockerapi.VolumeCreateRequest{Name: "x",
		Driver: "local-persist"})
	wantCode(t, err, abi.CodeDenied, "rule volumeDrivers")
}

// A container created out of band (here privileged, with the socket bound)
// is no way around the policy: starting or running it is refused.
func TestStartOutOfBandContainerRefused(t *testing.T) {
	name := dockertest.Random("dockmcp-test-oob")
	t.Cleanup(func() { forceRemove(name) })
	_, err := dockertest.Client(t).ContainerCreate(t.Context(), client.ContainerCreateOptions{
		Name: name, Image: dockertest.Image(t),
		Config: &container.Config{Labels: map[string]string{dockertest.Label: dockertest.LabelValue}},
		HostConfig: &container.HostConfig{Privileged: true,
			Binds: []string{"/var/run/docker.sock:/s"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	o := newOps(t)
	_, err = o.ContainerStart(t.Context(), dockerapi.ContainerRef{ID: name})
	wantCode(t, err, abi.CodeDenied, "rule privileged")
	_, err = o.ContainerStartAttached(t.Context(), dockerapi.ContainerStartAttachedRequest{
		ID: name, TimeoutSeconds: 5})
	wantCode(t, err, abi.CodeDenied, "rule privileged")
	_, err = o.ContainerRestart(t.Context(), dockerapi.ContainerStopRequest{ID: name})
	wantCode(t, err, abi.CodeDenied, "rule privileged")
	allowed := New(dockertest.Client(t), WithSafety(Safety{Allow: []string{RulePrivileged, RuleUnconfined}}))
	_, err = allowed.ContainerStart(t.Context(), dockerapi.ContainerRef{ID: name})
	wantCode(t, err, abi.CodeDenied, "Docker socket")
	if st := inspect(t, name).State; st.Running {
		t.Fatal("the container runs")
	}
}

// With exec disabled the operation itself is refused, whatever the guest.
func TestExecDisabled(t *testing.T) {
	o := New(dockertest.Client(t), WithoutExec())
	_, err := o.ContainerExec(t.Context(), dockerapi.ContainerExecRequest{ID: "x",
		Cmd: []string{"env"}})
	wantCode(t, err, abi.CodeDenied, "policy.exec.enabled: false")
}

// A build cannot ask for the host's network, extra privileges or a host
// path: the request has no such field, and the options sent leave the
// daemon's defaults. The context itself is checked against the build roots
// (build_test.go).
func TestBuildCannotReachHost(t *testing.T) {
	opts, _, err := buildOptions(dockerapi.ImageBuildRequest{Context: "/x",
		Tags: []string{"a:b"}, BuildArgs: map[string]string{"A": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if opts.NetworkMode != "" || len(opts.SecurityOpt) > 0 || opts.Isolation != "" ||
		len(opts.ExtraHosts) > 0 || opts.CgroupParent != "" || opts.RemoteContext != "" {
		t.Errorf("build options reach past the defaults: %+v", opts)
	}
	for _, field := range []string{"networkMode", "securityOpt", "extraHosts", "remoteContext"} {
		dec := json.NewDecoder(strings.NewReader(`{"context":"/x","` + field + `":"host"}`))
		dec.DisallowUnknownFields()
		var req dockerapi.ImageBuildRequest
		if dec.Decode(&req) == nil {
			t.Errorf("%s: decoded", field)
		}
	}
}

// A volume made out of band as an overlay of the host's /etc is no way
// around the policy: a container mounting it is refused at start.
func TestStartOutOfBandOverlayVolumeRefused(t *testing.T) {
	cli := dockertest.Client(t)
	vol := dockertest.Random("dockmcp-test-vol")
	_, err := cli.VolumeCreate(t.Context(), client.VolumeCreateOptions{Name: vol,
		Driver: "local", Labels: map[string]string{dockertest.Label: dockertest.LabelValue},
		DriverOpts: map[string]string{"type": "overlay", "device": "overlay",
			"o": "lowerdir=/etc"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = cli.VolumeRemove(context.Background(), vol, client.VolumeRemoveOptions{Force: true})
	})
	name := dockertest.Random("dockmcp-test-oob")
	t.Cleanup(func() { forceRemove(name) })
	_, err = cli.ContainerCreate(t.Context(), client.ContainerCreateOptions{
		Name: name, Image: dockertest.Image(t),
		Config:     &container.Config{Labels: map[string]string{dockertest.Label: dockertest.LabelValue}},
		HostConfig: &container.HostConfig{Binds: []string{vol + ":/hostetc"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = newOps(t).ContainerStart(t.Context(), dockerapi.ContainerRef{ID: name})
	wantCode(t, err, abi.CodeDenied, "rule volumeDrivers")
	if st := inspect(t, name).State; st.Running {
		t.Fatal("the container runs")
	}
}

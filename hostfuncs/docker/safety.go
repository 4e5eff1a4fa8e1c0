package docker

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Host-safety rules an operator may allow by name under
// policy.hostSafety.allow. Each is refused by default.
const (
	RulePrivileged   = "privileged"   // HostConfig.Privileged
	RuleCapabilities = "capabilities" // HostConfig.CapAdd
	RuleHostPID      = "hostPid"      // PidMode host
	RuleHostIPC      = "hostIpc"      // IpcMode host
	RuleHostUTS      = "hostUts"      // UTSMode host
	RuleHostNetwork  = "hostNetwork"  // NetworkMode host
	RuleHostUserns   = "hostUserns"   // UsernsMode host
	RuleHostCgroupns = "hostCgroupns" // CgroupnsMode host
	// RuleContainerNamespaces is joining another container's network, PID
	// or IPC namespace (container:<id>), which inherits that container's
	// view of the host.
	RuleContainerNamespaces = "containerNamespaces"
	RuleDevices             = "devices" // Devices, DeviceRequests, DeviceCgroupRules
	// RuleUnconfined is seccomp, AppArmor or systempaths unconfined, SELinux
	// labels disabled, or masked and read-only /proc paths overridden.
	RuleUnconfined = "unconfined"
	// RuleVolumesFrom is inheriting the mounts of another container.
	RuleVolumesFrom = "volumesFrom"
	// RuleVolumeDrivers is a volume driver other than local (a plugin may
	// mount any host path), or a local volume of a filesystem type other
	// than a bind or tmpfs (overlay of a host folder, proc, sysfs, nfs).
	RuleVolumeDrivers = "volumeDrivers"
)

// Rules lists every rule name, for the configuration's schema and docs.
var Rules = []string{RulePrivileged, RuleCapabilities, RuleHostPID, RuleHostIPC,
	RuleHostUTS, RuleHostNetwork, RuleHostUserns, RuleHostCgroupns,
	RuleContainerNamespaces, RuleDevices, RuleUnconfined, RuleVolumesFrom,
	RuleVolumeDrivers}

// Configuration keys named in refusals.
const (
	keyAllow        = "policy.hostSafety.allow"
	keyBindRoots    = "policy.binds.allowedRoots"
	keyBindWritable = "policy.binds.writable"
)

// Safety is what a container create (and so a run) may ask of the host. It
// is checked inside the host functions on the request sent to the daemon,
// never on what a guest claims. The zero value is the strictest: every rule
// refused and no bind mount at all.
type Safety struct {
	// Allow names the rules (see Rules) the operator allows.
	Allow []string
	// BindRoots are the host folders under which bind mounts (and volumes
	// that bind a host path) may reach; none means no bind mount at all.
	BindRoots []string
	// BindWritable lets a bind mount be writable; otherwise each must be
	// read-only.
	BindWritable bool
}

// WithSafety sets the host-safety policy of create, run and volume create.
func WithSafety(s Safety) Option {
	return func(o *Ops) { o.safety = s }
}

// WithoutExec refuses container_exec: the tool that uses it is not served
// then, and a guest that calls the operation anyway is refused here.
func WithoutExec() Option {
	return func(o *Ops) { o.noExec = true }
}

// deniedRoots are host folders no bind may be, or be inside of.
var deniedRoots = []string{"/etc", "/proc", "/sys", "/dev", "/boot", "/root",
	"/var/lib/docker", "/run", "/var/run"}

// DeniedPaths are the bind deny list's folders and the usual socket paths:
// fixed policy, which refusals name and error messages may show.
func DeniedPaths() []string { return append(slices.Clone(deniedRoots), dockerSockets...) }

// credentialDirs are folders no bind may be, be inside of, or contain.
var credentialDirs = []string{".ssh", ".aws", ".docker", ".kube", ".gnupg"}

// dockerSockets are the usual spellings of the daemon's socket; the
// endpoint's own socket is added to them.
var dockerSockets = []string{"/var/run/docker.sock", "/run/docker.sock"}

func refused(rule, what string) *abi.Error {
	return abi.Errorf(abi.CodeDenied, "refused by the host-safety policy (rule %s): %s. "+
		"The operator may allow it with %s: [%s]", rule, what, keyAllow, rule)
}

func (s Safety) allows(rule string) bool { return slices.Contains(s.Allow, rule) }

// checkHost checks a create's final host configuration. Binds are
// rewritten to their resolved sources, so that the daemon mounts the path
// that was checked.
func (o *Ops) checkHost(ctx context.Context, h *container.HostConfig) error {
	s := o.safety
	for _, c := range []struct {
		bad  bool
		rule string
		what string
	}{
		{h.Privileged, RulePrivileged, "a privileged container"},
		{len(h.CapAdd) > 0, RuleCapabilities, "added capabilities " + strings.Join(h.CapAdd, ",")},
		{h.PidMode.IsHost(), RuleHostPID, "the host's PID namespace"},
		{h.IpcMode.IsHost(), RuleHostIPC, "the host's IPC namespace"},
		{h.UTSMode.IsHost(), RuleHostUTS, "the host's UTS namespace"},
		{h.NetworkMode.IsHost(), RuleHostNetwork, "the host's network (network: host)"},
		{h.UsernsMode.IsHost(), RuleHostUserns, "the host's user namespace"},
		{h.CgroupnsMode.IsHost(), RuleHostCgroupns, "the host's cgroup namespace"},
		{h.NetworkMode.IsContainer() || h.PidMode.IsContainer() || h.IpcMode.IsContainer(),
			RuleContainerNamespaces, "joining another container's namespaces (container:<id>)"},
		{len(h.Devices) > 0 || len(h.DeviceRequests) > 0 || len(h.DeviceCgroupRules) > 0,
			RuleDevices, "host devices"},
		{unconfined(h), RuleUnconfined, "an unconfined security profile or unmasked /proc paths"},
		{len(h.VolumesFrom) > 0, RuleVolumesFrom, "the mounts of another container"},
	} {
		if c.bad && !s.allows(c.rule) {
			return refused(c.rule, c.what)
		}
	}
	if err := o.checkBinds(ctx, h); err != nil {
		return err
	}
	return o.checkMounts(h.Mounts)
}

func unconfined(h *container.HostConfig) bool {
	if h.MaskedPaths != nil || h.ReadonlyPaths != nil {
		return true
	}
	// Any other option may load a looser profile (a seccomp file, an
	// AppArmor profile, label=disable); only no-new-privileges tightens.
	return slices.ContainsFunc(h.SecurityOpt, func(opt string) bool {
		v := strings.ToLower(strings.ReplaceAll(opt, "=", ":"))
		return v != "no-new-privileges" && v != "no-new-privileges:true"
	})
}

// checkExisting checks a container that exists before it is started: one
// created out of band is no way around the policy.
func (o *Ops) checkExisting(ctx context.Context, ref string) error {
	res, err := o.cli.ContainerInspect(ctx, ref, client.ContainerInspectOptions{})
	if err != nil {
		return o.fail(err)
	}
	if res.Container.HostConfig == nil {
		return nil
	}
	h := *res.Container.HostConfig
	h.Binds, h.Mounts = slices.Clone(h.Binds), slices.Clone(h.Mounts)
	// Inspect reports what the daemon filled in: the default masked and
	// read-only /proc paths, and the cgroup namespace its configuration
	// chooses (host on cgroup v1). Neither was asked for; an unmasking
	// request shows in SecurityOpt (systempaths=unconfined), still checked.
	h.MaskedPaths, h.ReadonlyPaths, h.CgroupnsMode = nil, nil, ""
	return o.checkHost(ctx, &h)
}

// checkBinds checks each "src:dst[:mode]" of h.Binds: a host path as a bind
// mount, a name as a named volume.
func (o *Ops) checkBinds(ctx context.Context, h *container.HostConfig) error {
	for i, b := range h.Binds {
		src, rest, _ := strings.Cut(b, ":")
		_, mode, _ := strings.Cut(rest, ":")
		ro := slices.Contains(strings.Split(mode, ","), "ro")
		if !strings.HasPrefix(src, "/") {
			if err := o.checkNamedVolume(ctx, src); err != nil {
				return err
			}
			continue
		}
		resolved, err := o.checkBind(src, ro)
		if err != nil {
			return err
		}
		h.Binds[i] = resolved + ":" + rest
	}
	return nil
}

func (o *Ops) checkMounts(ms []mount.Mount) error {
	for i := range ms {
		m := &ms[i]
		switch m.Type {
		case mount.TypeTmpfs:
		case mount.TypeBind:
			resolved, err := o.checkBind(m.Source, m.ReadOnly)
			if err != nil {
				return err
			}
			m.Source = resolved
		case mount.TypeVolume:
			if m.VolumeOptions != nil && m.VolumeOptions.DriverConfig != nil {
				d := m.VolumeOptions.DriverConfig
				if err := o.checkVolumeOpts(d.Name, d.Options); err != nil {
					return err
				}
			}
		default:
			return refused(RuleDevices, fmt.Sprintf("a mount of type %q", m.Type))
		}
	}
	return nil
}

// checkNamedVolume refuses a volume that exists and binds a host path the
// policy refuses: a volume created out of band is no way around it.
func (o *Ops) checkNamedVolume(ctx context.Context, name string) error {
	res, err := o.cli.VolumeInspect(ctx, name, client.VolumeInspectOptions{})
	if err != nil {
		return nil // the daemon creates a plain local volume
	}
	return o.checkVolumeOpts(res.Volume.Driver, res.Volume.Options)
}

// checkVolumeOpts checks a volume's driver and options. The local driver
// mounts its device option with mount(2): a bind of a host path (type none,
// o bind), a host block device, or any filesystem the kernel knows (overlay
// with a host lowerdir, proc, sysfs, nfs of a local export...), each a way
// to the host. So only two kinds pass without volumeDrivers: a bind, which
// the bind policy checks, and tmpfs. Without options it is a plain volume.
func (o *Ops) checkVolumeOpts(driver string, opts map[string]string) error {
	if o.safety.allows(RuleVolumeDrivers) {
		return nil
	}
	if driver != "" && driver != "local" {
		return refused(RuleVolumeDrivers, fmt.Sprintf("the volume driver %q", driver))
	}
	dev := opts["device"]
	flags := strings.Split(opts["o"], ",")
	isBind := slices.Contains(flags, "bind") || slices.Contains(flags, "rbind")
	switch typ := opts["type"]; {
	case typ != "" && typ != "none" && typ != "tmpfs":
		return refused(RuleVolumeDrivers, fmt.Sprintf("a local volume of filesystem type "+
			"%q (it may mount a host filesystem or path)", typ))
	case typ == "" && (dev != "" || opts["o"] != "") && !isBind:
		return refused(RuleVolumeDrivers, "a local volume with mount options but no "+
			"filesystem type")
	case isBind && !strings.HasPrefix(dev, "/"):
		return abi.Errorf(abi.CodeDenied, "refused by the bind policy: a volume that "+
			"binds %q, which is not an absolute host path", dev)
	case strings.HasPrefix(dev, "/"):
		_, err := o.checkBind(dev, slices.Contains(flags, "ro"))
		return err
	case typ == "none":
		return refused(RuleVolumeDrivers, "a local volume of type none that is not a bind")
	}
	return nil
}

// checkBind checks a bind source and returns it resolved: cleaned, every
// symlink of its longest existing prefix evaluated. The deny list wins over
// every root; it is checked on the path as written and as resolved.
func (o *Ops) checkBind(src string, readOnly bool) (string, error) {
	if !filepath.IsAbs(src) {
		return "", abi.Errorf(abi.CodeDenied, "refused by the bind policy: %q is not an "+
			"absolute host path", src)
	}
	if slices.Contains(strings.Split(src, "/"), "..") {
		// The kernel resolves ".." after symlinks, filepath.Clean before:
		// no path that reads two ways is checked.
		return "", abi.Errorf(abi.CodeDenied, "refused by the bind policy: %q has a "+
			"'..' component; write the path without it", src)
	}
	clean := filepath.Clean(src)
	resolved := resolve(clean)
	for _, p := range []string{clean, resolved} {
		if why := o.deniedBind(p); why != "" {
			return "", abi.Errorf(abi.CodeDenied, "refused by the bind policy (deny list, "+
				"which no configuration key lifts): %s is %s", src, why)
		}
	}
	s := o.safety
	if len(s.BindRoots) == 0 {
		return "", abi.Errorf(abi.CodeDenied, "refused by the bind policy: bind mounts "+
			"are off. The operator may allow host folders with %s", keyBindRoots)
	}
	if !slices.ContainsFunc(s.BindRoots, func(r string) bool { return under(resolved, resolve(r)) }) {
		return "", abi.Errorf(abi.CodeDenied, "refused by the bind policy: %s is not under "+
			"an allowed root (%s); the operator may add one to %s", src,
			strings.Join(s.BindRoots, ", "), keyBindRoots)
	}
	if !readOnly && !s.BindWritable {
		return "", abi.Errorf(abi.CodeDenied, "refused by the bind policy: %s must be "+
			"mounted read-only (add :ro); the operator may allow writable binds with "+
			"%s: true", src, keyBindWritable)
	}
	return resolved, nil
}

// deniedBind says why p may never be bound, or "".
func (o *Ops) deniedBind(p string) string {
	sockets := slices.Clone(dockerSockets)
	if sock, ok := strings.CutPrefix(o.endpoint, "unix://"); ok {
		sockets = append(sockets, sock)
	}
	for _, sock := range sockets {
		for _, s := range []string{sock, resolve(sock)} {
			if under(s, p) {
				return "the Docker socket or a folder that holds it"
			}
		}
	}
	for _, d := range deniedRoots {
		if under(p, d) {
			return "inside " + d
		}
	}
	for _, part := range strings.Split(p, string(filepath.Separator)) {
		if slices.Contains(credentialDirs, part) {
			return "inside a credential folder (" + part + ")"
		}
	}
	for _, c := range credentialDirs {
		if _, err := os.Lstat(filepath.Join(p, c)); err == nil {
			return "a folder that holds a credential folder (" + c + ")"
		}
	}
	return ""
}

// under reports whether p is root or inside it; both are clean.
func under(p, root string) bool {
	if root == "/" || p == root {
		return true
	}
	return strings.HasPrefix(p, root+"/")
}

// resolve evaluates the symlinks of the longest existing prefix of p, a
// clean absolute path, and appends the rest.
func resolve(p string) string {
	rest := ""
	for cur := p; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
			return p
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

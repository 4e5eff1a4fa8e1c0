package docker

import (
	"context"
	"fmt"
	"net/netip"
	"path"
	"regexp"
	"strconv"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// validName is the daemon's own rule for container and volume names.
var validName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]+$`)

// ContainerCreate creates a container (POST /containers/create) from a
// request the guest has parsed, after checking every field again, then
// inspects it for its name. The container carries the label
// dockapi.CreatedLabel=1 besides req.Labels. Bind mounts and named volumes
// go to the daemon as HostConfig.Binds ("src:dst[:ro]"), anonymous volumes
// as Config.Volumes, tmpfs mounts as HostConfig.Tmpfs.
//
// The final request is checked against the host-safety policy (see Safety)
// before it is sent; bind sources go to the daemon resolved, as checked.
// With a container selector set (see WithSelectors), the new container's
// name and labels must be ones it selects: nothing is made that dockmcp
// could not act on afterwards; nor may it join the namespaces or volumes of
// a container the selector does not select (see checkJoined).
//
// Errors: CodeInvalid for a field out of range (named in the message);
// CodeDenied when the host-safety policy or the container selector refuses
// the request (the message names the rule and the configuration key that
// would allow it);
// CodeNotFound when the image is not present locally (the message says to
// pull it) or the network does not exist; CodeConflict when the name is in
// use (the message names it); CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ContainerCreate(
	ctx context.Context, req dockerapi.ContainerCreateRequest,
) (dockerapi.ContainerCreateResult, error) {
	opts, err := createOptions(req)
	if err != nil {
		return dockerapi.ContainerCreateResult{}, err
	}
	if err := o.checkCreate(opts); err != nil {
		return dockerapi.ContainerCreateResult{}, err
	}
	if err := o.checkHost(ctx, opts.HostConfig); err != nil {
		return dockerapi.ContainerCreateResult{}, err
	}
	if err := o.checkJoined(ctx, opts.HostConfig); err != nil {
		return dockerapi.ContainerCreateResult{}, err
	}
	res, err := o.cli.ContainerCreate(ctx, opts)
	if err != nil {
		return dockerapi.ContainerCreateResult{}, o.createFailed(err, opts)
	}
	warnings := append([]string{}, res.Warnings...)
	info, err := o.cli.ContainerInspect(ctx, res.ID, client.ContainerInspectOptions{})
	if err != nil {
		return dockerapi.ContainerCreateResult{}, o.fail(err)
	}
	name := strings.TrimPrefix(info.Container.Name, "/")
	return dockerapi.ContainerCreateResult{ID: res.ID, Name: name, Warnings: warnings}, nil
}

// createFailed words the two failures an assistant can fix itself.
func (o *Ops) createFailed(err error, opts client.ContainerCreateOptions) error {
	msg := err.Error()
	switch {
	case cerrdefs.IsNotFound(err) && strings.Contains(strings.ToLower(msg), "no such image"):
		return abi.Errorf(abi.CodeNotFound, "image %q is not present locally; pull it "+
			"first with pull_image (daemon: %s)", opts.Image, msg)
	case cerrdefs.IsConflict(err) && opts.Name != "":
		return abi.Errorf(abi.CodeConflict, "the name %q is already in use by another "+
			"container; choose another name, or remove or rename that container "+
			"(remove_container, rename_container). Daemon: %s", opts.Name, msg)
	}
	return o.fail(err)
}

func createOptions(req dockerapi.ContainerCreateRequest) (client.ContainerCreateOptions, error) {
	var opts client.ContainerCreateOptions
	if strings.TrimSpace(req.Image) == "" {
		return opts, invalid("image", "an image reference is required, such as \"nginx:1.27\"")
	}
	name := strings.TrimPrefix(req.Name, "/")
	if name != "" && !validName.MatchString(name) {
		return opts, invalid("name", "%q is not a valid container name: use letters, "+
			"digits, '_', '.' and '-', starting with a letter or digit, such as \"web-1\"", name)
	}
	cfg, err := createConfig(req)
	if err != nil {
		return opts, err
	}
	host, err := hostConfig(req, cfg)
	if err != nil {
		return opts, err
	}
	return client.ContainerCreateOptions{
		Name: name, Image: req.Image, Config: cfg, HostConfig: host,
	}, nil
}

func createConfig(req dockerapi.ContainerCreateRequest) (*container.Config, error) {
	for i, kv := range req.Env {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			return nil, invalid(fmt.Sprintf("env[%d]", i),
				"%q is not KEY=VALUE, such as \"MODE=prod\"", kv)
		}
	}
	labels := map[string]string{}
	for k, v := range req.Labels {
		if k == "" {
			return nil, invalid("labels", "a label needs a key, such as {\"app\": \"web\"}")
		}
		labels[k] = v
	}
	labels[dockerapi.CreatedLabel] = "1"
	exposed := network.PortSet{}
	for i, p := range req.ExposedPorts {
		port, err := containerPort(p.Port, p.Proto, fmt.Sprintf("exposedPorts[%d]", i))
		if err != nil {
			return nil, err
		}
		exposed[port] = struct{}{}
	}
	return &container.Config{
		Cmd: req.Cmd, Entrypoint: req.Entrypoint, Env: req.Env, Labels: labels,
		ExposedPorts: exposed, WorkingDir: req.WorkingDir, User: req.User, Tty: req.TTY,
	}, nil
}

func hostConfig(req dockerapi.ContainerCreateRequest, cfg *container.Config) (
	*container.HostConfig, error) {
	host := &container.HostConfig{
		AutoRemove: req.AutoRemove, NetworkMode: container.NetworkMode(req.Network),
	}
	if req.Memory < 0 || req.NanoCPUs < 0 {
		return nil, invalid("memory/cpus", "limits must be positive, such as "+
			"{\"memory\": \"512m\", \"cpus\": 0.5}")
	}
	host.Memory, host.NanoCPUs = req.Memory, req.NanoCPUs
	policy, err := restartPolicy(req.Restart)
	if err != nil {
		return nil, err
	}
	host.RestartPolicy = policy
	if host.PortBindings, err = portMap(req.PortBindings, cfg.ExposedPorts); err != nil {
		return nil, err
	}
	if err := addMounts(host, cfg, req.Mounts); err != nil {
		return nil, err
	}
	return host, nil
}

func restartPolicy(p dockerapi.RestartPolicy) (container.RestartPolicy, error) {
	mode := container.RestartPolicyMode(p.Name)
	switch mode {
	case "", container.RestartPolicyDisabled, container.RestartPolicyAlways,
		container.RestartPolicyUnlessStopped, container.RestartPolicyOnFailure:
	default:
		return container.RestartPolicy{}, invalid("restartPolicy", "%q is not a policy: "+
			"use no, always, unless-stopped or on-failure[:N], such as \"unless-stopped\"", p.Name)
	}
	if p.MaxRetries < 0 || (p.MaxRetries > 0 && mode != container.RestartPolicyOnFailure) {
		return container.RestartPolicy{}, invalid("restartPolicy",
			"a retry count goes only with on-failure, such as \"on-failure:3\"")
	}
	return container.RestartPolicy{Name: mode, MaximumRetryCount: p.MaxRetries}, nil
}

func containerPort(num uint16, proto, field string) (network.Port, error) {
	switch proto {
	case "tcp", "udp", "sctp":
	default:
		return network.Port{}, invalid(field, "protocol %q is not tcp, udp or sctp, "+
			"such as \"53/udp\"", proto)
	}
	port, ok := network.PortFrom(num, network.IPProtocol(proto))
	if !ok || num == 0 {
		return network.Port{}, invalid(field, "container port %d is not 1-65535, "+
			"such as 80", num)
	}
	return port, nil
}

// portMap builds the daemon's bindings and exposes each bound port.
func portMap(bindings []dockerapi.PortBinding, exposed network.PortSet) (network.PortMap, error) {
	out := network.PortMap{}
	for i, b := range bindings {
		field := fmt.Sprintf("ports[%d]", i)
		port, err := containerPort(b.ContainerPort, b.Proto, field)
		if err != nil {
			return nil, err
		}
		var ip netip.Addr
		if b.HostIP != "" {
			if ip, err = netip.ParseAddr(strings.Trim(b.HostIP, "[]")); err != nil {
				return nil, invalid(field, "host IP %q is not an IP address, such as "+
					"\"127.0.0.1\"", b.HostIP)
			}
		}
		hostPort := ""
		if b.HostPort != 0 {
			hostPort = strconv.Itoa(int(b.HostPort))
		}
		out[port] = append(out[port], network.PortBinding{HostIP: ip, HostPort: hostPort})
		exposed[port] = struct{}{}
	}
	return out, nil
}

func addMounts(host *container.HostConfig, cfg *container.Config, mounts []dockerapi.Mount) error {
	for i, m := range mounts {
		field := fmt.Sprintf("mounts[%d]", i)
		if !path.IsAbs(m.Target) || strings.ContainsAny(m.Target, ":,") {
			return invalid(field, "target %q must be an absolute path without ':' or ',', "+
				"such as \"/data\"", m.Target)
		}
		mode := ""
		if m.ReadOnly {
			mode = ":ro"
		}
		switch {
		case m.Type == "tmpfs" && m.Source == "":
			if host.Tmpfs == nil {
				host.Tmpfs = map[string]string{}
			}
			host.Tmpfs[m.Target] = strings.TrimPrefix(mode, ":")
		case m.Type == "volume" && m.Source == "":
			if cfg.Volumes == nil {
				cfg.Volumes = map[string]struct{}{}
			}
			cfg.Volumes[m.Target] = struct{}{}
		case m.Type == "volume" && validName.MatchString(m.Source),
			m.Type == "bind" && path.IsAbs(m.Source) && !strings.Contains(m.Source, ":"):
			host.Binds = append(host.Binds, m.Source+":"+m.Target+mode)
		default:
			return invalid(field, "type %q with source %q cannot be mounted: use a bind "+
				"of an absolute host path, such as \"/srv/data:/data:ro\", a named volume "+
				"such as \"cache:/cache\", or a tmpfs without source", m.Type, m.Source)
		}
	}
	return nil
}

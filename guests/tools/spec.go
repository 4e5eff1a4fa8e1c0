package main

// This file parses the many shapes create_container and run_container
// accept into one dockerapi.ContainerCreateRequest. It has no build tag, so
// that `go test ./guests/tools` runs its tables natively. Every error names
// the argument and shows the accepted forms with an example; nothing that
// cannot be honoured is dropped or widened (no publishing of every port, no
// silent TCP).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// maxPortRange caps the ports one range spec may publish.
const maxPortRange = 100

// Accepted forms, quoted in errors.
const (
	portForms = `accepted forms: ["8080:80", "127.0.0.1:8080:80", "5353:53/udp", "80"] ` +
		`or {"80/tcp": 8080} or {"80/tcp": "127.0.0.1:8080"}; protocols tcp, udp, sctp`
	bindForms = `accepted forms: "/host/path:/container/path[:ro]", ` +
		`"volume-name:/container/path[:ro]" or "/container/path" (anonymous volume), ` +
		`such as "/srv/data:/data:ro"`
	envForms     = `accepted forms: ["KEY=VALUE"] or {"KEY": "VALUE"}, such as ["MODE=prod"]`
	restartForms = `accepted: "no", "always", "unless-stopped", "on-failure" or ` +
		`"on-failure:N", or {"Name": "on-failure", "MaximumRetryCount": 3}`
)

var volumeName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]+$`)

// createArgs are the arguments of create_container (and run_container).
type createArgs struct {
	Image         string            `json:"image"`
	Name          string            `json:"name"`
	Command       []string          `json:"command"`
	Entrypoint    []string          `json:"entrypoint"`
	Env           json.RawMessage   `json:"env"`
	Ports         json.RawMessage   `json:"ports"`
	ExposedPorts  json.RawMessage   `json:"exposedPorts"`
	HostConfig    json.RawMessage   `json:"hostConfig"`
	Volumes       []string          `json:"volumes"`
	Mounts        []json.RawMessage `json:"mounts"`
	Labels        map[string]string `json:"labels"`
	WorkingDir    string            `json:"workingDir"`
	User          string            `json:"user"`
	Network       string            `json:"network"`
	RestartPolicy json.RawMessage   `json:"restartPolicy"`
	AutoRemove    bool              `json:"autoRemove"`
	Memory        json.RawMessage   `json:"memory"`
	Cpus          json.RawMessage   `json:"cpus"`
	Tty           bool              `json:"tty"`
}

// engineHostConfig is the part of the Engine's HostConfig that is
// accepted; any other key is refused rather than ignored.
type engineHostConfig struct {
	PortBindings map[string][]struct {
		HostIP   string `json:"HostIp"`
		HostPort string `json:"HostPort"`
	} `json:"PortBindings"`
	Binds         []string          `json:"Binds"`
	Mounts        []json.RawMessage `json:"Mounts"`
	RestartPolicy json.RawMessage   `json:"RestartPolicy"`
	AutoRemove    *bool             `json:"AutoRemove"`
	Memory        *int64            `json:"Memory"`
	NanoCpus      *int64            `json:"NanoCpus"`
	NetworkMode   string            `json:"NetworkMode"`
}

type mountObject struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"readOnly"`
}

func invalidArg(arg, format string, args ...any) error {
	return abi.Errorf(abi.CodeInvalid, arg+": "+format, args...)
}

// createRequest turns the arguments into the host's typed request.
func createRequest(a createArgs) (dockerapi.ContainerCreateRequest, error) {
	req := dockerapi.ContainerCreateRequest{
		Image: a.Image, Name: strings.TrimPrefix(a.Name, "/"), Cmd: a.Command,
		Entrypoint: a.Entrypoint, Labels: a.Labels, WorkingDir: a.WorkingDir, User: a.User,
		Network: a.Network, AutoRemove: a.AutoRemove, TTY: a.Tty,
	}
	var err error
	if req.Env, err = parseEnv(a.Env); err != nil {
		return req, err
	}
	if req.PortBindings, err = parsePorts("ports", a.Ports); err != nil {
		return req, err
	}
	if req.ExposedPorts, err = parseExposed(a.ExposedPorts); err != nil {
		return req, err
	}
	if req.Mounts, err = parseVolumes(a.Volumes, a.Mounts); err != nil {
		return req, err
	}
	if req.Restart, err = parseRestart("restartPolicy", a.RestartPolicy); err != nil {
		return req, err
	}
	if req.Memory, err = parseMemory(a.Memory); err != nil {
		return req, err
	}
	if req.NanoCPUs, err = parseCPUs(a.Cpus); err != nil {
		return req, err
	}
	return req, applyHostConfig(&req, a.HostConfig)
}

// jsonIn reads raw, which may also be a string holding JSON (as some
// clients send arrays and objects), into v.
func jsonIn(raw json.RawMessage, v any) error {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		raw = json.RawMessage(s)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// shape reports whether raw (or the JSON in a string) is an array or an
// object.
func shape(raw json.RawMessage) byte {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		raw = json.RawMessage(s)
	}
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return 0
	}
	return t[0]
}

func parseEnv(raw json.RawMessage) ([]string, error) {
	if isNull(raw) {
		return nil, nil
	}
	var list []string
	switch shape(raw) {
	case '[':
		if err := jsonIn(raw, &list); err != nil {
			return nil, invalidArg("env", "%v; %s", err, envForms)
		}
	case '{':
		var m map[string]any
		if err := jsonIn(raw, &m); err != nil {
			return nil, invalidArg("env", "%v; %s", err, envForms)
		}
		for _, k := range slices.Sorted(mapKeys(m)) {
			list = append(list, k+"="+scalar(m[k]))
		}
	default:
		return nil, invalidArg("env", "%s", envForms)
	}
	for i, kv := range list {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			return nil, invalidArg(fmt.Sprintf("env[%d]", i), "%q is not KEY=VALUE; %s",
				kv, envForms)
		}
	}
	return list, nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func scalar(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// parsePorts reads ports as a list of docker -p specs or a map from
// container port to host port.
func parsePorts(arg string, raw json.RawMessage) ([]dockerapi.PortBinding, error) {
	if isNull(raw) {
		return nil, nil
	}
	switch shape(raw) {
	case '[':
		var specs []string
		if err := jsonIn(raw, &specs); err != nil {
			return nil, invalidArg(arg, "want strings (%v); %s", err, portForms)
		}
		var out []dockerapi.PortBinding
		for i, s := range specs {
			b, err := parsePortSpec(s)
			if err != nil {
				return nil, invalidArg(fmt.Sprintf("%s[%d]", arg, i), "%q: %v; %s", s, err,
					portForms)
			}
			out = append(out, b...)
		}
		return out, nil
	case '{':
		var m map[string]json.RawMessage
		if err := jsonIn(raw, &m); err != nil {
			return nil, invalidArg(arg, "%v; %s", err, portForms)
		}
		return portObject(arg, m)
	}
	return nil, invalidArg(arg, "want an array or an object; %s", portForms)
}

func portObject(arg string, m map[string]json.RawMessage) ([]dockerapi.PortBinding, error) {
	var out []dockerapi.PortBinding
	for _, key := range slices.Sorted(mapKeys(m)) {
		field := arg + "[" + strconv.Quote(key) + "]"
		port, proto, err := portProto(key)
		if err != nil {
			return nil, invalidArg(field, "%v; %s", err, portForms)
		}
		host, err := hostSide(m[key])
		if err != nil {
			return nil, invalidArg(field, "%v; %s", err, portForms)
		}
		b, err := bindings(host, port, proto)
		if err != nil {
			return nil, invalidArg(field, "%v; %s", err, portForms)
		}
		out = append(out, b...)
	}
	return out, nil
}

// hostSide reads the value of a port map entry: a port number, a string
// "[ip:]port", or null or "" for a port the daemon chooses.
func hostSide(raw json.RawMessage) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("the host side must be a port number or \"ip:port\"")
	}
	return s, nil
}

// parsePortSpec reads [ip:][hostPort:]containerPort[/proto], where either
// port may be a range "8000-8010" and an IPv6 address is bracketed.
func parsePortSpec(s string) ([]dockerapi.PortBinding, error) {
	rest, proto, hasProto := strings.Cut(strings.TrimSpace(s), "/")
	var parts []string
	if ip, after, ok := strings.Cut(strings.TrimPrefix(rest, "["), "]:"); ok &&
		strings.HasPrefix(rest, "[") {
		parts = append([]string{ip}, strings.Split(after, ":")...)
		if len(parts) != 3 {
			return nil, fmt.Errorf("after [ip]: want hostPort:containerPort, " +
				"such as \"[::1]:8080:80\"")
		}
	} else {
		parts = strings.Split(rest, ":")
	}
	host := ""
	switch len(parts) {
	case 1:
	case 2:
		if parts[0] == "" {
			return nil, fmt.Errorf("the host port is empty")
		}
		host = parts[0]
	case 3:
		if parts[0] == "" {
			return nil, fmt.Errorf("the host IP is empty")
		}
		host = parts[0] + ":" + parts[1]
	default:
		return nil, fmt.Errorf("too many ':' sections")
	}
	cport := parts[len(parts)-1]
	if cport == "" {
		return nil, fmt.Errorf("the container port is missing")
	}
	if hasProto {
		cport += "/" + proto
	}
	port, pr, err := portProto(cport)
	if err != nil {
		return nil, err
	}
	return bindings(host, port, pr)
}

// portProto reads "80", "80/udp" or a range "8000-8010/tcp".
func portProto(s string) (portRange, string, error) {
	num, proto, hasProto := strings.Cut(s, "/")
	proto = strings.ToLower(proto)
	switch {
	case !hasProto:
		proto = "tcp"
	case proto != "tcp" && proto != "udp" && proto != "sctp":
		return portRange{}, "", fmt.Errorf("protocol %q is not tcp, udp or sctp", proto)
	}
	r, err := parseRange(num, "container port")
	return r, proto, err
}

type portRange struct{ lo, hi uint16 }

func (r portRange) size() int { return int(r.hi) - int(r.lo) + 1 }

func parseRange(s, what string) (portRange, error) {
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := portNumber(lo, what)
	if err != nil || !isRange {
		return portRange{a, a}, err
	}
	b, err := portNumber(hi, what)
	if err != nil {
		return portRange{}, err
	}
	if b < a || int(b)-int(a) >= maxPortRange {
		return portRange{}, fmt.Errorf("%s range %q must ascend and span at most %d ports",
			what, s, maxPortRange)
	}
	return portRange{a, b}, nil
}

func portNumber(s, what string) (uint16, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, fmt.Errorf("%s %q is not a number from 1 to 65535", what, s)
	}
	return uint16(n), nil
}

// bindings pairs host "[ip:]port" (either part may be empty) with the
// container ports.
func bindings(host string, port portRange, proto string) ([]dockerapi.PortBinding, error) {
	ip, hostPort := "", host
	if i := strings.LastIndex(host, ":"); i >= 0 {
		ip, hostPort = strings.Trim(host[:i], "[]"), host[i+1:]
		if ip == "" {
			return nil, fmt.Errorf("the host IP is empty")
		}
	}
	var hr portRange
	if hostPort != "" {
		var err error
		if hr, err = parseRange(hostPort, "host port"); err != nil {
			return nil, err
		}
		if hr.size() != port.size() {
			return nil, fmt.Errorf("host range %q and container range differ in size",
				hostPort)
		}
	}
	if ip != "" && !isIP(ip) {
		return nil, fmt.Errorf("host IP %q is not an IP address", ip)
	}
	var out []dockerapi.PortBinding
	for i := 0; i < port.size(); i++ {
		b := dockerapi.PortBinding{HostIP: ip, ContainerPort: port.lo + uint16(i), Proto: proto}
		if hr.lo != 0 {
			b.HostPort = hr.lo + uint16(i)
		}
		out = append(out, b)
	}
	return out, nil
}

func isIP(s string) bool {
	if strings.Contains(s, ":") { // IPv6: hex groups only
		return strings.Trim(s, "0123456789abcdefABCDEF:.") == "" && strings.Count(s, ":") >= 2
	}
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 || p == "" {
			return false
		}
	}
	return true
}

// parseExposed reads ["80", "53/udp", 8080] or the Engine's {"80/tcp": {}}.
func parseExposed(raw json.RawMessage) ([]dockerapi.ContainerPort, error) {
	if isNull(raw) {
		return nil, nil
	}
	const forms = `accepted forms: ["80", "53/udp"] or {"80/tcp": {}}`
	var keys []string
	switch shape(raw) {
	case '[':
		var list []json.Number
		var strs []string
		if jsonIn(raw, &strs) == nil {
			keys = strs
		} else if err := jsonIn(raw, &list); err == nil {
			for _, n := range list {
				keys = append(keys, n.String())
			}
		} else {
			return nil, invalidArg("exposedPorts", "%v; %s", err, forms)
		}
	case '{':
		var m map[string]json.RawMessage
		if err := jsonIn(raw, &m); err != nil {
			return nil, invalidArg("exposedPorts", "%v; %s", err, forms)
		}
		keys = slices.Sorted(mapKeys(m))
	default:
		return nil, invalidArg("exposedPorts", "%s", forms)
	}
	var out []dockerapi.ContainerPort
	for _, k := range keys {
		r, proto, err := portProto(k)
		if err != nil {
			return nil, invalidArg("exposedPorts", "%q: %v; %s", k, err, forms)
		}
		for p := int(r.lo); p <= int(r.hi); p++ {
			out = append(out, dockerapi.ContainerPort{Port: uint16(p), Proto: proto})
		}
	}
	return out, nil
}

// parseVolumes reads volumes (bind specs) and mounts (bind specs or mount
// objects).
func parseVolumes(volumes []string, mounts []json.RawMessage) ([]dockerapi.Mount, error) {
	var out []dockerapi.Mount
	for i, spec := range volumes {
		m, err := parseBind(fmt.Sprintf("volumes[%d]", i), spec)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	more, err := parseMounts("mounts", mounts)
	return append(out, more...), err
}

func parseMounts(arg string, mounts []json.RawMessage) ([]dockerapi.Mount, error) {
	var out []dockerapi.Mount
	for i, raw := range mounts {
		field := fmt.Sprintf("%s[%d]", arg, i)
		var spec string
		if json.Unmarshal(raw, &spec) == nil {
			m, err := parseBind(field, spec)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
			continue
		}
		m, err := mountObj(field, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func mountObj(field string, raw json.RawMessage) (dockerapi.Mount, error) {
	const forms = `accepted: {"type": "bind", "source": "/srv/data", "target": "/data", ` +
		`"readOnly": true}, type bind, volume or tmpfs; or a string ` +
		`"/srv/data:/data:ro"`
	var o mountObject
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields() // field names match case-insensitively
	if err := dec.Decode(&o); err != nil {
		return dockerapi.Mount{}, invalidArg(field, "%v; %s", err, forms)
	}
	o.Type = strings.ToLower(o.Type)
	m := dockerapi.Mount{Type: o.Type, Source: o.Source, Target: o.Target, ReadOnly: o.ReadOnly}
	if err := checkMount(m); err != nil {
		return m, invalidArg(field, "%v; %s", err, forms)
	}
	return m, nil
}

// parseBind reads a docker -v spec: "src:dst[:ro|rw]" or "/dst".
func parseBind(field, spec string) (dockerapi.Mount, error) {
	parts := strings.Split(spec, ":")
	if len(parts) > 3 || slices.Contains(parts, "") {
		return dockerapi.Mount{}, invalidArg(field, "%q has an empty or extra ':' "+
			"section; %s", spec, bindForms)
	}
	m := dockerapi.Mount{Type: "volume", Target: parts[0]}
	if len(parts) >= 2 {
		m.Source, m.Target = parts[0], parts[1]
		if path.IsAbs(m.Source) {
			m.Type = "bind"
		}
	}
	if len(parts) == 3 {
		switch parts[2] {
		case "ro":
			m.ReadOnly = true
		case "rw":
		default:
			return m, invalidArg(field, "%q: mode %q is not ro or rw; %s", spec, parts[2],
				bindForms)
		}
	}
	if err := checkMount(m); err != nil {
		return m, invalidArg(field, "%q: %v; %s", spec, err, bindForms)
	}
	return m, nil
}

func checkMount(m dockerapi.Mount) error {
	if !path.IsAbs(m.Target) {
		return fmt.Errorf("the container path %q must be absolute", m.Target)
	}
	switch {
	case m.Type == "bind" && !path.IsAbs(m.Source):
		return fmt.Errorf("a bind source must be an absolute host path, not %q", m.Source)
	case m.Type == "volume" && m.Source != "" && !volumeName.MatchString(m.Source):
		return fmt.Errorf("%q is neither an absolute host path nor a volume name "+
			"(letters, digits, '_', '.', '-')", m.Source)
	case m.Type == "tmpfs" && m.Source != "":
		return fmt.Errorf("a tmpfs takes no source")
	case m.Type != "bind" && m.Type != "volume" && m.Type != "tmpfs":
		return fmt.Errorf("type %q is not bind, volume or tmpfs", m.Type)
	}
	return nil
}

// parseRestart reads "on-failure:3" or {"Name": ..., "MaximumRetryCount": N}.
func parseRestart(arg string, raw json.RawMessage) (dockerapi.RestartPolicy, error) {
	var p dockerapi.RestartPolicy
	if isNull(raw) {
		return p, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && shape(raw) != '{' {
		name, n, hasN := strings.Cut(s, ":")
		p.Name = name
		if hasN {
			var err error
			if p.MaxRetries, err = strconv.Atoi(n); err != nil || name != "on-failure" {
				return p, invalidArg(arg, "%q; %s", s, restartForms)
			}
		}
	} else {
		var o struct {
			Name              string `json:"name"`
			MaximumRetryCount int    `json:"maximumRetryCount"`
		}
		if err := jsonIn(raw, &o); err != nil {
			return p, invalidArg(arg, "%v; %s", err, restartForms)
		}
		p = dockerapi.RestartPolicy{Name: o.Name, MaxRetries: o.MaximumRetryCount}
	}
	switch p.Name {
	case "", "no", "always", "unless-stopped", "on-failure":
	default:
		return p, invalidArg(arg, "%q is not a policy; %s", p.Name, restartForms)
	}
	if p.MaxRetries < 0 || (p.MaxRetries > 0 && p.Name != "on-failure") {
		return p, invalidArg(arg, "a retry count goes only with on-failure; %s", restartForms)
	}
	return p, nil
}

// parseMemory reads bytes as a number, or a string such as "512m" or "1g"
// (binary units b, k, m, g, t, optionally followed by "b").
func parseMemory(raw json.RawMessage) (int64, error) {
	const forms = `accepted: bytes as a number, such as 536870912, or a string with a ` +
		`unit b, k, m, g, such as "512m"`
	if isNull(raw) {
		return 0, nil
	}
	var n float64
	if json.Unmarshal(raw, &n) == nil {
		if n < 0 || n != math.Trunc(n) {
			return 0, invalidArg("memory", "%v is not a whole number of bytes; %s", n, forms)
		}
		return int64(n), nil
	}
	var s string
	_ = json.Unmarshal(raw, &s)
	b, ok := ramBytes(s)
	if !ok {
		return 0, invalidArg("memory", "%q; %s", s, forms)
	}
	return b, nil
}

func ramBytes(s string) (int64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "ib"), "b")
	mult := int64(1)
	if i := strings.IndexAny(s, "kmgt"); i >= 0 && i == len(s)-1 {
		mult = int64(1) << (10 * (1 + strings.IndexByte("kmgt", s[i])))
		s = s[:i]
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || f*float64(mult) > math.MaxInt64/2 {
		return 0, false
	}
	return int64(f * float64(mult)), true
}

// parseCPUs reads a CPU count such as 0.5 (or "0.5") as nano-CPUs.
func parseCPUs(raw json.RawMessage) (int64, error) {
	if isNull(raw) {
		return 0, nil
	}
	var f float64
	if json.Unmarshal(raw, &f) != nil {
		var s string
		_ = json.Unmarshal(raw, &s)
		var err error
		if f, err = strconv.ParseFloat(s, 64); err != nil {
			f = -1
		}
	}
	if f <= 0 || f > 1024 {
		return 0, invalidArg("cpus", "%s is not a CPU count; accepted: a positive "+
			"number such as 0.5 or 2", raw)
	}
	return int64(math.Round(f * 1e9)), nil
}

// applyHostConfig merges the Engine's hostConfig shape into req.
func applyHostConfig(req *dockerapi.ContainerCreateRequest, raw json.RawMessage) error {
	if isNull(raw) {
		return nil
	}
	var hc engineHostConfig
	if err := jsonIn(raw, &hc); err != nil {
		return invalidArg("hostConfig", "%v; supported keys: PortBindings, Binds, Mounts, "+
			"RestartPolicy, AutoRemove, Memory, NanoCpus, NetworkMode, such as "+
			`{"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}`, err)
	}
	for _, key := range slices.Sorted(mapKeys(hc.PortBindings)) {
		for i, b := range hc.PortBindings[key] {
			host := b.HostPort
			if b.HostIP != "" {
				host = b.HostIP + ":" + b.HostPort
			}
			raw, _ := json.Marshal(host)
			m := map[string]json.RawMessage{key: raw}
			more, err := portObject(fmt.Sprintf("hostConfig.PortBindings[%q][%d]", key, i), m)
			if err != nil {
				return err
			}
			req.PortBindings = append(req.PortBindings, more...)
		}
	}
	for i, spec := range hc.Binds {
		m, err := parseBind(fmt.Sprintf("hostConfig.Binds[%d]", i), spec)
		if err != nil {
			return err
		}
		req.Mounts = append(req.Mounts, m)
	}
	more, err := parseMounts("hostConfig.Mounts", hc.Mounts)
	if err != nil {
		return err
	}
	req.Mounts = append(req.Mounts, more...)
	return applyHostScalars(req, hc)
}

func applyHostScalars(req *dockerapi.ContainerCreateRequest, hc engineHostConfig) error {
	if !isNull(hc.RestartPolicy) {
		p, err := parseRestart("hostConfig.RestartPolicy", hc.RestartPolicy)
		if err != nil {
			return err
		}
		req.Restart = p
	}
	if hc.AutoRemove != nil {
		req.AutoRemove = *hc.AutoRemove
	}
	if hc.Memory != nil {
		req.Memory = *hc.Memory
	}
	if hc.NanoCpus != nil {
		req.NanoCPUs = *hc.NanoCpus
	}
	if hc.NetworkMode != "" {
		req.Network = hc.NetworkMode
	}
	return nil
}

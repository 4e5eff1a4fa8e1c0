package docker

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Configuration keys of the selectors, named in refusals.
const (
	KeyContainers     = "policy.containers"
	KeyExecContainers = "policy.exec.containers"
)

// Selector narrows the containers an operation may act on. Every rule that
// is set must hold; the zero value selects every container.
type Selector struct {
	// Names are path.Match patterns; the container's name, without
	// Docker's leading slash, must match one of them.
	Names []string
	// Labels are "key" (the label is present, any value) or "key=value";
	// the container must carry every one of them.
	Labels []string
	// CreatedByDockmcp selects only containers that carry ProvenanceLabel.
	CreatedByDockmcp bool
}

// Selectors are the operator's selectors: Containers narrows every
// operation that changes or acts in an existing container (exec included)
// and what create may make; Exec narrows exec further.
type Selectors struct {
	Containers Selector
	Exec       Selector
}

// WithSelectors sets the selectors checked on the resolved container of
// every mutating operation.
func WithSelectors(s Selectors) Option {
	return func(o *Ops) { o.selectors = s }
}

// Set reports whether s has any rule.
func (s Selector) Set() bool {
	return len(s.Names) > 0 || len(s.Labels) > 0 || s.CreatedByDockmcp
}

// Validate reports a name pattern path.Match cannot read, or an empty
// label key; key is the selector's configuration key, for the message.
func (s Selector) Validate(key string) error {
	for i, p := range s.Names {
		if _, err := path.Match(p, ""); err != nil || p == "" {
			return fmt.Errorf("%s.names[%d]: %q is not a name pattern (path.Match syntax, "+
				"such as \"app-*\")", key, i, p)
		}
	}
	for i, l := range s.Labels {
		if k, _, _ := strings.Cut(l, "="); strings.TrimSpace(k) == "" {
			return fmt.Errorf("%s.labels[%d]: %q needs a key, such as \"team\" or "+
				"\"team=web\"", key, i, l)
		}
	}
	return nil
}

// Validate checks both selectors.
func (s Selectors) Validate() error {
	if err := s.Containers.Validate(KeyContainers); err != nil {
		return err
	}
	return s.Exec.Validate(KeyExecContainers)
}

// check refuses a container named name (without the leading slash) with
// labels unless s selects it; what is "container" or a longer phrase for
// the message, key the selector's configuration key.
func (s Selector) check(key, what, name string, labels map[string]string) error {
	if len(s.Names) > 0 && !s.matchName(name) {
		return abi.Errorf(abi.CodeDenied, "%s %q is not selected by %s.names (patterns: %s); "+
			"the operator may add a pattern that matches it to act on it", what, name, key,
			strings.Join(s.Names, ", "))
	}
	for _, l := range s.Labels {
		if !hasLabel(labels, l) {
			return abi.Errorf(abi.CodeDenied, "%s %q is not selected by %s.labels (it "+
				"lacks the label %s; every one of %s is required); the operator may change "+
				"that list to act on it", what, name, key, l, strings.Join(s.Labels, ", "))
		}
	}
	if s.CreatedByDockmcp && labels[ProvenanceLabel] != ProvenanceValue {
		return abi.Errorf(abi.CodeDenied, "%s %q is not selected by %s.createdByDockmcp: "+
			"it was not created by dockmcp (no label %s=%s); the operator may set that key "+
			"to false to act on it", what, name, key, ProvenanceLabel, ProvenanceValue)
	}
	return nil
}

func (s Selector) matchName(name string) bool {
	return slices.ContainsFunc(s.Names, func(p string) bool {
		ok, err := path.Match(p, name)
		return ok && err == nil
	})
}

func hasLabel(labels map[string]string, want string) bool {
	k, v, withValue := strings.Cut(want, "=")
	got, ok := labels[k]
	return ok && (!withValue || got == v)
}

// target resolves id (a name, a full ID or an ID prefix) to the container
// the daemon means by it, checks that container, as the daemon reports it,
// against the container selector, and returns it. Callers then act on its
// full ID, never on id, so that a container renamed or created in between
// cannot take its place.
//
// Errors: CodeInvalid for an empty id; CodeNotFound; CodeDenied when the
// selector refuses the container; CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) target(ctx context.Context, id string) (container.InspectResponse, error) {
	ref, err := containerRef(id)
	if err != nil {
		return container.InspectResponse{}, err
	}
	res, err := o.cli.ContainerInspect(ctx, ref, client.ContainerInspectOptions{})
	if err != nil {
		return container.InspectResponse{}, o.fail(err)
	}
	c := res.Container
	name, labels := nameLabels(c)
	if err := o.selectors.Containers.check(KeyContainers, "container", name, labels); err != nil {
		return container.InspectResponse{}, err
	}
	return c, nil
}

// ConfirmTarget resolves and checks the container id names, as an
// operation on it would (exec tells whether it is an exec), before the user
// is asked to confirm that operation: it returns the container's full ID
// and name, or the error the operation would give (not found, refused by a
// selector, the daemon down). The caller then has the operation act on
// that ID, so that the container confirmed is the container acted on. The
// operation checks again.
func (o *Ops) ConfirmTarget(ctx context.Context, id string, exec bool) (string, string, error) {
	check := o.target
	if exec {
		check = o.execTarget
	}
	c, err := check(ctx, id)
	if err != nil {
		return "", "", err
	}
	name, _ := nameLabels(c)
	return c.ID, name, nil
}

// PruneRefused is the refusal a container prune would get while names are
// selected, or nil: ConfirmTarget for a prune.
func (o *Ops) PruneRefused() error {
	return o.pruneFilters(client.Filters{})
}

// execTarget is target for exec: the exec selector must select the
// container too.
func (o *Ops) execTarget(ctx context.Context, id string) (container.InspectResponse, error) {
	c, err := o.target(ctx, id)
	if err != nil {
		return c, err
	}
	name, labels := nameLabels(c)
	err = o.selectors.Exec.check(KeyExecContainers, "exec in container", name, labels)
	return c, err
}

func nameLabels(c container.InspectResponse) (string, map[string]string) {
	var labels map[string]string
	if c.Config != nil {
		labels = c.Config.Labels
	}
	return strings.TrimPrefix(c.Name, "/"), labels
}

// checkCreate refuses a create whose container the container selector
// would not select afterwards: dockmcp makes no container it could not
// manage. A create without a name gets one from the daemon, which no name
// pattern can be relied on to match.
func (o *Ops) checkCreate(opts client.ContainerCreateOptions) error {
	s := o.selectors.Containers
	if !s.Set() {
		return nil
	}
	var labels map[string]string
	if opts.Config != nil {
		labels = opts.Config.Labels
	}
	if len(s.Names) > 0 && opts.Name == "" {
		return abi.Errorf(abi.CodeDenied, "a new container needs a name that %s.names "+
			"selects (patterns: %s), or dockmcp could not act on it afterwards; give one",
			KeyContainers, strings.Join(s.Names, ", "))
	}
	err := s.check(KeyContainers, "the new container", opts.Name, labels)
	if ae, ok := errors.AsType[*abi.Error](err); ok {
		return abi.Errorf(abi.CodeDenied, "%s. dockmcp creates only containers it may act "+
			"on afterwards: give it a name and labels the selector selects", ae.Message)
	}
	return err
}

// checkRename refuses a new name the container selector's names would not
// select: a selected container is not renamed out of the selection. Nor is
// a container renamed into the exec selector's names: a rename must not
// widen where exec may run.
func (o *Ops) checkRename(oldName, newName string) error {
	if s := o.selectors.Containers; len(s.Names) > 0 && !s.matchName(newName) {
		return abi.Errorf(abi.CodeDenied, "the new name %q is not selected by %s.names "+
			"(patterns: %s); choose a name that matches, or dockmcp could not act on the "+
			"container afterwards", newName, KeyContainers, strings.Join(s.Names, ", "))
	}
	if e := o.selectors.Exec; len(e.Names) > 0 && !e.matchName(oldName) && e.matchName(newName) {
		return abi.Errorf(abi.CodeDenied, "the new name %q would put container %q under "+
			"%s.names (patterns: %s), which does not select it now: a rename may not widen "+
			"where exec runs; the operator may add a pattern for it", newName, oldName,
			KeyExecContainers, strings.Join(e.Names, ", "))
	}
	return nil
}

// checkAliases refuses, while the container selector is set, a DNS alias
// that is the name, or an alias on that network, of a container on the
// network that the selector does not select: a selected container would
// take the unselected one's traffic (the daemon answers both).
func (o *Ops) checkAliases(ctx context.Context, nref, self string, aliases []string) error {
	s := o.selectors.Containers
	if !s.Set() || len(aliases) == 0 {
		return nil
	}
	res, err := o.cli.NetworkInspect(ctx, nref, client.NetworkInspectOptions{})
	if err != nil {
		return o.fail(err)
	}
	netID := res.Network.ID
	for id := range res.Network.Containers {
		if id == self {
			continue
		}
		ci, err := o.cli.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
		if err != nil {
			continue // gone since
		}
		name, labels := nameLabels(ci.Container)
		if s.check(KeyContainers, "container", name, labels) == nil {
			continue
		}
		taken := []string{name}
		if ns := ci.Container.NetworkSettings; ns != nil {
			for _, ep := range ns.Networks {
				if ep != nil && ep.NetworkID == netID {
					taken = append(taken, ep.Aliases...)
				}
			}
		}
		for _, a := range aliases {
			if slices.Contains(taken, a) {
				return abi.Errorf(abi.CodeDenied, "the alias %q is the name of container "+
					"%q on that network, which %s does not select: this container would "+
					"take its traffic. Choose another alias", a, name, KeyContainers)
			}
		}
	}
	return nil
}

// pruneFilters narrows a container prune to the containers the container
// selector selects, with label filters the daemon applies (all must
// match). Name patterns cannot be a prune filter, so a prune is refused
// when the selector has them.
func (o *Ops) pruneFilters(f client.Filters) error {
	s := o.selectors.Containers
	if len(s.Names) > 0 {
		return abi.Errorf(abi.CodeDenied, "container prune is refused while %s.names is "+
			"set (patterns: %s): a prune cannot be limited to names. Remove stopped "+
			"containers one by one with remove_container", KeyContainers,
			strings.Join(s.Names, ", "))
	}
	if len(s.Labels) > 0 {
		f.Add("label", s.Labels...)
	}
	if s.CreatedByDockmcp {
		f.Add("label", ProvenanceLabel+"="+ProvenanceValue)
	}
	return nil
}

// checkJoined refuses a create that would share the namespaces (network,
// PID, IPC: container:<ref>) or take the volumes (VolumesFrom) of a
// container the container selector does not select: the new container would
// reach into it. Each reference is rewritten to the full ID that was
// checked. Host safety refuses all of these unless the operator allows
// them; this check runs when they are allowed.
func (o *Ops) checkJoined(ctx context.Context, h *container.HostConfig) error {
	if !o.selectors.Containers.Set() {
		return nil
	}
	resolve := func(ref string) (string, error) {
		c, err := o.target(ctx, ref)
		if ae, ok := errors.AsType[*abi.Error](err); ok && ae.Code == abi.CodeDenied {
			return "", abi.Errorf(abi.CodeDenied, "the new container would share the "+
				"namespaces or volumes of another container: %s", ae.Message)
		}
		return c.ID, err
	}
	var err error
	join := func(ref string, set func(id string)) {
		if ref == "" || err != nil {
			return
		}
		var id string
		if id, err = resolve(ref); err == nil {
			set(id)
		}
	}
	join(h.NetworkMode.ConnectedContainer(),
		func(id string) { h.NetworkMode = container.NetworkMode("container:" + id) })
	join(h.PidMode.Container(), func(id string) { h.PidMode = container.PidMode("container:" + id) })
	join(h.IpcMode.Container(), func(id string) { h.IpcMode = container.IpcMode("container:" + id) })
	for i, v := range h.VolumesFrom {
		ref, mode, withMode := strings.Cut(v, ":")
		join(ref, func(id string) {
			h.VolumesFrom[i] = id
			if withMode {
				h.VolumesFrom[i] += ":" + mode
			}
		})
	}
	return err
}

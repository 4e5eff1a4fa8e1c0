package docker

import (
	"context"
	"strings"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// MaxPruneIDs caps the IDs container_prune lists; Count is always whole.
const MaxPruneIDs = 1000

// maxStopTimeout bounds a stop or restart timeout, in seconds, so that the
// call's deadline is not spent waiting.
const maxStopTimeout = 60

// ContainerStart starts a container (POST /containers/{id}/start) and
// reports its state after. Starting a running container is no error.
//
// The container is checked against the host-safety policy first, as if it
// were being created: one made out of band gets no more than one made here.
//
// Like every operation on an existing container here, it resolves the
// reference first, checks the container the daemon reports against the
// container selector (see WithSelectors) and acts on its full ID.
//
// Errors: CodeInvalid for an empty ID; CodeNotFound when no container
// matches; CodeDenied when the selector or the host-safety policy refuses
// it; CodeDaemon
// when the daemon cannot start it (a port in use, a
// missing bind source); CodeUnavailable, CodeTimeout.
func (o *Ops) ContainerStart(ctx context.Context, req dockerapi.ContainerRef) (
	dockerapi.ContainerState, error) {
	return o.act(ctx, req.ID, func(ref string) error {
		if err := o.checkExisting(ctx, ref); err != nil {
			return err
		}
		_, err := o.cli.ContainerStart(ctx, ref, client.ContainerStartOptions{})
		return err
	})
}

// ContainerStop stops a container (POST /containers/{id}/stop): the stop
// signal, then SIGKILL after req.Timeout seconds; nil leaves the daemon's
// default (the container's StopTimeout or 10 s) and 0 kills at once.
//
// Errors: CodeInvalid for an empty ID or a timeout outside [0, 60];
// CodeNotFound; CodeDenied when the container selector refuses it;
// CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ContainerStop(ctx context.Context, req dockerapi.ContainerStopRequest) (
	dockerapi.ContainerState, error) {
	if err := checkStopTimeout(req.Timeout); err != nil {
		return dockerapi.ContainerState{}, err
	}
	return o.act(ctx, req.ID, func(ref string) error {
		_, err := o.cli.ContainerStop(ctx, ref, client.ContainerStopOptions{Timeout: req.Timeout})
		return err
	})
}

// ContainerRestart restarts a container (POST /containers/{id}/restart),
// stopping it first as ContainerStop does with req.Timeout. It is checked
// against the host-safety policy first, as ContainerStart is.
//
// Errors: as ContainerStop; CodeDenied when the host-safety policy refuses
// the container.
func (o *Ops) ContainerRestart(ctx context.Context, req dockerapi.ContainerStopRequest) (
	dockerapi.ContainerState, error) {
	if err := checkStopTimeout(req.Timeout); err != nil {
		return dockerapi.ContainerState{}, err
	}
	return o.act(ctx, req.ID, func(ref string) error {
		if err := o.checkExisting(ctx, ref); err != nil {
			return err // a restart starts a stopped container
		}
		opts := client.ContainerRestartOptions{Timeout: req.Timeout}
		_, err := o.cli.ContainerRestart(ctx, ref, opts)
		return err
	})
}

// ContainerPause freezes a container's processes (POST
// /containers/{id}/pause).
//
// Errors: CodeInvalid for an empty ID; CodeNotFound; CodeDenied when the
// container selector refuses it; CodeConflict when it is not running or
// already paused; CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ContainerPause(ctx context.Context, req dockerapi.ContainerRef) (
	dockerapi.ContainerState, error) {
	return o.act(ctx, req.ID, func(ref string) error {
		_, err := o.cli.ContainerPause(ctx, ref, client.ContainerPauseOptions{})
		return err
	})
}

// ContainerUnpause thaws a paused container (POST
// /containers/{id}/unpause).
//
// Errors: as ContainerPause; CodeConflict when it is not paused.
func (o *Ops) ContainerUnpause(ctx context.Context, req dockerapi.ContainerRef) (
	dockerapi.ContainerState, error) {
	return o.act(ctx, req.ID, func(ref string) error {
		_, err := o.cli.ContainerUnpause(ctx, ref, client.ContainerUnpauseOptions{})
		return err
	})
}

func checkStopTimeout(t *int) error {
	if t != nil && (*t < 0 || *t > maxStopTimeout) {
		return invalid("timeout", "must be 0 (stop at once) to %d seconds, such as 10",
			maxStopTimeout)
	}
	return nil
}

// act resolves id to its container, checks it against the selectors (see
// target), runs fn on its full ID and reports the state after.
func (o *Ops) act(ctx context.Context, id string, fn func(ref string) error) (
	dockerapi.ContainerState, error) {
	c, err := o.target(ctx, id)
	if err != nil {
		return dockerapi.ContainerState{}, err
	}
	if err := fn(c.ID); err != nil {
		return dockerapi.ContainerState{}, o.fail(err)
	}
	return o.state(ctx, c.ID)
}

// state inspects a container for its ID, name and state.
func (o *Ops) state(ctx context.Context, ref string) (dockerapi.ContainerState, error) {
	res, err := o.cli.ContainerInspect(ctx, ref, client.ContainerInspectOptions{})
	if err != nil {
		return dockerapi.ContainerState{}, o.fail(err)
	}
	return stateOf(res.Container), nil
}

func stateOf(c container.InspectResponse) dockerapi.ContainerState {
	st := dockerapi.ContainerState{ID: c.ID, Name: strings.TrimPrefix(c.Name, "/")}
	if c.State != nil {
		st.State, st.ExitCode = string(c.State.Status), c.State.ExitCode
	}
	return st
}

// ContainerRename renames a container (POST /containers/{id}/rename). With
// name patterns in the container selector, the new name must match one too.
//
// Errors: CodeInvalid for an empty ID or an invalid new name; CodeNotFound;
// CodeDenied when the container selector refuses the container or the new
// name;
// CodeConflict when the new name is in use (the message names it);
// CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ContainerRename(ctx context.Context, req dockerapi.ContainerRenameRequest) (
	dockerapi.ContainerRenameResult, error) {
	newName := strings.TrimPrefix(strings.TrimSpace(req.NewName), "/")
	if !validName.MatchString(newName) {
		return dockerapi.ContainerRenameResult{}, invalid("newName", "%q is not a valid "+
			"container name: use letters, digits, '_', '.' and '-', such as \"web-2\"", newName)
	}
	before, err := o.targetState(ctx, req.ID)
	if err != nil {
		return dockerapi.ContainerRenameResult{}, err
	}
	if err := o.checkRename(before.Name, newName); err != nil {
		return dockerapi.ContainerRenameResult{}, err
	}
	opts := client.ContainerRenameOptions{NewName: newName}
	if _, err := o.cli.ContainerRename(ctx, before.ID, opts); err != nil {
		if e := o.fail(err); e.Code == abi.CodeConflict {
			return dockerapi.ContainerRenameResult{}, abi.Errorf(abi.CodeConflict,
				"the name %q is already in use by another container; choose another "+
					"name. Daemon: %v", newName, err)
		}
		return dockerapi.ContainerRenameResult{}, o.fail(err)
	}
	return dockerapi.ContainerRenameResult{ID: before.ID, OldName: before.Name,
		Name: newName}, nil
}

// targetState is target, shaped as the container's state.
func (o *Ops) targetState(ctx context.Context, id string) (dockerapi.ContainerState, error) {
	c, err := o.target(ctx, id)
	if err != nil {
		return dockerapi.ContainerState{}, err
	}
	return stateOf(c), nil
}

// ContainerRemove removes a container (DELETE /containers/{id}), after an
// inspect for the ID and name it reports. Force kills a running container
// first; Volumes removes its anonymous volumes too.
//
// Errors: CodeInvalid for an empty ID; CodeNotFound; CodeDenied when the
// container selector refuses it; CodeConflict when it runs and Force is
// false; CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ContainerRemove(ctx context.Context, req dockerapi.ContainerRemoveRequest) (
	dockerapi.ContainerRemoveResult, error) {
	st, err := o.targetState(ctx, req.ID)
	if err != nil {
		return dockerapi.ContainerRemoveResult{}, err
	}
	opts := client.ContainerRemoveOptions{Force: req.Force, RemoveVolumes: req.Volumes}
	if _, err := o.cli.ContainerRemove(ctx, st.ID, opts); err != nil {
		return dockerapi.ContainerRemoveResult{}, o.fail(err)
	}
	return dockerapi.ContainerRemoveResult{ID: st.ID, Name: st.Name}, nil
}

// ContainerPrune removes every stopped container that matches req.Filters
// (POST /containers/prune) and reports their IDs, at most MaxPruneIDs of
// them, and the space reclaimed. With a container selector set, the prune
// carries its labels as label filters (see pruneFilters).
//
// Errors: CodeDenied when the container selector has name patterns;
// CodeInvalid for a filter the daemon refuses; CodeUnavailable,
// CodeTimeout, CodeDaemon.
func (o *Ops) ContainerPrune(ctx context.Context, req dockerapi.ContainerPruneRequest) (
	dockerapi.ContainerPruneResult, error) {
	f := filtersOf(req.Filters)
	if err := o.pruneFilters(f); err != nil {
		return dockerapi.ContainerPruneResult{}, err
	}
	res, err := o.cli.ContainerPrune(ctx, client.ContainerPruneOptions{Filters: f})
	if err != nil {
		return dockerapi.ContainerPruneResult{}, o.fail(err)
	}
	ids := res.Report.ContainersDeleted
	out := dockerapi.ContainerPruneResult{Count: len(ids),
		SpaceReclaimed: res.Report.SpaceReclaimed}
	if len(ids) > MaxPruneIDs {
		ids, out.Truncated = ids[:MaxPruneIDs], true
	}
	out.Deleted = append([]string{}, ids...)
	return out, nil
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpContainerCreate, typed(o.ContainerCreate)},
			{abi.OpContainerStart, typed(o.ContainerStart)},
			{abi.OpContainerStartAttached, typed(o.ContainerStartAttached)},
			{abi.OpContainerStop, typed(o.ContainerStop)},
			{abi.OpContainerRestart, typed(o.ContainerRestart)},
			{abi.OpContainerPause, typed(o.ContainerPause)},
			{abi.OpContainerUnpause, typed(o.ContainerUnpause)},
			{abi.OpContainerRename, typed(o.ContainerRename)},
			{abi.OpContainerRemove, typed(o.ContainerRemove)},
			{abi.OpContainerPrune, typed(o.ContainerPrune)},
		}
	})
}

package docker

import (
	"strings"
	"testing"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// selectorRule is one rule of the container selector with a container it
// selects and one it does not.
type selectorRule struct {
	name     string
	sel      Selector
	key      string // the configuration key a refusal names
	selected func() dockertest.Options
	other    func() dockertest.Options
}

func selectorRules() []selectorRule {
	named := func(prefix string, labels map[string]string) func() dockertest.Options {
		return func() dockertest.Options {
			return dockertest.Options{Name: dockertest.Random(prefix), Labels: labels}
		}
	}
	return []selectorRule{
		{"names", Selector{Names: []string{"dmsel-*"}}, "policy.containers.names",
			named("dmsel", nil), named("dmun", nil)},
		{"label key", Selector{Labels: []string{"tier"}}, "policy.containers.labels",
			named("dmsel", map[string]string{"tier": "x"}), named("dmun", nil)},
		{"label key=value", Selector{Labels: []string{"team=a"}}, "policy.containers.labels",
			named("dmsel", map[string]string{"team": "a"}),
			named("dmun", map[string]string{"team": "b"})},
		{"createdByDockmcp", Selector{CreatedByDockmcp: true},
			"policy.containers.createdByDockmcp",
			named("dmsel", map[string]string{ProvenanceLabel: ProvenanceValue}),
			named("dmun", nil)},
	}
}

// narrowedOp is one operation on an existing container, called with a
// reference to it; rename gets a new name the names rule selects.
type narrowedOp struct {
	name string
	call func(t *testing.T, o *Ops, ref, net string) error
}

func narrowedOps() []narrowedOp {
	zero := 0
	return []narrowedOp{
		{"pause", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerPause(t.Context(), dockerapi.ContainerRef{ID: ref})
			return err
		}},
		{"unpause", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerUnpause(t.Context(), dockerapi.ContainerRef{ID: ref})
			return err
		}},
		{"exec", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerExec(t.Context(), dockerapi.ContainerExecRequest{ID: ref,
				Cmd: []string{fakeapp, "emit", "x"}})
			return err
		}},
		{"network connect", func(t *testing.T, o *Ops, ref, net string) error {
			_, err := o.NetworkConnect(t.Context(),
				dockerapi.NetworkConnectRequest{Network: net, Container: ref})
			return err
		}},
		{"network disconnect", func(t *testing.T, o *Ops, ref, net string) error {
			_, err := o.NetworkDisconnect(t.Context(),
				dockerapi.NetworkDisconnectRequest{Network: net, Container: ref})
			return err
		}},
		{"stop", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerStop(t.Context(),
				dockerapi.ContainerStopRequest{ID: ref, Timeout: &zero})
			return err
		}},
		{"start", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerStart(t.Context(), dockerapi.ContainerRef{ID: ref})
			return err
		}},
		{"restart", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerRestart(t.Context(),
				dockerapi.ContainerStopRequest{ID: ref, Timeout: &zero})
			return err
		}},
		{"run (start attached)", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerStartAttached(t.Context(),
				dockerapi.ContainerStartAttachedRequest{ID: ref, TimeoutSeconds: 1})
			return err
		}},
		{"rename", func(t *testing.T, o *Ops, ref, _ string) error {
			_, err := o.ContainerRename(t.Context(), dockerapi.ContainerRenameRequest{ID: ref,
				NewName: dockertest.Random("dmsel-renamed")})
			return err
		}},
	}
}

func removeContainer(t *testing.T, o *Ops, ref string) error {
	_, err := o.ContainerRemove(t.Context(),
		dockerapi.ContainerRemoveRequest{ID: ref, Force: true})
	return err
}

// Every rule of the container selector, on every operation that changes
// or acts in an existing container: the selected container is acted on,
// the other is refused with a message that names the key, and is left as
// it was.
func TestSelectorNarrowsMutatingOperations(t *testing.T) {
	for _, rule := range selectorRules() {
		t.Run(rule.name, func(t *testing.T) {
			t.Parallel()
			o := New(dockertest.Client(t), WithSelectors(Selectors{Containers: rule.sel}))
			net := createNetwork(t, newOps(t), dockerapi.NetworkCreateRequest{})
			selID, _ := dockertest.Run(t, rule.selected())
			otherID, otherName := dockertest.Run(t, rule.other())
			for _, op := range narrowedOps() {
				if err := op.call(t, o, selID, net); err != nil {
					t.Errorf("%s on the selected container: %v", op.name, err)
				}
				err := op.call(t, o, otherName, net)
				wantCode(t, err, abi.CodeDenied, rule.key, "not selected", otherName)
			}
			wantCode(t, removeContainer(t, o, otherID), abi.CodeDenied, rule.key)
			c := inspect(t, otherID)
			_, joined := c.NetworkSettings.Networks[net]
			if c.Name != "/"+otherName || !c.State.Running || c.State.Paused ||
				c.RestartCount != 0 || joined {
				t.Errorf("the unselected container changed: %s running %v paused %v "+
					"restarts %d joined %v", c.Name, c.State.Running, c.State.Paused,
					c.RestartCount, joined)
			}
			// remove last, on a container of its own: dockertest.Run's
			// cleanup wants its containers still there.
			sel := rule.selected()
			doomed := create(t, newOps(t), dockerapi.ContainerCreateRequest{Name: sel.Name,
				Labels: sel.Labels})
			if err := removeContainer(t, o, doomed.Name); err != nil {
				t.Errorf("remove of a selected container: %v", err)
			}
		})
	}
}

// Create makes only containers the selector selects: the name must match a
// pattern (so an unnamed create is refused), the labels must be given; the
// provenance label is always set, so createdByDockmcp never refuses one.
func TestSelectorNarrowsCreate(t *testing.T) {
	for _, tc := range []struct {
		sel     Selector
		req     dockerapi.ContainerCreateRequest
		refused string // the key named, or "" when allowed
	}{
		{Selector{Names: []string{"dmsel-*"}},
			dockerapi.ContainerCreateRequest{Name: dockertest.Random("dmsel")}, ""},
		{Selector{Names: []string{"dmsel-*"}},
			dockerapi.ContainerCreateRequest{Name: dockertest.Random("dmun")},
			"policy.containers.names"},
		{Selector{Names: []string{"dmsel-*"}}, dockerapi.ContainerCreateRequest{Name: "-"},
			"policy.containers.names"},
		{Selector{Labels: []string{"team=a"}}, dockerapi.ContainerCreateRequest{
			Labels: map[string]string{"team": "a"}}, ""},
		{Selector{Labels: []string{"team=a"}}, dockerapi.ContainerCreateRequest{
			Labels: map[string]string{"team": "b"}}, "policy.containers.labels"},
		{Selector{CreatedByDockmcp: true}, dockerapi.ContainerCreateRequest{}, ""},
	} {
		o := New(dockertest.Client(t), WithSelectors(Selectors{Containers: tc.sel}))
		req := tc.req
		if req.Name == "" {
			req.Name = dockertest.Random("dmsel")
		}
		if req.Name == "-" {
			req.Name = "" // the daemon would choose it
		}
		if tc.refused != "" {
			req.Image = dockertest.Image(t)
			if req.Name != "" {
				t.Cleanup(func() { forceRemove(req.Name) })
			}
			_, err := o.ContainerCreate(t.Context(), req)
			wantCode(t, err, abi.CodeDenied, tc.refused)
			continue
		}
		res := create(t, o, req)
		if _, err := o.ContainerStart(t.Context(), dockerapi.ContainerRef{ID: res.ID}); err != nil {
			t.Errorf("%+v: the created container cannot be started: %v", tc.sel, err)
		}
	}
}

// An assistant must not rename an unselected container into the selection
// (refused by the table above), nor a selected one out of it.
func TestSelectorRenameOutOfSelection(t *testing.T) {
	o := New(dockertest.Client(t),
		WithSelectors(Selectors{Containers: Selector{Names: []string{"dmsel-*"}}}))
	id, name := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmsel")})
	_, err := o.ContainerRename(t.Context(), dockerapi.ContainerRenameRequest{ID: id,
		NewName: dockertest.Random("dmun")})
	wantCode(t, err, abi.CodeDenied, "policy.containers.names", "dmsel-*")
	if got := inspect(t, id).Name; got != "/"+name {
		t.Errorf("renamed to %s", got)
	}
}

// Nor into the exec selection: renaming a container to a name the exec
// selector's patterns match would let exec run in it. Out of it is fine.
func TestSelectorRenameIntoExecSelection(t *testing.T) {
	o := New(dockertest.Client(t), WithSelectors(Selectors{
		Exec: Selector{Names: []string{"dmsandbox-*"}}}))
	id, name := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmprod")})
	_, err := o.ContainerRename(t.Context(), dockerapi.ContainerRenameRequest{ID: id,
		NewName: dockertest.Random("dmsandbox")})
	wantCode(t, err, abi.CodeDenied, "policy.exec.containers.names", "dmsandbox-*")
	if got := inspect(t, id).Name; got != "/"+name {
		t.Errorf("renamed to %s", got)
	}
	sid, _ := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmsandbox")})
	out := dockertest.Random("dmout")
	if _, err := o.ContainerRename(t.Context(), dockerapi.ContainerRenameRequest{ID: sid,
		NewName: out}); err != nil {
		t.Errorf("renaming out of the exec selection: %v", err)
	}
	if got := inspect(t, sid).Name; got != "/"+out {
		t.Errorf("renamed to %s, want %s", got, out)
	}
}

// A selected container may not take an unselected one's name or alias on
// a network as its own alias: it would get that container's traffic.
func TestSelectorAliasOfUnselected(t *testing.T) {
	o := New(dockertest.Client(t),
		WithSelectors(Selectors{Containers: Selector{Names: []string{"dmsel-*"}}}))
	net := createNetwork(t, newOps(t), dockerapi.NetworkCreateRequest{})
	_, other := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmun")})
	if _, err := newOps(t).NetworkConnect(t.Context(), dockerapi.NetworkConnectRequest{
		Network: net, Container: other, Aliases: []string{"database"}}); err != nil {
		t.Fatal(err)
	}
	selID, _ := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmsel")})
	for _, alias := range []string{other, "database"} {
		_, err := o.NetworkConnect(t.Context(), dockerapi.NetworkConnectRequest{
			Network: net, Container: selID, Aliases: []string{"web", alias}})
		wantCode(t, err, abi.CodeDenied, "policy.containers", alias, other)
	}
	if _, joined := inspect(t, selID).NetworkSettings.Networks[net]; joined {
		t.Fatal("a refused connect attached the container")
	}
	if _, err := o.NetworkConnect(t.Context(), dockerapi.NetworkConnectRequest{
		Network: net, Container: selID, Aliases: []string{"web"}}); err != nil {
		t.Errorf("an alias of its own: %v", err)
	}
}

// A short ID is resolved by the daemon before the check: the prefix of an
// unselected container's ID is refused like its name.
func TestSelectorIDPrefixOfUnselected(t *testing.T) {
	o := New(dockertest.Client(t),
		WithSelectors(Selectors{Containers: Selector{Labels: []string{"team=a"}}}))
	id, _ := dockertest.Run(t, dockertest.Options{Labels: map[string]string{"team": "b"}})
	zero := 0
	_, err := o.ContainerStop(t.Context(), dockerapi.ContainerStopRequest{ID: id[:12],
		Timeout: &zero})
	wantCode(t, err, abi.CodeDenied, "policy.containers.labels", "team=a")
	if !inspect(t, id).State.Running {
		t.Error("the unselected container was stopped")
	}
}

// A container may be named like another's ID prefix; the daemon resolves
// a name first. The check is on whichever container the daemon resolved,
// and the call acts on that container's full ID: a selected container
// named after an unselected one's prefix is stopped, the unselected one is
// not; the reverse is refused.
func TestSelectorNameThatIsAnotherIDPrefix(t *testing.T) {
	o := New(dockertest.Client(t),
		WithSelectors(Selectors{Containers: Selector{Labels: []string{"team=a"}}}))
	zero := 0
	stop := func(ref string) error {
		_, err := o.ContainerStop(t.Context(), dockerapi.ContainerStopRequest{ID: ref,
			Timeout: &zero})
		return err
	}

	unselID, _ := dockertest.Run(t, dockertest.Options{Labels: map[string]string{"team": "b"}})
	selID, _ := dockertest.Run(t, dockertest.Options{Name: unselID[:12],
		Labels: map[string]string{"team": "a"}})
	if err := stop(unselID[:12]); err != nil {
		t.Fatal(err)
	}
	if inspect(t, selID).State.Running || !inspect(t, unselID).State.Running {
		t.Error("the stop did not land on the container the name resolved to")
	}

	selID2, _ := dockertest.Run(t, dockertest.Options{Labels: map[string]string{"team": "a"}})
	unselID2, _ := dockertest.Run(t, dockertest.Options{Name: selID2[:12],
		Labels: map[string]string{"team": "b"}})
	wantCode(t, stop(selID2[:12]), abi.CodeDenied, "policy.containers.labels")
	if !inspect(t, selID2).State.Running || !inspect(t, unselID2).State.Running {
		t.Error("a refused stop stopped a container")
	}
}

// Exec is narrowed by the container selector and, further, by the exec
// selector; the other operations only by the container selector.
func TestExecSelector(t *testing.T) {
	o := New(dockertest.Client(t), WithSelectors(Selectors{
		Containers: Selector{Names: []string{"dmsel-*"}},
		Exec:       Selector{Labels: []string{"exec=ok"}},
	}))
	exec := func(ref string) error {
		_, err := o.ContainerExec(t.Context(), dockerapi.ContainerExecRequest{ID: ref,
			Cmd: []string{fakeapp, "emit", "x"}})
		return err
	}
	both, _ := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmsel"),
		Labels: map[string]string{"exec": "ok"}})
	if err := exec(both); err != nil {
		t.Errorf("exec in a container both select: %v", err)
	}
	noExec, _ := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmsel")})
	wantCode(t, exec(noExec), abi.CodeDenied, "policy.exec.containers.labels", "exec=ok")
	if _, err := o.ContainerPause(t.Context(), dockerapi.ContainerRef{ID: noExec}); err != nil {
		t.Errorf("pause, which the exec selector does not narrow: %v", err)
	}
	notSel, _ := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmun"),
		Labels: map[string]string{"exec": "ok"}})
	wantCode(t, exec(notSel), abi.CodeDenied, "policy.containers.names")
}

// With a selector, a container prune removes only the containers it
// selects: its labels go to the daemon as filters (all must match), and a
// selector with name patterns, which no prune filter can express, refuses
// the prune.
func TestSelectorNarrowsPrune(t *testing.T) {
	plain := newOps(t)
	tag := dockertest.Random("prune")
	filter := map[string][]string{"label": {"case=" + tag}}
	stopped := func(labels map[string]string) string {
		labels["case"] = tag
		return create(t, plain, dockerapi.ContainerCreateRequest{Labels: labels}).ID
	}
	raw := rawCreate(t, map[string]string{"case": tag, "team": "a"})
	teamA, teamB := stopped(map[string]string{"team": "a"}), stopped(map[string]string{"team": "b"})

	byDockmcp := New(dockertest.Client(t),
		WithSelectors(Selectors{Containers: Selector{CreatedByDockmcp: true, Labels: []string{"team=a"}}}))
	res, err := byDockmcp.ContainerPrune(t.Context(), dockerapi.ContainerPruneRequest{Filters: filter})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count != 1 || res.Deleted[0] != teamA {
		t.Errorf("prune deleted %v, want only %s", res.Deleted, teamA)
	}
	for _, id := range []string{raw, teamB} {
		inspect(t, id) // still there
	}

	byName := New(dockertest.Client(t),
		WithSelectors(Selectors{Containers: Selector{Names: []string{"*"}}}))
	_, err = byName.ContainerPrune(t.Context(), dockerapi.ContainerPruneRequest{Filters: filter})
	wantCode(t, err, abi.CodeDenied, "policy.containers.names", "remove_container")
	inspect(t, teamB)
}

// rawCreate makes a stopped container without dockmcp, so without the
// provenance label.
func rawCreate(t *testing.T, labels map[string]string) string {
	t.Helper()
	labels[dockertest.Label] = dockertest.LabelValue
	name := dockertest.Random("dockmcp-test-raw")
	t.Cleanup(func() { forceRemove(name) })
	res, err := dockertest.Client(t).ContainerCreate(t.Context(), client.ContainerCreateOptions{
		Name: name, Image: dockertest.Image(t), Config: &container.Config{Labels: labels}})
	if err != nil {
		t.Fatal(err)
	}
	return res.ID
}

// The zero selector selects everything; bad patterns and label keys are
// refused with the key.
func TestSelectorCheckAndValidate(t *testing.T) {
	if err := (Selector{}).check(KeyContainers, "container", "x", nil); err != nil {
		t.Errorf("zero selector: %v", err)
	}
	for _, tc := range []struct {
		s    Selectors
		want string
	}{
		{Selectors{Containers: Selector{Names: []string{"app-["}}}, "policy.containers.names[0]"},
		{Selectors{Containers: Selector{Names: []string{""}}}, "policy.containers.names[0]"},
		{Selectors{Exec: Selector{Labels: []string{"=v"}}}, "policy.exec.containers.labels[0]"},
	} {
		err := tc.s.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %s", tc.s, err, tc.want)
		}
	}
	if err := (Selectors{Containers: Selector{Names: []string{"a*", "b?"},
		Labels: []string{"k", "k=v"}}}).Validate(); err != nil {
		t.Error(err)
	}
}

// With containerNamespaces and volumesFrom allowed, a new container may
// still not join the namespaces or take the volumes of an unselected
// container; a selected one is joined by the full ID that was checked.
func TestSelectorJoinedContainers(t *testing.T) {
	o := New(dockertest.Client(t), WithSafety(Safety{Allow: []string{RuleContainerNamespaces,
		RuleVolumesFrom}}), WithSelectors(Selectors{Containers: Selector{
		Labels: []string{"team=a"}}}))
	selID, sel := dockertest.Run(t, dockertest.Options{Labels: map[string]string{"team": "a"}})
	_, unsel := dockertest.Run(t, dockertest.Options{Labels: map[string]string{"team": "b"}})
	team := map[string]string{"team": "a"}

	req := dockerapi.ContainerCreateRequest{Name: dockertest.Random("dockmcp-test-join"),
		Image: dockertest.Image(t), Labels: team, Network: "container:" + unsel}
	t.Cleanup(func() { forceRemove(req.Name) })
	_, err := o.ContainerCreate(t.Context(), req)
	wantCode(t, err, abi.CodeDenied, "share the namespaces", "policy.containers.labels")

	res := create(t, o, dockerapi.ContainerCreateRequest{Labels: team,
		Network: "container:" + sel})
	got := inspect(t, res.ID).HostConfig.NetworkMode
	if got != container.NetworkMode("container:"+selID) {
		t.Errorf("network mode %q, want the checked full ID", got)
	}

	h := container.HostConfig{VolumesFrom: []string{sel + ":ro", unsel}}
	wantCode(t, o.checkJoined(t.Context(), &h), abi.CodeDenied, unsel)
	h = container.HostConfig{VolumesFrom: []string{sel + ":ro"},
		PidMode: container.PidMode("container:" + sel),
		IpcMode: container.IpcMode("container:" + sel)}
	if err := o.checkJoined(t.Context(), &h); err != nil || h.VolumesFrom[0] != selID+":ro" ||
		h.PidMode.Container() != selID || h.IpcMode.Container() != selID {
		t.Errorf("%v: %+v", err, h)
	}
}

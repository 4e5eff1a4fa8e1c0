package docker

import (
	"cmp"
	"context"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// NetworkList lists networks (GET /networks); req.Filters go to the daemon
// as is (driver, id, label, name, scope, type, dangling). Null labels are
// empty.
//
// Errors: CodeInvalid for a filter the daemon refuses, CodeUnavailable,
// CodeTimeout, CodeDaemon.
func (o *Ops) NetworkList(
	ctx context.Context, req dockerapi.NetworkListRequest,
) (dockerapi.NetworkListResult, error) {
	opts := client.NetworkListOptions{Filters: filtersOf(req.Filters)}
	res, err := o.cli.NetworkList(ctx, opts)
	if err != nil {
		return dockerapi.NetworkListResult{}, o.fail(err)
	}
	rows := make([]dockerapi.NetworkSummary, 0, len(res.Items))
	for _, n := range res.Items {
		rows = append(rows, networkSummary(n.Network))
	}
	return dockerapi.NetworkListResult{Networks: rows}, nil
}

func networkSummary(n network.Network) dockerapi.NetworkSummary {
	created := ""
	if !n.Created.IsZero() {
		created = n.Created.UTC().Format(time.RFC3339)
	}
	return dockerapi.NetworkSummary{
		ID: n.ID, Name: n.Name, Driver: n.Driver, Scope: n.Scope,
		Internal: n.Internal, Attachable: n.Attachable, Created: created,
		Labels: mapOrEmpty(n.Labels),
	}
}

// NetworkCreate creates a network (POST /networks/create) labelled with
// ProvenanceLabel besides req.Labels. Driver defaults to bridge. A subnet
// or gateway becomes the network's one IPAM pool; both are checked first.
//
// Errors: CodeInvalid for an empty name, a subnet that is not a CIDR, a
// gateway that is not an IP inside the subnet, or a gateway without a
// subnet; CodeConflict when the name is taken; CodeNotFound for an
// unknown driver; CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) NetworkCreate(
	ctx context.Context, req dockerapi.NetworkCreateRequest,
) (dockerapi.NetworkCreateResult, error) {
	if strings.TrimSpace(req.Name) == "" {
		return dockerapi.NetworkCreateResult{}, invalid("name",
			"a network name is required, such as \"backend\"")
	}
	ipam, err := ipamOf(req.Subnet, req.Gateway)
	if err != nil {
		return dockerapi.NetworkCreateResult{}, err
	}
	if err := o.networkNameFree(ctx, req.Name); err != nil {
		return dockerapi.NetworkCreateResult{}, err
	}
	driver := cmp.Or(req.Driver, "bridge")
	res, err := o.cli.NetworkCreate(ctx, req.Name, client.NetworkCreateOptions{
		Driver: driver, Internal: req.Internal, Attachable: req.Attachable,
		IPAM: ipam, Labels: withProvenance(req.Labels),
	})
	if err != nil {
		return dockerapi.NetworkCreateResult{}, o.fail(err)
	}
	return dockerapi.NetworkCreateResult{ID: res.ID, Warnings: sliceOrEmpty(res.Warning)}, nil
}

// networkNameFree refuses a name another network has: daemons before API
// 1.44 create a second network of the same name with only a warning, and
// then no tool can tell the two apart by name. (Two creates racing can still
// both pass; the daemon's own check closes that on newer daemons.)
func (o *Ops) networkNameFree(ctx context.Context, name string) error {
	list, err := o.cli.NetworkList(ctx, client.NetworkListOptions{
		Filters: client.Filters{}.Add("name", name),
	})
	if err != nil {
		return o.fail(err)
	}
	for _, n := range list.Items {
		if n.Name == name {
			return abi.Errorf(abi.CodeConflict, "a network named %q already exists (id %s); "+
				"choose another name, or remove that network first", name, shortID(n.ID))
		}
	}
	return nil
}

// ipamOf checks a subnet and gateway and makes their IPAM pool; nil when
// both are empty.
func ipamOf(subnet, gateway string) (*network.IPAM, error) {
	if subnet == "" && gateway == "" {
		return nil, nil
	}
	if subnet == "" {
		return nil, invalid("gateway", "needs a subnet that contains it, "+
			"such as {\"subnet\": \"172.28.0.0/16\", \"gateway\": \"172.28.0.1\"}")
	}
	prefix, err := netip.ParsePrefix(subnet)
	if err != nil {
		return nil, invalid("subnet", "%q is not a CIDR subnet; use one such as "+
			"\"172.28.0.0/16\"", subnet)
	}
	if prefix != prefix.Masked() {
		return nil, invalid("subnet", "%q has host bits set; use the network "+
			"address, such as %q", subnet, prefix.Masked().String())
	}
	pool := network.IPAMConfig{Subnet: prefix}
	if gateway != "" {
		gw, err := netip.ParseAddr(gateway)
		if err != nil || !prefix.Contains(gw) {
			return nil, invalid("gateway", "%q is not an IP address inside subnet %s; "+
				"use one such as %q", gateway, subnet, prefix.Addr().Next().String())
		}
		pool.Gateway = gw
	}
	return &network.IPAM{Driver: "default", Config: []network.IPAMConfig{pool}}, nil
}

// NetworkInspect returns one network in full (GET /networks/{id}), with
// null options, IPAM pools and containers as empty values.
//
// Errors: CodeInvalid for an empty ID, CodeNotFound when no network
// matches, CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) NetworkInspect(
	ctx context.Context, req dockerapi.NetworkInspectRequest,
) (dockerapi.NetworkInspectResult, error) {
	ref, err := networkRef(req.ID)
	if err != nil {
		return dockerapi.NetworkInspectResult{}, err
	}
	res, err := o.cli.NetworkInspect(ctx, ref, client.NetworkInspectOptions{})
	if err != nil {
		return dockerapi.NetworkInspectResult{}, o.fail(err)
	}
	return dockerapi.NetworkInspectResult{Network: networkDetail(res.Network)}, nil
}

func networkDetail(n network.Inspect) dockerapi.NetworkDetail {
	d := dockerapi.NetworkDetail{
		NetworkSummary: networkSummary(n.Network),
		EnableIPv6:     n.EnableIPv6, Ingress: n.Ingress,
		Options: mapOrEmpty(n.Options),
		IPAM: dockerapi.NetworkIPAM{
			Driver: n.IPAM.Driver, Options: mapOrEmpty(n.IPAM.Options),
			Config: []dockerapi.IPAMConfig{},
		},
		Containers: endpoints(n.Containers),
	}
	for _, c := range n.IPAM.Config {
		d.IPAM.Config = append(d.IPAM.Config, dockerapi.IPAMConfig{
			Subnet: text(c.Subnet), Gateway: text(c.Gateway), IPRange: text(c.IPRange),
		})
	}
	return d
}

func endpoints(in map[string]network.EndpointResource) []dockerapi.NetworkEndpoint {
	out := make([]dockerapi.NetworkEndpoint, 0, len(in))
	for id, e := range in {
		out = append(out, dockerapi.NetworkEndpoint{
			ContainerID: id, Name: e.Name, MacAddress: e.MacAddress.String(),
			IPv4Address: text(e.IPv4Address), IPv6Address: text(e.IPv6Address),
		})
	}
	slices.SortFunc(out, func(a, b dockerapi.NetworkEndpoint) int {
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// text renders a netip value, "" for its zero value.
func text[T interface {
	IsValid() bool
	String() string
}](v T) string {
	if !v.IsValid() {
		return ""
	}
	return v.String()
}

// NetworkRemove removes a network (DELETE /networks/{id}). When the daemon
// refuses because containers are attached, the error names them.
//
// Errors: CodeInvalid for an empty ID; CodeNotFound when no network
// matches; CodeConflict when containers use the network (the message lists
// them) or it is predefined; CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) NetworkRemove(
	ctx context.Context, req dockerapi.NetworkRemoveRequest,
) (dockerapi.NetworkRemoveResult, error) {
	ref, err := networkRef(req.ID)
	if err != nil {
		return dockerapi.NetworkRemoveResult{}, err
	}
	_, err = o.cli.NetworkRemove(ctx, ref, client.NetworkRemoveOptions{})
	if err != nil {
		if users := o.networkUsers(ctx, ref); len(users) > 0 {
			return dockerapi.NetworkRemoveResult{}, abi.Errorf(abi.CodeConflict,
				"network %s is in use by containers %s; disconnect them "+
					"(disconnect_network) or remove them first", ref, strings.Join(users, ", "))
		}
		return dockerapi.NetworkRemoveResult{}, o.fail(err)
	}
	return dockerapi.NetworkRemoveResult{}, nil
}

// networkUsers returns the names of the containers attached to a network,
// or none when it cannot tell.
func (o *Ops) networkUsers(ctx context.Context, ref string) []string {
	res, err := o.cli.NetworkInspect(ctx, ref, client.NetworkInspectOptions{})
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range endpoints(res.Network.Containers) {
		names = append(names, cmp.Or(e.Name, shortID(e.ContainerID)))
	}
	return names
}

// NetworkConnect attaches a container to a network (POST
// /networks/{id}/connect), with optional DNS aliases.
//
// The container is resolved and checked against the container selector
// first (see WithSelectors), and attached by its full ID.
//
// Errors: CodeInvalid for an empty network or container; CodeNotFound when
// either does not exist; CodeDenied when the container selector refuses the
// container; CodeConflict or CodeDenied as the daemon answers
// (for example when already attached); CodeUnavailable, CodeTimeout,
// CodeDaemon.
func (o *Ops) NetworkConnect(
	ctx context.Context, req dockerapi.NetworkConnectRequest,
) (dockerapi.NetworkConnectResult, error) {
	nref, cref, err := attachRefs(req.Network, req.Container)
	if err != nil {
		return dockerapi.NetworkConnectResult{}, err
	}
	c, err := o.target(ctx, cref)
	if err != nil {
		return dockerapi.NetworkConnectResult{}, err
	}
	cref = c.ID
	if err := o.checkAliases(ctx, nref, cref, req.Aliases); err != nil {
		return dockerapi.NetworkConnectResult{}, err
	}
	opts := client.NetworkConnectOptions{Container: cref}
	if len(req.Aliases) > 0 {
		opts.EndpointConfig = &network.EndpointSettings{Aliases: req.Aliases}
	}
	if _, err := o.cli.NetworkConnect(ctx, nref, opts); err != nil {
		return dockerapi.NetworkConnectResult{}, o.fail(err)
	}
	return dockerapi.NetworkConnectResult{}, nil
}

// NetworkDisconnect detaches a container from a network (POST
// /networks/{id}/disconnect).
//
// Errors: as [Ops.NetworkConnect].
func (o *Ops) NetworkDisconnect(
	ctx context.Context, req dockerapi.NetworkDisconnectRequest,
) (dockerapi.NetworkDisconnectResult, error) {
	nref, cref, err := attachRefs(req.Network, req.Container)
	if err != nil {
		return dockerapi.NetworkDisconnectResult{}, err
	}
	c, err := o.target(ctx, cref)
	if err != nil {
		return dockerapi.NetworkDisconnectResult{}, err
	}
	cref = c.ID
	opts := client.NetworkDisconnectOptions{Container: cref, Force: req.Force}
	if _, err := o.cli.NetworkDisconnect(ctx, nref, opts); err != nil {
		return dockerapi.NetworkDisconnectResult{}, o.fail(err)
	}
	return dockerapi.NetworkDisconnectResult{}, nil
}

func attachRefs(netID, ctrID string) (string, string, error) {
	nref, err := networkRef(netID)
	if err != nil {
		return "", "", err
	}
	cref, err := containerRef(ctrID)
	if err != nil {
		return "", "", invalid("container", "a container ID or name is required, "+
			"such as \"web-1\"")
	}
	return nref, cref, nil
}

// NetworkPrune removes unused networks (POST /networks/prune); req.Filters
// (until, label, label!) go to the daemon as is.
//
// Errors: CodeInvalid for a filter the daemon refuses; CodeConflict when a
// prune is already running; CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) NetworkPrune(
	ctx context.Context, req dockerapi.NetworkPruneRequest,
) (dockerapi.NetworkPruneResult, error) {
	opts := client.NetworkPruneOptions{Filters: filtersOf(req.Filters)}
	res, err := o.cli.NetworkPrune(ctx, opts)
	if err != nil {
		return dockerapi.NetworkPruneResult{}, o.fail(err)
	}
	deleted := append([]string{}, res.Report.NetworksDeleted...)
	return dockerapi.NetworkPruneResult{Deleted: deleted}, nil
}

// networkRef checks a network ID or name.
func networkRef(id string) (string, error) {
	ref := strings.TrimSpace(id)
	if ref == "" {
		return "", invalid("id", "a network ID or name is required, such as \"backend\"")
	}
	return ref, nil
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpNetworkList, typed(o.NetworkList)},
			{abi.OpNetworkCreate, typed(o.NetworkCreate)},
			{abi.OpNetworkInspect, typed(o.NetworkInspect)},
			{abi.OpNetworkRemove, typed(o.NetworkRemove)},
			{abi.OpNetworkConnect, typed(o.NetworkConnect)},
			{abi.OpNetworkDisconnect, typed(o.NetworkDisconnect)},
			{abi.OpNetworkPrune, typed(o.NetworkPrune)},
		}
	})
}

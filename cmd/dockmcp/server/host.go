// Package server puts dockmcp together: the engine with its host modules,
// the tool guest and its descriptors, the filter chain, and the MCP server
// that hands them tool calls. `dockmcp serve` and `dockmcp call` share one
// Host, so a call from a terminal takes exactly the path of a client's.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/chain"
	"github.com/dockmcp/dockmcp/runtime/policy"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

// Config configures a Host. The zero value serves the embedded guests with
// the default limits, the default cache and a client from the environment.
type Config struct {
	CacheDir string // see runtime.Options
	Logger   *slog.Logger
	// Docker is the client to use; nil makes one from DOCKER_HOST and the
	// other DOCKER_* variables.
	Docker *client.Client
	// ToolClass and FilterClass override the guests' limits when set.
	ToolClass, FilterClass *runtime.Class
	// BuildRoots are the host directories build_image may read a context
	// from; nil means the working directory when New is called.
	BuildRoots []string
	// Filters run after the built-in secret filter, in order, each with
	// the limits of its entry over FilterClass.
	Filters []UserFilter
	// Tools selects the tools served; the zero value serves them all.
	Tools policy.Tools
	// Safety is what create, run and build may ask of the daemon; the zero
	// value is the strictest (see docker.Safety).
	Safety docker.Safety
	// AuditFile, when set, is the audit log: one JSON line per call is
	// appended to it.
	AuditFile string
	// Confirm says how destructive calls from MCP clients are confirmed.
	Confirm Confirm
	// Selectors narrow the containers mutating tools act on; the zero
	// value selects every container.
	Selectors docker.Selectors
}

// Host runs tool calls.
type Host struct {
	logger  *slog.Logger
	docker  *client.Client
	ownsCli bool
	engine  *runtime.Engine
	ops     *docker.Ops    // the host functions' operations, for checks before a call
	catalog *tools.Catalog // the tools served
	all     *tools.Catalog // every tool of the guest, for its grant
	// toolPolicy selected catalog from all.
	toolPolicy policy.Tools
	auditLog   *auditLog
	confirmCfg Confirm
	// policyPaths are the bind and build roots, the daemon's socket and the
	// bind deny list, which errors may show: they are the policy.
	policyPaths []string
	tools       *runtime.Module
	chain       *chain.Chain
	// logChain is chain for guest log lines, which may come while New is
	// still loading the guests.
	logChain atomic.Pointer[chain.Chain]
	// inflight counts tool calls in progress, so that the end of stdin
	// lets them finish (see awaitCalls).
	inflight atomic.Int64
}

// New reads the descriptors and starts compiling the guests in the
// background; it does not wait for them, nor for the daemon.
func New(cfg Config) (*Host, error) {
	if err := cfg.Selectors.Validate(); err != nil {
		return nil, err
	}
	h := &Host{logger: cfg.Logger}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	catalog, err := tools.Parse(guests.ToolDescriptors()...)
	if err != nil {
		return nil, err
	}
	h.all, h.confirmCfg = catalog, cfg.Confirm
	h.catalog, h.toolPolicy = selectTools(catalog, cfg.Tools, h.logger), cfg.Tools
	if h.auditLog, err = openAudit(cfg.AuditFile); err != nil {
		return nil, err
	}
	if err := h.connect(cfg.Docker); err != nil {
		return nil, errors.Join(err, h.auditLog.close())
	}
	roots, err := buildRoots(cfg.BuildRoots)
	if err != nil {
		return nil, errors.Join(err, h.closeClient(), h.auditLog.close())
	}
	h.policyPaths = append(slices.Clone(cfg.Safety.BindRoots), roots...)
	h.policyPaths = append(h.policyPaths, docker.DeniedPaths()...)
	if sock, ok := strings.CutPrefix(h.docker.DaemonHost(), "unix://"); ok {
		h.policyPaths = append(h.policyPaths, sock)
	}
	opts := []docker.Option{docker.WithBuildRoots(roots...), docker.WithSafety(cfg.Safety),
		docker.WithSelectors(cfg.Selectors)}
	if cfg.Tools.NoExec {
		opts = append(opts, docker.WithoutExec())
	}
	h.ops = docker.New(h.docker, opts...)
	h.engine, err = runtime.NewEngine(runtime.Options{
		CacheDir: cfg.CacheDir,
		Logger:   h.logger,
		HostModules: []runtime.HostModule{
			hostio.Module(h.logger, hostio.WithLogFilter(h.redactLog)),
			docker.Module(h.ops),
		},
	})
	if err != nil {
		return nil, errors.Join(err, h.closeClient(), h.auditLog.close())
	}
	h.load(classOr(cfg.ToolClass, runtime.ToolClass),
		classOr(cfg.FilterClass, runtime.FilterClass), cfg.Filters)
	return h, nil
}

// selectTools applies the tool policy and warns of names that are no tool.
func selectTools(c *tools.Catalog, p policy.Tools, logger *slog.Logger) *tools.Catalog {
	served, warnings := p.Apply(c)
	for _, w := range warnings {
		logger.Warn("tool policy", attrWarning, w)
	}
	return served
}

// buildRoots returns roots, or the working directory when there are none.
func buildRoots(roots []string) ([]string, error) {
	if len(roots) > 0 {
		return roots, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("build root: %w", err)
	}
	return []string{wd}, nil
}

func (h *Host) connect(cli *client.Client) error {
	if cli != nil {
		h.docker = cli
		return nil
	}
	cli, err := client.New(client.FromEnv)
	if err != nil {
		return fmt.Errorf("docker client: %w", err)
	}
	h.docker, h.ownsCli = cli, true
	return nil
}

func (h *Host) load(toolClass, filterClass runtime.Class, user []UserFilter) {
	grant := runtime.Grant{}.
		Module("wasi_snapshot_preview1").
		Module(abi.ModuleIO).
		Funcs(abi.ModuleDocker, abi.FuncResultRead).
		Funcs(abi.ModuleDocker, h.all.Operations()...)
	h.tools = h.engine.Load("tools", guests.ToolsWasm, toolClass, grant)
	h.chain = LoadChain(h.engine, filterClass, true, user)
	h.logChain.Store(h.chain)
}

func classOr(c *runtime.Class, def runtime.Class) runtime.Class {
	if c != nil {
		return *c
	}
	return def
}

// Catalog returns the tools this host serves.
func (h *Host) Catalog() *tools.Catalog { return h.catalog }

// Ready waits until the guests have compiled.
func (h *Host) Ready(ctx context.Context) error {
	return errors.Join(h.tools.Ready(ctx), h.chainReady(ctx))
}

func (h *Host) chainReady(ctx context.Context) error {
	return h.chain.Ready(ctx)
}

// Endpoint is the daemon address the host uses.
func (h *Host) Endpoint() string { return h.docker.DaemonHost() }

// Close stops the engine and closes the client it made.
func (h *Host) Close(ctx context.Context) error {
	return errors.Join(h.engine.Close(ctx), h.closeClient(), h.auditLog.close())
}

func (h *Host) closeClient() error {
	if h.ownsCli {
		return h.docker.Close()
	}
	return nil
}

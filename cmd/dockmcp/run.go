package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
)

// streams are the process's standard streams, passed down so that tests
// can run commands in process.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

// globals are the flags every command shares.
type globals struct {
	cacheDir   string
	logLevel   string
	configPath string
	policy     policyFlags
}

// run executes the command line args and returns the exit code.
func run(args []string, in io.Reader, out, errOut io.Writer) int {
	s := streams{in: in, out: out, err: errOut}
	var g globals
	root := &cobra.Command{
		Use:           "dockmcp",
		Short:         "An MCP server for Docker whose tools run sandboxed in WebAssembly",
		SilenceUsage:  true,
		SilenceErrors: true,
		// Every command checks the shared flags, whether it logs or not.
		PersistentPreRunE: func(*cobra.Command, []string) error {
			_, err := g.logger(io.Discard)
			return err
		},
	}
	root.SetIn(in)
	root.SetOut(errOut) // help and usage never touch stdout, which may carry JSON-RPC
	root.SetErr(errOut)
	root.SetArgs(args)
	root.PersistentFlags().StringVar(&g.cacheDir, "cache-dir", "",
		`compilation cache folder (default: the user's cache dir; "none" keeps it in memory)`)
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "warn",
		"log level on stderr: debug, info, warn or error")
	root.PersistentFlags().StringVar(&g.configPath, "config", "",
		"configuration file (YAML; default: $"+config.EnvVar+", else none); "+
			"read by serve, call, redact and config check")
	g.policy.register(root.PersistentFlags())
	root.AddCommand(serveCmd(s, &g), callCmd(s, &g), redactCmd(s, &g), toolsCmd(s),
		configCmd(s, &g),
		versionCmd(s))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := root.ExecuteContext(ctx); err != nil {
		var ec exitCode
		if errors.As(err, &ec) {
			return int(ec)
		}
		fmt.Fprintln(errOut, "dockmcp:", err)
		return 1
	}
	return 0
}

// exitCode ends a command with a code and no message.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func (g *globals) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", g.logLevel)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})), nil
}

// config reads the configuration file named by --config or $DOCKMCP_CONFIG
// (with neither, the configuration is empty) and applies the policy's
// environment variables and flags over it.
func (g *globals) config() (*config.Config, error) {
	path := g.configPath
	if path == "" {
		path = os.Getenv(config.EnvVar)
	}
	cfg := &config.Config{}
	if path != "" {
		var err error
		if cfg, err = config.Load(path); err != nil {
			return nil, err
		}
	}
	return cfg, g.policy.apply(&cfg.Policy)
}

func (g *globals) host(s streams) (*server.Host, error) {
	logger, err := g.logger(s.err)
	if err != nil {
		return nil, err
	}
	cfg, err := g.config()
	if err != nil {
		return nil, err
	}
	filters, err := server.ReadFilters(cfg.Filters)
	if err != nil {
		return nil, err
	}
	return server.New(server.Config{CacheDir: g.cacheDir, Logger: logger, Filters: filters,
		Tools: toolPolicy(cfg.Policy), Safety: safety(cfg.Policy),
		Selectors: selectors(cfg.Policy), BuildRoots: cfg.Policy.Build.Roots,
		AuditFile: cfg.Audit.File, Confirm: confirm(cfg.Policy)})
}

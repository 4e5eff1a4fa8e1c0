package bench

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/chain"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

// BenchmarkStages splits one list_containers call, in process, into the
// steps server.Host.Call takes, and times each: where BenchmarkServe's
// ratio goes. It wires the guests as server.Host does (see its load) and
// reports the median of each step, plus, for comparison, the host
// operation alone (the SDK call and the conversion the guest receives)
// and Host.Call as a whole.
func BenchmarkStages(b *testing.B) {
	cli := dockertest.Client(b)
	for range fixtureContainers {
		dockertest.Run(b, dockertest.Options{})
	}
	p := newPipeline(b, cli)
	host, err := server.New(server.Config{CacheDir: p.cacheDir, Docker: cli})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = host.Close(context.Background()) })
	ctx := context.Background()
	args := json.RawMessage(`{"all":true}`)
	ops := docker.New(cli)
	req := dockerapi.ContainerListRequest{All: true}

	steps := []string{"validate", "marshal", "guest", "decode", "filter", "respond"}
	var st stageSamples
	measure := func(name string, fn func() error) {
		start := time.Now()
		err := fn()
		st.add(name, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	round := func() {
		p.call(ctx, args, measure)
		measure("host-op", func() error { _, err := ops.ContainerList(ctx, req); return err })
		measure("Host.Call", func() error {
			if res := host.Call(ctx, "list_containers", args); res.IsError {
				return errorText(res)
			}
			return nil
		})
	}
	for range warmups {
		round()
	}
	st = stageSamples{}

	b.ResetTimer()
	for range b.N {
		round()
	}
	b.StopTimer()
	for _, name := range append(steps, "host-op", "Host.Call") {
		st.m[name].report(b, name+"-ms")
	}
	b.ReportMetric(float64(p.strings), "filtered-strings")
	b.ReportMetric(float64(p.outBytes), "guest-out-bytes")
}

// pipeline is server.Host's call path taken apart.
type pipeline struct {
	cacheDir string
	desc     *tools.Descriptor
	tools    *runtime.Module
	chain    *chain.Chain
	// Sizes of the last call.
	strings, outBytes int
}

func newPipeline(b *testing.B, cli *client.Client) *pipeline {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	catalog, err := tools.Parse(guests.ToolDescriptors()...)
	if err != nil {
		b.Fatal(err)
	}
	d, _ := catalog.Lookup("list_containers")
	p := &pipeline{cacheDir: b.TempDir(), desc: d}
	eng, err := runtime.NewEngine(runtime.Options{
		CacheDir: p.cacheDir,
		Logger:   logger,
		HostModules: []runtime.HostModule{
			hostio.Module(logger), docker.Module(docker.New(cli)),
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = eng.Close(context.Background()) })
	grant := runtime.Grant{}.
		Module("wasi_snapshot_preview1").
		Module(abi.ModuleIO).
		Funcs(abi.ModuleDocker, abi.FuncResultRead).
		Funcs(abi.ModuleDocker, catalog.Operations()...)
	p.tools = eng.Load("tools", guests.ToolsWasm, runtime.ToolClass, grant)
	secret := eng.Load("secretfilter", guests.SecretFilterWasm, runtime.FilterClass,
		server.FilterGrant())
	p.chain = chain.New(secret)
	ctx := context.Background()
	if err := p.tools.Ready(ctx); err != nil {
		b.Fatal(err)
	}
	if err := p.chain.Ready(ctx); err != nil {
		b.Fatal(err)
	}
	return p
}

// call runs the steps of one call, each under measure.
func (p *pipeline) call(ctx context.Context, args json.RawMessage,
	measure func(string, func() error)) {
	var (
		valid          json.RawMessage
		input, out     []byte
		answer, result any
	)
	measure("validate", func() (err error) { valid, err = p.desc.Validate(args); return err })
	measure("marshal", func() (err error) {
		input, err = json.Marshal(map[string]any{"tool": p.desc.Name, "arguments": valid})
		return err
	})
	measure("guest", func() (err error) {
		out, err = p.tools.Call(ctx, abi.ExportToolCall, input)
		return err
	})
	measure("decode", func() (err error) { answer, err = chain.Decode(out); return err })
	measure("filter", func() (err error) { result, err = p.chain.JSON(ctx, answer); return err })
	measure("respond", func() error {
		obj, _ := result.(map[string]any)
		text, _ := obj["text"].(string)
		res := &mcp.CallToolResult{Content: []mcp.Content{mcp.NewTextContent(text)},
			StructuredContent: obj["structured"]}
		_, err := json.Marshal(res)
		return err
	})
	p.strings, p.outBytes = countStrings(answer), len(out)
}

func countStrings(v any) int {
	switch t := v.(type) {
	case string:
		return 1
	case []any:
		n := 0
		for _, e := range t {
			n += countStrings(e)
		}
		return n
	case map[string]any:
		n := len(t)
		for _, e := range t {
			n += countStrings(e)
		}
		return n
	}
	return 0
}

type stageSamples struct{ m map[string]samples }

func (s *stageSamples) add(name string, d time.Duration) {
	if s.m == nil {
		s.m = map[string]samples{}
	}
	s.m[name] = append(s.m[name], d)
}

type toolError string

func (e toolError) Error() string { return string(e) }

func errorText(res *mcp.CallToolResult) error {
	if len(res.Content) > 0 {
		if t, ok := res.Content[0].(mcp.TextContent); ok {
			return toolError(t.Text)
		}
	}
	return toolError("tool error")
}

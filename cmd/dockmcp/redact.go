package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
)

func redactCmd(s streams, g *globals) *cobra.Command {
	var paths []string
	var noBuiltin bool
	cmd := &cobra.Command{
		Use:   "redact",
		Short: "Redact stdin to stdout through the filter chain the server uses",
		Long: `Redact reads text on stdin and writes it to stdout through the same filter
chain as the server: the built-in secret filter (unless --no-builtin), then the
filters of the configuration file (each checked against its pinned sha256),
then those named with --filter, in order. A --filter file needs no sha256: you
named it yourself on the command line; pin it in the configuration to use it
in the server.

Input is filtered in batches of whole lines of up to 1 MiB. If any filter
fails (traps, passes its deadline, memory or expansion cap, or is refused at
load), dockmcp exits 1 with the reason on stderr, and nothing of that batch or
of any later one is written: stdout only ever holds text that passed every
filter.`,
		Example: `  docker logs web 2>&1 | dockmcp redact
  dockmcp redact --no-builtin --filter guests/wasm/examplefilter.wasm < app.log
  dockmcp redact --config dockmcp.yaml < app.log`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return redact(cmd.Context(), s, g, paths, !noBuiltin)
		},
	}
	cmd.Flags().StringArrayVar(&paths, "filter", nil,
		"a filter guest (.wasm) to run after the configured ones; repeatable; no sha256 needed")
	cmd.Flags().BoolVar(&noBuiltin, "no-builtin", false,
		"leave out the built-in secret filter (to see what your own filter does alone)")
	return cmd
}

func redact(ctx context.Context, s streams, g *globals, paths []string, builtin bool) error {
	logger, err := g.logger(s.err)
	if err != nil {
		return err
	}
	cfg, err := g.config()
	if err != nil {
		return err
	}
	entries := cfg.Filters
	for _, p := range paths {
		entries = append(entries, config.FromPath(p))
	}
	if !builtin && len(entries) == 0 {
		return errors.New("--no-builtin leaves no filter: name one with --filter")
	}
	user, err := server.ReadFilters(entries)
	if err != nil {
		return err
	}
	// No log filter: every guest here is a filter, whose log text may quote
	// its input, so hostio withholds it.
	e, err := runtime.NewEngine(runtime.Options{CacheDir: g.cacheDir, Logger: logger,
		HostModules: []runtime.HostModule{hostio.Module(logger)}})
	if err != nil {
		return err
	}
	defer e.Close(context.Background())
	c := server.LoadChain(e, runtime.FilterClass, builtin, user)
	if err := c.Ready(ctx); err != nil {
		return fmt.Errorf("a filter cannot run: %w", err)
	}

	b := &batcher{r: s.in, size: batchSize}
	for {
		batch, err := b.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("stdin: %w", err)
		}
		out, err := c.Strings(ctx, []string{string(batch)})
		if err != nil {
			return fmt.Errorf("%w (nothing of this batch of input or after it was written)", err)
		}
		if _, err := io.WriteString(s.out, out[0]); err != nil {
			return err
		}
	}
}

// batchSize is the most one filter call is given, unless a PEM block needs
// more (see batcher).
const batchSize = 1 << 20

// A batcher cuts a stream into batches for the chain.
//
// Each batch is one record of one stream in one filter call, and the ABI
// lets a filter keep state only within a stream and a call: nothing carries
// from one batch to the next. So batches end at a line end, and never
// inside a PEM armour block (a BEGIN line with no END yet), the one
// multi-line construct the built-in filter tracks: the block goes whole to
// the next batch, which may grow to maxBatch to hold it. A user filter
// whose state spans lines sees it span one batch only. A line longer than
// the batch is cut at its last space or punctuation in the final 4 KiB,
// else at the batch size; a secret cut there may be missed (README,
// Caveats).
type batcher struct {
	r    io.Reader
	size int
	buf  []byte
	eof  bool
}

func (b *batcher) maxBatch() int { return 4 * b.size }

var (
	pemBegin = []byte("-----BEGIN ")
	pemEnd   = []byte("-----END ")
)

// next returns the next batch, or io.EOF after the last.
func (b *batcher) next() ([]byte, error) {
	if err := b.fill(b.size + 1); err != nil {
		return nil, err
	}
	if len(b.buf) == 0 {
		return nil, io.EOF
	}
	if len(b.buf) <= b.size {
		return b.take(len(b.buf)), nil // the rest of the input
	}
	cut := lineCut(b.buf[:b.size])
	if open := openPEM(b.buf[:cut]); open > 0 {
		cut = open // the block starts the next batch
	} else if open == 0 {
		end, err := b.pemEnd()
		if err != nil {
			return nil, err
		}
		cut = end
	}
	return b.take(cut), nil
}

// pemEnd is the cut after the END line of the block that starts the
// buffer, reading up to maxBatch for it; without one, a line cut there.
func (b *batcher) pemEnd() (int, error) {
	if err := b.fill(b.maxBatch()); err != nil {
		return 0, err
	}
	window := b.buf[:min(len(b.buf), b.maxBatch())]
	if i := bytes.Index(window, pemEnd); i >= 0 {
		if nl := bytes.IndexByte(window[i:], '\n'); nl >= 0 {
			return i + nl + 1, nil
		}
	}
	if len(window) == len(b.buf) && b.eof {
		return len(window), nil
	}
	return lineCut(window), nil
}

// openPEM is the start of the line of the last BEGIN in p that has no END
// after it, or -1.
func openPEM(p []byte) int {
	i := bytes.LastIndex(p, pemBegin)
	if i < 0 || bytes.Contains(p[i:], pemEnd) {
		return -1
	}
	return bytes.LastIndexByte(p[:i], '\n') + 1
}

// lineCut is the length of p up to its last newline; for one long line,
// up to a separator in its last 4 KiB, else all of p.
func lineCut(p []byte) int {
	if i := bytes.LastIndexByte(p, '\n'); i >= 0 {
		return i + 1
	}
	tail := max(0, len(p)-4<<10)
	if i := bytes.LastIndexAny(p[tail:], " \t,;&\"'<>()[]{}"); i >= 0 {
		return tail + i + 1
	}
	return len(p)
}

func (b *batcher) fill(n int) error {
	for len(b.buf) < n && !b.eof {
		b.buf = slices.Grow(b.buf, max(n-len(b.buf), 64<<10))
		k, err := b.r.Read(b.buf[len(b.buf):cap(b.buf)])
		b.buf = b.buf[:len(b.buf)+k]
		if err == io.EOF {
			b.eof = true
		} else if err != nil {
			return err
		}
	}
	return nil
}

func (b *batcher) take(n int) []byte {
	out := bytes.Clone(b.buf[:n])
	b.buf = append(b.buf[:0], b.buf[n:]...)
	return out
}

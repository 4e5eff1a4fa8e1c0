package chain

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/anchors"
)

// declared holds a filter's anchors, asked for once.
type declared struct {
	mu   sync.Mutex
	done bool
	set  *anchors.Set // nil: the filter needs every byte
	err  error
}

// get returns f's compiled anchors, asking the guest on first use. A guest
// that exports no anchors needs every byte. An answer that does not decode
// or breaks the ABI's limits fails the filter, on this call and every
// other: the filter is broken, and the chain fails closed.
func (d *declared) get(ctx context.Context, f Filter) (*anchors.Set, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return d.set, d.err
	}
	if err := f.Ready(ctx); err != nil {
		return nil, err
	}
	e, ok := f.(exporter)
	if !ok || !e.Exports(abi.ExportFilterAnchors) || !e.Exports(abi.ExportFilterWindows) {
		d.done = true
		return nil, nil
	}
	raw, err := f.Call(withFiltering(ctx), abi.ExportFilterAnchors, nil)
	if err != nil {
		if ctx.Err() == nil {
			d.done, d.err = true, fmt.Errorf("declaring its anchors: %w", err)
		}
		return nil, fmt.Errorf("declaring its anchors: %w", err)
	}
	var set abi.AnchorSet
	if err := json.Unmarshal(raw, &set); err != nil {
		d.err = fmt.Errorf("its anchors do not decode: %w", err)
	} else if d.set, err = anchors.Compile(set); err != nil {
		d.err = fmt.Errorf("its anchors: %w", err)
	}
	d.done = true
	return d.set, d.err
}

// runWindows runs f over the lines of in that hold its anchors; the rest of
// in is kept as it is, natively. A batch without a window does not call
// the guest at all.
func runWindows(ctx context.Context, f Filter, set *anchors.Set, in []string) ([]string,
	error) {
	found := make([][]anchors.Found, len(in))
	var batch []byte
	n := 0
	for i, s := range in {
		found[i] = set.Windows(s)
		for _, w := range found[i] {
			batch = abi.AppendWindowHeader(batch, uint32(i), w.Hits, w.End-w.Start)
			batch = append(batch, s[w.Start:w.End]...)
			n++
		}
	}
	if n == 0 {
		return in, nil
	}
	recs, err := call(ctx, f, abi.ExportFilterWindows, batch, n)
	if err != nil {
		return nil, fmt.Errorf("windows: %w", err)
	}
	out := make([]string, len(in))
	for i, s := range in {
		if len(found[i]) == 0 {
			out[i] = s
			continue
		}
		b := make([]byte, 0, len(s)+len(s)/8)
		last := 0
		for _, w := range found[i] {
			r := recs[0]
			if recs = recs[1:]; r.Stream != uint32(i) {
				return nil, fmt.Errorf("a window of stream %d came back as stream %d", i,
					r.Stream)
			}
			b = append(append(b, s[last:w.Start]...), r.Data...)
			last = w.End
		}
		out[i] = string(append(b, s[last:]...))
	}
	return out, nil
}

package chain_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/chain"
	"github.com/dockmcp/dockmcp/runtime/guesttest"
)

var badWindows = sync.OnceValues(func() ([]byte, error) {
	return guesttest.Build("./testdata/badwindows")
})

// TestWindowsOnly: only the lines holding an anchor reach the guest; the
// rest comes back as it was, and a batch without one never calls it.
func TestWindowsOnly(t *testing.T) {
	wasm, err := badWindows()
	if err != nil {
		t.Fatal(err)
	}
	c := load(t, wasm)
	in := []string{"plain\nMark me\nplain\n", "no anchor", "a MARK\nb mark mark"}
	got, err := c.Strings(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"plain\nMark me\n!plain\n", "no anchor", "a MARK\nb mark mark!!!"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("string %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

// TestWindowsFailClosed: a filter that traps, loops, runs out of memory or
// writes too much on a window withholds the whole answer.
func TestWindowsFailClosed(t *testing.T) {
	wasm, err := badWindows()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ input, why string }{
		{"TRAP " + fakeToken, "trapped"},
		{"LOOP " + fakeToken, "deadline"},
		{"MEMORY " + fakeToken, "memory"},
		{"EXPAND " + strings.Repeat("x", 100<<10), "expansion cap"},
	} {
		c := load(t, wasm)
		got, err := c.Strings(context.Background(), []string{"fine", "x\n" + tc.input})
		var ce *chain.Error
		if !errors.As(err, &ce) || got != nil {
			t.Errorf("%s: got %.80q, err %v: want the answer withheld", tc.why, got, err)
		}
	}
}

// fake is a filter whose answers a test chooses: the chain's handling of
// them is pure logic.
type fake struct {
	anchors string // JSON of dockmcp_filter_anchors
	windows func(batch []byte) []byte
	calls   int
}

func (f *fake) Label() string               { return "fake" }
func (f *fake) Ready(context.Context) error { return nil }
func (f *fake) Exports(name string) bool    { return name != abi.ExportFilter }
func (f *fake) Call(_ context.Context, export string, in []byte) ([]byte, error) {
	f.calls++
	if export == abi.ExportFilterAnchors {
		return []byte(f.anchors), nil
	}
	return f.windows(in), nil
}

func echo(batch []byte) []byte {
	wins, _ := abi.ParseWindows(batch)
	var out []byte
	for _, w := range wins {
		out = abi.AppendRecord(out, abi.Record{Stream: w.Stream, Data: w.Data})
	}
	return out
}

func TestWindowsRefusesBadAnswers(t *testing.T) {
	key := `{"anchors":[{"text":"key"}]}`
	for _, tc := range []struct {
		why     string
		anchors string
		windows func([]byte) []byte
		want    string
	}{
		{"anchors not JSON", `nope`, echo, "do not decode"},
		{"anchor too short", `{"anchors":[{"text":"k"}]}`, echo, "anchor 0"},
		{"a window lost", key, func([]byte) []byte { return nil }, "windows: returned 0 records for 2"},
		{"a window added", key, func(b []byte) []byte {
			return abi.AppendRecord(echo(b), abi.Record{})
		}, "windows: returned 3 records for 2"},
		{"wrong stream", key, func(b []byte) []byte {
			out := abi.AppendRecord(nil, abi.Record{Stream: 1, Data: []byte("x")})
			return abi.AppendRecord(out, abi.Record{Stream: 1, Data: []byte("y")})
		}, "came back as stream 1"},
		{"bad framing", key, func([]byte) []byte { return []byte{1, 2, 3} }, "framing"},
		{"expansion", key, func(b []byte) []byte {
			return abi.AppendRecord(nil, abi.Record{Data: make([]byte, 4*len(b)+chain.Slack+1)})
		}, "expansion cap"},
	} {
		f := &fake{anchors: tc.anchors, windows: tc.windows}
		c := chain.New(f)
		for range 2 { // a broken declaration stays broken
			got, err := c.Strings(context.Background(), []string{"a key", "b\nkey c"})
			if err == nil || !strings.Contains(err.Error(), tc.want) || got != nil {
				t.Errorf("%s: got %q, %v; want an error with %q", tc.why, got, err, tc.want)
			}
		}
	}
}

func TestWindowsAskAnchorsOnce(t *testing.T) {
	set, _ := json.Marshal(abi.AnchorSet{Anchors: []abi.Anchor{{Text: "key"}}})
	f := &fake{anchors: string(set), windows: echo}
	c := chain.New(chain.WithExpansion(f, 2)) // an operator's filter is wrapped
	for _, in := range []string{"no", "a key", "none", "key"} {
		got, err := c.Strings(context.Background(), []string{in})
		if err != nil || got[0] != in {
			t.Fatalf("%q: got %q, %v", in, got, err)
		}
	}
	if f.calls != 3 { // the anchors once, then the two strings with a key
		t.Errorf("%d guest calls, want 3", f.calls)
	}
}

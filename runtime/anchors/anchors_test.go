package anchors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

func mustCompile(t *testing.T, a ...abi.Anchor) *Set {
	t.Helper()
	s, err := Compile(abi.AnchorSet{Anchors: a})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// show renders windows as text[hits] for the table below: each window's
// lines between | marks, each hit as anchor@offset.
func show(data string, found []Found) string {
	var b strings.Builder
	for _, f := range found {
		fmt.Fprintf(&b, "|%s|", data[f.Start:f.End])
		for _, h := range f.Hits {
			fmt.Fprintf(&b, "%d@%d ", h.Anchor, h.Off)
		}
	}
	return b.String()
}

func TestWindows(t *testing.T) {
	set := mustCompile(t,
		abi.Anchor{Text: "key", Fold: true},                  // 0
		abi.Anchor{Text: "AKIA"},                             // 1
		abi.Anchor{Text: "aa"},                               // 2
		abi.Anchor{Text: "BEGIN", Until: "END", MaxLines: 3}, // 3
		abi.Anchor{Text: "kEy=", Fold: true},                 // 4
	)
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"nothing here\nat all\n", ""},
		{"a\nKEY=1\nb\n", "|KEY=1\n|0@0 4@0 "},
		{"AKIA\nakia\n", "|AKIA\n|1@0 "},
		{"x akia KeY\n", "|x akia KeY\n|0@7 "},
		{"aaa\n", "|aaa\n|2@0 2@1 "},
		{"key\nkey\nno\nkey", "|key\nkey\n|0@0 0@4 |key|0@0 "},
		{"no\nkey", "|key|0@0 "},
		{"k\ney\n", ""},
		{"BEGIN\n1\n2\nEND\n3\n", "|BEGIN\n1\n2\nEND\n|3@0 "},
		{"BEGIN\n1\n2\n3\n4\n5\n", "|BEGIN\n1\n2\n3\n|3@0 "},
		{"BEGIN END\n1\n2\n", "|BEGIN END\n1\n2\n|3@0 "},
		{"BEGIN\nEND BEGIN\n1\n2\n3\n4\n", "|BEGIN\nEND BEGIN\n1\n2\n3\n|3@0 3@10 "},
		{"BEGIN\n1\nkey END\n2\n", "|BEGIN\n1\nkey END\n|3@0 0@8 "},
		{"\r\nKEY\r\n", "|KEY\r\n|0@0 "},
	} {
		if got := show(tc.in, set.Windows(tc.in)); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestCompileRefuses(t *testing.T) {
	long := strings.Repeat("x", abi.MaxAnchor+1)
	for _, tc := range []struct {
		a    abi.Anchor
		want string
	}{
		{abi.Anchor{Text: "x"}, "anchors are 2 to 128 bytes"},
		{abi.Anchor{Text: long}, "anchors are 2 to 128 bytes"},
		{abi.Anchor{Text: "a\nb"}, "newline"},
		{abi.Anchor{Text: "ab", Until: "c\n", MaxLines: 2}, "newline"},
		{abi.Anchor{Text: "ab", Until: long, MaxLines: 2}, "until of 129 bytes"},
		{abi.Anchor{Text: "ab", Until: "cd"}, "maxLines 0"},
		{abi.Anchor{Text: "ab", Until: "cd", MaxLines: abi.MaxUntilLine + 1}, "maxLines"},
	} {
		_, err := Compile(abi.AnchorSet{Anchors: []abi.Anchor{{Text: "ok"}, tc.a}})
		if err == nil || !strings.Contains(err.Error(), tc.want) ||
			!strings.Contains(err.Error(), "anchor 1") {
			t.Errorf("%+v: got %v, want an error naming anchor 1 and %q", tc.a, err, tc.want)
		}
	}
	many := make([]abi.Anchor, abi.MaxAnchors+1)
	for i := range many {
		many[i] = abi.Anchor{Text: fmt.Sprintf("a%d", i)}
	}
	if _, err := Compile(abi.AnchorSet{Anchors: many}); err == nil {
		t.Errorf("%d anchors compiled", len(many))
	}
	if s, err := Compile(abi.AnchorSet{}); s != nil || err != nil {
		t.Errorf("empty set: %v, %v; want nil, nil (every byte)", s, err)
	}
}

// FuzzWindows checks what the chain relies on: windows are whole lines, in
// order, apart; every anchor occurrence outside them is absent; hits are
// in order and point at their anchor.
func FuzzWindows(f *testing.F) {
	f.Add([]byte("a KEY=1\nBEGIN\nxx\nEND\nakia AKIA\n"))
	set, err := Compile(abi.AnchorSet{Anchors: []abi.Anchor{
		{Text: "key", Fold: true}, {Text: "AKIA"}, {Text: "aa"},
		{Text: "BEGIN", Until: "END", MaxLines: 2}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		kept := []byte{}
		for _, w := range set.Windows(string(data)) {
			if w.Start < last || w.Start >= w.End || w.End > len(data) ||
				(w.Start > 0 && data[w.Start-1] != '\n') ||
				(w.End < len(data) && data[w.End-1] != '\n') {
				t.Fatalf("%q: bad window [%d,%d) after %d", data, w.Start, w.End, last)
			}
			kept = append(kept, data[last:w.Start]...)
			prev := abi.Hit{}
			for i, h := range w.Hits {
				text := set.text[h.Anchor]
				got := data[w.Start+int(h.Off):]
				if len(got) < len(text) || !strings.EqualFold(string(got[:len(text)]),
					string(text)) || (i > 0 && h.Off < prev.Off) {
					t.Fatalf("%q: bad hit %+v", data, h)
				}
				prev = h
			}
			last = w.End
		}
		kept = append(kept, data[last:]...)
		for _, line := range strings.Split(string(kept), "\n") {
			low := strings.ToLower(line)
			if strings.Contains(low, "key") || strings.Contains(line, "AKIA") ||
				strings.Contains(line, "aa") || strings.Contains(line, "BEGIN") {
				t.Fatalf("%q: line %q holds an anchor outside every window", data, line)
			}
		}
	})
}

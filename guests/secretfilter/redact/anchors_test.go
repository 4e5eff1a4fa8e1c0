package redact

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/anchors"
)

// windowed redacts data as the host and the filter guest do together: the
// host finds the windows of the anchors, the guest redacts only those.
func windowed(t testing.TB, data []byte) []byte {
	set, err := anchors.Compile(abi.AnchorSet{Anchors: Anchors()})
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	var out []byte
	last := 0
	for _, w := range set.Windows(string(data)) {
		out = append(out, data[last:w.Start]...)
		out = r.RedactHits(out, data[w.Start:w.End], w.Hits)
		last = w.End
	}
	return append(out, data[last:]...)
}

// tableInputs is every input of the tables and of the corpus.
func tableInputs() []string {
	var inputs []string
	for _, r := range redactions() {
		inputs = append(inputs, r.in)
	}
	inputs = append(inputs, untouched...)
	for _, r := range corpus(1, 1) {
		inputs = append(inputs, strings.Join(r.in, "\n"))
	}
	return inputs
}

// TestWindowedSame proves the anchors complete: redacting only the windows
// the host finds gives Redact's answer, on every case of the tables, the
// corpus and the benchmark's log.
func TestWindowedSame(t *testing.T) {
	inputs := append(tableInputs(), string(mixedLog(1<<20)))
	for _, in := range inputs {
		want := New().Redact(nil, []byte(in))
		if got := windowed(t, []byte(in)); !bytes.Equal(got, want) {
			t.Errorf("%.200q:\nwindowed %.300q\n  Redact %.300q", in, got, want)
		}
	}
}

// TestWindowedPEM covers key blocks at the limits of the Until range: a
// block without an end, one ending at the range's last line, two in a row.
func TestWindowedPEM(t *testing.T) {
	body := func(n int) string {
		return strings.Repeat("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n", n)
	}
	begin, end := "-----BEGIN PRIVATE KEY-----\n", "-----END PRIVATE KEY-----\n"
	for _, in := range []string{
		begin + body(3) + end + "after\n",
		begin + body(maxPEMLines+40) + "tail\n",
		begin + body(maxPEMLines-1) + end,
		begin + body(maxPEMLines) + end + body(2),
		"web | " + begin + "web | " + body(2) + "web | " + end,
		begin + body(2) + begin + body(2) + end + body(1),
		"x" + begin + "y-----\n" + body(2),
	} {
		want := New().Redact(nil, []byte(in))
		if got := windowed(t, []byte(in)); !bytes.Equal(got, want) {
			t.Errorf("%.120q:\nwindowed %.300q\n  Redact %.300q", in, got, want)
		}
	}
}

// TestWindowedRandom splices random pieces of the tables into lines.
func TestWindowedRandom(t *testing.T) {
	var pieces []string
	for _, r := range redactions() {
		pieces = append(pieces, r.in)
	}
	pieces = append(pieces, untouched...)
	pieces = append(pieces, "\n", "-----BEGIN RSA PRIVATE KEY-----", "-----END", "\\n", " ")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := []byte(b.String())
		if got, want := windowed(t, in), New().Redact(nil, in); !bytes.Equal(got, want) {
			t.Fatalf("%q:\nwindowed %q\n  Redact %q", in, got, want)
		}
	}
}

// TestQuickExact proves the quick checks change no answer: with them off,
// every input of the tables, the corpus and random splices redacts the
// same.
func TestQuickExact(t *testing.T) {
	inputs := append(tableInputs(), "http://u\v:p@h", "x://a:b@c", "s://a:b\f@c", "key=\x1b[1mv",
		"prompt_tokens=1 password=hunter2hunter2", "https://u:p@h/x?token=abc")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(inputs[rng.IntN(len(inputs))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		quick := String(in)
		quickOff = true
		slow := String(in)
		quickOff = false
		if quick != slow {
			t.Errorf("%.200q:\nquick %.300q\n slow %.300q", in, quick, slow)
		}
	}
}

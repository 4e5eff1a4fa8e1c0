package chain_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/guests"
)

// FuzzSecretFilterStrings runs arbitrary strings, cut at zero bytes into
// one stream each, through the real secret filter guest. The chain must
// answer: no trap, no broken limit, one string back per string sent,
// valid for a second pass (filtering twice fails no more than once).
func FuzzSecretFilterStrings(f *testing.F) {
	c := load(f, guests.SecretFilterWasm)
	// Compile before fuzzing: a first input that waits for the compile
	// looks hung to the fuzzing engine.
	if err := c.Ready(context.Background()); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("token " + fakeToken))
	f.Add([]byte("plain\x00x " + fakeToken + " y\x00"))
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nMIIB\x00-----END RSA PRIVATE KEY-----\n"))
	f.Add([]byte("password=hunter2 AKIA" + strings.Repeat("F", 16) + "\xff\xfe"))
	f.Add([]byte("2024-01-01T00:00:00Z stdout F Authorization: Bearer abc.def.ghi"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var in []string
		for _, s := range bytes.Split(data, []byte{0}) {
			in = append(in, string(s))
		}
		out, err := c.Strings(context.Background(), in)
		if err != nil || len(out) != len(in) {
			t.Fatalf("%d strings in, %d out: %v", len(in), len(out), err)
		}
		again, err := c.Strings(context.Background(), out)
		if err != nil || len(again) != len(in) {
			t.Fatalf("second pass: %d strings in, %d out: %v", len(out), len(again), err)
		}
	})
}

package chain_test

import (
	"bytes"
	"context"
	"reflect"
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

// FuzzSecretFilterMembers builds an object from arbitrary text, cut at
// zero bytes into keys and values, and an array of all the pieces, and
// filters it with the real secret filter. Each string member and the
// array of one-line strings cross the filter a second time as JSON of
// their own: the filter must leave them valid (the chain answers), keep
// every member and element, and filtering the answer again must change
// nothing.
func FuzzSecretFilterMembers(f *testing.F) {
	c := load(f, guests.SecretFilterWasm)
	if err := c.Ready(context.Background()); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("db_password\x00hunter2\x00label\x00token " + fakeToken))
	f.Add([]byte("key\x00-----BEGIN RSA PRIVATE KEY-----\nMIIBfakeFAKEfake0123456789+/fakeFAKE\n" +
		"-----END RSA PRIVATE KEY-----\n"))
	f.Add([]byte("Authorization\x00Token abc\"def\\123456\x00env\x00PASSWORD=${P:-x}\x1b[0m"))
	f.Add([]byte("pass\"word\x00\\u001b[31mhunter2\x00a\x00b"))
	f.Add([]byte("--requirepass\x00hunter2\"x\x00--password\x00two words"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Answers are decoded JSON, whose strings are valid UTF-8.
		parts := bytes.Split(bytes.ToValidUTF8(data, []byte("\uFFFD")), []byte{0})
		v, list := map[string]any{}, []any{}
		for i := 0; i+1 < len(parts); i += 2 {
			v[string(parts[i])] = string(parts[i+1])
		}
		for _, p := range parts {
			list = append(list, string(p))
		}
		v["\x00list"] = list
		out, err := c.JSON(context.Background(), v)
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		m := out.(map[string]any)
		if len(m) != len(v) {
			t.Fatalf("%d members in, %d out: %q", len(v), len(m), m)
		}
		if l, ok := m["\x00list"].([]any); !ok || len(l) != len(list) {
			t.Fatalf("%d strings in the array, got %q", len(list), m["\x00list"])
		}
		again, err := c.JSON(context.Background(), out)
		if err != nil || !reflect.DeepEqual(again, out) {
			t.Fatalf("second pass changed %q into %q (%v)", out, again, err)
		}
	})
}

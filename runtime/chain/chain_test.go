package chain_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/chain"
	"github.com/dockmcp/dockmcp/runtime/guesttest"
)

// cacheDir is shared, so that each filter compiles once per process.
var cacheDir string

// badFilter builds the misbehaving filter once, when a test first needs it:
// fuzzing workers run TestMain too, and have no use for it.
var badFilter = sync.OnceValues(func() ([]byte, error) {
	return guesttest.Build("./testdata/badfilter")
})

func mustBadFilter(t *testing.T) []byte {
	t.Helper()
	wasm, err := badFilter()
	if err != nil {
		t.Fatal(err)
	}
	return wasm
}

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	var err error
	if cacheDir, err = os.MkdirTemp("", "dockmcp-cache"); err != nil {
		println(err.Error())
		return 2
	}
	defer os.RemoveAll(cacheDir)
	return m.Run()
}

func filterGrant() runtime.Grant {
	return runtime.Grant{}.Module("wasi_snapshot_preview1").Module(abi.ModuleIO)
}

func load(t testing.TB, wasm ...[]byte) *chain.Chain {
	t.Helper()
	return chain.New(filters(t, wasm...)...)
}

func filters(t testing.TB, wasm ...[]byte) []chain.Filter {
	t.Helper()
	e, err := runtime.NewEngine(runtime.Options{
		CacheDir: cacheDir, HostModules: []runtime.HostModule{hostio.Module(nil)},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close(context.Background()) })
	class := runtime.FilterClass
	class.Deadline = 2 * time.Second
	var mods []chain.Filter
	for i, w := range wasm {
		mods = append(mods, e.Load("filter"+string(rune('a'+i)), w, class, filterGrant()))
	}
	return mods
}

// fakeToken is shaped like a GitHub token and is not one.
var fakeToken = "ghp_" + strings.Repeat("aB3", 12)

func TestSecretFilterRedactsEveryString(t *testing.T) {
	c := load(t, guests.SecretFilterWasm)
	v := map[string]any{
		"text": "token " + fakeToken,
		"list": []any{"plain", "x " + fakeToken + " y"},
		"n":    1,
	}
	got, err := c.JSON(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	s := flatten(got)
	if strings.Contains(s, fakeToken) || !strings.Contains(s, "[REDACTED:") {
		t.Fatalf("not redacted: %s", s)
	}
	if !strings.Contains(s, "plain") || v["text"] != "token "+fakeToken {
		t.Fatalf("lost or modified in place: %s", s)
	}
}

func TestChainRunsFiltersInOrder(t *testing.T) {
	// The secret filter sees the token first; badfilter then upper-cases.
	c := load(t, guests.SecretFilterWasm, mustBadFilter(t))
	got, err := c.Strings(context.Background(), []string{"a " + fakeToken, "b"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(got[0]), strings.ToLower(fakeToken)) ||
		!strings.HasPrefix(got[0], "A [REDACTED:") || got[1] != "B" {
		t.Fatalf("got %q", got)
	}
}

func TestChainFailsClosed(t *testing.T) {
	for _, tc := range []struct{ input, why string }{
		{"TRAP " + fakeToken, "trapped"},
		{"LOOP " + fakeToken, "deadline"},
		{"EXPAND " + strings.Repeat("x", 100<<10), "expansion cap"},
	} {
		c := load(t, mustBadFilter(t))
		got, err := c.Strings(context.Background(), []string{"fine", tc.input})
		var ce *chain.Error
		if !errors.As(err, &ce) || got != nil {
			t.Errorf("%s: got %q, err %v: want the answer withheld", tc.why, got, err)
		}
	}
}

func TestRefusedFilterWithholds(t *testing.T) {
	// The tool guest imports Docker operations: as a filter it never runs,
	// and the chain withholds rather than skipping it.
	c := load(t, guests.ToolsWasm)
	_, err := c.Strings(context.Background(), []string{"x"})
	if err == nil || !strings.Contains(err.Error(), "dockmcp_docker_v1") {
		t.Fatalf("err = %v", err)
	}
}

func TestKeysAreFilteredAndKeptApart(t *testing.T) {
	c := load(t, mustBadFilter(t))
	got, err := c.JSON(context.Background(), map[string]any{"a": "1", "A": "2"})
	if err != nil {
		t.Fatal(err)
	}
	m := got.(map[string]any)
	if len(m) != 2 || m["A"] == nil || m["A#2"] == nil {
		t.Fatalf("got %v", m)
	}
}

// A value is redacted by what its key says, and the key stays.
func TestMemberKeyNamesTheSecret(t *testing.T) {
	c := load(t, guests.SecretFilterWasm)
	v := map[string]any{
		"Labels": map[string]any{"com.example.db_password": "hunter2", "tier": "web",
			"secret.key": `Xy7"Q\Pw`, "vault_token": "\tXy7Fake9"},
		"env":   map[string]any{"API_TOKEN": "abc123def456", "HOME": "/root"},
		"note":  "a \"quoted\" <b>&amp; line\nnext",
		"Args":  []any{`say "hi"`, "--requirepass", "hunter2", "--port", "6379"},
		"one":   []any{"password"},
		"mixed": []any{"--password", 7, "hunter2"},
	}
	got, err := c.JSON(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"Labels": map[string]any{"com.example.db_password": "[REDACTED:password]", "tier": "web",
			"secret.key": "[REDACTED:secret]", "vault_token": "[REDACTED:token]"},
		"env":   map[string]any{"API_TOKEN": "[REDACTED:token]", "HOME": "/root"},
		"note":  "a \"quoted\" <b>&amp; line\nnext",
		"Args":  []any{`say "hi"`, "--requirepass", "[REDACTED:password]", "--port", "6379"},
		"one":   []any{"password"},
		"mixed": []any{"--password", 7, "hunter2"}, // apart: nothing ties them
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// A filter that breaks a member's or an array's JSON withholds the answer.
func TestBrokenMemberWithholds(t *testing.T) {
	c := load(t, mustBadFilter(t)) // cuts the last byte of JSON holding BREAK
	for _, v := range []any{
		map[string]any{"a": "BREAK"},
		[]any{"BREAK", "b"},
	} {
		got, err := c.JSON(context.Background(), v)
		var ce *chain.Error
		if !errors.As(err, &ce) || got != nil || !strings.Contains(err.Error(), "broke the JSON") {
			t.Fatalf("%q: got %v, err %v: want the answer withheld", v, got, err)
		}
	}
}

func flatten(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case string:
			b.WriteString(t + "\n")
		case []any:
			for _, e := range t {
				walk(e)
			}
		case map[string]any:
			for k, e := range t {
				b.WriteString(k + "\n")
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

// A filter's own expansion cap replaces the default one.
func TestExpansionCapIsPerFilter(t *testing.T) {
	in := []string{"EXPAND " + strings.Repeat("x", 100<<10)} // badfilter writes 64 times it
	c := load(t, mustBadFilter(t))
	if _, err := c.Strings(context.Background(), in); err == nil {
		t.Fatal("the default cap let 64 times the input through")
	}
	wide := chain.New(chain.WithExpansion(filters(t, mustBadFilter(t))[0], 65))
	if _, err := wide.Strings(context.Background(), in); err != nil {
		t.Fatalf("a cap of 65: %v", err)
	}
}

// recorder is a fake filter that echoes and notes whether its context says
// it runs inside a chain.
type recorder struct{ filtering bool }

func (r *recorder) Label() string                   { return "recorder" }
func (r *recorder) Ready(ctx context.Context) error { return nil }
func (r *recorder) Call(ctx context.Context, _ string, in []byte) ([]byte, error) {
	r.filtering = chain.Filtering(ctx)
	return in, nil
}

func TestFilterCallsAreMarked(t *testing.T) {
	r := &recorder{}
	if _, err := chain.New(r).Strings(context.Background(), []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if !r.filtering || chain.Filtering(context.Background()) {
		t.Fatalf("filtering inside = %v", r.filtering)
	}
}

// A filter's own error message may quote its input: the chain's error
// leaves it out.
func TestFilterMessageIsWithheld(t *testing.T) {
	err := &chain.Error{Filter: "f", Err: abi.Errorf(abi.CodeInvalid, "saw %s", fakeToken)}
	if strings.Contains(err.Error(), fakeToken) || !strings.Contains(err.Error(), "withheld") {
		t.Fatalf("got %q", err)
	}
}

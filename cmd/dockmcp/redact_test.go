package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

const exampleFilter = "../../guests/wasm/examplefilter.wasm"

func TestRedactBuiltin(t *testing.T) {
	in := "start\ntoken " + fakeToken + " end\r\nplain\n"
	out, errOut, code := dockmcp(t, strings.NewReader(in), "redact")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, fakeToken) || !strings.Contains(out, "[REDACTED:") ||
		strings.Count(out, "\n") != strings.Count(in, "\n") ||
		!strings.HasPrefix(out, "start\ntoken ") || !strings.HasSuffix(out, " end\r\nplain\n") {
		t.Fatalf("got %q", out)
	}
}

// The example filter, named on the command line with no sha256, runs after
// the built-in one; with --no-builtin it runs alone.
func TestRedactWithExampleFilter(t *testing.T) {
	in := "db-1.corp.example by EMP-123456 with " + fakeToken + "\n"
	out, errOut, code := dockmcp(t, strings.NewReader(in), "redact", "--filter", exampleFilter)
	want := "[REDACTED:corp-host] by [REDACTED:employee-id] with [REDACTED:"
	if code != 0 || !strings.HasPrefix(out, want) || strings.Contains(out, fakeToken) {
		t.Fatalf("exit %d, out %q, err %s", code, out, errOut)
	}
	out, _, code = dockmcp(t, strings.NewReader(in), "redact", "--no-builtin",
		"--filter", exampleFilter)
	if code != 0 || out != strings.Replace(in, "db-1.corp.example by EMP-123456",
		"[REDACTED:corp-host] by [REDACTED:employee-id]", 1) {
		t.Fatalf("alone: exit %d, out %q", code, out)
	}
}

func TestRedactConfig(t *testing.T) {
	wasm, err := os.ReadFile(exampleFilter)
	if err != nil {
		t.Fatal(err)
	}
	path, sum := writeFilter(t, "corp", wasm)
	in := "host git.corp.example\n"

	good := writeConfig(t, fmt.Sprintf("filters:\n  - path: %s\n    sha256: %s\n", path, sum))
	out, errOut, code := dockmcp(t, strings.NewReader(in), "redact", "--config", good)
	if code != 0 || out != "host [REDACTED:corp-host]\n" {
		t.Fatalf("--config: exit %d, out %q, err %s", code, out, errOut)
	}
	t.Setenv("DOCKMCP_CONFIG", good)
	if out, _, code = dockmcp(t, strings.NewReader(in), "redact"); out != "host [REDACTED:corp-host]\n" {
		t.Fatalf("$DOCKMCP_CONFIG: exit %d, out %q", code, out)
	}

	wrong := strings.Repeat("0", 64)
	for _, tc := range []struct{ name, yaml, want string }{
		{"changed file", fmt.Sprintf("filters:\n  - path: %s\n    sha256: %s\n", path, wrong),
			"dockmcp.yaml:2: filter corp: " + path + " has sha256 " + sum +
				" but the configuration pins " + wrong},
		{"missing file", fmt.Sprintf("filters:\n  - path: gone.wasm\n    sha256: %s\n", sum),
			"dockmcp.yaml:2: filter gone: open "},
		{"bad field", fmt.Sprintf("filters:\n  - path: %s\n    sha256: %s\n    memoryMiB: 2\n",
			path, sum), "dockmcp.yaml:4: filters[0].memoryMiB: minimum"},
	} {
		cfg := writeConfig(t, tc.yaml)
		out, errOut, code := dockmcp(t, strings.NewReader(in), "redact", "--config", cfg)
		if code == 0 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, out %q, stderr %q, want %q", tc.name, code, out, errOut, tc.want)
		}
	}
}

// Every hostile filter fails closed: non-zero exit, nothing on stdout, and
// the secret on neither stream, with or without the built-in filter in
// front of it (without it, the failing filter is all that stands between
// the secret and stdout).
func TestHostileFiltersFailClosed(t *testing.T) {
	secret := "s3cret-" + fakeToken
	in := "a line\nthe secret is " + secret + "\nlast line\n"
	for _, tc := range []struct{ guest, limits, why string }{
		{"loop", "deadlineSeconds: 1", "deadline passed"},
		{"membomb", "memoryMiB: 32", "wasm error"},
		{"bigoutput", "", "output passed the cap"},
		{"echoplus", "", "expansion cap"},
		{"dockerimport", "", "dockmcp_docker_v1.system_ping"},
	} {
		path, sum := hostile(t, tc.guest)
		cfg := writeConfig(t, fmt.Sprintf("filters:\n  - {path: %s, sha256: %s}\n", path, sum))
		if tc.limits != "" {
			cfg = writeConfig(t, fmt.Sprintf("filters:\n  - path: %s\n    sha256: %s\n    %s\n",
				path, sum, tc.limits))
		}
		for _, args := range [][]string{
			{"redact", "--config", cfg},
			{"redact", "--config", cfg, "--no-builtin"},
		} {
			out, errOut, code := dockmcp(t, strings.NewReader(in), args...)
			if code == 0 || out != "" || strings.Contains(errOut, secret) ||
				!strings.Contains(errOut, tc.why) || !strings.Contains(errOut, tc.guest) {
				t.Errorf("%s %v: exit %d, stdout %q, stderr %q, want %q",
					tc.guest, args[3:], code, out, errOut, tc.why)
			}
		}
	}
}

// A filter's memory cap is its own: the same guest, allocating 48 MiB,
// runs under the default cap and fails under a 32 MiB one, although the
// built-in filter (128 MiB) was loaded first.
func TestFilterMemoryIsPerFilter(t *testing.T) {
	path, sum := hostile(t, "membomb")
	in := "MiB:48 line\n"
	for _, tc := range []struct {
		extra string
		ok    bool
	}{{"", true}, {"    memoryMiB: 32\n", false}} {
		cfg := writeConfig(t, fmt.Sprintf("filters:\n  - path: %s\n    sha256: %s\n%s",
			path, sum, tc.extra))
		out, errOut, code := dockmcp(t, strings.NewReader(in), "redact", "--config", cfg)
		if (code == 0) != tc.ok || tc.ok && out != in || !tc.ok && out != "" {
			t.Errorf("memoryMiB %q: exit %d, out %q, err %s", tc.extra, code, out, errOut)
		}
	}
}

func TestRedactNoBuiltinNeedsAFilter(t *testing.T) {
	_, errOut, code := dockmcp(t, nil, "redact", "--no-builtin")
	if code == 0 || !strings.Contains(errOut, "--filter") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// A private key that straddles the first batch boundary is redacted whole:
// the batch is cut before its BEGIN line.
func TestRedactKeepsPEMBlockInOneBatch(t *testing.T) {
	body := strings.Repeat("MIIEowIBAAKCAQEAfakefakefakefakefakefakefakefakefakefakefake\n", 20)
	pad := strings.Repeat("x", 99) + "\n"
	var in strings.Builder
	for in.Len() < batchSize-len(body)/2 {
		in.WriteString(pad)
	}
	in.WriteString("-----BEGIN RSA PRIVATE KEY-----\n" + body + "-----END RSA PRIVATE KEY-----\n")
	in.WriteString(pad)
	out, errOut, code := dockmcp(t, strings.NewReader(in.String()), "redact")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "MIIEowIBAAKCAQEA") ||
		strings.Count(out, "\n") != strings.Count(in.String(), "\n") {
		t.Fatalf("key body leaked or lines lost: %q", out[len(out)-4000:])
	}
}

// Batches put together give the input back, each ends at a line end unless
// a line is longer than a batch, and none but a PEM block's passes size.
func TestBatcher(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "bb", "word ", "\n", "\r\n", "-----BEGIN X-----\n", "-----END X-----\n",
		strings.Repeat("L", 300), "k=v;"}
	for range 300 {
		var in strings.Builder
		for range r.IntN(200) {
			in.WriteString(words[r.IntN(len(words))])
		}
		size := 16 + r.IntN(200)
		b := &batcher{r: io.LimitReader(strings.NewReader(in.String()), 1<<30), size: size}
		var got bytes.Buffer
		for {
			batch, err := b.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(batch) == 0 || len(batch) > 4*size {
				t.Fatalf("batch of %d for size %d", len(batch), size)
			}
			if len(batch) > size && !bytes.Contains(batch, pemBegin) {
				t.Fatalf("batch of %d for size %d with no PEM block: %q", len(batch), size, batch)
			}
			got.Write(batch)
		}
		if got.String() != in.String() {
			t.Fatalf("batches differ from the input")
		}
	}
}

func TestBatcherCutsLongLineAtASeparator(t *testing.T) {
	in := strings.Repeat("y", 90) + " " + strings.Repeat("z", 50)
	b := &batcher{r: strings.NewReader(in), size: 100}
	first, _ := b.next()
	if string(first) != strings.Repeat("y", 90)+" " {
		t.Fatalf("first batch %q", first)
	}
}

package hostio_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// The io functions are tested through a real guest: a hand-assembled module
// whose exports pass chosen pointers, so that out-of-range ones can be
// tried (the SDK never makes them).
func TestIOFunctionsThroughAGuest(t *testing.T) {
	e, err := runtime.NewEngine(runtime.Options{
		CacheDir: "none", HostModules: []runtime.HostModule{hostio.Module(nil)},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	grant := runtime.Grant{}.Module(abi.ModuleIO)
	m := e.Load("raw", rawGuest(), runtime.ToolClass, grant)

	for _, tc := range []struct {
		export, input string
		want          string // output, or the error text
	}{
		{"echo", "hello", "hello"},
		{"echo", "", ""},
		{"read_bad", "hello", "status -1"},  // -CodeFault
		{"write_bad", "hello", "status -1"}, // -CodeFault
		{"error_bad", "hello", "fault: error_set: message outside memory"},
		{"error_ok", "no such thing", "not found: no such thing"},
	} {
		out, err := m.Call(context.Background(), tc.export, []byte(tc.input))
		got := string(out)
		if err != nil {
			got = err.Error()
		}
		var ae *abi.Error
		if err != nil && !errors.As(err, &ae) || !strings.Contains(got, tc.want) {
			t.Errorf("%s(%q) = %q, want %q", tc.export, tc.input, got, tc.want)
		}
	}
}

const badPtr = -65536 // 0xFFFF0000, far past one page of memory

// rawGuest assembles a module importing input_read, output_write, error_set
// and log, with one page of memory and these exports, each (len) -> i32:
//
//	echo       input_read(0, len); return output_write(0, len)
//	read_bad   return input_read(badPtr, len)
//	write_bad  return output_write(badPtr, len)
//	error_bad  error_set(4, badPtr, len); return 1
//	error_ok   input_read(0, len); error_set(4, 0, len); return 1
//	log        input_read(0, len); log(4, 0, len); return 0
func rawGuest() []byte {
	types := vec(
		[]byte{0x60, 2, i32, i32, 1, i32}, // 0: (i32 i32) -> i32
		[]byte{0x60, 0, 1, i32},           // 1: () -> i32
		[]byte{0x60, 1, i32, 1, i32},      // 2: (i32) -> i32
		[]byte{0x60, 3, i32, i32, i32, 0}, // 3: (i32 i32 i32) -> ()
	)
	imports := vec(imp(abi.FuncInputRead, 0), imp(abi.FuncOutputWrite, 0),
		imp(abi.FuncErrorSet, 3), imp(abi.FuncLog, 3))
	const inputRead, outputWrite, errorSet, logMsg = 0, 1, 2, 3
	bodies := [][]byte{
		code(), // version
		code(c(0), arg(), call(inputRead), drop(), c(0), arg(), call(outputWrite)),
		code(c(badPtr), arg(), call(inputRead)),
		code(c(badPtr), arg(), call(outputWrite)),
		code(c(4), c(badPtr), arg(), call(errorSet), c(1)),
		code(c(0), arg(), call(inputRead), drop(), c(4), c(0), arg(), call(errorSet), c(1)),
		code(c(0), arg(), call(inputRead), drop(), c(4), c(0), arg(), call(logMsg), c(0)),
	}
	bodies[0] = code(c(abi.Version))
	names := []string{abi.ExportVersion, "echo", "read_bad", "write_bad", "error_bad", "error_ok",
		"log"}
	var funcs, exports [][]byte
	for i, n := range names {
		typ := byte(2)
		if i == 0 {
			typ = 1
		}
		funcs = append(funcs, []byte{typ})
		exports = append(exports, append(str(n), 0x00, byte(4+i)))
	}
	m := []byte{0, 'a', 's', 'm', 1, 0, 0, 0}
	m = append(m, section(1, types)...)
	m = append(m, section(2, imports)...)
	m = append(m, section(3, vec(funcs...))...)
	m = append(m, section(5, vec([]byte{0, 1}))...) // memory: min 1 page
	m = append(m, section(7, vec(exports...))...)
	return append(m, section(10, vec(bodies...))...)
}

const i32 = 0x7f

func imp(name string, typ byte) []byte {
	return append(append(str(abi.ModuleIO), str(name)...), 0x00, typ)
}

func code(instrs ...[]byte) []byte {
	body := []byte{0} // no locals
	for _, in := range instrs {
		body = append(body, in...)
	}
	body = append(body, 0x0b)
	return append(uleb(uint32(len(body))), body...)
}

func c(v int32) []byte    { return append([]byte{0x41}, sleb(v)...) }
func arg() []byte         { return []byte{0x20, 0} }
func call(f byte) []byte  { return []byte{0x10, f} }
func drop() []byte        { return []byte{0x1a} }
func str(s string) []byte { return append(uleb(uint32(len(s))), s...) }
func section(id byte, body []byte) []byte {
	return append(append([]byte{id}, uleb(uint32(len(body)))...), body...)
}

func vec(items ...[]byte) []byte {
	out := uleb(uint32(len(items)))
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

func uleb(v uint32) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(out, b)
		}
		out = append(out, b|0x80)
	}
}

func sleb(v int32) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v == 0 && b&0x40 == 0 || v == -1 && b&0x40 != 0 {
			return append(out, b)
		}
		out = append(out, b|0x80)
	}
}

// A guest's log line is logged only as the LogFilter returns it; without a
// filter, or when it withholds the line, only the fact is logged.
func TestLogLinesPassTheFilter(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	redact := func(_ context.Context, msg string) (string, bool) {
		if strings.Contains(msg, "TRAP") {
			return "", false
		}
		return strings.ReplaceAll(msg, "s3cret", "[X]"), true
	}
	for _, tc := range []struct {
		opts      []hostio.Option
		input     string
		want, not string
	}{
		{[]hostio.Option{hostio.WithLogFilter(redact)}, "key s3cret", "key [X]", "s3cret"},
		{[]hostio.Option{hostio.WithLogFilter(redact)}, "TRAP s3cret", "withheld", "s3cret"},
		{nil, "key s3cret", "withheld", "s3cret"},
	} {
		buf.Reset()
		e, err := runtime.NewEngine(runtime.Options{CacheDir: "none",
			HostModules: []runtime.HostModule{hostio.Module(logger, tc.opts...)}})
		if err != nil {
			t.Fatal(err)
		}
		m := e.Load("raw", rawGuest(), runtime.ToolClass, runtime.Grant{}.Module(abi.ModuleIO))
		if _, err := m.Call(context.Background(), "log", []byte(tc.input)); err != nil {
			t.Fatal(err)
		}
		e.Close(context.Background())
		if got := buf.String(); !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
			t.Errorf("%q: logged %q", tc.input, got)
		}
	}
}

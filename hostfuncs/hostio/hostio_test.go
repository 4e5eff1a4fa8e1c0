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
	g "github.com/dockmcp/dockmcp/runtime/guesttest"
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
	types := [][]byte{g.FuncType(2, 1), g.FuncType(0, 1), g.FuncType(1, 1), g.FuncType(3, 0)}
	imports := [][]byte{
		g.Import(abi.ModuleIO, abi.FuncInputRead, 0), g.Import(abi.ModuleIO, abi.FuncOutputWrite, 0),
		g.Import(abi.ModuleIO, abi.FuncErrorSet, 3), g.Import(abi.ModuleIO, abi.FuncLog, 3),
	}
	const inputRead, outputWrite, errorSet, logMsg = 0, 1, 2, 3
	c, arg, call := g.Const, func() []byte { return g.Arg(0) }, g.Call
	return g.Module(types, imports, []g.Func{
		{Name: abi.ExportVersion, Type: 1, Body: g.Code(c(abi.Version))},
		{Name: "echo", Type: 2, Body: g.Code(c(0), arg(), call(inputRead), g.Drop(),
			c(0), arg(), call(outputWrite))},
		{Name: "read_bad", Type: 2, Body: g.Code(c(badPtr), arg(), call(inputRead))},
		{Name: "write_bad", Type: 2, Body: g.Code(c(badPtr), arg(), call(outputWrite))},
		{Name: "error_bad", Type: 2, Body: g.Code(c(4), c(badPtr), arg(), call(errorSet), c(1))},
		{Name: "error_ok", Type: 2, Body: g.Code(c(0), arg(), call(inputRead), g.Drop(),
			c(4), c(0), arg(), call(errorSet), c(1))},
		{Name: "log", Type: 2, Body: g.Code(c(0), arg(), call(inputRead), g.Drop(),
			c(4), c(0), arg(), call(logMsg), c(0))},
	})
}

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

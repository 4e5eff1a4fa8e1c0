package hostio_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	g "github.com/dockmcp/dockmcp/runtime/guesttest"
)

// pageSize is the guest's whole memory: one page.
const pageSize = 65536

// fuzzGuest assembles a guest whose exports, each (len) -> i32, first copy
// the call's input to address 0, then pass the pointer, length and code
// found in it to one io function:
//
//	input: ptr u32le | len u32le | code i32le | payload
//
//	read   return input_read(ptr, len)
//	write  return output_write(ptr, len)
//	error  error_set(code, ptr, len); return 1
//	log    log(code, ptr, len); return 0
func fuzzGuest() []byte {
	types := [][]byte{g.FuncType(2, 1), g.FuncType(0, 1), g.FuncType(1, 1), g.FuncType(3, 0)}
	imports := [][]byte{
		g.Import(abi.ModuleIO, abi.FuncInputRead, 0), g.Import(abi.ModuleIO, abi.FuncOutputWrite, 0),
		g.Import(abi.ModuleIO, abi.FuncErrorSet, 3), g.Import(abi.ModuleIO, abi.FuncLog, 3),
	}
	const inputRead, outputWrite, errorSet, log = 0, 1, 2, 3
	pull := append(append(append(g.Const(0), g.Arg(0)...), g.Call(inputRead)...), g.Drop()...)
	ptrLen := append(append(g.Const(0), g.Load(0)...), append(g.Const(0), g.Load(4)...)...)
	code := append(g.Const(0), g.Load(8)...)
	return g.Module(types, imports, []g.Func{
		{Name: abi.ExportVersion, Type: 1, Body: g.Code(g.Const(abi.Version))},
		{Name: "read", Type: 2, Body: g.Code(pull, ptrLen, g.Call(inputRead))},
		{Name: "write", Type: 2, Body: g.Code(pull, ptrLen, g.Call(outputWrite))},
		{Name: "error", Type: 2, Body: g.Code(pull, code, ptrLen, g.Call(errorSet), g.Const(1))},
		{Name: "log", Type: 2, Body: g.Code(pull, code, ptrLen, g.Call(log), g.Const(0))},
	})
}

var fuzzExports = []string{"read", "write", "error", "log"}

// FuzzIOFunctions lets the fuzzer choose the pointer, length, code and
// input a guest passes to each io function. The host must answer with the
// contract's codes, never panic, and never hand out bytes from outside the
// guest's memory.
func FuzzIOFunctions(f *testing.F) {
	e, err := runtime.NewEngine(runtime.Options{CacheDir: "none", HostModules: []runtime.HostModule{
		hostio.Module(slog.New(slog.NewTextHandler(io.Discard,
			&slog.HandlerOptions{Level: slog.LevelDebug - 8}))),
	}})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { e.Close(context.Background()) })
	grant := runtime.Grant{}.Module(abi.ModuleIO)
	m := e.Load("fuzz", fuzzGuest(), runtime.ToolClass, grant)
	if err := m.Ready(context.Background()); err != nil {
		f.Fatal(err)
	}

	for which := range uint8(len(fuzzExports)) {
		f.Add(which, uint32(12), uint32(5), int32(4), []byte("hello"))
		f.Add(which, uint32(0), uint32(0), int32(0), []byte{})
		f.Add(which, uint32(pageSize-1), uint32(2), int32(-4), []byte("x"))
		f.Add(which, uint32(0xFFFF0000), uint32(16), int32(8), []byte("far"))
		f.Add(which, uint32(1), uint32(0xFFFFFFFF), int32(-1<<31), []byte("huge"))
		f.Add(which, uint32(12), uint32(4000), int32(7), bytes.Repeat([]byte("é"), 1500))
	}
	f.Fuzz(func(t *testing.T, which uint8, ptr, n uint32, code int32, payload []byte) {
		if len(payload) > pageSize-12 {
			payload = payload[:pageSize-12]
		}
		input := binary.LittleEndian.AppendUint32(nil, ptr)
		input = binary.LittleEndian.AppendUint32(input, n)
		input = binary.LittleEndian.AppendUint32(input, uint32(code))
		input = append(input, payload...)
		export := fuzzExports[int(which)%len(fuzzExports)]
		out, err := m.Call(context.Background(), export, input)
		if err := checkIO(export, input, ptr, n, code, out, err); err != nil {
			t.Fatal(err)
		}
	})
}

// checkIO compares one call's outcome with what the contract promises.
func checkIO(export string, input []byte, ptr, n uint32, code int32, out []byte, err error) error {
	inside := func(k uint32) bool { return uint64(ptr)+uint64(k) <= pageSize }
	var ae *abi.Error
	if err != nil && !errors.As(err, &ae) {
		return fmt.Errorf("%s: error %T %v, want *abi.Error", export, err, err)
	}
	switch export {
	case "read": // the status comes back as "guest returned status N"
		want := int32(min(n, uint32(len(input))))
		if !inside(uint32(want)) {
			want = -int32(abi.CodeFault)
		}
		if want == 0 && err == nil || want != 0 && ae != nil &&
			strings.HasSuffix(ae.Message, fmt.Sprintf("status %d without an error", want)) {
			return nil
		}
	case "write":
		if !inside(n) {
			if ae != nil && strings.Contains(ae.Message, fmt.Sprintf("status %d ", -abi.CodeFault)) {
				return nil
			}
		} else if err == nil && len(out) == int(n) && copiedInput(out, input, ptr) {
			return nil
		}
	case "error":
		k := min(n, abi.MaxMessage)
		switch {
		case ae == nil:
		case !inside(k) && ae.Code == abi.CodeFault:
			return nil
		case inside(k) && ae.Code == abi.Code(code) && len(ae.Message) == int(k) &&
			copiedInput([]byte(ae.Message), input, ptr):
			return nil
		}
	case "log":
		if err == nil && len(out) == 0 {
			return nil
		}
	}
	return fmt.Errorf("%s(ptr %#x, len %d, code %d): output %d bytes, error %v",
		export, ptr, n, code, len(out), err)
}

// copiedInput reports whether got, read from guest memory at ptr, holds
// the input where the two overlap: the guest copied its input to address
// 0, and memory past it keeps what earlier calls on the instance left.
func copiedInput(got, input []byte, ptr uint32) bool {
	if uint64(ptr) >= uint64(len(input)) {
		return true
	}
	want := input[ptr:]
	return bytes.Equal(got[:min(len(got), len(want))], want[:min(len(got), len(want))])
}

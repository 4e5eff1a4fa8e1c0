package docker

import (
	"context"
	"encoding/binary"
	"slices"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	g "github.com/dockmcp/dockmcp/runtime/guesttest"
)

// opsFuzzGuest assembles a guest with one export per Docker operation,
// each (len) -> i32. It copies the call's input to address 0, then calls
// the operation and result_read with the pointers and lengths found there,
// and writes both statuses as its output:
//
//	input:  req_ptr u32le | req_len u32le | res_ptr u32le | res_len u32le |
//	        8 bytes (overwritten) | request bytes, from address 24
//	output: operation status i32le | result_read status i32le
func opsFuzzGuest(ops []string) []byte {
	types := [][]byte{g.FuncType(2, 1), g.FuncType(0, 1), g.FuncType(1, 1)}
	imports := [][]byte{
		g.Import(abi.ModuleIO, abi.FuncInputRead, 0), g.Import(abi.ModuleIO, abi.FuncOutputWrite, 0),
		g.Import(abi.ModuleDocker, abi.FuncResultRead, 0),
	}
	const inputRead, outputWrite, resultRead = 0, 1, 2
	for _, op := range ops {
		imports = append(imports, g.Import(abi.ModuleDocker, op, 0))
	}
	load := func(at int32) []byte { return append(g.Const(0), g.Load(uint32(at))...) }
	funcs := []g.Func{{Name: abi.ExportVersion, Type: 1, Body: g.Code(g.Const(abi.Version))}}
	for i, op := range ops {
		funcs = append(funcs, g.Func{Name: op, Type: 2, Body: g.Code(
			g.Const(0), g.Arg(0), g.Call(inputRead), g.Drop(),
			g.Const(16), load(0), load(4), g.Call(byte(3+i)), g.Store(0),
			g.Const(20), load(8), load(12), g.Call(resultRead), g.Store(0),
			g.Const(16), g.Const(8), g.Call(outputWrite),
		)})
	}
	return g.Module(types, imports, funcs)
}

// FuzzOperationRequests lets the fuzzer choose the request bytes of every
// Docker operation, and the pointers and lengths a guest passes for the
// request and for result_read. The daemon is unreachable, so nothing
// reaches Docker: what is fuzzed is the host side of the ABI, the strict
// decoding and each operation's own checks. The host must answer with
// codes of the contract and never panic.
func FuzzOperationRequests(f *testing.F) {
	cli, err := client.New(client.WithHost("unix:///nonexistent/dockmcp-fuzz.sock"))
	if err != nil {
		f.Fatal(err)
	}
	ops := Operations()
	e, err := runtime.NewEngine(runtime.Options{CacheDir: "none", HostModules: []runtime.HostModule{
		hostio.Module(nil), Module(New(cli, WithBuildRoots(f.TempDir()))),
	}})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { e.Close(context.Background()) })
	grant := runtime.Grant{}.Module(abi.ModuleIO).Module(abi.ModuleDocker)
	m := e.Load("fuzz", opsFuzzGuest(ops), runtime.ToolClass, grant)
	if err := m.Ready(context.Background()); err != nil {
		f.Fatal(err)
	}

	for i := range ops {
		for _, req := range []string{`{}`, `{"id":"x"}`, `{"id":"web","cmd":["ls"]}`,
			`{"all":true,"filters":{"status":["exited"]}}`, `{"bogus":1}`, `[`, `null`} {
			f.Add(uint8(i), uint32(24), uint32(len(req)), uint32(100), uint32(64), []byte(req))
		}
		f.Add(uint8(i), uint32(0xFFFFFF00), uint32(512), uint32(0), uint32(0xFFFFFFFF), []byte("{}"))
		f.Add(uint8(i), uint32(24), uint32(0), uint32(65535), uint32(2), []byte{})
	}
	f.Fuzz(func(t *testing.T, which uint8, ptr, n, rptr, rn uint32, req []byte) {
		if len(req) > 65536-24 {
			req = req[:65536-24]
		}
		in := make([]byte, 24, 24+len(req))
		for i, v := range []uint32{ptr, n, rptr, rn} {
			binary.LittleEndian.PutUint32(in[4*i:], v)
		}
		in = append(in, req...)
		op := ops[int(which)%len(ops)]
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		out, err := m.Call(ctx, op, in)
		if err != nil || len(out) != 8 {
			t.Fatalf("%s: output %x, error %v", op, out, err)
		}
		status := int32(binary.LittleEndian.Uint32(out))
		read := int32(binary.LittleEndian.Uint32(out[4:]))
		codes := []abi.Code{abi.CodeFault, abi.CodeInvalid, abi.CodeDenied, abi.CodeNotFound,
			abi.CodeConflict, abi.CodeTimeout, abi.CodeTooLarge, abi.CodeDaemon, abi.CodeUnavailable}
		// result_read may have copied its answer over the stored status.
		overwritten := read > 0 && rptr < 20 && uint64(rptr)+uint64(read) > 16
		switch {
		case overwritten:
		case uint64(ptr)+uint64(n) > 65536 && status != -int32(abi.CodeFault):
			t.Fatalf("%s: request outside memory gave %d, want -CodeFault", op, status)
		case status < 0 && !slices.Contains(codes, abi.Code(-status)):
			t.Fatalf("%s: status %d is no code of the contract", op, status)
		}
		switch {
		case read < -1 || read > int32(rn) && rn < 1<<31:
			t.Fatalf("%s: result_read(%#x, %d) = %d", op, rptr, rn, read)
		}
	})
}

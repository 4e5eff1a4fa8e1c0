package runtime

import (
	"context"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// A HostModule is a named set of host functions, instantiated in every
// runtime of the engine. Functions are registered in the order listed.
type HostModule struct {
	Name  string
	Funcs []HostFunc
}

// A HostFunc is one host function on wazero's fast path (no reflection).
// Build it with the typed helpers below.
type HostFunc struct {
	Name    string
	params  []api.ValueType
	results []api.ValueType
	fn      api.GoModuleFunc
}

var (
	i32  = api.ValueTypeI32
	none = []api.ValueType{}
)

// FuncPtrLenToI32 makes a host function (ptr, len i32) -> i32.
func FuncPtrLenToI32(name string,
	fn func(ctx context.Context, m api.Module, ptr, n uint32) int32) HostFunc {
	return HostFunc{
		Name:    name,
		params:  []api.ValueType{i32, i32},
		results: []api.ValueType{i32},
		fn: func(ctx context.Context, m api.Module, stack []uint64) {
			r := fn(ctx, m, api.DecodeU32(stack[0]), api.DecodeU32(stack[1]))
			stack[0] = api.EncodeI32(r)
		},
	}
}

// FuncI32PtrLen makes a host function (a, ptr, len i32) with no result.
func FuncI32PtrLen(name string,
	fn func(ctx context.Context, m api.Module, a int32, ptr, n uint32)) HostFunc {
	return HostFunc{
		Name:    name,
		params:  []api.ValueType{i32, i32, i32},
		results: none,
		fn: func(ctx context.Context, m api.Module, stack []uint64) {
			fn(ctx, m, api.DecodeI32(stack[0]), api.DecodeU32(stack[1]),
				api.DecodeU32(stack[2]))
		},
	}
}

func (h HostModule) instantiate(ctx context.Context, r wazero.Runtime) error {
	b := r.NewHostModuleBuilder(h.Name)
	for _, f := range h.Funcs {
		b.NewFunctionBuilder().
			WithGoModuleFunction(f.fn, f.params, f.results).
			WithName(f.Name).
			Export(f.Name)
	}
	_, err := b.Instantiate(ctx)
	return err
}

// ReadGuest copies n bytes at ptr out of the guest's memory. It reports
// false when the range is outside the memory.
func ReadGuest(m api.Module, ptr, n uint32) ([]byte, bool) {
	view, ok := m.Memory().Read(ptr, n)
	if !ok {
		return nil, false
	}
	return append([]byte(nil), view...), true
}

// WriteGuest copies at most n bytes of src to ptr in the guest's memory and
// returns how many it copied, or false when the range is outside memory.
func WriteGuest(m api.Module, ptr, n uint32, src []byte) (uint32, bool) {
	if uint64(len(src)) < uint64(n) {
		n = uint32(len(src))
	}
	if !m.Memory().Write(ptr, src[:n]) {
		return 0, false
	}
	return n, true
}

package guesttest

// A tiny WebAssembly assembler, enough for hand-made guests that pass
// pointers and lengths the guest SDK never would (out of range, huge,
// chosen by a fuzzer). Each helper returns the bytes of one construct of
// the binary format (https://webassembly.github.io/spec/core/binary/).

// I32 is the value type i32.
const I32 = 0x7f

// Func is one exported function of an assembled module: its type index
// and its body (see Code).
type Func struct {
	Name string
	Type byte
	Body []byte
}

// Module assembles a module with the given function types (see FuncType),
// imports (see Import), one page of memory (exported as "memory" too) and
// the functions, in order after the imports. Function indexes count the
// imports first.
func Module(types, imports [][]byte, funcs []Func) []byte {
	var typeIdx, exports, bodies [][]byte
	for i, f := range funcs {
		typeIdx = append(typeIdx, []byte{f.Type})
		exports = append(exports, append(Str(f.Name), 0x00, byte(len(imports)+i)))
		bodies = append(bodies, f.Body)
	}
	exports = append(exports, append(Str("memory"), 0x02, 0))
	m := []byte{0, 'a', 's', 'm', 1, 0, 0, 0}
	m = append(m, Section(1, Vec(types...))...)
	m = append(m, Section(2, Vec(imports...))...)
	m = append(m, Section(3, Vec(typeIdx...))...)
	m = append(m, Section(5, Vec([]byte{0, 1}))...) // memory: min 1 page
	m = append(m, Section(7, Vec(exports...))...)
	return append(m, Section(10, Vec(bodies...))...)
}

// FuncType is a function type of i32 parameters and results.
func FuncType(params, results int) []byte {
	t := append([]byte{0x60}, ULEB(uint32(params))...)
	for range params {
		t = append(t, I32)
	}
	t = append(t, ULEB(uint32(results))...)
	for range results {
		t = append(t, I32)
	}
	return t
}

// Import imports the function module.name of type typ.
func Import(module, name string, typ byte) []byte {
	return append(append(Str(module), Str(name)...), 0x00, typ)
}

// Code is a function body with no locals besides its parameters.
func Code(instrs ...[]byte) []byte {
	body := []byte{0}
	for _, in := range instrs {
		body = append(body, in...)
	}
	body = append(body, 0x0b)
	return append(ULEB(uint32(len(body))), body...)
}

// Instructions.
func Const(v int32) []byte { return append([]byte{0x41}, SLEB(v)...) }
func Arg(i byte) []byte    { return []byte{0x20, i} }
func Call(f byte) []byte   { return []byte{0x10, f} }
func Drop() []byte         { return []byte{0x1a} }
func Load(offset uint32) []byte {
	return append([]byte{0x28, 0x02}, ULEB(offset)...) // i32.load align=4
}

// Str is a name: its length then its bytes.
func Str(s string) []byte { return append(ULEB(uint32(len(s))), s...) }

// Section is a section with its id and size.
func Section(id byte, body []byte) []byte {
	return append(append([]byte{id}, ULEB(uint32(len(body)))...), body...)
}

// Vec is a vector: its length then its items.
func Vec(items ...[]byte) []byte {
	out := ULEB(uint32(len(items)))
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// ULEB is v in unsigned LEB128.
func ULEB(v uint32) []byte {
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

// SLEB is v in signed LEB128.
func SLEB(v int32) []byte {
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

// Store is i32.store at the given offset: it pops a value and an address.
func Store(offset uint32) []byte {
	return append([]byte{0x36, 0x02}, ULEB(offset)...)
}

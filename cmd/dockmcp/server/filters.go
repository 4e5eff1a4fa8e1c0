package server

import (
	"context"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/chain"
)

// FilterGrant is what every filter guest may import: WASI and
// dockmcp_io_v1, nothing of Docker. A filter that imports more is refused
// at load and never runs; the chain then withholds every answer.
func FilterGrant() runtime.Grant {
	return runtime.Grant{}.Module("wasi_snapshot_preview1").Module(abi.ModuleIO)
}

// A UserFilter is an operator's filter guest: its entry and its bytes,
// checked against the entry's pin by ReadFilters.
type UserFilter struct {
	config.Filter
	Wasm []byte
}

// ReadFilters reads each filter's file. A missing file or one whose
// sha256 is not the pinned one is an error: the server does not start.
func ReadFilters(entries []config.Filter) ([]UserFilter, error) {
	out := make([]UserFilter, 0, len(entries))
	for _, f := range entries {
		wasm, err := f.Read()
		if err != nil {
			return nil, err
		}
		out = append(out, UserFilter{Filter: f, Wasm: wasm})
	}
	return out, nil
}

// LoadChain starts loading the filter chain on e and returns it at once:
// the built-in secret filter first (unless builtin is false, which only
// `dockmcp redact --no-builtin` asks for), then the user filters in order,
// each with its own memory, deadline and expansion cap over class. The
// server and `dockmcp redact` both build their chain here.
func LoadChain(e *runtime.Engine, class runtime.Class, builtin bool,
	user []UserFilter) *chain.Chain {
	var filters []chain.Filter
	if builtin {
		filters = append(filters,
			e.Load("secretfilter", guests.SecretFilterWasm, class, FilterGrant()))
	}
	for _, u := range user {
		m := e.Load(u.Name, u.Wasm, userClass(class, u.Filter), FilterGrant())
		filters = append(filters, chain.WithExpansion(m, u.Expansion()))
	}
	return chain.New(filters...)
}

// userClass is class with the limits of one filter entry.
func userClass(class runtime.Class, f config.Filter) runtime.Class {
	mem := f.Memory()
	class.MemoryLimitPages = uint32(mem / 65536)
	class.HighWaterBytes = min(class.HighWaterBytes, mem/2)
	class.Deadline = f.Deadline()
	return class
}

// redactLog is the hostio LogFilter of the server: a tool guest's log line
// passes the chain like an answer. A filter guest's line is withheld: it
// may quote what the filter was given, and sending it back through the
// chain that is running the filter would recurse.
func (h *Host) redactLog(ctx context.Context, msg string) (string, bool) {
	c := h.logChain.Load()
	if c == nil || chain.Filtering(ctx) {
		return "", false
	}
	out, err := c.Strings(ctx, []string{msg})
	if err != nil {
		return "", false
	}
	return out[0], true
}

package runtime

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// A Module is one guest, compiled in the background, with its pool.
type Module struct {
	Name  string
	class Class
	eng   *Engine

	ready    chan struct{}
	err      error
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	pool     *pool

	// Instances counts instances made, for tests and logs.
	Instances atomic.Int64
}

// Load starts compiling wasm as a guest of class c and returns at once. The
// module imports no more than grant allows, or Ready and Call fail.
func (e *Engine) Load(name string, wasm []byte, c Class, grant Grant) *Module {
	m := &Module{Name: name, class: c, eng: e, ready: make(chan struct{})}
	m.pool = newPool(m, c.PoolSize)
	go m.compile(wasm, grant)
	return m
}

func (m *Module) compile(wasm []byte, grant Grant) {
	start := time.Now()
	m.err = m.compileChecked(wasm, grant)
	close(m.ready)
	if m.err != nil {
		if !m.eng.closed() {
			m.eng.logger.Error("guest refused", "module", m.Name, "err", m.err)
		}
		return
	}
	m.eng.logger.Debug("guest compiled", "module", m.Name, "took", time.Since(start))
	m.pool.warm(m.class.Warm)
}

func (m *Module) compileChecked(wasm []byte, grant Grant) error {
	if len(wasm) > m.class.MaxModuleBytes {
		return fmt.Errorf("guest %s: %d bytes, over the %s limit of %d",
			m.Name, len(wasm), m.class.Name, m.class.MaxModuleBytes)
	}
	if err := m.eng.enter(); err != nil {
		return fmt.Errorf("guest %s: %w", m.Name, err)
	}
	defer m.eng.leave()
	ctx := context.Background()
	r, err := m.eng.runtime(ctx, m.class)
	if err != nil {
		return fmt.Errorf("guest %s: %w", m.Name, err)
	}
	mu := m.eng.compileLock(wasm)
	mu.Lock()
	cm, err := r.CompileModule(ctx, wasm)
	mu.Unlock()
	if err != nil {
		return fmt.Errorf("guest %s: compile: %w", m.Name, err)
	}
	if err := grant.check(cm); err != nil {
		return errors.Join(fmt.Errorf("guest %s: %w", m.Name, err), cm.Close(ctx))
	}
	if err := checkVersionExport(cm); err != nil {
		return errors.Join(fmt.Errorf("guest %s: %w", m.Name, err), cm.Close(ctx))
	}
	m.runtime, m.compiled = r, cm
	return nil
}

func checkVersionExport(cm wazero.CompiledModule) error {
	f, ok := cm.ExportedFunctions()[abi.ExportVersion]
	if !ok {
		return fmt.Errorf("exports no %s: not a dockmcp guest", abi.ExportVersion)
	}
	if len(f.ParamTypes()) != 0 || len(f.ResultTypes()) != 1 ||
		f.ResultTypes()[0] != api.ValueTypeI32 {
		return fmt.Errorf("%s has the wrong signature", abi.ExportVersion)
	}
	return nil
}

// Label is the module's name, for messages and logs.
func (m *Module) Label() string { return m.Name }

// Ready waits until the module has compiled and reports why it cannot run.
func (m *Module) Ready(ctx context.Context) error {
	select {
	case <-m.ready:
		return m.err
	case <-ctx.Done():
		return fmt.Errorf("guest %s: still compiling: %w", m.Name, ctx.Err())
	}
}

// Call runs export with input on a pooled instance under the class's
// deadline and limits. The guest's own error comes back as *abi.Error; a
// broken limit or a trap as *Fault, and the instance is discarded.
func (m *Module) Call(ctx context.Context, export string, input []byte) ([]byte, error) {
	if err := m.Ready(ctx); err != nil {
		return nil, err
	}
	if err := m.eng.enter(); err != nil {
		return nil, fmt.Errorf("guest %s: %w", m.Name, err)
	}
	defer m.eng.leave()
	in, err := m.pool.get(ctx)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, m.class.Deadline)
	defer cancel()
	call := &Call{input: input, outputCap: m.class.OutputCap, budget: m.class.HostCallBudget}
	status, fault := in.run(withCall(ctx, call), export, len(input))
	// A call whose context ended while it ran may have its instance closed
	// by wazero after it returned: never reuse it.
	m.pool.put(in, fault == nil && ctx.Err() == nil &&
		in.memorySize() <= m.class.HighWaterBytes)
	return m.outcome(call, status, fault)
}

func (m *Module) outcome(call *Call, status int32, fault *Fault) ([]byte, error) {
	switch {
	case fault != nil:
		fault.Module = m.Name
		return nil, fault
	case call.overflow:
		return nil, &Fault{Module: m.Name, Kind: FaultOutput,
			Detail: fmt.Sprintf("output passed the cap of %d bytes", m.class.OutputCap)}
	case status != 0 && call.err != nil:
		return nil, call.err
	case status != 0:
		return nil, abi.Errorf(abi.CodeInvalid, "guest returned status %d without an error", status)
	}
	return call.output, nil
}

// Close closes the pooled instances and the compiled module.
func (m *Module) Close(ctx context.Context) error {
	if m.Ready(ctx) != nil {
		return nil
	}
	m.pool.drain()
	return m.compiled.Close(ctx)
}

// MemorySize is the largest linear memory among the idle instances, for
// tests and logs.
func (m *Module) MemorySize() uint64 { return m.pool.memorySize() }

// Live reports how many instances of the module exist, idle or running:
// never more than the class's PoolSize. For tests and logs.
func (m *Module) Live() int { return len(m.pool.slots) }

// Exports reports whether the module exports a function of that name. It
// waits for the module to compile; a module that failed to has none.
func (m *Module) Exports(name string) bool {
	<-m.ready
	if m.err != nil {
		return false
	}
	_, ok := m.compiled.ExportedFunctions()[name]
	return ok
}

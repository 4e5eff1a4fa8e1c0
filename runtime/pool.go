package runtime

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/sys"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// pool keeps idle instances of one module and bounds the live ones.
type pool struct {
	mod   *Module
	idle  chan *instance
	slots chan struct{}
}

func newPool(m *Module, size int) *pool {
	return &pool{mod: m, idle: make(chan *instance, size), slots: make(chan struct{}, size)}
}

func (p *pool) get(ctx context.Context) (*instance, error) {
	for {
		select {
		case in := <-p.idle:
			if p.usable(in) {
				return in, nil
			}
			continue
		default:
		}
		select {
		case in := <-p.idle:
			if p.usable(in) {
				return in, nil
			}
		case p.slots <- struct{}{}:
			in, err := p.mod.instantiate()
			if err != nil {
				<-p.slots
				return nil, err
			}
			return in, nil
		case <-ctx.Done():
			return nil, fmt.Errorf("guest %s: no free instance: %w", p.mod.Name, ctx.Err())
		}
	}
}

// usable reports whether in, taken from the idle ones, can run a call. One
// closed since it was put back (wazero closes an instance whose call's
// context ended) is discarded.
func (p *pool) usable(in *instance) bool {
	if !in.mod.IsClosed() {
		return true
	}
	p.put(in, false)
	return false
}

func (p *pool) put(in *instance, healthy bool) {
	if !healthy {
		in.close()
		<-p.slots
		return
	}
	p.idle <- in
}

// warm makes n instances ready in the background.
func (p *pool) warm(n int) {
	if p.mod.eng.enter() != nil {
		return
	}
	defer p.mod.eng.leave()
	for range n {
		in, err := p.get(context.Background())
		if err != nil {
			p.mod.eng.logger.Warn("warm instance", "module", p.mod.Name, "err", err)
			return
		}
		p.put(in, true)
	}
}

func (p *pool) drain() {
	for {
		select {
		case in := <-p.idle:
			in.close()
			<-p.slots
		default:
			return
		}
	}
}

// instance is one instantiated guest. It runs one call at a time.
type instance struct {
	mod    api.Module
	stderr *tailBuffer
	fns    map[string]api.Function
}

func (m *Module) instantiate() (*instance, error) {
	stderr := &tailBuffer{max: 4 << 10}
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithStartFunctions("_initialize").
		WithStderr(stderr).
		WithSysWalltime().
		WithSysNanotime()
	ctx, cancel := context.WithTimeout(withCall(context.Background(), &Call{}), m.class.Deadline)
	defer cancel()
	mod, err := m.runtime.InstantiateModule(ctx, m.compiled, cfg)
	if err != nil {
		return nil, fmt.Errorf("guest %s: instantiate: %w", m.Name, err)
	}
	m.Instances.Add(1)
	return &instance{mod: mod, stderr: stderr, fns: map[string]api.Function{}}, nil
}

func (in *instance) run(ctx context.Context, export string, n int) (int32, *Fault) {
	fn := in.fns[export]
	if fn == nil {
		if fn = in.mod.ExportedFunction(export); fn == nil {
			return 0, &Fault{Kind: FaultTrap, Detail: "guest exports no " + export}
		}
		in.fns[export] = fn
	}
	res, err := fn.Call(ctx, uint64(n))
	if err != nil {
		return 0, in.fault(ctx, err)
	}
	return api.DecodeI32(res[0]), nil
}

func (in *instance) fault(ctx context.Context, err error) *Fault {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Fault{Kind: FaultTimeout, Detail: "its deadline passed"}
	}
	if ctx.Err() != nil {
		return &Fault{Kind: FaultTimeout, Detail: "the call was cancelled"}
	}
	f := &Fault{Kind: FaultTrap, Detail: err.Error(), Stderr: in.stderr.String()}
	if ee, ok := err.(*sys.ExitError); ok {
		f.Detail = fmt.Sprintf("guest exited with code %d", ee.ExitCode())
	}
	if strings.Contains(f.Stderr, "out of memory") {
		f.Kind = FaultMemory
	}
	return f
}

func (in *instance) memorySize() uint64 {
	if in.mod.IsClosed() {
		return ^uint64(0)
	}
	return uint64(in.mod.Memory().Size())
}

func (in *instance) close() { _ = in.mod.Close(context.Background()) }

// FaultKind says which limit or failure stopped a call.
type FaultKind int

const (
	FaultTrap    FaultKind = iota + 1 // the guest trapped or exited
	FaultTimeout                      // the deadline passed
	FaultMemory                       // the guest ran out of memory
	FaultOutput                       // the output cap was reached
)

// Code maps the fault to the ABI code a caller would report.
func (k FaultKind) Code() abi.Code {
	switch k {
	case FaultTimeout:
		return abi.CodeTimeout
	case FaultMemory, FaultOutput:
		return abi.CodeTooLarge
	}
	return abi.CodeDaemon
}

// A Fault is a call stopped by the host: a trap, a deadline or a limit.
// The instance it ran on is discarded.
type Fault struct {
	Module string
	Kind   FaultKind
	Detail string
	Stderr string // the tail of the guest's stderr, for logs only
}

func (f *Fault) Error() string { return "guest " + f.Module + ": " + f.Detail }

// tailBuffer keeps the first and the last max/2 bytes written to it: a Go
// guest's fatal error is its first line, followed by goroutine dumps.
type tailBuffer struct {
	mu         sync.Mutex
	max        int
	head, tail []byte
	cut        bool
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if room := t.max/2 - len(t.head); room > 0 {
		k := min(room, len(p))
		t.head = append(t.head, p[:k]...)
		p = p[k:]
	}
	t.tail = append(t.tail, p...)
	if over := len(t.tail) - t.max/2; over > 0 {
		t.tail = append(t.tail[:0], t.tail[over:]...)
		t.cut = true
	}
	return n, nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cut {
		return string(t.head) + "\n[...]\n" + string(t.tail)
	}
	return string(t.head) + string(t.tail)
}

func (p *pool) memorySize() uint64 {
	var largest uint64
	for range len(p.idle) {
		select {
		case in := <-p.idle:
			largest = max(largest, in.memorySize())
			p.idle <- in
		default:
		}
	}
	return largest
}

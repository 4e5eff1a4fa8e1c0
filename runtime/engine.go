package runtime

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// Options configure an Engine.
type Options struct {
	// CacheDir holds compiled code between runs. Empty means DefaultCacheDir;
	// "none" keeps compiled code in memory only.
	CacheDir string
	Logger   *slog.Logger
	// HostModules are instantiated in every runtime, besides WASI.
	HostModules []HostModule
}

// An Engine compiles and runs guests. It is safe for concurrent use.
type Engine struct {
	cache   wazero.CompilationCache
	logger  *slog.Logger
	modules []HostModule

	mu       sync.Mutex
	runtimes map[string]wazero.Runtime
	// compiling serialises compilation of the same bytes: runtimes sharing
	// a file cache can publish a module before it is complete when two
	// compile it at once. Different modules compile in parallel.
	compiling sync.Map // sha256 of the module -> *sync.Mutex
	// life is held shared by every compile, instantiation and call, and
	// exclusively by Close: wazero must not close a runtime under them.
	life   sync.RWMutex
	isDone bool
}

// compileLock returns the lock of one module's bytes.
func (e *Engine) compileLock(wasm []byte) *sync.Mutex {
	mu, _ := e.compiling.LoadOrStore(sha256.Sum256(wasm), &sync.Mutex{})
	return mu.(*sync.Mutex)
}

// errClosed is returned by work that starts after Close.
var errClosed = errors.New("engine closed")

// enter holds the engine open for one piece of work; it fails after Close.
func (e *Engine) enter() error {
	e.life.RLock()
	if e.isDone {
		e.life.RUnlock()
		return errClosed
	}
	return nil
}

func (e *Engine) leave() { e.life.RUnlock() }

// NewEngine prepares the compilation cache. Runtimes are made on first use.
func NewEngine(opts Options) (*Engine, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cache, err := openCache(opts.CacheDir)
	if err != nil {
		return nil, err
	}
	return &Engine{
		cache:    cache,
		logger:   logger,
		modules:  opts.HostModules,
		runtimes: map[string]wazero.Runtime{},
	}, nil
}

// DefaultCacheDir is dockmcp's folder in the user's cache directory.
func DefaultCacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache dir: %w", err)
	}
	return filepath.Join(base, "dockmcp", "wazero"), nil
}

func openCache(dir string) (wazero.CompilationCache, error) {
	if dir == "none" {
		return wazero.NewCompilationCache(), nil
	}
	if dir == "" {
		d, err := DefaultCacheDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	if err := privateDir(dir); err != nil {
		return nil, err
	}
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cache dir %s: %w", dir, err)
	}
	return cache, nil
}

// privateDir makes dir (mode 0700) or checks that it belongs to this user
// and tightens its mode: the cache holds code that will be executed.
func privateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cache dir: %w", err)
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("cache dir: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("cache dir %s: not a directory", dir)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("cache dir %s: owned by uid %d, not by this user", dir, st.Uid)
	}
	if info.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("cache dir: %w", err)
		}
	}
	return nil
}

// runtime returns the runtime of class c, making it on first use.
func (e *Engine) runtime(ctx context.Context, c Class) (wazero.Runtime, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	// The memory cap belongs to the runtime: classes that share a name but
	// not a cap (an operator's filter with its own) get runtimes apart.
	key := fmt.Sprintf("%s/%d", c.Name, c.MemoryLimitPages)
	if r, ok := e.runtimes[key]; ok {
		return r, nil
	}
	cfg := wazero.NewRuntimeConfig().
		WithCompilationCache(e.cache).
		WithMemoryLimitPages(c.MemoryLimitPages).
		WithCloseOnContextDone(true)
	r := wazero.NewRuntimeWithConfig(ctx, cfg)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
		return nil, errors.Join(fmt.Errorf("wasi: %w", err), r.Close(ctx))
	}
	for _, h := range e.modules {
		if err := h.instantiate(ctx, r); err != nil {
			return nil, errors.Join(fmt.Errorf("host module %s: %w", h.Name, err), r.Close(ctx))
		}
	}
	e.runtimes[key] = r
	return r, nil
}

func (e *Engine) closed() bool {
	if e.life.TryRLock() {
		defer e.life.RUnlock()
		return e.isDone
	}
	return true // Close holds it
}

// Close waits for the compiles, instantiations and calls in progress, then
// closes every runtime and the cache. Work started after it fails.
func (e *Engine) Close(ctx context.Context) error {
	e.life.Lock()
	defer e.life.Unlock()
	if e.isDone {
		return nil
	}
	e.isDone = true
	e.mu.Lock()
	rs := e.runtimes
	e.mu.Unlock()
	var errs []error
	for _, r := range rs {
		errs = append(errs, r.Close(ctx))
	}
	errs = append(errs, e.cache.Close(ctx))
	return errors.Join(errs...)
}

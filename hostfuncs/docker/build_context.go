package docker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/moby/go-archive"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/dockmcp/dockmcp/hostfuncs/progress"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// DefaultBuildContextBytes caps the tar of a build context unless
// WithBuildContextLimit says otherwise.
const DefaultBuildContextBytes = 256 << 20

// buildConfig holds what image_build may read on the host.
type buildConfig struct {
	roots    []string // nil: the process's working directory
	maxBytes int64    // 0: DefaultBuildContextBytes
}

// WithBuildRoots sets the directories under which image_build accepts a
// build context. With none, the only root is the working directory of the
// process at the time of the build. The operator sets them with
// policy.build.roots.
func WithBuildRoots(roots ...string) Option {
	return func(o *Ops) { o.build.roots = append([]string(nil), roots...) }
}

// WithBuildContextLimit caps the tar of a build context at n bytes; n <= 0
// means DefaultBuildContextBytes.
func WithBuildContextLimit(n int64) Option {
	return func(o *Ops) { o.build.maxBytes = max(n, 0) }
}

func (c buildConfig) limit() int64 {
	if c.maxBytes == 0 {
		return DefaultBuildContextBytes
	}
	return c.maxBytes
}

func (c buildConfig) rootList() ([]string, error) {
	if len(c.roots) > 0 {
		return c.roots, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("build roots: %w", err)
	}
	return []string{wd}, nil
}

// buildSource is a checked build context: a real directory under a root,
// the Dockerfile's slash path inside it, and the .dockerignore patterns.
type buildSource struct {
	dir        string
	dockerfile string
	excludes   []string
}

// source resolves and checks the context and Dockerfile of a build.
func (c buildConfig) source(context, dockerfile string) (buildSource, error) {
	dir, err := c.contextDir(context)
	if err != nil {
		return buildSource{}, err
	}
	df, err := dockerfileIn(dir, dockerfile)
	if err != nil {
		return buildSource{}, err
	}
	excludes, err := readDockerignore(dir, df)
	if err != nil {
		return buildSource{}, err
	}
	return buildSource{dir: dir, dockerfile: df, excludes: excludes}, nil
}

// contextDir resolves path (relative to the first root when not absolute),
// with every symlink evaluated, and accepts it only under a root.
func (c buildConfig) contextDir(path string) (string, error) {
	if strings.TrimSpace(path) == "" {
		return "", invalid("context", "a directory on the host is required, "+
			"such as \"/home/me/app\" or \".\"")
	}
	roots, err := c.rootList()
	if err != nil {
		return "", err
	}
	p := path
	if !filepath.IsAbs(p) {
		p = filepath.Join(roots[0], p)
	}
	real, err := filepath.EvalSymlinks(filepath.Clean(p))
	if err != nil {
		return "", pathError("context", path, err)
	}
	if !underAny(roots, real) {
		return "", abi.Errorf(abi.CodeDenied, "context: %q resolves to %q, which is "+
			"outside the allowed build roots (%s). Use a context under one of them. To "+
			"allow another directory, start dockmcp in it or in a parent (the default "+
			"build root is the directory dockmcp starts in), or add it to "+
			"policy.build.roots in the configuration file.", path, real,
			strings.Join(roots, ", "))
	}
	if st, err := os.Stat(real); err != nil {
		return "", pathError("context", path, err)
	} else if !st.IsDir() {
		return "", invalid("context", "%q is not a directory; give the directory that "+
			"holds the Dockerfile and the files it copies", path)
	}
	return real, nil
}

func underAny(roots []string, p string) bool {
	for _, r := range roots {
		real, err := filepath.EvalSymlinks(r)
		if err == nil && within(real, p) {
			return true
		}
	}
	return false
}

// within reports whether p is dir or below it; both are clean and absolute.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// dockerfileIn resolves name (default "Dockerfile") inside dir and returns
// its slash path relative to dir. Through ".." or a symlink, it must stay
// inside dir: the daemon reads it from the context.
func dockerfileIn(dir, name string) (string, error) {
	if name == "" {
		name = "Dockerfile"
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", pathError("dockerfile", name, err)
	}
	if !within(dir, real) {
		return "", invalid("dockerfile", "%q resolves to %q, outside the build context "+
			"%q; the Dockerfile must be inside the context, such as \"Dockerfile\" or "+
			"\"docker/Dockerfile.dev\"", name, real, dir)
	}
	if st, err := os.Stat(real); err != nil {
		return "", pathError("dockerfile", name, err)
	} else if !st.Mode().IsRegular() {
		return "", invalid("dockerfile", "%q is not a regular file", name)
	}
	rel, _ := filepath.Rel(dir, real)
	return filepath.ToSlash(rel), nil
}

func pathError(field, path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abi.Errorf(abi.CodeNotFound, "%s: %q does not exist on the host", field, path)
	case errors.Is(err, fs.ErrPermission):
		return abi.Errorf(abi.CodeDenied, "%s: %q cannot be read: %v", field, path, err)
	}
	return invalid(field, "%q: %v", path, err)
}

// readDockerignore reads the context's .dockerignore. As the docker CLI
// does, the Dockerfile and .dockerignore are always sent: the daemon needs
// the first, and reads the second itself.
func readDockerignore(dir, dockerfile string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, ".dockerignore"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, pathError("context", ".dockerignore", err)
	}
	defer f.Close()
	excludes, err := ignorefile.ReadAll(f)
	if err != nil {
		return nil, invalid("context", ".dockerignore: %v", err)
	}
	if len(excludes) == 0 {
		return nil, nil
	}
	return append(excludes, "!.dockerignore", "!"+dockerfile), nil
}

// tar streams the context as an uncompressed tar, owned by root as the
// docker CLI sends it, without what .dockerignore excludes.
//
// TODO: go-archive skips a file it cannot read and logs it (and a reader
// closed early) through containerd/log to stderr, not through the server's
// slog; check readability first, as the docker CLI does, to fail clearly.
func (s buildSource) tar() (io.ReadCloser, error) {
	return archive.TarWithOptions(s.dir, &archive.TarOptions{
		ExcludePatterns: s.excludes,
		ChownOpts:       &archive.ChownOpts{UID: 0, GID: 0},
	})
}

// measure returns the size of the context's tar, or CodeTooLarge as soon
// as it passes limit: nothing reaches the daemon before the size is known.
func (s buildSource) measure(ctx context.Context, limit int64) (int64, error) {
	rc, err := s.tar()
	if err != nil {
		return 0, fmt.Errorf("build context: %w", err)
	}
	defer rc.Close()
	buf := make([]byte, 256<<10)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		k, err := rc.Read(buf)
		if n += int64(k); n > limit {
			return n, tooLarge(limit)
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		} else if err != nil {
			return n, fmt.Errorf("build context: %w", err)
		}
	}
}

func tooLarge(limit int64) *abi.Error {
	return abi.Errorf(abi.CodeTooLarge, "context: the build context is larger than the "+
		"cap of %s, so nothing was sent. List what the build does not need (build "+
		"output, dependencies, .git) in the context's .dockerignore, or choose a "+
		"smaller context directory.", mib(limit))
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// upload feeds the context's tar to the daemon, reports how much went and
// stops at the cap should the files have grown since they were measured.
type upload struct {
	r          io.Reader
	sent, size int64
	limit      int64
	rep        *progress.Reporter
	err        error // the cap error, when it tripped
}

func (u *upload) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	u.sent += int64(n)
	if u.sent > u.limit {
		u.err = tooLarge(u.limit)
		return 0, u.err
	}
	if n > 0 && u.size > 0 {
		// Upload takes the progress range [0, 0.9); steps count from 1.
		u.rep.Report(progress.Update{
			Progress: 0.9 * float64(u.sent) / float64(u.size),
			Message:  "Sending build context: " + mib(u.sent) + " of " + mib(u.size),
		}, false)
	}
	return n, err
}

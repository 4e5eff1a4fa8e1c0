package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/distribution/reference"
	"github.com/moby/moby/api/types/build"
	"github.com/moby/moby/api/types/jsonstream"
	"github.com/moby/moby/client"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/progress"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Limits of image_build.
const (
	DefaultBuildTimeoutSeconds = 600
	MaxBuildTimeoutSeconds     = 840
	BuildTailLines             = 20 // lines of output kept for the answer
)

// ImageBuild builds an image from a context directory on the host
// (POST /build) with the classic builder, and tags it.
//
// The context must resolve, symlinks evaluated, under a build root (see
// WithBuildRoots); the Dockerfile (default "Dockerfile") must resolve inside
// the context. What the context's .dockerignore excludes is not sent. The
// context's tar is measured first and refused over the cap (see
// WithBuildContextLimit) before anything reaches the daemon. Upload and
// each "Step n/N" line are reported through the context's progress
// reporter. The build stops when ctx ends or after TimeoutSeconds.
//
// The classic builder (build.BuilderV1) is chosen on purpose: BuildKit needs
// a client session to pull a base image, which this host does not run.
//
// Errors: CodeInvalid for a missing tag or context, a tag that is not a
// valid reference, a bad platform or timeout, or a Dockerfile outside the
// context; CodeDenied for a context outside the build roots; CodeNotFound
// for a context or Dockerfile that does not exist; CodeTooLarge when the
// context passes the cap; CodeTimeout when ctx or the timeout ends the
// build; CodeDaemon when the build fails, with the daemon's error and the
// last lines of output (as many of BuildTailLines as fit in the message);
// CodeUnavailable.
func (o *Ops) ImageBuild(
	ctx context.Context, req dockerapi.ImageBuildRequest,
) (dockerapi.ImageBuildResult, error) {
	opts, timeout, err := buildOptions(req)
	if err != nil {
		return dockerapi.ImageBuildResult{}, err
	}
	src, err := o.build.source(req.Context, req.Dockerfile)
	if err != nil {
		return dockerapi.ImageBuildResult{}, err
	}
	opts.Dockerfile = src.dockerfile

	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	size, err := src.measure(ctx, o.build.limit())
	if err != nil {
		return dockerapi.ImageBuildResult{}, o.buildFailed(ctx, err, timeout, nil)
	}
	log := &buildLog{rep: progress.From(ctx)}
	id, err := o.runBuild(ctx, src, size, opts, log)
	if err != nil {
		return dockerapi.ImageBuildResult{}, o.buildFailed(ctx, err, timeout, log.tail())
	}
	return dockerapi.ImageBuildResult{
		ImageID: id, Tags: opts.Tags, Lines: log.tail(), ContextBytes: size,
	}, nil
}

// buildOptions checks the fields of req that need no file system.
func buildOptions(req dockerapi.ImageBuildRequest) (client.ImageBuildOptions, time.Duration,
	error) {
	var opts client.ImageBuildOptions
	if len(req.Tags) == 0 {
		return opts, 0, invalid("tag", "at least one tag is required, such as \"myapp:dev\"")
	}
	for _, tag := range req.Tags {
		if err := checkTag(tag); err != nil {
			return opts, 0, err
		}
	}
	platforms, err := buildPlatforms(req.Platform)
	if err != nil {
		return opts, 0, err
	}
	secs := req.TimeoutSeconds
	if secs == 0 {
		secs = DefaultBuildTimeoutSeconds
	} else if secs < 0 || secs > MaxBuildTimeoutSeconds {
		return opts, 0, invalid("timeoutSeconds", "must be 1 to %d, such as 600",
			MaxBuildTimeoutSeconds)
	}
	args := make(map[string]*string, len(req.BuildArgs))
	for k, v := range req.BuildArgs {
		args[k] = &v
	}
	return client.ImageBuildOptions{
		Tags:        req.Tags,
		BuildArgs:   args,
		Target:      req.Target,
		Labels:      req.Labels,
		NoCache:     req.NoCache,
		PullParent:  req.Pull,
		Platforms:   platforms,
		Remove:      true,
		ForceRemove: true,
		Version:     build.BuilderV1,
	}, time.Duration(secs) * time.Second, nil
}

func checkTag(tag string) error {
	named, err := reference.ParseNormalizedNamed(tag)
	if err == nil {
		if _, ok := named.(reference.Digested); ok {
			err = errors.New("a tag cannot hold a digest")
		}
	}
	if err != nil {
		return invalid("tag", "%q is not a valid image name: %v; use NAME[:TAG] in lower "+
			"case, such as \"myapp:dev\" or \"registry.local/team/app:1.2\"", tag, err)
	}
	return nil
}

// parsePlatform reads "os/arch[/variant]", such as "linux/amd64".
// buildPlatforms is the platform list of a build: none, or the one asked.
func buildPlatforms(s string) ([]ocispec.Platform, error) {
	if s == "" {
		return nil, nil
	}
	p, err := parsePlatform(s)
	if err != nil {
		return nil, err
	}
	return []ocispec.Platform{p}, nil
}

// runBuild sends the context and reads the build's output to its end. It
// returns the image ID.
func (o *Ops) runBuild(ctx context.Context, src buildSource, size int64,
	opts client.ImageBuildOptions, log *buildLog) (string, error) {
	tarball, err := src.tar()
	if err != nil {
		return "", fmt.Errorf("build context: %w", err)
	}
	defer tarball.Close()
	body := &upload{r: tarball, size: size, limit: o.build.limit(), rep: log.rep}
	res, err := o.cli.ImageBuild(ctx, body, opts)
	if body.err != nil {
		return "", body.err
	} else if err != nil {
		return "", err
	}
	defer res.Body.Close()
	stop := context.AfterFunc(ctx, func() { _ = res.Body.Close() })
	defer stop()
	id, err := readBuild(res.Body, log)
	if err != nil || id != "" {
		return id, err
	}
	img, err := o.cli.ImageInspect(ctx, opts.Tags[0])
	if err != nil {
		return "", err
	}
	return img.ID, nil
}

// readBuild decodes the build's message stream: errors arrive inside it,
// under an HTTP 200, as a message with errorDetail. It returns the image ID
// the daemon sent as aux, if any.
func readBuild(r io.Reader, log *buildLog) (string, error) {
	dec := json.NewDecoder(r)
	var id string
	for {
		var m jsonstream.Message
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			return id, nil
		} else if err != nil {
			return id, fmt.Errorf("read build output: %w", err)
		}
		switch {
		case m.Error != nil:
			return id, m.Error
		case m.Aux != nil:
			var aux struct{ ID string }
			if json.Unmarshal(*m.Aux, &aux) == nil && aux.ID != "" {
				id = aux.ID
			}
		case m.Stream != "":
			log.write(m.Stream)
		case m.Status != "" && m.Progress == nil:
			log.write(m.Status + "\n")
		}
	}
}

// buildFailed makes the error of a failed build: the daemon's error, then
// the newest output lines that fit in abi.MaxMessage.
func (o *Ops) buildFailed(ctx context.Context, err error, timeout time.Duration,
	lines []string) error {
	var e *abi.Error
	switch {
	case ctx.Err() != nil:
		e = abi.Errorf(abi.CodeTimeout, "the build was stopped before it ended: its "+
			"timeout (%s, set with timeoutSeconds), the call's deadline or the client "+
			"ended it (%v).", timeout, ctx.Err())
	case errors.As(err, &e):
		return e
	default:
		e = o.fail(err)
		e.Message = "the build failed: " + e.Message
	}
	e.Message = withLines(e.Message, lines)
	return e
}

// withLines appends as many of the newest lines to msg as fit in
// abi.MaxMessage, each cut to a sensible width.
func withLines(msg string, lines []string) string {
	if len(lines) == 0 {
		return msg
	}
	const head = "\nLast build lines:\n"
	msg = abi.Truncate(msg, abi.MaxMessage/2)
	room := abi.MaxMessage - len(msg) - len(head)
	var keep []string
	for i := len(lines) - 1; i >= 0; i-- {
		line := abi.Truncate(lines[i], 160)
		if room -= len(line) + 1; room < 0 {
			break
		}
		keep = append([]string{line}, keep...)
	}
	if len(keep) == 0 {
		return msg
	}
	return msg + head + strings.Join(keep, "\n")
}

// buildLog keeps the last BuildTailLines lines of a build's output and
// reports each step as progress.
type buildLog struct {
	rep     *progress.Reporter
	partial string
	lines   []string
}

func (l *buildLog) write(s string) {
	s = l.partial + s
	parts := strings.Split(s, "\n")
	l.partial = parts[len(parts)-1]
	for _, line := range parts[:len(parts)-1] {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		l.add(line)
	}
}

func (l *buildLog) add(line string) {
	l.lines = append(l.lines, line)
	if len(l.lines) > BuildTailLines {
		l.lines = l.lines[len(l.lines)-BuildTailLines:]
	}
	var n, total int
	if _, err := fmt.Sscanf(line, "Step %d/%d :", &n, &total); err == nil && n > 0 {
		l.rep.Report(progress.Update{Progress: float64(n), Total: float64(total),
			Message: line}, true)
	}
}

// tail returns the kept lines, with any unterminated last line.
func (l *buildLog) tail() []string {
	out := append([]string{}, l.lines...)
	if strings.TrimSpace(l.partial) != "" {
		out = append(out, l.partial)
	}
	if len(out) > BuildTailLines {
		out = out[len(out)-BuildTailLines:]
	}
	return out
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpImageBuild, typed(o.ImageBuild)},
		}
	})
}

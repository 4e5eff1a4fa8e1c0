package docker

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/distribution/reference"
	"github.com/moby/moby/api/types/jsonstream"
	"github.com/moby/moby/client"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/progress"
)

// maxTransferSeconds caps timeoutSeconds of a pull or push.
const maxTransferSeconds = 840

// ImagePull pulls an image from its registry (POST /images/create) with the
// credentials the user's Docker config holds for that registry (see
// lookupAuth), reporting layers and bytes through the call's progress
// reporter. It gives up after req.TimeoutSeconds (default
// dockerapi.DefaultTransferSeconds) or when ctx ends. Failures that arrive
// inside the daemon's HTTP 200 progress stream are errors too.
//
// Errors: CodeInvalid for a malformed image, platform or timeout, or an
// unreadable Docker config; CodeDenied when the registry wants credentials
// the config does not hold, or refuses them (the message names the config
// and the docker login to run); CodeNotFound when the image or tag does not
// exist; CodeTimeout; CodeUnavailable; CodeDaemon.
func (o *Ops) ImagePull(
	ctx context.Context, req dockerapi.ImagePullRequest,
) (dockerapi.TransferResult, error) {
	ref, err := transferRef(req.Image)
	if err != nil {
		return dockerapi.TransferResult{}, err
	}
	opts := client.ImagePullOptions{}
	if req.Platform != "" {
		p, err := parsePlatform(req.Platform)
		if err != nil {
			return dockerapi.TransferResult{}, err
		}
		opts.Platforms = []ocispec.Platform{p}
	}
	return o.transfer(ctx, "pull", ref, req.TimeoutSeconds,
		func(ctx context.Context, auth string) (streamer, error) {
			opts.RegistryAuth = auth
			return o.cli.ImagePull(ctx, ref.String(), opts)
		})
}

// ImagePush pushes an image to the registry its name says (POST
// /images/{name}/push), with credentials, progress, timeout and errors as
// [Ops.ImagePull]. A name without a tag pushes its "latest".
func (o *Ops) ImagePush(
	ctx context.Context, req dockerapi.ImagePushRequest,
) (dockerapi.TransferResult, error) {
	ref, err := transferRef(req.Image)
	if err != nil {
		return dockerapi.TransferResult{}, err
	}
	if _, ok := ref.(reference.Digested); ok {
		return dockerapi.TransferResult{}, invalid("image",
			"a digest cannot be pushed; push a tag such as \"registry.local:5000/app:1.0\"")
	}
	return o.transfer(ctx, "push", ref, req.TimeoutSeconds,
		func(ctx context.Context, auth string) (streamer, error) {
			return o.cli.ImagePush(ctx, ref.String(), client.ImagePushOptions{RegistryAuth: auth})
		})
}

// streamer is the progress stream of a pull or push.
type streamer interface {
	JSONMessages(ctx context.Context) iter.Seq2[jsonstream.Message, error]
	Close() error
}

func (o *Ops) transfer(ctx context.Context, verb string, ref reference.Named, seconds int,
	start func(context.Context, string) (streamer, error)) (dockerapi.TransferResult, error) {
	limit, err := transferLimit(seconds)
	if err != nil {
		return dockerapi.TransferResult{}, err
	}
	auth, err := lookupAuth(reference.Domain(ref))
	if err != nil {
		return dockerapi.TransferResult{}, err
	}
	tctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	fail := func(err error) error {
		if tctx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("%s %s gave up after timeoutSeconds=%d: %w",
				verb, reference.FamiliarString(ref), int(limit.Seconds()), err)
		}
		return o.fail(&registryError{auth: auth, err: err})
	}
	s, err := start(tctx, auth.encoded)
	if err != nil {
		return dockerapi.TransferResult{}, fail(err)
	}
	defer s.Close()
	t := tracker{verb: verb, reporter: progress.From(ctx), layers: map[string]*layer{}}
	if err := t.read(tctx, s); err != nil {
		return dockerapi.TransferResult{}, fail(err)
	}
	res := t.result()
	res.Image, res.UsedAuth = reference.FamiliarString(ref), auth.found()
	return res, nil
}

func transferRef(image string) (reference.Named, error) {
	s, err := imageRef("image", image)
	if err != nil {
		return nil, err
	}
	ref, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return nil, invalid("image", "%q is not an image reference (%v); use name[:tag] or "+
			"name@digest, such as \"127.0.0.1:5000/app:1.0\"", s, err)
	}
	return reference.TagNameOnly(ref), nil
}

func transferLimit(seconds int) (time.Duration, error) {
	switch {
	case seconds < 0 || seconds > maxTransferSeconds:
		return 0, invalid("timeoutSeconds", "must be between 1 and %d, such as 600",
			maxTransferSeconds)
	case seconds == 0:
		seconds = dockerapi.DefaultTransferSeconds
	}
	return time.Duration(seconds) * time.Second, nil
}

// parsePlatform reads os[/arch[/variant]].
func parsePlatform(s string) (ocispec.Platform, error) {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) > 3 || slicesHasEmpty(parts) {
		return ocispec.Platform{}, invalid("platform",
			"%q is not os[/arch[/variant]], such as \"linux/arm64\" or \"linux/arm/v7\"", s)
	}
	p := ocispec.Platform{OS: strings.ToLower(parts[0])}
	if len(parts) > 1 {
		p.Architecture = strings.ToLower(parts[1])
	}
	if len(parts) > 2 {
		p.Variant = strings.ToLower(parts[2])
	}
	return p, nil
}

func slicesHasEmpty(parts []string) bool {
	for _, p := range parts {
		if p == "" {
			return true
		}
	}
	return false
}

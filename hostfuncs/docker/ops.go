// Package docker holds the host side of the dockmcp_docker_v1 operations as
// plain Go: one method of [Ops] per operation of package dockerapi, each
// calling the Docker SDK and shaping its answer. Every error a method returns
// is an *abi.Error made by errorCode.
package docker

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"syscall"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Ops runs Docker operations with one client.
type Ops struct {
	cli      *client.Client
	endpoint string // the daemon address, as reported to guests
	build    buildConfig
	safety   Safety
	noExec   bool
	// selectors narrow the containers mutating operations act on.
	selectors Selectors
}

// An Option configures Ops.
type Option func(*Ops)

// New returns Ops that use cli. The caller keeps ownership of cli.
func New(cli *client.Client, opts ...Option) *Ops {
	o := &Ops{cli: cli, endpoint: cli.DaemonHost()}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// Endpoint returns the daemon address the client uses.
func (o *Ops) Endpoint() string { return o.endpoint }

// atEndpoint wraps an SDK error with the daemon address it concerns, so
// that errorCode can name it.
type atEndpoint struct {
	endpoint string
	err      error
}

func (e *atEndpoint) Error() string { return e.err.Error() }
func (e *atEndpoint) Unwrap() error { return e.err }

// fail returns errorCode(err), naming the endpoint of o.
func (o *Ops) fail(err error) *abi.Error {
	return errorCode(&atEndpoint{endpoint: o.endpoint, err: err})
}

// errorCode maps an error from the SDK (or from Ops itself) to the code a
// guest sees, with a message cut to abi.MaxMessage. It is the only place
// that makes codes from SDK errors.
func errorCode(err error) *abi.Error {
	var ae *abi.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ae):
		return ae
	case isAuthFailure(err):
		return authFailure(err)
	case errors.Is(err, context.DeadlineExceeded), cerrdefs.IsDeadlineExceeded(err):
		return abi.Errorf(abi.CodeTimeout, "the call's deadline passed: %v", err)
	case errors.Is(err, context.Canceled), cerrdefs.IsCanceled(err):
		return abi.Errorf(abi.CodeTimeout, "the call was cancelled: %v", err)
	case client.IsErrConnectionFailed(err), cerrdefs.IsUnavailable(err):
		return abi.Errorf(abi.CodeUnavailable,
			"cannot reach the Docker daemon at %s: %v", endpointOf(err), err)
	case isConnectionLost(err):
		return abi.Errorf(abi.CodeUnavailable,
			"lost the connection to the Docker daemon at %s (stopped or restarted?): %v",
			endpointOf(err), err)
	case isStreamError(err):
		return streamCode(err)
	case cerrdefs.IsNotFound(err):
		return abi.Errorf(abi.CodeNotFound, "%v", err)
	case cerrdefs.IsConflict(err), cerrdefs.IsAlreadyExists(err):
		return abi.Errorf(abi.CodeConflict, "%v", err)
	case cerrdefs.IsInvalidArgument(err), isClientValidation(err):
		return abi.Errorf(abi.CodeInvalid, "%v", err)
	case cerrdefs.IsPermissionDenied(err), cerrdefs.IsUnauthorized(err),
		errors.Is(err, os.ErrPermission):
		return abi.Errorf(abi.CodeDenied, "%v", err)
	}
	return abi.Errorf(abi.CodeDaemon, "%v", err)
}

// isConnectionLost reports a connection the daemon dropped mid-answer, as
// when it stops during a streaming call.
func isConnectionLost(err error) bool {
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE)
}

func endpointOf(err error) string {
	if e, ok := errors.AsType[*atEndpoint](err); ok {
		return e.endpoint
	}
	return "the configured address"
}

// isClientValidation reports the SDK's own argument checks, which it makes
// as untyped errors (for example a bad "since" in ContainerLogs).
func isClientValidation(err error) bool {
	return strings.HasPrefix(err.Error(), "invalid value for ")
}

// invalid makes the error of a request field out of range.
func invalid(field, format string, args ...any) *abi.Error {
	e := abi.Errorf(abi.CodeInvalid, format, args...)
	e.Message = abi.Truncate(field+": "+e.Message, abi.MaxMessage)
	return e
}

// containerRef checks a container ID or name and drops Docker's leading
// slash from a name.
func containerRef(id string) (string, error) {
	ref := strings.TrimPrefix(strings.TrimSpace(id), "/")
	if ref == "" {
		return "", invalid("id", "a container ID or name is required, such as \"web-1\"")
	}
	return ref, nil
}

// authPhrases are what registries and the daemon say when credentials are
// missing or refused.
var authPhrases = []string{
	"no basic auth credentials", "unauthorized", "authentication required",
	"requested access to the resource is denied", "may require 'docker login'",
}

// isAuthFailure reports a pull or push that a registry refused for want of
// valid credentials, whether the daemon said so with a status or inside
// its progress stream.
func isAuthFailure(err error) bool {
	if _, ok := errors.AsType[*registryError](err); !ok {
		return false
	}
	if cerrdefs.IsUnauthorized(err) {
		return true
	}
	if se, ok := errors.AsType[*streamError](err); ok && se.e.Code == 401 {
		return true
	}
	msg := strings.ToLower(err.Error())
	for _, p := range authPhrases {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// authFailure names the registry, the Docker config read for it and the
// docker login that would help. It never shows a credential.
func authFailure(err error) *abi.Error {
	re, _ := errors.AsType[*registryError](err)
	a := re.auth
	if !a.found() {
		return abi.Errorf(abi.CodeDenied,
			"no credentials for registry %s in %s; run docker login %s (the registry said: %v)",
			a.registry, a.configPath, a.registry, re.err)
	}
	return abi.Errorf(abi.CodeDenied, "registry %s refused the credentials for it in %s; "+
		"run docker login %s to renew them (the registry said: %v)",
		a.registry, a.configPath, a.registry, re.err)
}

func isStreamError(err error) bool {
	_, ok := errors.AsType[*streamError](err)
	return ok
}

// streamCode classifies an error message from a pull or push stream, which
// carries an HTTP-like code only sometimes.
func streamCode(err error) *abi.Error {
	se, _ := errors.AsType[*streamError](err)
	msg := strings.ToLower(se.e.Message)
	switch {
	case se.e.Code == 404, strings.Contains(msg, "not found"),
		strings.Contains(msg, "manifest unknown"), strings.Contains(msg, "does not exist"):
		return abi.Errorf(abi.CodeNotFound, "%v", err)
	case se.e.Code == 401, se.e.Code == 403:
		return abi.Errorf(abi.CodeDenied, "%v", err)
	}
	return abi.Errorf(abi.CodeDaemon, "%v", err)
}

package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

func TestMain(m *testing.M) { dockertest.Main(m) }

func newOps(t *testing.T) *Ops { return New(dockertest.Client(t)) }

// wantCode fails t unless err is an *abi.Error with code c whose message
// holds every one of substr.
func wantCode(t *testing.T, err error, c abi.Code, substr ...string) {
	t.Helper()
	var ae *abi.Error
	if !errors.As(err, &ae) || ae.Code != c {
		t.Fatalf("error = %v, want code %v", err, c)
	}
	for _, s := range substr {
		if !strings.Contains(ae.Message, s) {
			t.Errorf("message %q lacks %q", ae.Message, s)
		}
	}
	if len(ae.Message) > abi.MaxMessage {
		t.Errorf("message of %d bytes", len(ae.Message))
	}
}

func TestErrorCode(t *testing.T) {
	long := errors.New(strings.Repeat("x", 2*abi.MaxMessage))
	tests := []struct {
		err  error
		want abi.Code
	}{
		{cerrdefs.ErrNotFound, abi.CodeNotFound},
		{fmt.Errorf("op: %w", cerrdefs.ErrConflict), abi.CodeConflict},
		{cerrdefs.ErrInvalidArgument, abi.CodeInvalid},
		{cerrdefs.ErrPermissionDenied, abi.CodeDenied},
		{cerrdefs.ErrUnavailable, abi.CodeUnavailable},
		{fmt.Errorf("events: %w", io.ErrUnexpectedEOF), abi.CodeUnavailable},
		{context.DeadlineExceeded, abi.CodeTimeout},
		{context.Canceled, abi.CodeTimeout},
		{errors.New(`invalid value for "since": bad`), abi.CodeInvalid},
		{long, abi.CodeDaemon},
		{abi.Errorf(abi.CodeTooLarge, "kept"), abi.CodeTooLarge},
	}
	for _, tt := range tests {
		wantCode(t, errorCode(tt.err), tt.want)
	}
	if errorCode(nil) != nil {
		t.Error("errorCode(nil) != nil")
	}
}

func TestUnreachable(t *testing.T) {
	const host = "unix:///nonexistent/dockmcp-test.sock"
	cli, err := client.New(client.WithHost(host))
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	o := New(cli)
	_, err = o.Ping(t.Context(), struct{}{})
	wantCode(t, err, abi.CodeUnavailable, host)
	_, err = o.ContainerList(t.Context(), listReq(nil))
	wantCode(t, err, abi.CodeUnavailable, host)
}

func TestPingVersion(t *testing.T) {
	o := newOps(t)
	p, err := o.Ping(t.Context(), struct{}{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Endpoint != o.cli.DaemonHost() || p.APIVersion == "" || p.OSType == "" {
		t.Errorf("Ping = %+v", p)
	}
	v, err := o.Version(t.Context(), struct{}{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Version == "" || v.APIVersion == "" || v.KernelVersion == "" || v.GoVersion == "" ||
		v.ClientAPIVersion != p.APIVersion || v.Endpoint != p.Endpoint {
		t.Errorf("Version = %+v", v)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

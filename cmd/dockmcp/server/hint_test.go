package server

import (
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// A not-found hint names the list tool of what the daemon said is missing,
// and nothing when it named something else.
func TestHintFor(t *testing.T) {
	for _, tc := range []struct {
		msg  string
		code abi.Code
		want string
	}{
		{"Error response from daemon: No such container: web", abi.CodeNotFound, "list_containers"},
		{"Error response from daemon: No such image: app:1", abi.CodeNotFound, "list_images"},
		{"Error response from daemon: network backend not found", abi.CodeNotFound,
			"list_networks"},
		{"get pgdata: no such volume", abi.CodeNotFound, "list_volumes"},
		{`plugin "nosuch" not found`, abi.CodeNotFound, ""},
		{"executable not found in the container: /x", abi.CodeNotFound, ""},
		{"cannot reach the Docker daemon at unix:///x", abi.CodeUnavailable, "daemon running"},
		{"No such container: web", abi.CodeConflict, ""},
	} {
		got := hintFor(tc.msg, tc.code)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("hintFor(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}

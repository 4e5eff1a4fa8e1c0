package main

import (
	"strings"
	"testing"
)

// The filter's logic is tested natively, as a filter author would: go test
// in this folder. Fakes only: no real host or person.
func TestRedacts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"connect db-1.eu.corp.example:5432", "connect [REDACTED:corp-host]:5432"},
		{"https://git.corp.example/x", "https://[REDACTED:corp-host]/x"},
		{"host=a.corp.example\n", "host=[REDACTED:corp-host]\n"},
		{"user EMP-123456 logged in", "user [REDACTED:employee-id] logged in"},
		{"(EMP-000001)", "([REDACTED:employee-id])"},
		{"EMP-123456.corp.example", "[REDACTED:corp-host]"},
		// Left alone.
		{"x.corp.example.org", "x.corp.example.org"},
		{".corp.example", ".corp.example"},
		{"EMP-12345 EMP-1234567 XEMP-123456", "EMP-12345 EMP-1234567 XEMP-123456"},
		{"plain line", "plain line"},
		{"", ""},
	} {
		got := string(stream{}.Filter(nil, []byte(tc.in)))
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
		// Idempotent: a second pass changes nothing.
		if again := string(stream{}.Filter(nil, []byte(got))); again != got {
			t.Errorf("%q: second pass gave %q", got, again)
		}
	}
}

func TestKeepsDst(t *testing.T) {
	got := string(stream{}.Filter([]byte("head:"), []byte("EMP-123456")))
	if !strings.HasPrefix(got, "head:") {
		t.Fatalf("got %q", got)
	}
}

package server

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"testing/iotest"
)

func TestLineCap(t *testing.T) {
	long := strings.Repeat("x", 25)
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"a\nbb\n", "a\nbb\n"},
		{"0123456789\n", "0123456789\n"},
		{"0123456789a\nok\n", "0123456789\nok\n"},
		{long + "\n" + long + "\nend", "xxxxxxxxxx\nxxxxxxxxxx\nend"},
		{long, "xxxxxxxxxx\n"},
	} {
		for _, r := range []io.Reader{strings.NewReader(tc.in),
			iotest.OneByteReader(strings.NewReader(tc.in))} {
			got, err := io.ReadAll(newLineCap(r, 10, slog.New(slog.DiscardHandler)))
			if err != nil || string(got) != tc.want {
				t.Errorf("%q: got %q, %v; want %q", tc.in, got, err, tc.want)
			}
		}
	}
}

package redact

import (
	"strconv"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/anchors"
)

// mixedLog returns about size bytes of log: mostly ordinary lines of the
// kinds containers print, one line in 50 holding a (fake) secret or a decoy.
func mixedLog(size int) []byte {
	innocent := []string{
		`2024-05-01T12:00:00.000Z INFO  http: GET /api/v1/items?page=2 200 12ms ua="curl/8.5.0"`,
		`time="2024-05-01T12:00:01Z" level=info msg="container started" id=3f4e5d6c7b8a9f0e1d2c`,
		`{"level":"debug","ts":1714564801.5,"caller":"worker/pool.go:88","msg":"job done","n":17}`,
		`[main] connecting to db host=postgres port=5432 sslmode=disable pool=10`,
		`llm usage prompt_tokens=812 completion_tokens=211 total_tokens=1023 model=gpt-4o`,
		`WARN: password reset email sent to user 1234 (template=reset_v2)`,
		`    at com.example.Service.handle(Service.java:42) ~[app.jar:1.0.0]`,
		`pulling sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`,
		`GET https://registry.example.com/v2/library/nginx/manifests/latest 200 OK`,
		`cache key=user:42 hit=true ttl=300s size=1.2KB`,
	}
	// The secret lines are the corpus's, every kind in every wrapper.
	var secret []string
	for _, r := range corpus(2, 1) {
		if len(r.in) == 1 && len(r.in[0]) < 4<<10 {
			secret = append(secret, r.in[0])
		}
	}
	var b []byte
	for i := 0; len(b) < size; i++ {
		if i%50 == 49 {
			b = append(b, secret[(i/50)%len(secret)]...)
		} else {
			b = append(b, innocent[i%len(innocent)]...)
			b = strconv.AppendInt(append(b, " seq="...), int64(i), 10)
		}
		b = append(b, '\n')
	}
	return b
}

// BenchmarkRedact redacts a mixed 20 MB log in one call.
func BenchmarkRedact(b *testing.B) {
	in := mixedLog(20 << 20)
	dst := make([]byte, 0, len(in)+len(in)/8)
	r := New()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		dst = r.Redact(dst[:0], in)
	}
}

// BenchmarkRedactLines feeds the same log one line per call, as the filter
// guest receives it.
func BenchmarkRedactLines(b *testing.B) {
	in := mixedLog(4 << 20)
	var lines [][]byte
	for len(in) > 0 {
		n := lineEnd(in, 0) + 1
		lines, in = append(lines, in[:n]), in[n:]
	}
	dst := make([]byte, 0, 1<<10)
	r := New()
	b.SetBytes(int64(4 << 20))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			dst = r.Redact(dst[:0], l)
		}
	}
}

// BenchmarkWindowed is the work of a filter call split as the sandbox
// splits it: the host finds the windows, the redactor sees only those.
func BenchmarkWindowed(b *testing.B) {
	in := mixedLog(20 << 20)
	set, err := anchors.Compile(abi.AnchorSet{Anchors: Anchors()})
	if err != nil {
		b.Fatal(err)
	}
	text := string(in)
	b.Run("host", func(b *testing.B) {
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			set.Windows(text)
		}
	})
	b.Run("filter", func(b *testing.B) {
		wins := set.Windows(text)
		b.SetBytes(int64(len(in)))
		var dst []byte
		for b.Loop() {
			r := New()
			for _, w := range wins {
				dst = r.RedactHits(dst[:0], in[w.Start:w.End], w.Hits)
			}
		}
	})
}

// BenchmarkDense redacts lines packed with keywords, each 1 MiB of one
// pattern repeated on one line or on many: shapes that once cost the square
// of their length (refused values searched again from inside, nested
// defaults, BEGIN lines) or a regexp pass over a whole window per keyword
// (Kubernetes' env lists). Each should run at a rate that does not fall as
// the input grows.
func BenchmarkDense(b *testing.B) {
	for _, tc := range []struct{ name, pat string }{
		{"defaults", "${PASSWORD:-"},
		{"nested", "${DB_PASSWORD:-${"},
		{"blob", "password={"},
		{"env-list", `{"name":"DB_PASSWORD","value":"s3cr3tvalue"},`},
		{"xml-entries", `<entry key="password">x</entry>`},
		{"dsns", "a:b@tcp("},
		{"begin-lines", "msg=\"bad key: -----BEGIN PRIVATE KEY-----\"\n"},
		{"clients", "mongo mysql -p redis-cli -a "},
	} {
		in := []byte(strings.Repeat(tc.pat, (1<<20)/len(tc.pat)))
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			var dst []byte
			for b.Loop() {
				dst = New().Redact(dst[:0], in)
			}
		})
	}
}

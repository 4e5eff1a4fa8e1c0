package redact

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// agree fails t where a kind's hand-written matcher and its regexp answer
// differently on any suffix of in.
func agree(t *testing.T, in []byte) {
	t.Helper()
	for i := range kinds {
		k := &kinds[i]
		if k.match == nil {
			continue
		}
		for s := range len(in) + 1 {
			got, want := k.match(in[s:]), k.at.FindSubmatchIndex(in[s:])
			if !slices.Equal(got, want) {
				t.Fatalf("kind %d (%s) on %q: matcher %v, regexp %v", i, k.at, in[s:], got,
					want)
			}
		}
	}
}

// TestMatchersAgree compares the matchers with the regexps on the tables,
// the corpus and random text made of the bytes the patterns care about.
func TestMatchersAgree(t *testing.T) {
	for _, in := range tableInputs() {
		// Every suffix of a long line costs its square: its ends will do.
		if len(in) > 512 {
			agree(t, []byte(in[len(in)-256:]))
			in = in[:256]
		}
		agree(t, []byte(in))
	}
	alphabet := []string{"a", "Z", "0", "9", "_", "-", ".", ":", "=", "@", "/", "\\", `"`,
		"'", " ", "\t", "\n", "\x1b", "[", "m", ";", "1", "u001b", `\u001b[`, "\x1b[0m",
		"eyJ", "AKIA", "ghp_", "xoxb-", "sk-", "bearer", "BaSiC", "://", `:\/\/`, "key", "=", "%",
		")", ":=", "${", "}", "--password ", `","`, "Token ", "authorization: ", ",", "&", "ſ", "\xff", "é", "n",
		"t", "r", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "mysql", "MySQLadmin", "redis-cli", "sshpass",
		"mongosh", "MariaDB", "REDIS-cli"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 4000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		agree(t, []byte(b.String()))
	}
}

// TestMatchOffSame: with the matchers off, every input redacts the same.
func TestMatchOffSame(t *testing.T) {
	for _, in := range append(tableInputs(), string(mixedLog(256<<10))) {
		fast := String(in)
		matchOff = true
		slow := String(in)
		matchOff = false
		if fast != slow {
			t.Errorf("%.200q:\n matchers %.300q\n regexps %.300q", in, fast, slow)
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, in := range tableInputs()[:50] {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 512 {
			in = in[:512]
		}
		agree(t, in)
	})
}

package redact

import (
	"bytes"
	"encoding/base64"
	"regexp"
)

// A kind is one shape of secret: its replacement next to its pattern, the
// literal keywords a match starts with or holds, and a check that confirms a
// match and says what to replace.
//
// The pattern runs, anchored, only where a keyword occurs: at the keyword, or
// for a kind with back, at the start of the run of back bytes holding it (the
// key of KEY=VALUE, the scheme of a URL). A match refused by its check is
// skipped up to m[resume]. For kinds without back that is the match's end,
// which is sound: a match starting inside it ends where it does and holds a
// suffix of it.
type kind struct {
	repl     string         // the replacement, unless check names another
	re       *regexp.Regexp // compiled once; never spans '\n'
	keywords []string       // where the pattern may match
	fold     bool           // keywords are lower case and matched case-blind
	back     func(c byte) bool
	check    check
	resume   int // on a refused match, search again from m[resume]; 0: m[1]

	kw [][]byte       // keywords, as made by init
	at *regexp.Regexp // re anchored, as made by init
}

// A check looks at a match m (submatch indexes into b) and returns the span
// to replace and its replacement ("" for the kind's), or ok false to leave
// the text alone.
type check func(b []byte, m []int) (s, e int, repl string, ok bool)

// A span is a replacement found in a region.
type span struct {
	s, e int
	kind int // index in kinds; lower wins a tie
	repl string
}

// kinds is the table, most specific first.
var kinds = []kind{{
	repl: "[REDACTED:aws-access-key-id]", re: regexp.MustCompile(`A[KS]IA[A-Z0-9]{16}`),
	keywords: []string{"AKIA", "ASIA"}, check: isolated,
}, {
	repl: "[REDACTED:github-token]", re: regexp.MustCompile(`gh[pousr]_[A-Za-z0-9]{36,}`),
	keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, check: wordStart,
}, {
	repl: "[REDACTED:github-token]", re: regexp.MustCompile(`github_pat_[A-Za-z0-9_]{22,}`),
	keywords: []string{"github_pat_"}, check: wordStart,
}, {
	repl: "[REDACTED:slack-token]", re: regexp.MustCompile(`xox[abprs]-[A-Za-z0-9-]{10,}`),
	keywords: []string{"xox"}, check: withDigit,
}, {
	repl: "[REDACTED:stripe-key]", re: regexp.MustCompile(`[rs]k_(?:live|test)_[A-Za-z0-9]{10,}`),
	keywords: []string{"sk_live_", "sk_test_", "rk_live_", "rk_test_"}, check: wordStart,
}, {
	repl: "[REDACTED:anthropic-api-key]", re: regexp.MustCompile(`sk-ant-[A-Za-z0-9_-]{20,}`),
	keywords: []string{"sk-ant-"}, check: withDigit,
}, {
	repl: "[REDACTED:openai-api-key]", re: regexp.MustCompile(`sk-[A-Za-z0-9_-]{20,}`),
	keywords: []string{"sk-"}, check: withDigit,
}, {
	repl: "[REDACTED:google-api-key]", re: regexp.MustCompile(`AIza[A-Za-z0-9_-]{35}`),
	keywords: []string{"AIza"}, check: wordStart,
}, {
	repl:     "[REDACTED:jwt]",
	re:       regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`),
	keywords: []string{"eyJ"}, check: wordStart,
}, {
	// repl from checkAuth: bearer-token or basic-auth.
	re:       regexp.MustCompile(`(?i)(bearer|basic)[ \t]+([A-Za-z0-9._~+/-]+=*)`),
	keywords: []string{"bearer", "basic"}, fold: true, check: checkAuth, resume: 4,
}, {
	repl: "[REDACTED:url-password]",
	re: regexp.MustCompile(
		`[A-Za-z][A-Za-z0-9+.-]*://[^\s:/?#@"'<>\x1b]*:([^\s/?#"'<>\x1b]+)@`),
	keywords: []string{"://"}, back: isSchemeByte, check: checkURL, resume: 2,
}, {
	// repl from checkAssign, after the key: password, token, api-key, ...
	re: assignRE, keywords: assignKeywords, fold: true, back: isKeyByte,
	check: checkAssign, resume: 3,
}}

func init() {
	for i := range kinds {
		k := &kinds[i]
		if len(k.keywords) > maxKeywords {
			panic("BUG: redact: a kind has more than maxKeywords keywords")
		}
		for _, w := range k.keywords {
			k.kw = append(k.kw, []byte(w))
		}
		k.at = regexp.MustCompile(`^(?:` + k.re.String() + `)`)
	}
}

const maxKeywords = 16

// scan appends the spans of kind k in b (prio is its index). low is b
// lower-cased, for case-blind keywords.
func (k *kind) scan(b, low []byte, prio int, out []span) []span {
	src := b
	if k.fold {
		src = low
	}
	var next [maxKeywords]int // next keyword offset at or after from; -1 none
	for i := range k.keywords {
		next[i] = -2
	}
	for from := 0; from < len(b); {
		p := -1
		for i, kw := range k.kw {
			if next[i] == -1 {
				continue
			}
			if next[i] < from {
				j := bytes.Index(src[from:], kw)
				if j < 0 {
					next[i] = -1
					continue
				}
				next[i] = from + j
			}
			if p < 0 || next[i] < p {
				p = next[i]
			}
		}
		if p < 0 {
			break
		}
		out, from = k.matchAt(b, p, from, prio, out)
	}
	return out
}

// matchAt appends the span of kind k around the keyword at b[p], if any,
// and returns where to look next. Bytes before from are done.
func (k *kind) matchAt(b []byte, p, from, prio int, out []span) ([]span, int) {
	start := p
	if k.back != nil {
		for start > from && k.back(b[start-1]) {
			start--
		}
	} else if wordBefore(b, p) {
		return out, p + 1
	}
	m := k.find(b[start:])
	if m == nil {
		return out, k.skip(b, p)
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += start
		}
	}
	s, e, repl, ok := k.check(b, m)
	if !ok {
		if k.resume > 0 && m[k.resume] >= 0 {
			return out, max(m[k.resume], p+1)
		}
		return out, max(m[1], p+1)
	}
	if repl == "" {
		repl = k.repl
	}
	return append(out, span{s: s, e: e, kind: prio, repl: repl}), max(m[1], e, p+1)
}

// window is how much text an anchored match is first tried on: small enough
// for the regexp package's fast backtracker. A match reaching its end is
// tried again on all the text, so a long token is redacted whole.
const window = 2048

func (k *kind) find(b []byte) []int {
	if len(b) <= window {
		return k.at.FindSubmatchIndex(b)
	}
	if m := k.at.FindSubmatchIndex(b[:window]); m == nil || m[1] < window {
		return m // no kind needs more than window bytes to start matching
	}
	return k.at.FindSubmatchIndex(b) // anchored: stops where the match does
}

// skip returns where to look next after no match at b[p]. No match can start
// later in the run of back bytes holding p, nor later in the run of word
// bytes, since wordBefore refuses those starts.
func (k *kind) skip(b []byte, p int) int {
	in := k.back
	if in == nil {
		in = isWordByte
	}
	for p++; p < len(b) && in(b[p]); p++ {
	}
	return p
}

func isWordByte(c byte) bool { return c == '_' || isAlnum(c) }

func isKeyByte(c byte) bool { return c == '_' || c == '.' || c == '-' || isAlnum(c) }

func isSchemeByte(c byte) bool { return c == '+' || c == '.' || c == '-' || isAlnum(c) }

// wordStart accepts a match that does not continue a word.
func wordStart(line []byte, m []int) (int, int, string, bool) {
	return m[0], m[1], "", !wordBefore(line, m[0])
}

// isolated accepts a match that neither continues nor is continued by a word.
func isolated(line []byte, m []int) (int, int, string, bool) {
	ok := !wordBefore(line, m[0]) && (m[1] == len(line) || !isAlnum(line[m[1]]))
	return m[0], m[1], "", ok
}

// withDigit is wordStart for prefixes that also start plain words (sk-,
// xoxb-): a random key of 20 or more characters holds a digit.
func withDigit(line []byte, m []int) (int, int, string, bool) {
	ok := !wordBefore(line, m[0]) && bytes.ContainsAny(line[m[0]:m[1]], "0123456789")
	return m[0], m[1], "", ok
}

const (
	replBearer = "[REDACTED:bearer-token]"
	replBasic  = "[REDACTED:basic-auth]"
)

// checkAuth accepts the credential of "Bearer x" or "Basic x" that follows
// an Authorization header, or else looks like one: a bearer token of 16 or
// more characters, a basic credential that decodes to user:password.
func checkAuth(line []byte, m []int) (int, int, string, bool) {
	if wordBefore(line, m[0]) {
		return 0, 0, "", false
	}
	v := line[m[4]:m[5]]
	header := afterAuthorization(line, m[0])
	if len(line[m[2]:m[3]]) == len("bearer") {
		return m[4], m[5], replBearer, header || len(v) >= 16
	}
	return m[4], m[5], replBasic, header || isBasicCredential(v)
}

// afterAuthorization reports whether "authorization" (any case) ends within
// a few bytes before i, as in `Authorization: Basic` or `"authorization":"`.
func afterAuthorization(line []byte, i int) bool {
	const word, slack = "authorization", 6
	var buf [len(word) + slack]byte
	w := lowerASCII(buf[:0], line[max(0, i-len(buf)):i])
	return bytes.Contains(w, []byte(word))
}

func isBasicCredential(v []byte) bool {
	if len(v) < 8 || len(v) > 512 {
		return false
	}
	var buf [384]byte
	enc := base64.StdEncoding
	if v[len(v)-1] != '=' {
		enc = base64.RawStdEncoding
	}
	n, err := enc.Decode(buf[:], v)
	return err == nil && bytes.IndexByte(buf[:n], ':') > 0
}

// checkURL accepts the password of scheme://user:password@ unless it is a
// placeholder.
func checkURL(line []byte, m []int) (int, int, string, bool) {
	return m[2], m[3], "", !placeholder(line[m[2]:m[3]])
}

// wordBefore reports whether line[i] continues a word: the byte before it is
// a letter, digit or '_' that does not end an ANSI colour escape.
func wordBefore(line []byte, i int) bool {
	if i == 0 {
		return false
	}
	c := line[i-1]
	if c != '_' && !isAlnum(c) {
		return false
	}
	return c != 'm' || !ansiEndsAt(line, i)
}

// ansiEndsAt reports whether line[:i] ends with an SGR escape, ESC [ ... m.
func ansiEndsAt(line []byte, i int) bool {
	j := i - 2
	for j >= 0 && (line[j] == ';' || '0' <= line[j] && line[j] <= '9') {
		j--
	}
	return j >= 1 && line[j] == '[' && line[j-1] == 0x1b
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

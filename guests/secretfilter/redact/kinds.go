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
	// match, if set, is a hand-written at: the same answers, faster (see
	// match.go).
	match func(b []byte) []int
	// quick, if set, looks at the text from start (the keyword at p) before
	// the pattern runs, and returns where to search again when it can tell
	// the pattern would fail or be refused, else -1. It saves the regexp
	// on the many keywords of ordinary logs (total_tokens, https://).
	quick func(b []byte, start, p int) int
	// long: a match may need more than window bytes to show (a JWT of a
	// few KiB finds its dots late), so the whole line is tried when the
	// window holds none.
	long bool
	// first, if set, is a shorter window tried before window: the regexp
	// package's backtracker clears state in proportion to its input, and
	// a pattern whose matches are short and tried often (a DSN, an XML
	// setting in every element of a list) would pay for window bytes.
	first int
	// flag, if set, is tried first where the key starts with '-' (see
	// flagKind); attr where it follows key=" or name=" (see attrKind);
	// element where it follows '<' (see elementKind).
	flag    *kind
	attr    *kind
	element *kind
	// lead, if set, is what a match's first byte must be: the back bytes
	// before the first such are not part of it (-postgres://, a scheme
	// after a variable's :-).
	lead func(c byte) bool
	// skipIn, if set, is what skip passes over after no match: no match can
	// start later in a run of these (a JWT's first part), so a line of
	// repeated keywords costs one pass.
	skipIn func(c byte) bool

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

// kinds is the table, most specific first: where two matches start at the
// same byte, the earlier kind wins.
var kinds = []kind{{
	repl: "[REDACTED:aws-access-key-id]", re: regexp.MustCompile(`A[KS]IA[A-Z0-9]{16}`),
	keywords: []string{"AKIA", "ASIA"}, check: isolated,
	match: prefixRun(isUpperDigit, 16, 16, "AKIA", "ASIA"),
}, {
	repl: "[REDACTED:github-token]", re: regexp.MustCompile(`gh[pousr]_[A-Za-z0-9]{36,}`),
	keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, check: wordStart,
	match: prefixRun(isAlnum, 36, 0, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
}, {
	repl: "[REDACTED:github-token]", re: regexp.MustCompile(`github_pat_[A-Za-z0-9_]{22,}`),
	keywords: []string{"github_pat_"}, check: wordStart,
}, {
	repl: "[REDACTED:gitlab-token]",
	re: regexp.MustCompile(`(?:gl(?:pat|dt|rt|ptt|oas|cbt|imt|soat|ffct|ft|agent)-|GR1348941)` +
		`[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+)*`),
	keywords: []string{"glpat-", "gldt-", "glrt-", "glptt-", "gloas-", "glcbt-", "glimt-",
		"glsoat-", "glffct-", "glft-", "glagent-", "GR1348941"},
	check: withDigit,
}, {
	repl: "[REDACTED:slack-token]", re: regexp.MustCompile(`xox[abprse]-[A-Za-z0-9-]{10,}`),
	keywords: []string{"xox"}, check: withDigit,
	match: prefixRun(isAlnumDash, 10, 0, "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "xoxe-"),
}, {
	repl: "[REDACTED:slack-token]", re: regexp.MustCompile(`xapp-[0-9]-[A-Za-z0-9-]{10,}`),
	keywords: []string{"xapp-"}, check: withDigit,
}, {
	// The path after services/ is the secret; the host stays readable.
	repl: "[REDACTED:slack-webhook]",
	re: regexp.MustCompile(
		`hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9_-]+/[A-Za-z0-9/_-]{8,})`),
	keywords: []string{"hooks.slack.com/"}, check: group(1),
}, {
	repl: "[REDACTED:stripe-key]", re: regexp.MustCompile(`[rs]k_(?:live|test)_[A-Za-z0-9]{10,}`),
	keywords: []string{"sk_live_", "sk_test_", "rk_live_", "rk_test_"}, check: wordStart,
}, {
	repl: "[REDACTED:anthropic-api-key]", re: regexp.MustCompile(`sk-ant-[A-Za-z0-9_-]{20,}`),
	keywords: []string{"sk-ant-"}, check: withDigit,
}, {
	repl: "[REDACTED:openai-api-key]", re: regexp.MustCompile(`sk-[A-Za-z0-9_-]{20,}`),
	keywords: []string{"sk-"}, check: withDigit, match: prefixRun(isB64URL, 20, 0, "sk-"),
}, {
	repl: "[REDACTED:huggingface-token]", re: regexp.MustCompile(`hf_[A-Za-z0-9]{30,}`),
	keywords: []string{"hf_"}, check: withDigit,
}, {
	repl: "[REDACTED:groq-api-key]", re: regexp.MustCompile(`gsk_[A-Za-z0-9]{40,}`),
	keywords: []string{"gsk_"}, check: withDigit,
}, {
	repl: "[REDACTED:xai-api-key]", re: regexp.MustCompile(`xai-[A-Za-z0-9]{60,}`),
	keywords: []string{"xai-"}, check: withDigit,
}, {
	repl: "[REDACTED:replicate-api-token]", re: regexp.MustCompile(`r8_[A-Za-z0-9]{30,}`),
	keywords: []string{"r8_"}, check: withDigit,
}, {
	repl: "[REDACTED:npm-token]", re: regexp.MustCompile(`npm_[A-Za-z0-9]{30,}`),
	keywords: []string{"npm_"}, check: withDigit,
}, {
	repl:     "[REDACTED:sendgrid-api-key]",
	re:       regexp.MustCompile(`SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64}`),
	keywords: []string{"SG."}, check: wordStart,
}, {
	repl: "[REDACTED:twilio-api-key]", re: regexp.MustCompile(`SK[0-9a-fA-F]{32}`),
	keywords: []string{"SK"}, check: isolated,
}, {
	// The auth token next to an account SID: "AC…:token", "AC…", "token".
	// The SID names the account and stays.
	repl: "[REDACTED:twilio-auth-token]",
	re: regexp.MustCompile(
		`AC[0-9a-f]{32}(?::|\\?["']?[ \t]*,[ \t]*\\?["']?)([0-9a-f]{32})`),
	keywords: []string{"AC"}, check: isolatedGroup(1),
}, {
	repl: "[REDACTED:google-api-key]", re: regexp.MustCompile(`AIza[A-Za-z0-9_-]{35}`),
	keywords: []string{"AIza"}, check: wordStart,
}, {
	repl:     "[REDACTED:jwt]",
	re:       regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`),
	keywords: []string{"eyJ"}, check: wordStart, match: matchJWT,
	long: true, skipIn: isB64URL,
}, {
	// An Azure SAS signature: sig= in a SAS URL, token or connection string.
	repl:     "[REDACTED:azure-sas]",
	re:       regexp.MustCompile(`sig=([A-Za-z0-9%+/=]{20,})`),
	keywords: []string{"sig="}, check: group(1),
}, {
	// The auth of a Docker config.json: base64 of user:password.
	repl: "[REDACTED:docker-auth]",
	re: regexp.MustCompile(
		`\\{0,3}"auth\\{0,3}"[ \t]*:[ \t]*\\{0,3}"([A-Za-z0-9+/]{8,}={0,2})\\{0,3}"`),
	keywords: []string{`"auth`}, back: isBackslash, check: checkDockerAuth,
}, {
	// repl from checkAuth: bearer-token or basic-auth.
	re: regexp.MustCompile(`([Bb][Ee][Aa][Rr][Ee][Rr]|[Bb][Aa][Ss][Ii][Cc])` + ansiRE +
		`[ \t]+` + ansiRE + `([A-Za-z0-9._~+/-]+=*)`),
	keywords: []string{"bearer", "basic"}, fold: true, check: checkAuth, resume: 4,
	match: matchAuth,
}, {
	// The credential of an Authorization header of any other scheme
	// (Token, ApiKey, Negotiate ...) or of none; a parameter list
	// (Digest username="u", AWS4-HMAC-SHA256 Credential=...) stays.
	repl: "[REDACTED:authorization]",
	// Also a header as Go prints one (map[Authorization:[Token x]]) or
	// marshals it ({"Authorization":["Token x"]}), and with JSON-escaped
	// tabs or colours around its parts.
	re: regexp.MustCompile(`(?i)authorization\\{0,3}["']?` + ansiRE + blankRE + `*(?:=>|[:=])` +
		blankRE + `*` + ansiRE + blankRE + `*\[?(?:\\{0,3}["'])?` + ansiRE +
		`(?:([a-z][a-z0-9_-]*)` + ansiRE + blankRE + `+` + ansiRE + `(?:\\{0,3}["'])?)?` +
		`([a-z0-9._~+/:-]+=*)`),
	keywords: []string{"authorization"}, fold: true, check: checkAuthHeader,
}, {
	// repl from checkURL: db-password for a database scheme, else
	// url-password. Also with JSON-escaped slashes (PHP's json_encode).
	re: regexp.MustCompile(
		`[A-Za-z][A-Za-z0-9+.-]*:(?://|\\/\\/)[^\s:/?#"'<>\x1b]*:([^\s/?#"'<>\x1b]+)@`),
	keywords: []string{"://", `:\/\/`}, back: isSchemeByte, lead: isAlpha, check: checkURL,
	resume: 2,
	quick:  urlQuick, match: matchURL,
}, {
	repl:     replDBPassword,
	re:       regexp.MustCompile(`jdbc:oracle:thin:[A-Za-z0-9_$#]+/([^@\s"'/]+)@`),
	keywords: []string{"jdbc:oracle:thin:"}, check: group(1),
}, {
	// A Go MySQL driver's DSN, user:password@tcp(host)/db.
	repl:     replDBPassword,
	re:       regexp.MustCompile(`(?:[^\s:"'@\\]*=)?([^\s:"'=@\\]*):([^\s"'\\]+?)@(?:tcp6?|unix)\(`),
	keywords: []string{"@tcp(", "@tcp6(", "@unix("}, back: isDSNByte, check: checkDSN, first: 256,
}, {
	// The password flag of a database or ssh client (mysql -pS3cret);
	// repl from checkClient.
	re: regexp.MustCompile(argsRE), keywords: clientStems(), fold: true, check: checkClient,
	match: matchClient,
}, {
	// Redis's password settings with a blank for separator: its config
	// file (requirepass x), CONFIG SET and MONITOR's echo of a command
	// ("CONFIG" "SET" "requirepass" "x", "AUTH" "x", "AUTH" "user" "x").
	repl:     replPassword,
	re:       regexp.MustCompile(redisRE),
	keywords: []string{"requirepass", "masterauth", `auth" "`, `auth\" \"`}, fold: true,
	check: checkRedis,
}, {
	// repl from checkAssign, after the key: password, token, api-key, ...
	re: assignRE, keywords: assignKeywords, fold: true, back: isKeyByte, flag: &flagKind,
	attr: &attrKind, element: &elementKind,
	check: checkAssign, resume: 3, quick: assignQuick, match: matchAssign,
}}

// flagKind is a command-line flag and its value as the next argument:
// --password x in a command line, "--requirepass","x" in a JSON array (a
// container's Args). repl from checkFlag, after the flag's name. It is
// tried only where the assignment kind's key starts with a dash, so the two
// share one search for their keywords.
var flagKind = kind{
	re: regexp.MustCompile(`--?([A-Za-z0-9_.-]+)(?:[ \t]+` + ansiRE + `|(\\{0,3}")[ \t]*,[ \t]*)(\\{0,3}["'])?` +
		`((?:[^\s"'\\,;)&\x1b]|\\[^\s"'nrtu\\])+)`),
	check: checkFlag, first: 256,
}

func init() {
	flagKind.at = regexp.MustCompile(`^(?:` + flagKind.re.String() + `)`)
	elementKind.at = regexp.MustCompile(`^(?:` + elementKind.re.String() + `)`)
	attrKind.at = regexp.MustCompile(`^(?:` + attrKind.re.String() + `)`)
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
	var ends lineEnds
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
		out, from = k.matchAt(b, p, from, prio, out, &ends)
	}
	return out
}

// matchAt appends the span of kind k around the keyword at b[p], if any,
// and returns where to look next. Bytes before from are done.
func (k *kind) matchAt(b []byte, p, from, prio int, out []span, ends *lineEnds) ([]span, int) {
	start := p
	if k.back != nil {
		for start > from && k.back(b[start-1]) {
			start--
		}
		start = escapeEnd(b, start, p)
		for k.lead != nil && start < p && !k.lead(b[start]) {
			start++
		}
	} else if wordBefore(b, p) {
		return out, p + 1
	}
	if sub := k.sub(b, start); sub != nil {
		if m := sub.runAt(b, start, ends); m != nil {
			if s, e, repl, ok := sub.check(b, m); ok {
				return append(out, span{s: s, e: e, kind: prio, repl: repl}), max(e, p+1)
			}
		}
	}
	if k.quick != nil && !quickOff {
		if next := k.quick(b, start, p); next >= 0 {
			return out, max(next, p+1)
		}
	}
	m := k.runAt(b, start, ends)
	if m == nil {
		return out, k.skip(b, p)
	}
	s, e, repl, ok := k.check(b, m)
	if !ok {
		// A refused match longer than window is a blob with no blank,
		// quote or comma (password={password={...): searching it again
		// from inside would cost the square of its length.
		if k.resume > 0 && m[k.resume] >= 0 && m[1]-m[0] <= window {
			return out, max(m[k.resume], p+1)
		}
		return out, max(m[1], p+1)
	}
	if repl == "" {
		repl = k.repl
	}
	// From the span's end, not the match's: a variable's default ends
	// before its value does (${DB_PASSWORD:-x}/token=y).
	return append(out, span{s: s, e: e, kind: prio, repl: repl}), max(e, p+1)
}

// sub returns the kind tried before k's own pattern where the key at
// b[start] is a flag's, an XML element's or a named attribute's, or nil.
func (k *kind) sub(b []byte, start int) *kind {
	switch {
	case k.flag != nil && b[start] == '-':
		return k.flag
	case k.attr != nil && namedAttr(b, start):
		return k.attr
	case k.element != nil && openTag(b, start):
		return k.element
	}
	return nil
}

// runAt returns k's anchored match at b[start], with indexes into b, or
// nil. No pattern spans '\n', so the line is all it needs: the regexp
// package's backtracker clears state in proportion to its input. The search
// for the line's end stops at window, so a long line costs no more per
// keyword than find does.
func (k *kind) runAt(b []byte, start int, ends *lineEnds) []int {
	rest := b[start:]
	if e := ends.at(b, start); e >= 0 {
		rest = b[start:e]
	}
	m := k.find(rest)
	for i := range m {
		if m[i] >= 0 {
			m[i] += start
		}
	}
	return m
}

// lineEnds remembers the end of the last line runAt looked up: a line
// holding many keywords would otherwise be searched for its end once per
// keyword, which costs more than the matching inside the sandbox.
type lineEnds struct {
	from, end int // b[from:end] holds no '\n'; b[end] is one, or end is len(b)
	far       int // or, if end is -1: b[from:far] holds none, far-from is window
}

// at returns the end of the line holding b[start] ('\n' or len(b)), or -1
// if it is more than window bytes away (or, within a stretch already
// searched, may be): the caller then bounds what it reads by window.
func (c *lineEnds) at(b []byte, start int) int {
	if c.from <= start && (c.end > 0 && start <= c.end || c.end < 0 && start < c.far) {
		return c.end
	}
	rest := b[start:min(len(b), start+window)]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		c.from, c.end = start, start+i
		return c.end
	}
	if start+window >= len(b) {
		c.from, c.end = start, len(b)
		return c.end
	}
	c.from, c.end, c.far = start, -1, start+window
	return -1
}

// window is how much text an anchored match is first tried on: small enough
// for the regexp package's fast backtracker. A match reaching its end is
// tried again on all the text, so a long token is redacted whole.
const window = 2048

func (k *kind) find(b []byte) []int {
	if k.first > 0 && len(b) > k.first {
		if m := k.exec(b[:k.first]); m != nil && m[1] < k.first {
			return m
		}
	}
	if len(b) <= window {
		return k.exec(b)
	}
	m := k.exec(b[:window])
	if m == nil && !k.long || m != nil && m[1] < window {
		return m // no other kind needs more than window bytes to start matching
	}
	return k.exec(b) // anchored: stops where the match does
}

// exec is the anchored pattern on b: the hand-written matcher if the kind
// has one, else the regexp.
func (k *kind) exec(b []byte) []int {
	if k.match != nil && !matchOff {
		return k.match(b)
	}
	return k.at.FindSubmatchIndex(b)
}

// matchOff turns the hand-written matchers off, for the tests that compare.
var matchOff bool

// skip returns where to look next after no match at b[p]. No match can start
// later in the run of back bytes holding p, nor later in the run of letters
// and digits, since wordBefore refuses those starts.
func (k *kind) skip(b []byte, p int) int {
	in := k.back
	switch {
	case k.skipIn != nil:
		in = k.skipIn
	case in == nil:
		in = isAlnum
	}
	for p++; p < len(b) && in(b[p]); p++ {
	}
	return p
}

func isBackslash(c byte) bool { return c == '\\' }

// quickOff turns the quick checks off, for the test that proves them exact.
var quickOff bool

// urlQuick: the URL pattern needs an '@' after "://" before the authority
// ends (a blank, '/', '?', '#', a quote, '<', '>' or an escape). Without
// one the pattern cannot match, and the search goes on after ':'.
func urlQuick(b []byte, _, p int) int {
	kw := len("://")
	if b[p+1] == '\\' {
		kw = len(`:\/\/`)
	}
	for _, c := range b[p+kw:] {
		switch c {
		case '@':
			return -1
		case ' ', '\t', '\n', '\r', '\f', '/', '?', '#', '"', '\'', '<', '>', '\x1b':
			return p + 1
		}
	}
	return p + 1
}

// assignQuick: the assignment's key is the run of key bytes from start;
// when no separator follows it (password reset email sent) the pattern
// fails, and when it names no secret (total_tokens) checkAssign refuses
// the match. Either way the search goes on after the key.
func assignQuick(b []byte, start, _ int) int {
	e := start
	for e < len(b) && isKeyByte(b[e]) {
		e++
	}
	if !sepMayFollow(b, e) || secretKey(b[start:e]) == "" {
		return e
	}
	return -1
}

// sepMayFollow reports whether assignRE may find its separator after a key
// ending at b[i]: past a quote, colour escapes and blanks, a ':' or '='.
// After a backslash it cannot tell cheaply (\" or \u001b) and says yes.
func sepMayFollow(b []byte, i int) bool {
	if i < len(b) && (b[i] == '"' || b[i] == '\'') {
		i++
	}
	if i < len(b) && b[i] == '\x1b' {
		if i = sgrEnd(b, i); i < len(b) && b[i] == '\x1b' {
			return true // not a colour: the pattern may still pass it
		}
	}
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i < len(b) && (b[i] == ':' || b[i] == '=' || b[i] == '\\')
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

// group accepts submatch n of a match that does not continue a word.
func group(n int) check {
	return func(line []byte, m []int) (int, int, string, bool) {
		return m[2*n], m[2*n+1], "", m[2*n] >= 0 && !wordBefore(line, m[0])
	}
}

// isolatedGroup is group for a submatch that must not be continued by a word.
func isolatedGroup(n int) check {
	return func(line []byte, m []int) (int, int, string, bool) {
		s, e := m[2*n], m[2*n+1]
		ok := s >= 0 && !wordBefore(line, m[0]) && (e == len(line) || !isAlnum(line[e]))
		return s, e, "", ok
	}
}

func checkDockerAuth(line []byte, m []int) (int, int, string, bool) {
	return m[2], m[3], "", decodesToUserPass(line[m[2]:m[3]])
}

const (
	replBearer     = "[REDACTED:bearer-token]"
	replBasic      = "[REDACTED:basic-auth]"
	replURL        = "[REDACTED:url-password]"
	replDBPassword = "[REDACTED:db-password]"
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
	return m[4], m[5], replBasic, header || len(v) >= 8 && decodesToUserPass(v)
}

// checkAuthHeader accepts the credential of an Authorization header whose
// scheme is not Bearer or Basic (their kind has it): with a scheme, one
// that is not a parameter name (username=) nor a plain word ("header
// missing"); without one, a credential that looks generated.
func checkAuthHeader(line []byte, m []int) (int, int, string, bool) {
	v := bytes.TrimRight(line[m[4]:m[5]], "=")
	if len(v) == 0 || placeholder(v) {
		return 0, 0, "", false
	}
	if m[2] < 0 {
		return m[4], m[5], "", looksRandom(v)
	}
	if looksRandom(line[m[2]:m[3]]) {
		return m[2], m[3], "", true // no scheme: the credential, then text
	}
	var buf [8]byte
	switch string(lowerASCII(buf[:0], line[m[2]:min(m[3], m[2]+len(buf))])) {
	case "bearer", "basic":
		return 0, 0, "", false
	}
	if m[5] > m[4]+len(v) && len(v) < 20 && allLetters(v) {
		return 0, 0, "", false // username=, Credential=
	}
	return m[4], m[5], "", len(v) >= 8 && (!allLetters(v) || len(v) >= 20)
}

func allLetters(v []byte) bool {
	for _, c := range v {
		if !isAlpha(c) {
			return false
		}
	}
	return true
}

// afterAuthorization reports whether "authorization" (any case) ends within
// a few bytes before i, as in `Authorization: Basic` or `"authorization":"`.
func afterAuthorization(line []byte, i int) bool {
	const word, slack = "authorization", 6
	var buf [len(word) + slack]byte
	w := lowerASCII(buf[:0], line[max(0, i-len(buf)):i])
	return bytes.Contains(w, []byte(word))
}

// decodesToUserPass reports whether v is standard base64 of user:password.
// Only a prefix is decoded: the user name is short, the password may not be
// (a registry token).
func decodesToUserPass(v []byte) bool {
	var buf [192]byte
	if len(v) > 256 {
		v = v[:256]
	}
	enc := base64.StdEncoding
	if v[len(v)-1] != '=' {
		enc = base64.RawStdEncoding
		v = v[:len(v)&^3]
	}
	n, err := enc.Decode(buf[:], v)
	return err == nil && bytes.IndexByte(buf[:n], ':') > 0
}

// checkURL accepts the password of scheme://user:password@ unless it is a
// placeholder; the scheme says whether it is a database's.
func checkURL(line []byte, m []int) (int, int, string, bool) {
	repl := replURL
	if scheme := line[m[0] : m[0]+bytes.IndexByte(line[m[0]:m[1]], ':')]; isDBScheme(scheme) {
		repl = replDBPassword
	}
	if hasPrefix(line[m[2]:m[3]], "${") {
		return varDefault(line, m[2], m[3], repl) // u:${PG_PASSWORD:-x}@db
	}
	if placeholder(line[m[2]:m[3]]) {
		return 0, 0, "", false
	}
	return m[2], m[3], repl, true
}

// checkDSN accepts the password of a DSN unless it is a placeholder or
// the match is a URL's (mysql://u:p@tcp(h)/db: its own kind has it).
func checkDSN(line []byte, m []int) (int, int, string, bool) {
	if j := bytes.LastIndex(line[m[2]:m[5]], []byte(")/")); j >= 0 {
		// Another DSN ends before this one's user: a,b@tcp(h)/db,c:pw@tcp(.
		us := m[2] + j + 2
		k := bytes.IndexAny(line[us:m[5]], ",;|&")
		if k < 0 {
			return 0, 0, "", false
		}
		us += k + 1
		colon := bytes.IndexByte(line[us:m[5]], ':')
		if colon < 0 {
			return 0, 0, "", false
		}
		m = []int{m[0], m[1], us, us + colon, us + colon + 1, m[5]}
	}
	pw := line[m[4]:m[5]]
	switch {
	case len(pw) == 0, hasPrefix(pw, "//"), bytes.Contains(line[m[2]:m[5]], []byte("[REDACTED")):
		return 0, 0, "", false // u:@tcp(h), [REDACTED:x]@tcp( of an earlier pass
	case hasPrefix(pw, "${"):
		return varDefault(line, m[4], m[5], replDBPassword)
	case bytes.Contains(pw, []byte("${")) && pw[len(pw)-1] == '}':
		// ${DB_USER:-root}:${DB_PASSWORD:-x}: the user's default is not
		// the password; the last variable is.
		return varDefault(line, m[4]+bytes.LastIndex(pw, []byte("${")), m[5], replDBPassword)
	case placeholder(pw):
		return 0, 0, "", false
	}
	return m[4], m[5], "", true
}

// redisRE: group 1 the setting (empty for AUTH), 2 the value. AUTH counts
// only as MONITOR quotes it, with its last argument the password. Quotes
// may be JSON-escaped.
const redisRE = `(?i)(?:(requirepass|masterauth)(?:\\{0,3}")?[ \t]+(?:\\{0,3}")?|` +
	`auth\\{0,3}"(?: \\{0,3}"[^"\\\n]*\\{0,3}")? \\{0,3}")([^\s"\\]+)`

// checkRedis accepts a Redis setting's value unless the setting is a
// flag's (--requirepass: the flag kind has it) or the value is a
// placeholder, a variable or a short word of a sentence ("requirepass is
// not set").
func checkRedis(line []byte, m []int) (int, int, string, bool) {
	vs, ve := m[4], m[5]
	v := line[vs:ve]
	switch {
	case m[0] > 0 && line[m[0]-1] == '-',
		m[2] < 0 && (m[0] == 0 || line[m[0]-1] != '"'),
		placeholder(v), v[0] == '$', isLowerWord(v) && len(v) <= 4:
		return 0, 0, "", false
	}
	return vs, ve, replPassword, true
}

// isDSNByte is what a DSN's user and password may hold: no blank, quote
// or backslash. '=' may end a key before the DSN (DSN=user:pw@tcp(...)) or
// be the password's (base64 padding); the pattern tells which.
func isDSNByte(c byte) bool {
	return c > ' ' && c < 0x7f && c != '"' && c != '\'' && c != '\\' && c != '`'
}

// dbSchemes are the URL schemes of databases and brokers, lower case; a
// scheme counts if it is one, or one followed by '+' (postgresql+psycopg2).
var dbSchemes = []string{
	"postgres", "postgresql", "mysql", "mariadb", "mongodb", "redis", "rediss",
	"amqp", "amqps", "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse",
	"cassandra", "couchdb", "neo4j", "bolt", "memcached", "nats", "mqtt", "kafka",
}

func isDBScheme(s []byte) bool {
	var buf [16]byte
	if i := bytes.IndexByte(s, '+'); i > 0 {
		s = s[:i]
	}
	if len(s) > len(buf) {
		return false
	}
	low := lowerASCII(buf[:0], s)
	for _, d := range dbSchemes {
		if string(low) == d {
			return true
		}
	}
	return false
}

// wordBefore reports whether line[i] continues a word: the byte before it is
// a letter or digit that does not end an ANSI colour escape, a literal \n,
// \r or \t (a JSON log line), or a %XX escape (a URL). '_' ends a word
// here: a token glued to a name (GITHUB_TOKEN_ghp_...) is still a token.
func wordBefore(line []byte, i int) bool {
	return i > 0 && isAlnum(line[i-1]) && !escapeBefore(line, i)
}

// escapeBefore reports whether line[:i] ends with an escape whose last
// byte is a letter or digit: a terminal control sequence (ESC [ 1;31 m,
// grep's ESC [ K, ESC ( B), raw or JSON-escaped; a literal \n, \r or \t; a
// JSON \u0026; a URL's %26. A word glued to one starts after it.
func escapeBefore(line []byte, i int) bool {
	c := line[i-1]
	switch {
	case isAlpha(c) && ansiEndsAt(line, i):
		return true
	case c == 'B' && i >= 3 && line[i-2] == '(' && line[i-3] == 0x1b:
		return true
	case i >= 2 && line[i-2] == '\\' && isEscLetter(c):
		return true
	case i >= 6 && line[i-6] == '\\' && line[i-5] == 'u' && isHex(line[i-4:i]):
		return true
	case i >= 3 && line[i-3] == '%' && isHexByte(line[i-2]) && isHexByte(c):
		return true
	}
	return false
}

// escapeEnd returns where a word that a kind's back bytes reach from start
// really starts: after the last escape glued to its front (36mpostgres://
// after ESC [, u0026pwd= after a backslash), or start.
func escapeEnd(b []byte, start, p int) int {
	if start == 0 {
		return start
	}
	switch b[start-1] {
	case '[', ';', '(', '\\', '%':
	default:
		return start // no escape ends in the run: the common case
	}
	s := start
	for q := start + 1; q <= min(p, start+maxEscapeTail); q++ {
		if escapeBefore(b, q) {
			s = q
		}
	}
	return s
}

// maxEscapeTail bounds the part of an escape that back bytes may take in:
// "u0026", "38;5;208m" less what precedes the last ';'.
const maxEscapeTail = 8

func isHexByte(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }

// ansiEndsAt reports whether line[:i] ends with a control sequence, ESC [
// ... final (an SGR colour when the final is m), or its JSON-escaped form
// \u001b[ ... (a json-file log line). The caller checks the final.
func ansiEndsAt(line []byte, i int) bool {
	j := i - 2
	for j >= 0 && (line[j] == ';' || '0' <= line[j] && line[j] <= '9') {
		j--
	}
	if j < 1 || line[j] != '[' {
		return false
	}
	return line[j-1] == 0x1b || j >= 6 && string(line[j-6:j]) == `\u001b`
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

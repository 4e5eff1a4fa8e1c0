package redact

import (
	"bytes"
	"regexp"
)

// Assignments: KEY=VALUE, KEY: VALUE, "key": "value", also JSON-escaped
// (\"key\":\"value\") and with ANSI colours around the separator. The
// pattern finds every assignment; checkAssign keeps those whose key names a
// secret and whose value is not a placeholder.
//
// Groups: 1 key, 2 key's closing quote, 3 blanks, 4 separator (a Ruby or
// PHP hash's =>, Go's and make's := too), 5 blanks, 6 value's opening
// quote, 7 value.
var assignRE = regexp.MustCompile(`([A-Za-z0-9_.-]+)(\\{0,3}["']?)` + ansiRE +
	`(` + blankRE + `*)(=>|:=|[:=])(` + blankRE + `*)` + ansiRE + `(\\{0,3}["']?)` +
	`((?:[^\s"'),;&\x1b\\]|\\[^\s"'nrtu\\])*)`)

// blankRE is one blank: a space, a tab, or a tab JSON-escaped up to 3 deep
// (\t in a json-file line).
const blankRE = `(?:[ \t]|\\{1,3}t)`

// ansiRE matches colour escapes, raw or JSON-escaped (\u001b).
const ansiRE = `(?:(?:\x1b|\\u001b)\[[0-9;]*m)*`

// assignKeywords are lower case; the region is searched case-blind.
// "key" also finds api_key, accessKey, private-key, AccountKey; "pw" finds pwd.
var assignKeywords = []string{
	"pass", "pw", "secret", "token", "credential", "creds", "key", "auth", "salt",
}

// Replacements by what the key names.
const (
	replPassword   = "[REDACTED:password]"
	replSecret     = "[REDACTED:secret]"
	replToken      = "[REDACTED:token]"
	replCredential = "[REDACTED:credential]"
	replAPIKey     = "[REDACTED:api-key]"
	replAccessKey  = "[REDACTED:access-key]"
	replAWSSecret  = "[REDACTED:aws-secret-access-key]"
	replAzureKey   = "[REDACTED:azure-storage-key]"
	replNPMToken   = "[REDACTED:npm-token]"
	// replGeneric is for a key that only may name a secret (signing_key,
	// auth): its value must also look random.
	replGeneric = "[REDACTED:generic-secret]"
)

// maxQuoted bounds how far a quoted value may run to its closing quote.
const maxQuoted = 1024

func checkAssign(line []byte, m []int) (int, int, string, bool) {
	key := line[m[2]:m[3]]
	repl := secretKey(key)
	if repl == "" {
		return 0, 0, "", false
	}
	if m[2] >= 2 && line[m[2]-2] == '$' && line[m[2]-1] == '{' {
		// A secret variable's default where no key names it: LABEL=${DB_PASSWORD:-x}.
		return varDefault(line, m[2]-2, m[15], repl)
	}
	sep, before, after := line[m[8]], m[7] > m[6], m[11] > m[10]
	if sep == '=' && m[9]-m[8] == 1 && after && !before && isAssignment(line[m[14]:m[15]]) {
		return 0, 0, "", false // "password= user=bob": an empty value
	}
	vs, ve := m[14], m[15]
	q := line[m[12]:m[13]]
	quoted := len(q) > 0 && (q[len(q)-1] == '"' || q[len(q)-1] == '\'')
	if len(q) > 0 && !quoted {
		// Backslashes with no quote belong to the value: a marker after
		// one would break a JSON escape. An odd run escapes what follows:
		// PASS=\n ends a JSON-escaped line with an empty value.
		if ve == vs || len(q)%2 == 1 && isEscStop(line[vs]) {
			return 0, 0, "", false
		}
		vs = m[12]
	}
	if quoted {
		ve = max(ve, closingQuote(line, vs, q))
	}
	if hasPrefix(line[vs:ve], "${") {
		return varDefault(line, vs, ve, repl)
	}
	if !quoted {
		ve = goesOn(line, ve)
		// {password=x}, Go's %v of a map (map[password:x]), a sentence:
		// the value stops before the punctuation that closes it.
		ve = closedBefore(line[vs:ve], repl == replGeneric) + vs
		if ve-vs > 2 && line[vs] == '[' && line[ve-1] == ']' && !placeholderWord(line[vs:ve]) {
			vs, ve = vs+1, ve-1 // Go's %v of url.Values: map[password:[x]]
		}
	}
	v := line[vs:ve]
	switch {
	case len(v) == 0:
		return 0, 0, "", false
	case quoted && (closesString(v) || placeholderWord(v)):
		return 0, 0, "", false
	case !quoted && (placeholder(v) || notSecret(v)), quoted && isPath(v),
		namesKey(key, v), hasPrefix(v, "@tcp(") || hasPrefix(v, "@unix("):
		return 0, 0, "", false // u:pass=@tcp(h)/db: the DSN kind has it
	case string(key) == "PWD" && (v[0] == '/' || v[0] == '~'):
		return 0, 0, "", false // the shell's working directory, in every env dump
	case string(key) == "secret" && sep == ':' && m[2] > 0 && line[m[2]-1] == ':',
		string(key) == "--secret" && isLowerName(v):
		return 0, 0, "", false // arn:aws:secretsmanager:...:secret:name, --secret=db-pass
	case string(key) == "PASS" && sep == ':':
		return 0, 0, "", false // a test's result: --- PASS: TestX, PASS: 42
	case sep == ':' && !after && !quoted && string(key) == "pw":
		return 0, 0, "", false // DEBUG=pw:api, Playwright's log channels
	case sep == ':' && m[9]-m[8] == 2 && !quoted && isCode(v):
		return 0, 0, "", false // token := r.Header.Get(...)
	case sep == ':' && !quoted && isLowerWord(v):
		return 0, 0, "", false // "token: expired"
	case !fits(repl, v):
		return 0, 0, "", false
	case repl == replPassword && inJDBC(line, m[2]):
		repl = replDBPassword
	}
	return vs, ve, repl, true
}

// goesOn returns where an unquoted value that the pattern ended at
// line[ve] really ends: past a quote between two parts of it
// (PASSWORD=ab"cd, a shell's PASSWORD=ab'cd'ef), and past a JSON-escaped
// '<' or '>' (\u003c, \u003e in a json-file line), which the pattern would
// take unescaped, and past an escaped quote glued the same way.
func goesOn(line []byte, ve int) int {
	for ve < len(line) {
		switch {
		case (line[ve] == '"' || line[ve] == '\'') && ve+1 < len(line) && isGlued(line[ve+1]):
			ve++
		case hasPrefix(line[ve:], `\u003c`), hasPrefix(line[ve:], `\u003e`):
			ve += len(`\u003c`) // not \u0026: a query string's & ends the value
		case line[ve] == '\\' && ve+2 < len(line) && line[ve+1] == '"' && isGlued(line[ve+2]):
			ve += 2 // PASSWORD=ab\"cd in a JSON string
		default:
			return ve
		}
		ve += run(line[ve:], isValueByte, 0)
	}
	return ve
}

// isGlued reports whether c, after a quote in an unquoted value, goes on
// with the value rather than with what encloses it (a JSON string's ",
// a sentence's ").
func isGlued(c byte) bool {
	switch c {
	case '!', '#', '$', '%', '*', '+', '-', '.', '/', '@', '^', '_', '~':
		return true
	}
	return isAlnum(c)
}

// isValueByte is a byte of an unquoted value, as in assignRE.
func isValueByte(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\f', '\r', '"', '\'', ')', ',', ';', '&', '\x1b', '\\':
		return false
	}
	return true
}

// isAssignment reports whether v is key=value, a key of letters, digits
// and '_'.
func isAssignment(v []byte) bool {
	i := bytes.IndexByte(v, '=')
	return i > 0 && isIdent(v[:i])
}

// varDefault checks the value ${NAME:-default} of a shell or compose
// variable, which starts at line[vs] and is cut at ve: the default, if it
// is a value of its own, is the secret; the variable's name stays. A
// default runs to its closing brace, past ve if the value held a blank.
func varDefault(line []byte, vs, ve int, repl string) (int, int, string, bool) {
	return varDefaultIn(line, vs, ve, repl, 0)
}

// maxNested bounds how deep defaults nest (${A:-${B:-x}}): each level
// searches for its closing brace.
const maxNested = 4

func varDefaultIn(line []byte, vs, ve int, repl string, depth int) (int, int, string, bool) {
	if depth > maxNested {
		return 0, 0, "", false
	}
	i := vs + 2
	i += run(line[i:ve], func(c byte) bool { return c == '_' || isAlnum(c) }, 0)
	if i == vs+2 {
		return 0, 0, "", false // not a variable
	}
	if i < ve && line[i] == ':' {
		i++
	}
	if i >= ve || (line[i] != '-' && line[i] != '=') {
		return 0, 0, "", false // ${VAR}, ${VAR:?message}, ${VAR:+alternate}
	}
	ds, de := i+1, closingBrace(line, vs+2, vs+maxQuoted)
	if de < 0 {
		de = ve
	}
	v := line[ds:de]
	switch {
	case hasPrefix(v, "${"):
		return varDefaultIn(line, ds, de, repl, depth+1) // ${A:-${B:-x}}
	case len(v) == 0 || placeholder(v) || bytes.IndexByte(v, '\n') >= 0 || !fits(repl, v):
		return 0, 0, "", false
	}
	return ds, de, repl, true
}

// fits reports whether v may be the value of what repl names: a token-like
// key's is not a short number (max_token=4096), a generic key's looks
// generated (cache_key=user:42 does not).
func fits(repl string, v []byte) bool {
	return (isPassword(repl) || !isShortNumber(v)) && (repl != replGeneric || looksRandom(v))
}

// isPassword reports whether repl is a password's, which may be a number.
func isPassword(repl string) bool {
	return repl == replPassword || repl == replDBPassword || repl == replURL
}

// closesString reports whether a quoted value starts where the string
// its quote closed goes on: "PASS=":"x", ["PASS:",""], {"":"PASS="}.
func closesString(v []byte) bool {
	return v[0] == ',' || v[0] == '}' || v[0] == ']' || string(v) == ":"
}

// isCode reports whether an unquoted value after := is code: a call, or a
// dotted name (req.Password).
func isCode(v []byte) bool { return bytes.IndexByte(v, '(') >= 0 || isDotted(v) }

// closingBrace returns the index of the '}' that closes the '{' before
// line[i], or -1 if it is not before the line's end, a quote, an escape
// or limit.
func closingBrace(line []byte, i, limit int) int {
	depth := 1
	for ; i < min(len(line), limit); i++ {
		switch line[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		case '\n', '"', '\'', '\\', '\x1b':
			return -1
		}
	}
	return -1
}

// closedBefore returns the length of an unquoted value v less the ']' and
// '}' at its end that close what the value did not open, and with sentence
// also less a full stop.
func closedBefore(v []byte, sentence bool) int {
	n := len(v)
	for n > 0 {
		c := v[n-1]
		switch {
		case c == '}' && bytes.Count(v[:n], []byte("}")) > bytes.Count(v[:n], []byte("{")),
			c == ']' && bytes.Count(v[:n], []byte("]")) > bytes.Count(v[:n], []byte("[")),
			c == '.' && sentence:
			n--
			continue
		}
		return n
	}
	return n
}

// checkFlag accepts the value of a flag that names a secret, given as the
// next argument: not another flag, a placeholder, a lower-case word ("use
// --password to set it"), nor a spec of its own (--secret id=x,src=y);
// quoted or in a JSON array, up to its closing quote.
func checkFlag(line []byte, m []int) (int, int, string, bool) {
	key := line[m[2]:m[3]]
	repl := secretKey(key)
	if repl == "" {
		return 0, 0, "", false
	}
	vs, ve := m[8], m[9]
	if m[6] >= 0 {
		ve = max(ve, closingQuote(line, vs, line[m[6]:m[7]]))
		if closesString(line[vs:ve]) {
			return 0, 0, "", false // ["--pass ","x"]: the quote closed a string
		}
	} else {
		ve = closedBefore(line[vs:ve], false) + vs // [mysqld --password x]
		if ve == vs {
			return 0, 0, "", false
		}
	}
	v := line[vs:ve]
	if hasPrefix(v, "pass:") && len(v) > len("pass:") {
		vs, v = vs+len("pass:"), v[len("pass:"):] // openssl -pass pass:x
	}
	switch {
	case hasPrefix(v, "${"):
		return varDefault(line, vs, ve, repl) // --requirepass ${REDIS_PASSWORD:-x}
	case hasPrefix(v, "env:"), hasPrefix(v, "file:"), hasPrefix(v, "fd:"), string(v) == "stdin",
		len(v) <= 2 && isDigit(v[0]),              // openssl -pass env:X, ffmpeg -pass 1
		string(key) == "secret" && isLowerName(v): // docker run --secret db_pass: its name
		return 0, 0, "", false
	case v[0] == '-' || placeholder(v) || isLowerWord(v) || bytes.IndexByte(v, '=') >= 0,
		!fits(repl, v), m[6] < 0 && (notSecret(v) || redirects(v)), namesKey(key, v):
		return 0, 0, "", false // --with-token < file, usage: [--token TOKEN]
	}
	return vs, ve, repl, true
}

// elementKind is an XML element whose name names a secret:
// <password>x</password> (a Maven settings.xml, a SOAP message), also with
// a namespace prefix. repl from checkElement, after the element's name. It
// is tried only where the assignment kind's key follows '<' (or \u003c).
var elementKind = kind{
	re: regexp.MustCompile(`([A-Za-z0-9_.-]+)(?:[ \t][^<>\n]*?)?(?:>|\\u003e)(?:<!\[CDATA\[)?` +
		`((?:[^<\\\n]|\\[^u\n])+?)(?:\]\]>)?(?:</|\\u003c/)`),
	check: checkElement, first: 256,
}

// attrKind is a setting that XML names in an attribute: <add
// key="ClearTextPassword" value="x"/> (nuget.config), <property
// name="password" value="x"/>, <entry key="db.password">x</entry>. It is
// tried where the assignment kind's key follows key=" or name=". Groups: 1
// the name, 2 the value attribute's, 3 the element's text. Also an
// environment variable as Kubernetes and ECS list them:
// {"name":"DB_PASSWORD","value":"x"} (group 4).
var attrKind = kind{
	re: regexp.MustCompile(`([A-Za-z0-9_.-]+)` + attrQ + `(?:[ \t]+value=` + attrQ + attrValue + attrQ +
		`|[ \t]*>([^<\n]+)</|[ \t]*,[ \t]*` + attrQ + `value` + attrQ + `[ \t]*:[ \t]*` + attrQ +
		attrValue + attrQ + `)`),
	check: checkAttr, first: 256,
}

// attrQ is a quote, JSON-escaped up to 3 deep; attrValue what it encloses.
const (
	attrQ     = `\\{0,3}"`
	attrValue = `((?:[^"\\\n]|\\[^"\n])*)`
)

// namedAttr reports whether the name at b[start] is a key or name
// attribute's value.
func namedAttr(b []byte, start int) bool {
	if start == 0 || b[start-1] != '"' {
		return false
	}
	var buf [16]byte // what precedes, less JSON's escaping backslashes
	n := len(buf)
	for i := start - 1; i >= 0 && n > 0 && start-i <= 32; i-- {
		if b[i] != '\\' {
			n--
			buf[n] = b[i]
		}
	}
	t := buf[n:]
	return hasSuffix(t, `key="`) || hasSuffix(t, `name="`) || hasSuffix(t, `"name":"`) ||
		hasSuffix(t, `"name": "`)
}

// checkAttr accepts the value of a setting attrKind found, as checkElement
// does an element's text.
func checkAttr(line []byte, m []int) (int, int, string, bool) {
	repl := secretKey(line[m[2]:m[3]])
	vs, ve := m[4], m[5]
	for g := 6; vs < 0 && g < len(m); g += 2 {
		vs, ve = m[g], m[g+1]
	}
	if repl == "" || vs == ve {
		return 0, 0, "", false
	}
	v := line[vs:ve]
	if hasPrefix(v, "${") || placeholder(v) || !fits(repl, v) || !isPassword(repl) && isLowerWord(v) {
		return 0, 0, "", false
	}
	return vs, ve, repl, true
}

// openTag reports whether the name at b[start] opens an element: '<'
// before it (also JSON-escaped, \u003c), or a namespace prefix after it
// (<ns:password>).
func openTag(b []byte, start int) bool {
	if start > 0 && b[start-1] == ':' {
		ns := start - 1
		for ns > 0 && start-ns < 64 && isKeyByte(b[ns-1]) {
			if hasSuffix(b[:ns], `\u003c`) {
				return true // \u003cns:password: the prefix starts after the escape
			}
			ns--
		}
		start = ns
	}
	return start > 0 && b[start-1] == '<' || hasSuffix(b[:start], `\u003c`)
}

// checkElement accepts the text of an element that the same name closes
// (<password>x</password>), unless it is a placeholder (${env.PASS}).
func checkElement(line []byte, m []int) (int, int, string, bool) {
	name := line[m[2]:m[3]]
	repl := secretKey(name)
	if repl == "" || !closesElement(line[m[1]:], name) {
		return 0, 0, "", false
	}
	v := line[m[4]:m[5]]
	switch {
	case hasPrefix(v, "${") || placeholder(v) || !fits(repl, v),
		!isPassword(repl) && isLowerWord(v): // <token>expired</token>
		return 0, 0, "", false
	case string(name) == "Key":
		return 0, 0, "", false // an object's name in an S3 listing
	}
	return m[4], m[5], repl, true
}

// closesElement reports whether b starts with the end tag's rest: name,
// maybe after a namespace prefix, then '>'.
func closesElement(b, name []byte) bool {
	if i := bytes.IndexByte(b[:min(len(b), 64)], ':'); i >= 0 && isIdent(b[:i]) {
		b = b[i+1:]
	}
	return len(b) > len(name) && bytes.EqualFold(b[:len(name)], name) &&
		(b[len(name)] == '>' || hasPrefix(b[len(name):], `\u003e`))
}

// inJDBC reports whether the key starting at line[ks] is a parameter of a
// jdbc: URL: "jdbc:" comes before it on its line with no blank or quote
// between.
func inJDBC(line []byte, ks int) bool {
	s := ks // back to a blank or quote first: most keys follow one
	for s > 0 && ks-s < 512 {
		if c := line[s-1]; c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\n' {
			break
		}
		s--
	}
	return bytes.Contains(line[s:ks], []byte("jdbc:"))
}

// looksRandom reports whether v could be a generated key: 16 or more
// base64 or hex characters holding upper and lower case letters and digits,
// or 32 or more hex digits holding both digits and letters. A UUID, a path,
// a host name or a digest (sha256:...) does not.
func looksRandom(v []byte) bool {
	if len(v) < 16 {
		return false
	}
	var upper, lower, digit, other, hex bool
	for _, c := range v {
		switch {
		case isUpper(c):
			upper = true
		case isLower(c):
			lower = true
			hex = hex || c <= 'f'
		case isDigit(c):
			digit = true
		case c == '+' || c == '/' || c == '=' || c == '_' || c == '-':
			other = true
		default:
			return false
		}
	}
	if upper && lower && digit {
		return true
	}
	return len(v) >= 32 && !other && !upper && digit && hex && isHex(v)
}

func isHex(v []byte) bool {
	for _, c := range v {
		if !isDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// closingQuote returns the index of the quote q closing a value that starts
// at vs, or -1 if it is not on the line, too far, or past an ANSI escape.
// line may run past the line: the search stops at '\n'. q is a quote after
// as many backslashes as the text is escaped deep (", \", \\\"); a quote
// after one more is one the value holds ("a\"b", \"a\\\"b\"), and after
// fewer or others ends an enclosing string first.
func closingQuote(line []byte, vs int, q []byte) int {
	end := min(len(line), vs+maxQuoted)
	depth, quote := len(q)-1, q[len(q)-1]
	for i := vs; i < end; i++ {
		switch c := line[i]; {
		case c == '\x1b' || c == '\n':
			return -1
		case c == quote:
			k := i
			for k > vs && line[k-1] == '\\' {
				k--
			}
			// Each level of escaping doubles a backslash the value holds
			// and adds one before a quote it holds. A quote after any
			// other count closes a string the value's is inside.
			switch (i - k) % (2 * (depth + 1)) {
			case depth:
				return i - depth
			case 2*depth + 1:
			default:
				return -1
			}
		}
	}
	return -1
}

// secretKey returns the replacement for the value of key, or "" if key
// does not name a secret or names something about one (token_count,
// password_file, access_key_id). Keys split into words at '_', '.', '-'
// and camelCase humps.
func secretKey(key []byte) string {
	var w words
	w.split(key)
	j := w.low[:w.n]
	repl := ""
	switch {
	case contains(j, "secretaccesskey"):
		repl = replAWSSecret
	case contains(j, "accountkey") || contains(j, "sharedaccesskey"):
		repl = replAzureKey
	case contains(j, "privatekey"):
		repl = replPrivateKey
	case contains(j, "apikey"):
		repl = replAPIKey
	case contains(j, "accesskey"):
		repl = replAccessKey
	case string(j) == "authtoken" && key[0] == '_',
		contains(j, "npm") && hasSuffix(j, "token"):
		repl = replNPMToken // .npmrc's _authToken, NPM_TOKEN
	}
	// A modifier describes the secret word before it (token_count,
	// password_file); before it, it names whose secret it is
	// (SMTP_HOST_PASSWORD, STRIPE_ENDPOINT_SECRET, PASSWORD_RESET_TOKEN).
	last := -1
	for i := 0; i < w.ns; i++ {
		if namesSecret(w.word(i)) {
			last = i
		}
	}
	for i := 0; i < w.ns; i++ {
		s := w.word(i)
		if repl == "" {
			repl = wordRepl(s)
		}
		if repl == "" && string(s) == "pw" && i == w.ns-1 && pwWord(key) {
			repl = replPassword
		}
		if i > last && isModifier(string(s), i == w.ns-1) {
			return ""
		}
	}
	if repl == replToken && w.ns > 1 && pages(&w) {
		return "" // next_page_token, NextContinuationToken: where a listing goes on
	}
	if repl == "" && w.ns > 1 {
		repl = wordRepl(j) // pAsSwOrD
	}
	if repl == "" && w.ns > 0 {
		repl = genericRepl(&w)
	}
	return repl
}

// genericRepl returns replGeneric when the last word of a key may name a
// secret (signing_key, authKey, SALT) and no word says what kind of key it
// is not (public_key, cache_key, primary_key).
func genericRepl(w *words) string {
	switch string(w.word(w.ns - 1)) {
	case "key", "keys", "auth", "authkey", "salt", "seed", "signature", "hmac":
	default:
		return ""
	}
	for i := 0; i < w.ns-1; i++ {
		switch string(w.word(i)) {
		case "public", "pub", "cache", "sort", "primary", "foreign", "partition", "row",
			"object", "idempotency", "routing", "lookup", "map", "group", "shard", "hash",
			"dedup", "unique", "index", "search", "ssh", "gpg", "pgp", "host":
			return ""
		}
	}
	return replGeneric
}

// wordRepl returns the replacement for a value named by one word.
func wordRepl(s []byte) string {
	switch {
	case string(s) == "pass" || string(s) == "pwd" || string(s) == "passwords" ||
		string(s) == "requirepass" || string(s) == "masterauth" || // Redis
		hasSuffix(s, "password") || hasSuffix(s, "passwd") || hasSuffix(s, "passphrase"),
		hasSuffix(s, "storepass") || hasSuffix(s, "keypass"): // keytool -storepass
		return replPassword
	case string(s) == "secrets" || hasSuffix(s, "secret"):
		return replSecret
	case hasSuffix(s, "token"):
		return replToken
	case hasSuffix(s, "credential") || hasSuffix(s, "credentials") || string(s) == "creds":
		return replCredential
	}
	return ""
}

// pages reports whether a token's key says it pages a listing: the word
// before the last (token) is next, continuation, pagination, sync or
// resume, or page after next or alone (page_token, next_page_token; not
// FB_PAGE_TOKEN, a page's access token).
func pages(w *words) bool {
	if w.ns < 2 || string(w.word(w.ns-1)) != "token" {
		return false
	}
	switch string(w.word(w.ns - 2)) {
	case "next", "continuation", "pagination", "sync", "resume":
		return true
	case "page":
		return w.ns == 2 || string(w.word(w.ns-3)) == "next"
	}
	return false
}

// pwWord reports whether key holds "pw" or "PW" as a word between
// separators (DB_PW, admin-pw), not a camelCase hump: "Pw" is too common
// inside base64 (data:image/png;base64,...Pw=").
func pwWord(key []byte) bool {
	for i := 0; i+2 <= len(key); i++ {
		w := string(key[i : i+2])
		if (w == "pw" || w == "PW") && (i == 0 || isKeySep(key[i-1])) &&
			(i+2 == len(key) || isKeySep(key[i+2])) {
			return true
		}
	}
	return false
}

func isKeySep(c byte) bool { return c == '_' || c == '-' || c == '.' }

// namesSecret reports whether a word of a key names a secret.
func namesSecret(s []byte) bool {
	switch string(s) {
	case "keys", "auth", "salt", "seed", "signature", "hmac", "pw":
		return true
	}
	return wordRepl(s) != "" || hasSuffix(s, "key")
}

// isModifier reports whether a word of a key makes it describe a secret
// rather than hold one. "id" counts only as the last word (id_token holds
// one).
func isModifier(s string, last bool) bool {
	switch s {
	case "id":
		return last
	case "count", "counts", "num", "number", "len", "length", "size", "max", "min",
		"limit", "limits", "type", "types", "kind", "format", "mode", "url", "uri",
		"endpoint", "host", "file", "path", "dir", "ttl", "expiry", "expires",
		"expire", "expiration", "exp", "timeout", "lifetime", "duration", "policy",
		"enabled", "enable", "required", "prefix", "usage", "used", "name", "hint",
		"reset", "header", "field", "version", "alg", "algorithm", "valid", "status",
		"source", "location", "env", "strength", "rotation", "index", "budget", "age",
		"ref", "history", "attempts", "retries", "stdin", "issuer", "audience", "encoding",
		"hasher", "hashing", "backend", "provider", "directory", "scope", "scopes", "engine",
		"mount", "helper", "store", "fd", "cert":
		return true
	}
	return false
}

// words is a key split into lower-case words, joined in low.
type words struct {
	low   [64]byte
	n     int
	cut   [33]uint8 // word i is low[cut[i]:cut[i+1]]
	ns    int
	start int
}

func (w *words) split(key []byte) {
	key = key[max(0, len(key)-len(w.low)):] // the last words name the value
	for i, c := range key {
		if c == '_' || c == '.' || c == '-' {
			w.end()
			continue
		}
		if i > 0 && isUpper(c) {
			p := key[i-1]
			if isLower(p) || isDigit(p) || isUpper(p) && i+1 < len(key) && isLower(key[i+1]) {
				w.end()
			}
		}
		if isUpper(c) {
			c += 'a' - 'A'
		}
		w.low[w.n] = c
		w.n++
	}
	w.end()
}

func (w *words) end() {
	if w.n > w.start && w.ns < len(w.cut)-1 {
		w.cut[w.ns] = uint8(w.start)
		w.ns++
		w.cut[w.ns] = uint8(w.n)
	}
	w.start = w.n
}

func (w *words) word(i int) []byte { return w.low[w.cut[i]:w.cut[i+1]] }

// placeholder reports whether an assignment or URL value stands for a secret
// rather than being one, or is not a value at all.
func placeholder(v []byte) bool {
	// Unquoted, what starts so is not a value: "password: {" opens a YAML
	// map, "password==" compares.
	return v[0] == '{' || v[0] == '[' || v[0] == '=' || v[0] == ':' || placeholderWord(v)
}

// placeholderWord is placeholder for a quoted value: a word or shape that
// stands for a secret.
func placeholderWord(v []byte) bool {
	switch {
	case bytes.Contains(v, []byte("[REDACTED")),
		hasPrefix(v, "${"), hasPrefix(v, "{{"), hasPrefix(v, "$("),
		hasPrefix(v, "-----"), // a PEM marker: the key block is redacted
		v[0] == '<' && v[len(v)-1] == '>',
		v[0] == '$' && isIdent(v[1:]),
		v[0] == '%' && len(v) == 2,
		allOf(v, '*'), len(v) >= 3 && (allOf(v, 'x') || allOf(v, 'X')):
		return true
	}
	if len(v) > 9 {
		return false
	}
	for _, w := range notValues {
		if bytes.EqualFold(v, []byte(w)) {
			return true
		}
	}
	return false
}

var notValues = []string{
	"null", "nil", "<nil>", "none", "true", "false", "yes", "no", "on", "off",
	"undefined", "-", "...", "?", "n/a", "empty", "unset", "redacted", "hidden",
	"masked", "required", "optional", "string", "str",
}

// notSecret reports whether an unquoted value is something other than a
// secret: a path (GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json), a
// call that masks one (SecretStr('****')), a SOPS-encrypted value
// (ENC[AES256_GCM,...]), a YAML tag that fetches one (!vault, !Ref,
// !secret).
func notSecret(v []byte) bool {
	if i := bytes.IndexAny(v, "(["); i > 0 && (isDotted(v[:i]) ||
		isIdent(v[:i]) && i+1 < len(v) && (v[i+1] == '\'' || v[i+1] == '"')) {
		return true // os.environ.get('X'), os.environ['X'], crypto.randomBytes(32)
	}
	if v[0] == '!' {
		switch string(v[1:]) {
		case "vault", "secret", "env_var", "include", "Ref", "Sub", "GetAtt", "ImportValue",
			"Join", "Select", "If", "FindInMap", "Base64", "Equals":
			return true
		}
	}
	return hasPrefix(v, "ENC[") || isPath(v)
}

// isLowerName reports whether v is a name in lower case: letters, digits,
// '_', '-' and '.' (db_pass, db-password).
func isLowerName(v []byte) bool {
	return run(v, func(c byte) bool {
		return isLower(c) || isDigit(c) || c == '_' || c == '-' || c == '.'
	}, 0) == len(v)
}

// isDotted reports whether v is a dotted name (os.environ), as code
// writes one.
func isDotted(v []byte) bool {
	return bytes.IndexByte(v, '.') > 0 && isAlpha(v[0]) && v[len(v)-1] != '.' &&
		run(v, func(c byte) bool { return c == '_' || c == '.' || isAlnum(c) }, 0) == len(v)
}

// isPath reports whether v is an absolute path of two or more parts
// (/run/secrets/db_password, /Users/Bob/.aws/credentials), each a
// lower-case word or a capitalised name: /Tr0ub4dor/3 is a password.
func isPath(v []byte) bool {
	if len(v) < 4 || v[0] != '/' || bytes.Count(v, []byte("/")) < 2 {
		return false
	}
	for part := range bytes.SplitSeq(v[1:], []byte("/")) {
		if len(part) == 0 {
			return false
		}
		rest := part
		if isUpper(part[0]) {
			rest = part[1:]
		}
		if run(rest, func(c byte) bool {
			return isLower(c) || isDigit(c) && !isUpper(part[0]) || c == '.' || c == '_' || c == '-'
		}, 0) != len(rest) {
			return false
		}
	}
	return true
}

// redirects reports whether an argument is a shell redirection or pipe,
// not a flag's value: <, >, |, 2>/dev/null.
func redirects(v []byte) bool {
	switch {
	case v[0] == '<' || v[0] == '>' || v[0] == '|':
		return true
	case len(v) > 1 && isDigit(v[0]) && v[1] == '>':
		return true
	}
	return false
}

// namesKey reports whether v is the key's name, or its last word, in
// capitals, as usage text writes a value to fill in: --password PASSWORD,
// --api-key KEY (not POSTGRES_PASSWORD=POSTGRES).
func namesKey(key, v []byte) bool {
	if len(v) < 3 || len(v) > 32 {
		return false
	}
	var buf [32]byte
	name := buf[:0]
	for _, c := range v {
		switch {
		case isUpper(c):
			name = append(name, c|0x20)
		case c == '_' || c == '-':
		default:
			return false
		}
	}
	var w words
	w.split(key)
	return string(w.low[:w.n]) == string(name) || w.ns > 0 && string(w.word(w.ns-1)) == string(name)
}

func isLowerWord(v []byte) bool {
	for _, c := range v {
		if !isLower(c) {
			return false
		}
	}
	return true
}

func isShortNumber(v []byte) bool {
	if len(v) > 10 {
		return false
	}
	digit := false
	for i, c := range v {
		switch {
		case isDigit(c):
			digit = true
		case c == '.' || c == '-' && i == 0:
		default:
			return false
		}
	}
	return digit
}

func isIdent(v []byte) bool {
	for _, c := range v {
		if c != '_' && !isAlnum(c) {
			return false
		}
	}
	return len(v) > 0
}

func allOf(v []byte, c byte) bool {
	for _, b := range v {
		if b != c {
			return false
		}
	}
	return true
}

// contains is bytes.Contains for the short keys here, without converting s.
func contains(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

func hasPrefix(b []byte, s string) bool { return len(b) >= len(s) && string(b[:len(s)]) == s }

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

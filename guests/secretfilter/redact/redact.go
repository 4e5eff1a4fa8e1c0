package redact

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// A Redactor redacts one stream. It may keep state across the pieces of one
// stream (a PEM private key block spanning pieces or lines) but never across
// streams. It is not safe for concurrent use.
type Redactor struct {
	pem    int    // lines seen since a BEGIN marker; 0 outside a key block
	misses int    // in a key block, lines in a row that held no key material
	short  bool   // in a key block, a short (last) body line was seen
	mid    bool   // in a key block, the last call ended inside a line
	prefix []byte // what came before the BEGIN marker on its line
	spans  []span // scratch, reused across calls
	low    []byte // scratch: the region with ASCII letters lower-cased
	line   []byte // scratch: a line of a key block after the kinds table

	// In RedactHits: the window's hits and the offset in the window of the
	// data being redacted.
	hits    []abi.Hit
	useHits bool
	off     int
}

// New returns a Redactor for one stream.
func New() *Redactor { return &Redactor{} }

// String is a convenience for one-shot use.
func String(s string) string {
	return string(New().Redact(nil, []byte(s)))
}

// Redact returns data with every secret it recognises replaced. dst is
// appended to and returned (may be nil); it must not overlap data. Line count
// and every byte outside a secret stay as they were.
func (r *Redactor) Redact(dst, data []byte) []byte {
	r.useHits, r.hits, r.off = false, nil, 0
	return r.redact(dst, data)
}

// RedactHits is Redact on a window of whole lines whose anchor hits the
// host found (see Anchors): instead of searching for its keywords, the
// redactor tries its kinds only where the hits are, so its cost follows the
// hits, not the bytes. hits must hold every occurrence of every anchor in
// data, in offset order; given that, the answer is Redact's.
func (r *Redactor) RedactHits(dst, data []byte, hits []abi.Hit) []byte {
	for i, h := range hits {
		if int(h.Anchor) >= len(anchorList) || i > 0 && h.Off < hits[i-1].Off {
			return r.Redact(dst, data) // not our anchors, or out of order: search it all
		}
	}
	r.useHits, r.hits, r.off = true, hits, 0
	defer func() { r.useHits, r.hits = false, nil }()
	return r.redact(dst, data)
}

func (r *Redactor) redact(dst, data []byte) []byte {
	for len(data) > 0 {
		var n int
		if r.pem > 0 {
			dst, n = r.pemBody(dst, data)
		} else {
			dst, n = r.plain(dst, data)
		}
		data = data[n:]
		r.off += n
	}
	return dst
}

// Private key blocks. A block runs from a BEGIN marker to the next END
// marker. A line of it that looks like key material (base64 or a PEM
// header, after the BEGIN line's prefix) is blanked up to its wrapper; any
// other line (another service's line, or what follows a BEGIN marker that
// only a message quoted) goes through the kinds table, and its runs of
// base64 long enough to be key material are blanked too. Several such
// lines in a row without key material end the block.
const (
	replPrivateKey = "[REDACTED:private-key]"
	// maxPEMLines bounds the lines redacted after a BEGIN marker that no
	// END marker follows, so one stray marker cannot blank a whole stream.
	maxPEMLines = 512
	// maxPEMMisses lines in a row without key material end a block.
	maxPEMMisses = 8
	// minBodyLine is the least key material a line needs to be taken for
	// a body line (a body line is a multiple of 4, and the last may be
	// short): shorter lines go through the kinds table.
	minBodyLine = 8
	// minKeyRun is the least base64 run blanked on a block's other lines.
	minKeyRun = 16
	// maxPrefix bounds the line prefix (service name, timestamp, json-file
	// wrapper) remembered from the BEGIN line.
	maxPrefix = 256
)

var (
	pemBegin   = regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`)
	pemKeyword = []byte("PRIVATE KEY")
	pemEnd     = []byte("-----END")
	pemDashes  = []byte("-----")
	pemHeaders = [][]byte{[]byte("Proc-Type:"), []byte("DEK-Info:")}
)

// plain redacts data up to the end of the first line holding a BEGIN
// marker, or all of it, and returns how much it consumed (> 0).
func (r *Redactor) plain(dst, data []byte) ([]byte, int) {
	b, e := -1, -1
	if !r.useHits || r.hitOf(pemAnchor, len(data)) {
		b, e = findBegin(data)
	}
	if b < 0 {
		return r.region(dst, data), len(data)
	}
	dst = r.region(dst, data[:b])
	dst = append(dst, data[b:e]...)
	le := lineEnd(data, e)
	rest := data[e:le]
	if k := endMarker(rest); k >= 0 {
		dst = redactStrings(dst, rest[:k])
		c := markerEnd(rest, k+len(pemEnd))
		return append(dst, rest[k:c]...), e + c
	}
	r.pem, r.mid, r.misses, r.short = 1, true, 0, false
	r.prefix = r.prefix[:0]
	if ls := lineStart(data, b); b-ls <= maxPrefix {
		r.prefix = append(r.prefix, data[ls:b]...)
	}
	return r.blockLine(dst, rest, 0, e, true), le
}

// pemBody redacts one line (or the rest of data) inside a key block and
// returns how much it consumed (> 0 unless the block ended at data[0]).
// What the log driver or compose put before the BEGIN marker (a service
// name, a timestamp, {"log":") stays on every line that repeats it.
func (r *Redactor) pemBody(dst, data []byte) ([]byte, int) {
	le := lineEnd(data, 0)
	line := data[:le]
	start := 0
	own := r.mid || samePrefix(line, r.prefix)
	if !r.mid && own {
		start = len(r.prefix)
	}
	if k := endMarker(line); k >= 0 {
		r.pem, r.mid = 0, false
		dst = r.blockLine(dst, line[:k], start, 0, own)
		c := markerEnd(line, k+len(pemEnd))
		return append(dst, line[k:c]...), c
	}
	dst = r.blockLine(dst, line, start, 0, own)
	if r.misses >= maxPEMMisses {
		r.pem, r.misses = 0, 0
	}
	if le == len(data) {
		r.mid = r.pem > 0
		return dst, le
	}
	if r.pem > 0 {
		if r.pem++; r.pem > maxPEMLines {
			r.pem = 0
		}
	}
	r.mid = false
	return append(dst, '\n'), le + 1
}

// blockLine appends seg, a line of a key block (or its part before an END
// marker, or after the BEGIN marker) found at offset at of the data being
// redacted: blanked from start if it looks like key material, else through
// the kinds table with its long base64 runs blanked. It counts the lines
// without key material in r.misses, if own: only lines that repeat the
// BEGIN line's prefix count (another service's lines between a key's lines
// do not end its block).
func (r *Redactor) blockLine(dst, seg []byte, start, at int, own bool) []byte {
	if r.isKeyLine(seg, start) {
		r.misses = 0
		start = min(start, len(seg))
		e := keyEnd(seg, start)
		dst = r.regionAt(dst, seg[:start], at)
		dst = redactBody(dst, seg[start:e])
		return r.regionAt(dst, seg[e:], at+e)
	}
	r.line = r.regionAt(r.line[:0], seg, at)
	dst, blanked := r.blankRuns(dst, r.line)
	if blanked {
		r.misses = 0
	} else if own {
		r.misses++
	}
	return dst
}

// endMarker returns where the first END marker of a private key on line
// starts ("-----END ... PRIVATE KEY"), or -1: another END (a certificate's)
// does not end a key block.
func endMarker(line []byte) int {
	for from := 0; ; {
		k := bytes.Index(line[from:], pemEnd)
		if k < 0 {
			return -1
		}
		k += from
		if c := markerEnd(line, k+len(pemEnd)); bytes.Contains(line[k:c], pemKeyword) {
			return k
		}
		from = k + len(pemEnd)
	}
}

// regionAt is region for b found at offset at of the data being redacted.
func (r *Redactor) regionAt(dst, b []byte, at int) []byte {
	r.off += at
	dst = r.region(dst, b)
	r.off -= at
	return dst
}

// isKeyLine reports whether b[start:] is a line of key material: base64 or
// a PEM header, with blanks and escapes around it, up to the end of b or a
// wrapper (a quote or an escape that closes a json-file line, a CR).
// The last body line may be short: one such line (see shortLast) is taken
// for it in each block.
func (r *Redactor) isKeyLine(b []byte, start int) bool {
	start = min(start, len(b))
	if bytes.HasPrefix(trimBlanks(b[start:]), []byte(replPrivateKey)) {
		// Redacted already: a block's line all the same, and it may have
		// been the short one.
		r.short = true
		return true
	}
	e := keyEnd(b, start)
	if rest := b[e:]; len(rest) > 0 && !wrapperAt(rest) {
		return false
	}
	body := trimBlanks(b[start:e])
	for _, h := range pemHeaders {
		if bytes.HasPrefix(body, h) {
			return true
		}
	}
	if len(body) >= minBodyLine {
		return bytes.IndexAny(body, " \t") < 0
	}
	if r.short || !shortLast(body) {
		return false
	}
	r.short = true
	return true
}

// shortLast reports whether b may be the short last line of a body: base64
// with its padding, or of a whole number of 4-byte groups.
func shortLast(b []byte) bool {
	return allBase64(b) && (len(b) >= 2 && b[len(b)-1] == '=' || len(b) >= 4 && len(b)%4 == 0)
}

func allBase64(b []byte) bool { return run(b, isBase64, 0) == len(b) }

// wrapperAt reports whether b starts with what may close a line of key
// material: a quote, an escaped quote, a colour code, a CR.
func wrapperAt(b []byte) bool {
	switch b[0] {
	case '"', '\'', '\x1b', '\r':
		return true
	}
	return bytes.HasPrefix(b, []byte(`\"`)) || bytes.HasPrefix(b, []byte(`\u001b`))
}

// trimBlanks returns b without the blanks and literal \n, \r, \t escapes
// at either end.
func trimBlanks(b []byte) []byte {
	i, j := blankBounds(b)
	return b[i:j]
}

// blankBounds returns where b is, less the blanks and literal \n, \r, \t
// escapes at either end.
func blankBounds(b []byte) (int, int) {
	i, j := 0, len(b)
	for i < j {
		n := blankAt(b[i:j])
		if n == 0 {
			break
		}
		i += n
	}
	for i < j {
		n := blankBefore(b[i:j])
		if n == 0 {
			break
		}
		j -= n
	}
	return i, j
}

// blankRuns appends b with each run of base64 of minKeyRun bytes or more
// (or the block's short last line) replaced with the private-key marker,
// and reports whether it replaced any.
func (r *Redactor) blankRuns(dst, b []byte) ([]byte, bool) {
	blanked := false
	for i := 0; i < len(b); {
		if n := escapedAt(b, i); n > 0 {
			// The letter of a JSON escape (\n, \/, \u00e9) is not key
			// material, and a marker after the backslash would break it.
			dst = append(dst, b[i:i+n]...)
			i += n
			continue
		}
		if !isBase64(b[i]) {
			dst = append(dst, b[i])
			i++
			continue
		}
		j := i + run(b[i:], isBase64, 0)
		if j-i >= minKeyRun || !r.short && b[j-1] == '=' && shortLast(b[i:j]) &&
			(i == 0 || strings.IndexByte(" \t\"", b[i-1]) >= 0) &&
			(j == len(b) || strings.IndexByte(" \t\r\"\\\x1b", b[j]) >= 0) {
			r.short = r.short || j-i < minKeyRun
			dst, blanked = append(dst, replPrivateKey...), true
		} else {
			dst = append(dst, b[i:j]...)
		}
		i = j
	}
	return dst, blanked
}

// escapedAt returns the length of what an odd run of backslashes ending
// at b[i-1] escapes: \uXXXX's five bytes, else one; 0 if b[i] is not
// escaped.
func escapedAt(b []byte, i int) int {
	k := i
	for k > 0 && b[k-1] == '\\' {
		k--
	}
	if (i-k)%2 == 0 {
		return 0
	}
	if b[i] != 'u' || i+5 > len(b) {
		return 1
	}
	for _, c := range b[i+1 : i+5] {
		if !isHexByte(c) {
			return 1
		}
	}
	return 5
}

func isBase64(c byte) bool { return isAlnum(c) || c == '+' || c == '/' || c == '=' }

// samePrefix reports whether line starts with p, any digit matching any
// digit (timestamps, compose's web-1, web-2).
func samePrefix(line, p []byte) bool {
	if len(line) < len(p) {
		return false
	}
	for i, c := range p {
		if d := line[i]; d != c && !(isDigit(c) && isDigit(d)) {
			return false
		}
	}
	return true
}

// keyEnd returns where the key material that starts at b[start] ends. It
// runs over base64, the characters of PEM headers (Proc-Type: 4,ENCRYPTED),
// blanks and literal \n, \r, \t escapes, and stops at any other byte: what
// follows (the rest of a json-file line, a colour reset) is not key.
func keyEnd(b []byte, start int) int {
	e := start
	for e < len(b) {
		if c := b[e]; isAlnum(c) || strings.IndexByte("+/=-:, \t", c) >= 0 {
			e++
			continue
		}
		k := e
		for k < len(b) && b[k] == '\\' {
			k++
		}
		if k == e || k == len(b) || !isEscLetter(b[k]) {
			break
		}
		e = k + 1
	}
	return e
}

// findBegin returns the bounds of the first BEGIN marker in data, or -1.
func findBegin(data []byte) (int, int) {
	for from := 0; from < len(data); {
		i := bytes.Index(data[from:], pemKeyword)
		if i < 0 {
			return -1, -1
		}
		i += from
		ls, le := lineStart(data, i), lineEnd(data, i)
		if m := pemBegin.FindIndex(data[ls:le]); m != nil {
			return ls + m[0], ls + m[1]
		}
		from = le
	}
	return -1, -1
}

// markerEnd returns the index just past the "-----" closing a marker whose
// label starts at from, or len(b) if it has none.
func markerEnd(b []byte, from int) int {
	if i := bytes.Index(b[from:], pemDashes); i >= 0 {
		return from + i + len(pemDashes)
	}
	return len(b)
}

// redactBody replaces b, less the blanks and literal \n, \r, \t escapes at
// either end, with the private-key marker.
func redactBody(dst, b []byte) []byte {
	i, j := blankBounds(b)
	if i == j {
		return append(dst, b...)
	}
	dst = append(dst, b[:i]...)
	dst = append(dst, replPrivateKey...)
	return append(dst, b[j:]...)
}

// redactStrings is redactBody for each part of b between unescaped
// quotes, keeping the quotes and what lies between strings: a key whose
// lines are the strings of a JSON array (["-----BEGIN ...","MIIE...",
// "-----END ..."]) stays an array of as many strings.
func redactStrings(dst, b []byte) []byte {
	for {
		q := unescapedQuote(b)
		if q < 0 {
			return redactBody(dst, b)
		}
		dst = redactBody(dst, b[:q])
		b = b[q:]
		n := 1 + bytes.IndexByte(b[1:], '"') // the next string's opening quote
		if n == 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:n+1]...)
		b = b[n+1:]
	}
}

// unescapedQuote returns the index of the first '"' in b that no
// backslash escapes, or -1.
func unescapedQuote(b []byte) int {
	for i, c := range b {
		if c == '"' && escapedAt(b, i) == 0 {
			return i
		}
	}
	return -1
}

// blankAt returns the length of the blank or escape at the start of b.
func blankAt(b []byte) int {
	switch b[0] {
	case ' ', '\t', '\r', '\n':
		return 1
	case '\\':
		k := 1
		for k < len(b) && b[k] == '\\' {
			k++
		}
		if k < len(b) && isEscLetter(b[k]) {
			return k + 1
		}
	}
	return 0
}

// blankBefore returns the length of the blank or escape at the end of b.
func blankBefore(b []byte) int {
	n := len(b)
	switch c := b[n-1]; {
	case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		return 1
	case isEscLetter(c) && n >= 2 && b[n-2] == '\\':
		k := 2
		for k < n && b[n-1-k] == '\\' {
			k++
		}
		return k
	}
	return 0
}

func isEscLetter(c byte) bool { return c == 'n' || c == 'r' || c == 't' }

// lineStart returns the index of the first byte of the line holding b[i].
func lineStart(b []byte, i int) int { return bytes.LastIndexByte(b[:i], '\n') + 1 }

// lineEnd returns the index of the '\n' ending the line holding b[i], or
// len(b).
func lineEnd(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// region redacts b, which holds no private key block, with the kinds table.
func (r *Redactor) region(dst, b []byte) []byte {
	if len(b) == 0 {
		return dst
	}
	spans := r.spans[:0]
	if r.useHits {
		spans = r.scanHits(b, spans)
	} else {
		r.low = lowerASCII(r.low[:0], b)
		for i := range kinds {
			spans = kinds[i].scan(b, r.low, i, spans)
		}
	}
	r.spans = spans
	if len(spans) == 0 {
		return append(dst, b...)
	}
	return splice(dst, b, spans)
}

// splice writes b with the spans replaced. Where spans overlap, the one
// starting first wins, then the earlier kind, then the longer.
func splice(dst, b []byte, spans []span) []byte {
	slices.SortFunc(spans, func(x, y span) int {
		switch {
		case x.s != y.s:
			return x.s - y.s
		case x.kind != y.kind:
			return x.kind - y.kind
		}
		return y.e - x.e
	})
	last := 0
	for _, s := range spans {
		if s.s < last {
			continue
		}
		dst = append(dst, b[last:s.s]...)
		dst = append(dst, s.repl...)
		last = s.e
	}
	return append(dst, b[last:]...)
}

func lowerASCII(dst, b []byte) []byte {
	dst = slices.Grow(dst, len(b))[:len(b)]
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst
}

package redact

// Hand-written matchers for the patterns that ordinary logs try most. Each
// returns what its kind's anchored regexp (kind.at) returns on the same
// input, submatches included: TestMatchersAgree and FuzzMatchers compare
// them. Go's regexp compiled to wasm costs tens of microseconds an attempt,
// and these are a loop each.

// prefixRun matches one of prefixes, then at least min and at most max
// (0: no bound) bytes of class: the shape of most token kinds.
func prefixRun(class func(byte) bool, min, max int, prefixes ...string) func([]byte) []int {
	return func(b []byte) []int {
		for _, p := range prefixes {
			if !hasPrefix(b, p) {
				continue
			}
			n := run(b[len(p):], class, max)
			if n < min {
				return nil
			}
			return []int{0, len(p) + n}
		}
		return nil
	}
}

// run counts the bytes of class at the start of b, at most max (0: all).
func run(b []byte, class func(byte) bool, max int) int {
	n := 0
	for n < len(b) && (max == 0 || n < max) && class(b[n]) {
		n++
	}
	return n
}

func isUpperDigit(c byte) bool { return isUpper(c) || isDigit(c) }
func isAlnumDash(c byte) bool  { return isAlnum(c) || c == '-' }
func isB64URL(c byte) bool     { return isAlnum(c) || c == '_' || c == '-' }

// matchJWT is eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*.
func matchJWT(b []byte) []int {
	if !hasPrefix(b, "eyJ") {
		return nil
	}
	i := 3
	for range 2 {
		n := run(b[i:], isB64URL, 0)
		if n < 4 || i+n >= len(b) || b[i+n] != '.' {
			return nil
		}
		i += n + 1
	}
	return []int{0, i + run(b[i:], isB64URL, 0)}
}

// matchAuth is (?i)(bearer|basic), colours, blanks, colours, then
// ([A-Za-z0-9._~+/-]+=*).
func matchAuth(b []byte) []int {
	w := 0
	switch {
	case len(b) >= 6 && equalFoldASCII(b[:6], "bearer"):
		w = 6
	case len(b) >= 5 && equalFoldASCII(b[:5], "basic"):
		w = 5
	default:
		return nil
	}
	c := ansiRun(b, w)
	i := c + run(b[c:], isBlank, 0)
	if i == c {
		return nil
	}
	i = ansiRun(b, i)
	n := run(b[i:], isTokenByte, 0)
	if n == 0 {
		return nil
	}
	e := i + n + run(b[i+n:], func(c byte) bool { return c == '=' }, 0)
	return []int{0, e, 0, w, i, e}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isTokenByte(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '-'
}

// equalFoldASCII reports whether b is low (letters) in any case.
func equalFoldASCII(b []byte, low string) bool {
	for i, c := range b {
		if c|0x20 != low[i] || !isAlpha(c) {
			return false
		}
	}
	return true
}

// isSpace is regexp's \s: [\t\n\f\r ].
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// matchURL is
// [A-Za-z][A-Za-z0-9+.-]*:(?://|\\/\\/)[^\s:/?#"'<>\x1b]*:([^\s/?#"'<>\x1b]+)@
// The user may hold '@' (Azure's user@server). The password runs greedily,
// so it ends at the last '@' of its run.
func matchURL(b []byte) []int {
	if len(b) == 0 || !isAlpha(b[0]) {
		return nil
	}
	i := 1 + run(b[1:], isSchemeByte, 0)
	switch {
	case hasPrefix(b[i:], "://"):
		i += 3
	case hasPrefix(b[i:], `:\/\/`):
		i += 5
	default:
		return nil
	}
	i += run(b[i:], func(c byte) bool { return !isSpace(c) && !isURLStop(c) && c != ':' }, 0)
	if i >= len(b) || b[i] != ':' {
		return nil
	}
	ps := i + 1
	n := run(b[ps:], func(c byte) bool { return !isSpace(c) && !isURLStop(c) }, 0)
	for at := ps + n - 1; at > ps; at-- {
		if b[at] == '@' {
			return []int{0, at + 1, ps, at}
		}
	}
	return nil
}

func isURLStop(c byte) bool {
	switch c {
	case '/', '?', '#', '"', '\'', '<', '>', '\x1b':
		return true
	}
	return false
}

func isAlpha(c byte) bool { return isUpper(c) || isLower(c) }

// matchAssign is assignRE. Only the key's closing quote may give back what
// it took: fewer backslashes, when a JSON-escaped colour (\u001b[...m)
// follows; every other part takes all it can, as the pattern's would.
func matchAssign(b []byte) []int {
	k := run(b, isKeyByte, 0)
	if k == 0 {
		return nil
	}
	for take := run(b[k:], isBackslash, 3); take >= 0; take-- {
		q := k + take
		for _, quote := range []bool{true, false} {
			e := q
			if quote {
				if e >= len(b) || (b[e] != '"' && b[e] != '\'') {
					continue
				}
				e++
			}
			if m := assignRest(b, e); m != nil {
				m[2], m[3], m[4], m[5] = 0, k, k, e
				return m
			}
		}
	}
	return nil
}

// assignRest matches assignRE after the key's closing quote, from b[i]:
// colours, blanks, the separator, blanks, colours, the value's quote and
// the value.
func assignRest(b []byte, i int) []int {
	i = ansiRun(b, i)
	s := blankEnd(b, i)
	if s >= len(b) || (b[s] != ':' && b[s] != '=') {
		return nil
	}
	se := s + 1
	if se < len(b) && (b[s] == '=' && b[se] == '>' || b[s] == ':' && b[se] == '=') {
		se++
	}
	a := blankEnd(b, se)
	vq := ansiRun(b, a)
	v := vq + run(b[vq:], isBackslash, 3)
	if v < len(b) && (b[v] == '"' || b[v] == '\'') {
		v++
	}
	e := v
	for e < len(b) {
		if c := b[e]; c != '\\' && !isSpace(c) && !isValueStop(c) {
			e++
		} else if c == '\\' && e+1 < len(b) && !isSpace(b[e+1]) && !isEscStop(b[e+1]) {
			e += 2
		} else {
			break
		}
	}
	return []int{0, e, 0, 0, 0, 0, i, s, s, se, se, a, vq, v, v, e}
}

// blankEnd returns where the blanks starting at b[i] end: spaces, tabs and
// JSON-escaped tabs (\t, escaped up to 3 deep).
func blankEnd(b []byte, i int) int {
	for i < len(b) {
		if isBlank(b[i]) {
			i++
			continue
		}
		k := run(b[i:], isBackslash, 4)
		if k == 0 || k > 3 || i+k >= len(b) || b[i+k] != 't' {
			return i
		}
		i += k + 1
	}
	return i
}

// ansiRun returns where the colour escapes starting at b[i] end, raw
// (ESC[...m) or JSON-escaped (\u001b[...m).
func ansiRun(b []byte, i int) int {
	for {
		j := i
		switch {
		case j < len(b) && b[j] == '\x1b':
			j++
		case hasPrefix(b[j:], `\u001b`):
			j += 6
		default:
			return i
		}
		if j >= len(b) || b[j] != '[' {
			return i
		}
		j++
		j += run(b[j:], func(c byte) bool { return isDigit(c) || c == ';' }, 0)
		if j >= len(b) || b[j] != 'm' {
			return i
		}
		i = j + 1
	}
}

func isValueStop(c byte) bool {
	switch c {
	case '"', '\'', ')', ',', ';', '&', '\x1b':
		return true
	}
	return false
}

func isEscStop(c byte) bool {
	switch c {
	case '"', '\'', 'n', 'r', 't', 'u', '\\':
		return true
	}
	return false
}

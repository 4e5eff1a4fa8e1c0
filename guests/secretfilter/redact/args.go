package redact

import "bytes"

// Clients that take a password as a short flag: mysql -uroot -pS3cret,
// redis-cli -a S3cret, sshpass -p S3cret, mongosh -p S3cret. Health checks
// and commands in a container's inspect output hold them, as a command line
// or a JSON array (["mysqladmin","ping","-pS3cret"]).

// A client is a command (what its name starts with, lower case) and its
// password flag.
type client struct {
	stem string
	flag string
	next bool // the password may be the next argument; else only glued (-pS3cret)
}

var clients = []client{
	{"mysql", "-p", false}, {"mariadb", "-p", false}, // -p alone asks for it
	{"redis-cli", "-a", true}, {"sshpass", "-p", true}, {"mongo", "-p", true},
}

// argsRE is the reference for matchClient: a client's name, then the rest
// of the word (mysqladmin, mongosh).
var argsRE = `([Mm][Yy][Ss][Qq][Ll]|[Mm][Aa][Rr][Ii][Aa][Dd][Bb]|[Rr][Ee][Dd][Ii][Ss]-[Cc][Ll][Ii]|` +
	`[Ss][Ss][Hh][Pp][Aa][Ss][Ss]|[Mm][Oo][Nn][Gg][Oo])[A-Za-z_-]*`

// matchClient is argsRE.
func matchClient(b []byte) []int {
	for _, c := range clients {
		if len(b) >= len(c.stem) && stemIs(b[:len(c.stem)], c.stem) {
			n := len(c.stem)
			return []int{0, n + run(b[n:], isNameByte, 0), 0, n}
		}
	}
	return nil
}

// clientStems are the clients' names, the kind's keywords.
func clientStems() []string {
	var s []string
	for _, c := range clients {
		s = append(s, c.stem)
	}
	return s
}

// stemIs reports whether b is stem, its letters in any case.
func stemIs(b []byte, stem string) bool {
	for i, c := range b {
		if c != stem[i] && (!isAlpha(c) || c|0x20 != stem[i]) {
			return false
		}
	}
	return len(b) == len(stem)
}

func isNameByte(c byte) bool { return isAlpha(c) || c == '_' || c == '-' }

// maxArgs bounds how many arguments after a client's name are looked at.
const maxArgs = 32

// checkClient finds the password flag among the arguments after a
// client's name, up to the command's end (a shell operator, a closing
// bracket, the line's end) or an argument that is neither a flag nor a
// flag's value (docker exec mysql cp -pr: the command is cp), and accepts
// its value: not a placeholder, not another flag, not a port (docker run
// --name mysql -p3306:3306).
func checkClient(line []byte, m []int) (int, int, string, bool) {
	if hasPrefix(line[m[1]:], ".exe") {
		m = []int{m[0], m[1] + len(".exe"), m[2], m[3]}
	}
	if wordBefore(line, m[0]) || m[1] < len(line) && !isArgSep(line[m[1]]) ||
		!isCommand(line, m[0]) {
		return 0, 0, "", false // mysql:8, MYSQL_PASSWORD=, mysql.service, --name mysql
	}
	var c client
	for _, c = range clients {
		if stemIs(line[m[2]:m[3]], c.stem) {
			break
		}
	}
	// mysqladmin takes commands before its flags (mysqladmin ping -p...).
	admin := containsFold(line[m[0]:m[1]], "admin")
	i, next, flagValue := m[1], false, false
	for range maxArgs {
		end := i
		if i = skipSeps(line, i); i >= len(line) || isCommandEnd(line[i]) {
			return 0, 0, "", false
		}
		s := i
		i = argEnd(line, i)
		arg := line[s:i]
		colour := sgrEnd(line, i) // -p ESC[33m x: a colour around the password
		switch {
		case next && (arg[0] == '-' || emptyQuotes(line[end:s]) || isSnakeName(arg)):
			// -a --no-auth-warning, -a '': no password given; pytest -k
			// mongo -p pytest_asyncio: a plugin's name.
			return 0, 0, "", false
		case next:
			return clientValue(line, quoteBefore(line, m[1], s), s, i)
		case string(arg) == c.flag && gluedQuote(line, i):
			return clientValue(line, line[i:i+1], i+1, i+1) // -p'x y'
		case string(arg) == c.flag && i+2 < len(line) && line[i] == '\\' && gluedQuote(line, i+1):
			return clientValue(line, line[i:i+2], i+2, i+2) // -p\"x\" in a JSON string
		case string(arg) == c.flag && colour > i && colour < len(line) && isGlued(line[colour]):
			return clientValue(line, nil, colour, argEnd(line, colour))
		case string(arg) == c.flag:
			next = c.next
		case len(arg) > 2 && string(arg[:2]) == c.flag:
			return clientValue(line, quoteBefore(line, m[1], s), s+2, i) // -px, '-px y'
		case arg[0] == '-' && len(arg) > 1:
			// -u root, --user root: the next argument may be the flag's.
			flagValue = len(arg) == 2 || arg[1] == '-' && bytes.IndexByte(arg, '=') < 0
			continue
		case !flagValue && !admin && bytes.IndexByte(arg, ':') < 0:
			return 0, 0, "", false // another command's argument; not an address
		}
		flagValue = false
	}
	return 0, 0, "", false
}

// isCommand reports whether the client's name at line[i] is a command:
// not part of a flag (-I/usr/include/mysql) or of a path other than a bin
// directory's or ./ (/var/lib/mysql), and not the value of a long flag
// (--name mysql). A short flag before it is taken for one that takes no
// value (sudo -E mysql, bash -c 'mysql ...'): a password missed costs more
// than a word kept. docker exec -it mysql mkdir -pv stops at mkdir.
func isCommand(line []byte, i int) bool {
	inArg := func(c byte) bool {
		return !isArgSep(c) && !isArgEnd(c) && c != ',' && c != '[' && !isCommandEnd(c) && c != '('
	}
	s := i
	for s > 0 && i-s < maxArgLen && inArg(line[s-1]) {
		s--
	}
	pre := line[s:i] // $(, `, (, command=, /usr/bin/, ./
	if len(pre) > 0 && (pre[0] == '-' || bytes.IndexByte(pre, '/') >= 0 &&
		!bytes.HasSuffix(pre, []byte("bin/")) && !bytes.HasSuffix(pre, []byte("./"))) {
		return false
	}
	if s > 0 && (line[s-1] == '"' || line[s-1] == '\'') {
		return true // a quoted command: sh -c "mysql ...", ["sh","-c","mysql ..."]
	}
	p := s
	for p > 0 && s-p < maxArgLen && (isArgSep(line[p-1]) || line[p-1] == ',') {
		p--
	}
	e := p
	for p > 0 && e-p < maxArgLen && inArg(line[p-1]) {
		p--
	}
	flag := line[p:e]
	return !hasPrefix(flag, "--") || len(flag) == 2 || bytes.IndexByte(flag, '=') >= 0
}

// maxArgLen bounds how far back isCommand looks for an argument's start.
const maxArgLen = 256

// emptyQuotes reports whether the separators between two arguments hold
// an empty quoted argument (two quotes in a row, also escaped): a flag
// given no value.
func emptyQuotes(seps []byte) bool {
	return bytes.Contains(seps, []byte("''")) || bytes.Contains(seps, []byte(`""`)) ||
		bytes.Contains(seps, []byte(`\"\"`))
}

// clientValue accepts the argument in line[vs:ve] as a password. After an
// opening quote q (-p'x y', "-a","x y", \"-a\",\"x\") it runs to the closing
// one.
func clientValue(line, q []byte, vs, ve int) (int, int, string, bool) {
	if len(q) > 0 {
		if ve = closingQuote(line, vs, q); ve < 0 {
			return 0, 0, "", false
		}
	} else {
		// A JSON-escaped &, < or > is the password's (-pa\u0026b). What
		// closes a list or a command is not: [mysql -pS3cret], mysql
		// -pS3cret; echo.
		for isEscapedMark(line[ve:]) {
			ve = argEnd(line, ve+len(`\u0026`))
		}
		ve = closedBefore(line[vs:ve], false) + vs
		ve = vs + len(bytes.TrimRight(line[vs:ve], ";|&)`"))
	}
	v := bytes.TrimLeft(line[vs:ve], "$")
	switch {
	case len(v) == 0:
		return 0, 0, "", false
	case hasPrefix(line[vs:ve], "${"):
		return varDefault(line, vs, ve, replPassword) // -p${MYSQL_PASSWORD:-x}
	case placeholder(line[vs:ve]), len(v) < ve-vs && (isIdent(v) || len(v) == 1), isPort(v),
		line[vs] == '`', namesPassword(v):
		return 0, 0, "", false // $$MYSQL_ROOT_PASSWORD, $@, -p`cat f`, -pYOUR_PASSWORD
	}
	return vs, ve, replPassword, true
}

// isSnakeName reports whether v is a lower-case name with '_' in it.
func isSnakeName(v []byte) bool {
	return bytes.IndexByte(v, '_') > 0 &&
		run(v, func(c byte) bool { return isLower(c) || c == '_' }, 0) == len(v)
}

// namesPassword reports whether v is a word that stands for a password:
// letters and '_' that hold "pass" (-pPASSWORD, -pyour_password).
func namesPassword(v []byte) bool {
	return run(v, func(c byte) bool { return isAlpha(c) || c == '_' }, 0) == len(v) &&
		containsFold(v, "pass")
}

// containsFold reports whether b holds s (lower case), its letters in any
// case.
func containsFold(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if stemIs(b[i:i+len(s)], s) {
			return true
		}
	}
	return false
}

// argEnd returns where the argument at line[i] ends: a separator (see
// isArgSep) or what ends it otherwise (see isArgEnd).
func argEnd(line []byte, i int) int {
	for i < len(line) && !isArgSep(line[i]) && !isArgEnd(line[i]) {
		i++
	}
	return i
}

// isEscapedMark reports whether b starts with a JSON-escaped &, < or >,
// as Go's encoding/json writes them (a json-file log line).
func isEscapedMark(b []byte) bool {
	return hasPrefix(b, `\u0026`) || hasPrefix(b, `\u003c`) || hasPrefix(b, `\u003e`)
}

// quoteBefore returns the quote, with the backslashes escaping it, that
// opens the argument at line[s], or nil. from bounds the search.
func quoteBefore(line []byte, from, s int) []byte {
	if s == from || line[s-1] != '"' && line[s-1] != '\'' {
		return nil
	}
	k := s - 1
	for k > from && line[k-1] == '\\' {
		k--
	}
	return line[k:s]
}

// skipSeps returns where the argument after line[i] starts: past blanks,
// quotes and the commas of a JSON array, also JSON-escaped (\", \t). At a
// JSON-escaped line end or control byte (\n, \u001b) it returns len(line):
// the command ended.
func skipSeps(line []byte, i int) int {
	for ; i < len(line); i++ {
		if e := sgrEnd(line, i); e > i {
			i = e - 1 // a colour between arguments
			continue
		}
		switch c := line[i]; {
		case c == '\\':
			k := i
			for k < len(line) && line[k] == '\\' {
				k++
			}
			if k < len(line) && line[k] != '"' && line[k] != '\'' && line[k] != 't' {
				return len(line)
			}
			i = k
		case !isArgSep(c) && c != ',':
			return i
		}
	}
	return i
}

// isArgSep reports whether c ends an argument: a blank, or a quote or
// backslash around one in a JSON array or a quoted command.
func isArgSep(c byte) bool {
	return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\'
}

// isArgEnd reports whether c ends an argument that a separator does not:
// the line's end, a colour escape.
func isArgEnd(c byte) bool { return c == '\n' || c == '\r' || c == '\x1b' }

// gluedQuote reports whether line[i] is a quote that opens a value glued
// to its flag (-p"x"), not one that closes the flag's string in a JSON
// array ("-p","x").
func gluedQuote(line []byte, i int) bool {
	if i+1 >= len(line) || line[i] != '\'' && line[i] != '"' {
		return false
	}
	c := line[i+1]
	return !isArgSep(c) && !isArgEnd(c) && c != ',' && c != ']' && c != line[i]
}

// isCommandEnd reports whether an argument starting with c ends the
// command: a shell operator, the end of an array or a sub-shell, the line.
func isCommandEnd(c byte) bool {
	switch c {
	case '\n', '\r', '\x1b', ';', '|', '&', ')', ']', '}', '`', '<', '>', '#':
		return true
	}
	return false
}

// isPort reports whether v is a published port, docker run's -p: digits,
// dots and colons with a colon, and a protocol (3306:3306, 127.0.0.1:80:80/tcp).
func isPort(v []byte) bool {
	if i := bytes.IndexByte(v, '/'); i >= 0 {
		switch string(v[i+1:]) {
		case "tcp", "udp", "sctp":
			v = v[:i]
		default:
			return false
		}
	}
	return bytes.IndexByte(v, ':') >= 0 && run(v, func(c byte) bool {
		return isDigit(c) || c == '.' || c == ':' || c == '-'
	}, 0) == len(v)
}

// sgrEnd returns the end of the colour escapes (ESC [ ... m, raw or
// JSON-escaped as \u001b[ ... m) starting at line[i], or i if none does.
func sgrEnd(line []byte, i int) int {
	for {
		j := i
		switch {
		case hasPrefix(line[i:], "\x1b["):
			j += 2
		case hasPrefix(line[i:], `\u001b[`):
			j += len(`\u001b[`)
		default:
			return i
		}
		for j < len(line) && (isDigit(line[j]) || line[j] == ';') {
			j++
		}
		if j >= len(line) || line[j] != 'm' {
			return i
		}
		i = j + 1
	}
}

// Command examplefilter is an example of a filter of your own: a
// WebAssembly guest that dockmcp runs after its built-in secret filter on
// every string it returns. Copy this folder to start yours; the README's
// "Writing your own filter" walks through building, testing and enabling
// it.
//
// It replaces, keeping every other byte:
//   - internal host names: one or more labels before ".corp.example"
//     (db-1.eu.corp.example), with [REDACTED:corp-host];
//   - employee IDs: "EMP-" and exactly six digits (EMP-123456), with
//     [REDACTED:employee-id].
//
// It misses upper-case host names (DB.CORP.EXAMPLE), host names of
// a longer domain (x.corp.example.org, on purpose) and IDs with another
// number of digits.
package main

import (
	"bytes"

	"github.com/dockmcp/dockmcp/guests/sdk/filter"
)

// stream is the filter's state for one stream. This filter keeps none: it
// looks at one record at a time.
type stream struct{}

func (stream) Filter(dst, data []byte) []byte {
	return redactIDs(dst, redactHosts(nil, data))
}

func init() {
	filter.Register(func() filter.Stream { return stream{} })
	// Both kinds hold a literal: lines without one never reach the filter.
	filter.RegisterAnchors(filter.Anchor{Text: string(corpSuffix)},
		filter.Anchor{Text: string(empPrefix)})
}

func main() {}

var (
	corpSuffix = []byte(".corp.example")
	empPrefix  = []byte("EMP-")
	hostMark   = []byte("[REDACTED:corp-host]")
	idMark     = []byte("[REDACTED:employee-id]")
)

// redactHosts appends data to dst with every corp host name replaced.
func redactHosts(dst, data []byte) []byte {
	for {
		i := bytes.Index(data, corpSuffix)
		if i < 0 {
			return append(dst, data...)
		}
		end := i + len(corpSuffix)
		start := i
		for start > 0 && (isLabel(data[start-1]) || data[start-1] == '.') {
			start--
		}
		if start == i || continues(data[end:]) {
			dst = append(dst, data[:end]...) // no label before, or a longer name
		} else {
			dst = append(append(dst, data[:start]...), hostMark...)
		}
		data = data[end:]
	}
}

// continues reports whether a host name goes on in rest.
func continues(rest []byte) bool {
	return len(rest) > 0 && isLabel(rest[0]) ||
		len(rest) > 1 && rest[0] == '.' && isLabel(rest[1])
}

// redactIDs appends data to dst with every employee ID replaced.
func redactIDs(dst, data []byte) []byte {
	for {
		i := bytes.Index(data, empPrefix)
		if i < 0 {
			return append(dst, data...)
		}
		end := i + len(empPrefix) + 6
		if (i == 0 || !isLabel(data[i-1])) && end <= len(data) &&
			digits(data[i+len(empPrefix):end]) && (end == len(data) || !isDigit(data[end])) {
			dst = append(append(dst, data[:i]...), idMark...)
			data = data[end:]
			continue
		}
		dst = append(dst, data[:i+len(empPrefix)]...)
		data = data[i+len(empPrefix):]
	}
}

func digits(p []byte) bool {
	for _, c := range p {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLabel(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_'
}

package server

import (
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Markers that stand for what scrub removed.
const (
	markHostPath   = "[host path]"
	markStack      = "[stack trace removed]"
	markSource     = "[source line]"
	markCredential = "[redacted]"
)

var (
	// stackStart is where a Go panic or goroutine dump begins.
	stackStart = regexp.MustCompile(`(?m)(^|\s)(panic: |goroutine \d+ \[|fatal error: )`)
	// sourceLine is a frame's file.go:123 (with an optional column).
	sourceLine = regexp.MustCompile(`\S*\.go:\d+(:\d+)?\b`)
	// userinfo is the user:password@ of a URL.
	userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)[^/\s@"']+@`)
	// authHeader is an Authorization or X-Registry-Auth header's value.
	authHeader = regexp.MustCompile(`(?i)((?:proxy-)?authorization|x-registry-auth)` +
		`(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;]+`)
	// unixSocket is a unix:// address, whose path is a host path.
	unixSocket = regexp.MustCompile(`unix://(/[^\s"'),\[\]:;]*)`)
	// hostPath is an absolute path that starts a word: after the start, a
	// space, a quote, a bracket, = , or : (but not :// or a URL's path).
	hostPath = regexp.MustCompile(`(^|[\s"'=(\[,:])(/[^/\s"'),\[\]:;][^\s"'),\[\]:;]*)`)
)

// scrub makes an error message fit to send to a client: a Go stack trace
// or panic dump is cut, credentials in URLs and auth headers are replaced,
// and every absolute path the call did not name (see namedPaths) becomes
// [host path]. The secret filter chain still runs afterwards.
//
// It misses a path that does not start a word (a relative one, or one glued
// to other text), and it also hides paths inside containers that the call
// did not name: the text cannot tell a container's /data from the host's.
func scrub(msg string, named, exact []string) string {
	return scrubPaths(scrubSecrets(msg), named, exact)
}

// examplePaths are the placeholders of the tools' own messages.
var examplePaths = []string{"/host/path", "/container/path", "/data", "/srv/data", "/srv"}

// scrubSecrets cuts stack traces and replaces source lines and credentials.
func scrubSecrets(msg string) string {
	if loc := stackStart.FindStringIndex(msg); loc != nil {
		msg = strings.TrimRight(msg[:loc[0]], " \n\t:") + " " + markStack
	}
	msg = sourceLine.ReplaceAllString(msg, markSource)
	msg = userinfo.ReplaceAllString(msg, "${1}"+markCredential+"@")
	return authHeader.ReplaceAllString(msg, "${1}${2}"+markCredential)
}

// scrubPaths replaces the absolute paths not named. A path of exact is
// kept as itself only, not what lies inside it.
func scrubPaths(msg string, named, exact []string) string {
	keep := func(p string) bool {
		return isNamed(p, named) || slices.Contains(exact, path.Clean(p)) ||
			slices.Contains(examplePaths, p)
	}
	msg = unixSocket.ReplaceAllStringFunc(msg, func(m string) string {
		if keep(m[len("unix://"):]) {
			return m
		}
		return "unix://" + markHostPath
	})
	return hostPath.ReplaceAllStringFunc(msg, func(m string) string {
		sub := hostPath.FindStringSubmatch(m)
		if keep(sub[2]) {
			return m
		}
		return sub[1] + markHostPath
	})
}

// isNamed reports whether p is a path the call named, or lies inside one:
// a call that names a build context also names its Dockerfile. "/" named
// covers only itself.
func isNamed(p string, named []string) bool {
	clean := path.Clean(strings.TrimRight(p, "."))
	for _, n := range named {
		n = path.Clean(n)
		if clean == n || n != "/" && strings.HasPrefix(clean, n+"/") {
			return true
		}
	}
	return false
}

// namedPaths is every absolute path inside the string values of args,
// including those inside a value such as "/src:/data:ro".
func namedPaths(args json.RawMessage) []string {
	var v any
	if json.Unmarshal(args, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			for _, m := range hostPath.FindAllStringSubmatch(v, -1) {
				out = append(out, m[2])
			}
			if strings.HasPrefix(v, "unix://") {
				out = append(out, v[len("unix://"):])
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for k, e := range v {
				walk(k)
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// scrubError scrubs msg, the message of a call's failure. The paths of
// the operator's policy stay, for refusals name them (such as the allowed
// roots a bind must be under).
func (h *Host) scrubError(msg string, args json.RawMessage) string {
	return scrub(msg, namedPaths(args), h.policyPaths)
}

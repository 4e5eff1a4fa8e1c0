package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"
	"golang.org/x/time/rate"
)

// Log attribute keys of the HTTP transport.
const (
	attrSession = "session"
	attrRemote  = "remote"
	attrStatus  = "status"
	attrReason  = "reason"
)

// headerSession is the Streamable HTTP session header.
const headerSession = "Mcp-Session-Id"

// httpHandler guards mcp-go's Streamable HTTP handler. In order, a request
// to anything but /healthz must pass: the Host and Origin allow lists
// (403), the bearer token (401), the path (404), the rate limit (429), the
// body cap (413) and, when it would open a session, the session cap (503).
// mcp-go checks none of these itself (no Origin check, an unbounded
// io.ReadAll of the body: mark3labs/mcp-go#475).
type httpHandler struct {
	logger     *slog.Logger
	streamable *mcpserver.StreamableHTTPServer
	hosts      []string
	origins    []string
	tokenSum   *[sha256.Size]byte // nil: no authentication
	maxBody    int64
	limits     *limiters
	sessions   *sessionIDs
	progress   *progressTracker
	inFlight   chan struct{} // a semaphore: requests being served
}

func newHTTPHandler(logger *slog.Logger, mcp *mcpserver.MCPServer, cfg HTTPConfig,
	port int, tls bool) *httpHandler {
	hh := &httpHandler{
		logger:   logger,
		hosts:    cfg.AllowedHosts,
		origins:  cfg.AllowedOrigins,
		maxBody:  cfg.MaxBodyBytes,
		limits:   newLimiters(cfg.RateLimit, cfg.RateBurst, cfg.SessionIdleTTL),
		sessions: newSessionIDs(cfg.MaxSessions, cfg.SessionIdleTTL),
		progress: newProgressTracker(),
		inFlight: make(chan struct{}, cfg.MaxInFlight),
	}
	if hh.hosts == nil {
		hh.hosts = loopbackHosts(port)
	}
	if hh.origins == nil {
		hh.origins = loopbackOrigins(port, tls)
	}
	if cfg.Token != "" {
		sum := sha256.Sum256([]byte(cfg.Token))
		hh.tokenSum = &sum
	}
	hh.streamable = mcpserver.NewStreamableHTTPServer(mcp,
		mcpserver.WithEndpointPath(PathMCP),
		mcpserver.WithSessionIdManager(hh.sessions),
		mcpserver.WithSessionIdleTTL(cfg.SessionIdleTTL),
		// Our Host allow list replaces mcp-go's fixed loopback check, so
		// that a proxy's Host can be allowed by name.
		mcpserver.WithDisableLocalhostProtection(true),
		mcpserver.WithStreamableHTTPLogger(logger),
	)
	return hh
}

func (hh *httpHandler) close() { hh.streamable.CloseSessions(context.Background()) }

func loopbackHosts(port int) []string {
	p := strconv.Itoa(port)
	return []string{"localhost:" + p, "127.0.0.1:" + p, "[::1]:" + p}
}

func loopbackOrigins(port int, tls bool) []string {
	scheme := "http://"
	if tls {
		scheme = "https://"
	}
	var out []string
	for _, h := range loopbackHosts(port) {
		out = append(out, scheme+h)
	}
	return out
}

func (hh *httpHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == PathHealthz {
		healthz(w, r)
		return
	}
	session := r.Header.Get(headerSession)
	switch {
	case !hostAllowed(hh.hosts, r.Host):
		hh.refuse(w, r, http.StatusForbidden, "host not allowed")
		return
	case !originAllowed(hh.origins, r.Header.Get("Origin")):
		hh.refuse(w, r, http.StatusForbidden, "origin not allowed")
		return
	case !hh.authorized(w, r):
		hh.refuse(w, r, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	case r.URL.Path != PathMCP:
		http.NotFound(w, r)
		return
	case !hh.limits.allow(rateKey(session, r.RemoteAddr), time.Now()):
		w.Header().Set("Retry-After", "1")
		hh.refuse(w, r, http.StatusTooManyRequests, "rate limit")
		return
	}
	if !hh.capBody(w, r) {
		return
	}
	select {
	case hh.inFlight <- struct{}{}:
		defer func() { <-hh.inFlight }()
	default:
		w.Header().Set("Retry-After", "1")
		hh.refuse(w, r, http.StatusServiceUnavailable, "too many requests in flight")
		return
	}
	if session == "" && r.Method == http.MethodPost && !modernProtocol(r) {
		if !hh.sessions.reserve() {
			w.Header().Set("Retry-After", "10")
			hh.refuse(w, r, http.StatusServiceUnavailable, "session cap reached")
			return
		}
		defer hh.sessions.release()
	}
	hh.logger.Debug("http request", attrSession, session, attrRemote, r.RemoteAddr,
		"method", r.Method)
	r = r.WithContext(withTracker(r.Context(), hh.progress))
	hh.streamable.ServeHTTP(hh.progress.writer(w, session), r)
}

// refuse answers a refused request with status and a short reason, and
// logs it with the session and the client's address.
func (hh *httpHandler) refuse(w http.ResponseWriter, r *http.Request, status int,
	reason string) {
	hh.logger.Warn("http request refused", attrSession, r.Header.Get(headerSession),
		attrRemote, r.RemoteAddr, attrStatus, status, attrReason, reason)
	http.Error(w, http.StatusText(status)+": "+reason, status)
}

func healthz(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, "ok\n")
}

// hostAllowed matches host against allowed: "*" matches any host, an entry
// without a port any port of that name, an entry with a port only that one.
func hostAllowed(allowed []string, host string) bool {
	name, _, err := net.SplitHostPort(host)
	if err != nil {
		name = host
	}
	for _, a := range allowed {
		if a == "*" || strings.EqualFold(a, host) {
			return true
		}
		if _, _, err := net.SplitHostPort(a); err != nil &&
			strings.EqualFold(strings.Trim(a, "[]"), strings.Trim(name, "[]")) {
			return true
		}
	}
	return false
}

// originAllowed passes requests without Origin (not sent by a browser
// page) and those whose Origin is listed exactly, or "*".
func originAllowed(allowed []string, origin string) bool {
	if origin == "" {
		return true
	}
	for _, a := range allowed {
		if a == "*" || strings.EqualFold(strings.TrimSuffix(a, "/"), origin) {
			return true
		}
	}
	return false
}

// authorized checks the bearer token in constant time (both sides hashed,
// so not even the length leaks), and on failure sets WWW-Authenticate.
func (hh *httpHandler) authorized(w http.ResponseWriter, r *http.Request) bool {
	if hh.tokenSum == nil {
		return true
	}
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	if strings.EqualFold(scheme, "Bearer") && subtle.ConstantTimeCompare(sum[:], hh.tokenSum[:]) == 1 {
		return true
	}
	challenge := `Bearer realm="dockmcp"`
	if token != "" {
		challenge += `, error="invalid_token"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	return false
}

// capBody reads at most maxBody bytes of the body into memory (mcp-go would
// read it all) and answers 413 past that. A declared length past the cap is
// refused before a byte is read; an undeclared one stops at the cap, and
// MaxBytesReader makes the server close the connection rather than drain
// the rest.
func (hh *httpHandler) capBody(w http.ResponseWriter, r *http.Request) bool {
	if r.ContentLength > hh.maxBody {
		w.Header().Set("Connection", "close")
		hh.refuse(w, r, http.StatusRequestEntityTooLarge, "body over "+
			strconv.FormatInt(hh.maxBody, 10)+" bytes")
		return false
	}
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, hh.maxBody))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		hh.refuse(w, r, http.StatusRequestEntityTooLarge, "body over "+
			strconv.FormatInt(hh.maxBody, 10)+" bytes")
		return false
	case err != nil:
		hh.refuse(w, r, http.StatusBadRequest, "reading body: "+err.Error())
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return true
}

// modernProtocol reports whether r uses MCP 2026-07-28 or later, which has
// no sessions: each request stands alone, and only the cap on requests in
// flight bounds them.
func modernProtocol(r *http.Request) bool {
	return mcp.IsModernProtocol(r.Header.Get(mcp.HeaderProtocolVersion))
}

// rateKey is the session, or before a session exists the client's address.
func rateKey(session, remote string) string {
	if session != "" {
		return "s:" + session
	}
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	return "a:" + host
}

// limiters hands out one token bucket per key and forgets keys idle for
// ttl once the map grows.
type limiters struct {
	limit rate.Limit
	burst int
	ttl   time.Duration

	mu   sync.Mutex
	keys map[string]*limiterEntry
}

type limiterEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiters(perSecond float64, burst int, ttl time.Duration) *limiters {
	return &limiters{limit: rate.Limit(perSecond), burst: burst, ttl: ttl,
		keys: map[string]*limiterEntry{}}
}

// allow takes one token from key's bucket.
func (l *limiters) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.keys[key]
	if !ok {
		if len(l.keys) >= 4096 {
			l.prune(now)
		}
		e = &limiterEntry{lim: rate.NewLimiter(l.limit, l.burst)}
		l.keys[key] = e
	}
	e.seen = now
	return e.lim.AllowN(now, 1)
}

func (l *limiters) prune(now time.Time) {
	for k, e := range l.keys {
		if now.Sub(e.seen) > l.ttl {
			delete(l.keys, k)
		}
	}
}

// sessionIDs is mcp-go's SessionIdManager for dockmcp: unguessable IDs,
// only IDs it issued are valid, an ID idle past ttl is terminated, and at
// most max sessions live at once (new ones are refused by reserve).
// mcp-go's default accepts any well-formed ID, which would let a client
// skip initialize and the cap.
type sessionIDs struct {
	max int
	ttl time.Duration

	mu      sync.Mutex
	live    map[string]time.Time
	pending int
}

func newSessionIDs(max int, ttl time.Duration) *sessionIDs {
	return &sessionIDs{max: max, ttl: ttl, live: map[string]time.Time{}}
}

// reserve takes a slot for a request that may open a session; release
// gives it back once that request is answered.
func (s *sessionIDs) reserve() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(time.Now())
	if len(s.live)+s.pending >= s.max {
		return false
	}
	s.pending++
	return true
}

func (s *sessionIDs) release() {
	s.mu.Lock()
	s.pending--
	s.mu.Unlock()
}

func (s *sessionIDs) expire(now time.Time) {
	for id, seen := range s.live {
		if now.Sub(seen) > s.ttl {
			delete(s.live, id)
		}
	}
}

// Generate issues a new session ID.
func (s *sessionIDs) Generate() string {
	var b [16]byte
	rand.Read(b[:])
	id := "dockmcp-" + hex.EncodeToString(b[:])
	s.mu.Lock()
	s.live[id] = time.Now()
	s.mu.Unlock()
	return id
}

// Validate accepts a live ID and marks it used; an expired one is
// terminated, anything else unknown.
func (s *sessionIDs) Validate(id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen, ok := s.live[id]
	switch {
	case !ok:
		return false, errors.New("unknown session")
	case time.Since(seen) > s.ttl:
		delete(s.live, id)
		return true, nil
	}
	s.live[id] = time.Now()
	return false, nil
}

// Terminate ends a session (DELETE, or mcp-go's idle sweeper).
func (s *sessionIDs) Terminate(id string) (bool, error) {
	s.mu.Lock()
	delete(s.live, id)
	s.mu.Unlock()
	return false, nil
}

package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	mcpclient "github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/internal/testio"
	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

const testToken = "test-token-0123456789abcdef" // a fake, for tests only

// httpServer is a dockmcp HTTP server on 127.0.0.1, stopped when the test
// ends.
type httpServer struct {
	url  string // of /mcp
	base string // scheme and host
	stop context.CancelFunc
	done chan error
}

// serveHTTP serves srv (nil: h.MCP()) with cfg; cfg.Token defaults to
// testToken.
func serveHTTP(t *testing.T, h *server.Host, srv *mcpserver.MCPServer,
	cfg server.HTTPConfig) *httpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Token == "" && !cfg.InsecureNoAuth {
		cfg.Token = testToken
	}
	if srv == nil {
		srv = h.MCP()
	}
	ctx, stop := context.WithCancel(context.Background())
	s := &httpServer{base: "http://" + ln.Addr().String(), stop: stop, done: make(chan error, 1)}
	s.url = s.base + server.PathMCP
	go func() { s.done <- h.ServeHTTPOn(ctx, ln, srv, cfg) }()
	t.Cleanup(func() {
		stop()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("ServeHTTP did not return")
		}
	})
	return s
}

// mcpClient is an initialized MCP client of s sending token, speaking MCP
// 2025-11-25 (sessions), what clients speak today.
func mcpClient(t *testing.T, s *httpServer, token string) *mcpclient.Client {
	return mcpClientVersion(t, s, token, mcp.ProtocolVersion20251125)
}

// mcpClientVersion is mcpClient speaking version; mcp-go's own default,
// 2026-07-28, has no sessions.
func mcpClientVersion(t *testing.T, s *httpServer, token, version string) *mcpclient.Client {
	t.Helper()
	c, err := mcpclient.NewStreamableHttpClient(s.url,
		transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer " + token}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = version
	init.Params.ClientInfo = mcp.Implementation{Name: "dockmcp-test", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	return c
}

// post sends one raw request to s and returns the response, body read.
func post(t *testing.T, s *httpServer, hdr map[string]string, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

const initializeBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{` +
	`"protocolVersion":"2025-06-18","capabilities":{},` +
	`"clientInfo":{"name":"raw","version":"1"}}}`

var bearer = map[string]string{"Authorization": "Bearer " + testToken}

// syncBuffer collects output written while tests read it.
type syncBuffer = testio.Buffer

// The full path over HTTP with a token: initialize, tools/list, and a tool
// that reaches the daemon; the log line of the call names the session.
func TestHTTPAuthenticatedCalls(t *testing.T) {
	var logs syncBuffer
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	ctx := context.Background()
	if err := h.Ready(ctx); err != nil { // a cold compile under -race is slow
		t.Fatal(err)
	}
	s := serveHTTP(t, h, nil, server.HTTPConfig{})
	c := mcpClient(t, s, testToken)

	if err := c.Ping(ctx); err != nil {
		t.Fatalf("ping: %v", err)
	}
	list, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	if len(list.Tools) != len(h.Catalog().All()) {
		t.Fatalf("tools/list: %d tools, want %d", len(list.Tools), len(h.Catalog().All()))
	}
	req := mcp.CallToolRequest{}
	req.Params.Name = "validate_connection"
	res, err := c.CallTool(ctx, req)
	if err != nil || res.IsError {
		t.Fatalf("validate_connection: %v %s", err, text(res))
	}
	if !strings.Contains(text(res), "apiVersion") && !strings.Contains(text(res), "API") {
		t.Errorf("validate_connection answer: %s", text(res))
	}
	session := c.GetSessionId()
	if !strings.Contains(logs.String(), "session="+session) || session == "" {
		t.Errorf("no log line names session %q:\n%s", session, logs.String())
	}
}

func TestHTTPRefusesMissingOrWrongToken(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{})
	for _, tc := range []struct {
		name, auth, challenge string
	}{
		{"missing", "", `Bearer realm="dockmcp"`},
		{"wrong", "Bearer " + testToken + "x", `error="invalid_token"`},
		{"prefix", "Bearer " + testToken[:10], `error="invalid_token"`},
		{"basic", "Basic " + testToken, `Bearer realm="dockmcp"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, _ := post(t, s, map[string]string{"Authorization": tc.auth}, initializeBody)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", resp.StatusCode)
			}
			if got := resp.Header.Get("WWW-Authenticate"); !strings.Contains(got, tc.challenge) {
				t.Errorf("WWW-Authenticate %q, want %q", got, tc.challenge)
			}
		})
	}
	// An MCP client with a wrong token cannot initialize.
	c, err := mcpclient.NewStreamableHttpClient(s.url,
		transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer nope"}))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Start(context.Background())
	if _, err := c.Initialize(context.Background(), mcp.InitializeRequest{}); err == nil {
		t.Fatal("initialize with a wrong token succeeded")
	}
	resp, _ := post(t, s, bearer, initializeBody)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("right token: status %d", resp.StatusCode)
	}
}

// Only /healthz answers without a token, and it tells nothing of Docker.
func TestHTTPHealthzAndNothingElse(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{})
	get := func(path string, hdr map[string]string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, s.base+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz", nil); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	for _, p := range []string{"/", "/metrics", "/mcp/x", "/.well-known/oauth-protected-resource"} {
		if code, _ := get(p, nil); code != http.StatusUnauthorized {
			t.Errorf("%s without token: %d, want 401", p, code)
		}
		if code, _ := get(p, bearer); code != http.StatusNotFound {
			t.Errorf("%s with token: %d, want 404", p, code)
		}
	}
}

// DNS rebinding: a page on a foreign name that resolves to 127.0.0.1 sends
// its own Host and Origin; both are refused, even with the token.
func TestHTTPRefusesForeignHostOrOrigin(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{})
	port := s.base[strings.LastIndex(s.base, ":")+1:]
	for _, tc := range []struct {
		name string
		hdr  map[string]string
		want int
	}{
		{"foreign host", map[string]string{"Host": "evil.example.com:" + port}, 403},
		{"foreign host, loopback port", map[string]string{"Host": "evil.example.com"}, 403},
		{"foreign origin", map[string]string{"Origin": "http://evil.example.com"}, 403},
		{"origin on another port", map[string]string{"Origin": "http://localhost:1"}, 403},
		{"null origin", map[string]string{"Origin": "null"}, 403},
		{"localhost host and origin", map[string]string{"Host": "localhost:" + port,
			"Origin": "http://localhost:" + port}, 200},
		{"[::1] host", map[string]string{"Host": "[::1]:" + port}, 200},
		{"no origin", map[string]string{}, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{"Authorization": bearer["Authorization"]}
			for k, v := range tc.hdr {
				hdr[k] = v
			}
			resp, body := post(t, s, hdr, initializeBody)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.want, body)
			}
		})
	}
}

func TestHTTPAllowedHostsFlag(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{
		AllowedHosts: []string{"mcp.example.com"}, AllowedOrigins: []string{"https://app.example.com"}})
	for _, tc := range []struct {
		host, origin string
		want         int
	}{
		{"mcp.example.com", "", 200},
		{"MCP.example.com:8443", "https://app.example.com", 200},
		{"mcp.example.com", "https://evil.example.com", 403},
		{"127.0.0.1", "", 403}, // the loopback defaults are replaced
	} {
		hdr := map[string]string{"Host": tc.host, "Authorization": bearer["Authorization"]}
		if tc.origin != "" {
			hdr["Origin"] = tc.origin
		}
		if resp, _ := post(t, s, hdr, initializeBody); resp.StatusCode != tc.want {
			t.Errorf("Host %s Origin %q: %d, want %d", tc.host, tc.origin, resp.StatusCode, tc.want)
		}
	}
}

// countingReader yields n bytes of JSON-ish filler and counts what was read.
type countingReader struct {
	n    int64
	read atomic.Int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	left := r.n - r.read.Load()
	if left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	for i := range p {
		p[i] = ' '
	}
	r.read.Add(int64(len(p)))
	return len(p), nil
}

// A 100 MB body is refused with 413 without being buffered: the server
// stops reading at the cap (4 MiB), whether the length is declared or not.
func TestHTTPRefusesOversizedBodyWithoutBuffering(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{})
	const size = 100 << 20
	for _, declared := range []bool{true, false} {
		t.Run(fmt.Sprintf("declared=%v", declared), func(t *testing.T) {
			body := &countingReader{n: size}
			req, _ := http.NewRequest(http.MethodPost, s.url, io.NopCloser(body))
			if declared {
				req.ContentLength = size
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", bearer["Authorization"])
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusRequestEntityTooLarge {
					t.Fatalf("status %d, want 413", resp.StatusCode)
				}
			} else if !isConnReset(err) {
				t.Fatal(err)
			}
			// The cap plus what the socket buffers held.
			if got := body.read.Load(); got > 16<<20 {
				t.Fatalf("the client sent %d bytes before the server stopped reading", got)
			}
			t.Logf("read %d of %d bytes", body.read.Load(), size)
		})
	}
	// A body under the cap still works.
	if resp, body := post(t, s, bearer, initializeBody); resp.StatusCode != 200 {
		t.Fatalf("small body: %d %s", resp.StatusCode, body)
	}
}

func isConnReset(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "connection reset") ||
		strings.Contains(err.Error(), "broken pipe"))
}

// The rate limit trips per session (429 with Retry-After) and another
// session keeps its own budget.
func TestHTTPRateLimitTrips(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{RateLimit: 1, RateBurst: 5})
	resp, _ := post(t, s, bearer, initializeBody)
	session := resp.Header.Get("Mcp-Session-Id")
	if resp.StatusCode != 200 || session == "" {
		t.Fatalf("initialize: %d, session %q", resp.StatusCode, session)
	}
	ping := `{"jsonrpc":"2.0","id":2,"method":"ping"}`
	hdr := map[string]string{"Authorization": bearer["Authorization"], "Mcp-Session-Id": session,
		"Mcp-Protocol-Version": "2025-06-18"}
	var ok, limited int
	for range 10 {
		resp, body := post(t, s, hdr, ping)
		switch resp.StatusCode {
		case 200:
			ok++
		case http.StatusTooManyRequests:
			limited++
			if resp.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		default:
			t.Fatalf("ping: %d %s", resp.StatusCode, body)
		}
	}
	if ok == 0 || limited < 4 {
		t.Fatalf("%d answered, %d limited; want the burst of 5 then 429s", ok, limited)
	}
	// A new session (another key) is not limited by the first one's use;
	// before it has a session it is keyed by address, which initialize used
	// once.
	other := map[string]string{"Authorization": bearer["Authorization"]}
	if resp, _ := post(t, s, other, initializeBody); resp.StatusCode != 200 {
		t.Fatalf("other session: %d", resp.StatusCode)
	}
}

// Past the session cap a new session is refused with 503; existing
// sessions keep working; a closed session frees its slot.
func TestHTTPSessionCap(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{MaxSessions: 2})
	c1 := mcpClient(t, s, testToken)
	mcpClient(t, s, testToken)
	resp, _ := post(t, s, bearer, initializeBody)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("third session: %d, want 503", resp.StatusCode)
	}
	if err := c1.Ping(context.Background()); err != nil {
		t.Fatalf("existing session: %v", err)
	}
	// DELETE ends a session. (mcp-go's client sends its DELETE on Close
	// without the headers it was given, so a server with a token refuses
	// it; the session then ends when idle.)
	del, _ := http.NewRequest(http.MethodDelete, s.url, nil)
	del.Header.Set("Authorization", bearer["Authorization"])
	del.Header.Set("Mcp-Session-Id", c1.GetSessionId())
	del.Header.Set("Mcp-Protocol-Version", mcp.ProtocolVersion20251125)
	if resp, err := http.DefaultClient.Do(del); err != nil || resp.StatusCode != 200 {
		t.Fatalf("DELETE: %v %v", err, resp)
	}
	if resp, _ := post(t, s, bearer, initializeBody); resp.StatusCode != 200 {
		t.Fatalf("after a session closed: %d", resp.StatusCode)
	}
	// A made-up session ID is not a way around initialize and the cap.
	hdr := map[string]string{"Authorization": bearer["Authorization"],
		"Mcp-Session-Id":       "dockmcp-00000000000000000000000000000000",
		"Mcp-Protocol-Version": "2025-06-18"}
	if resp, _ := post(t, s, hdr, `{"jsonrpc":"2.0","id":2,"method":"ping"}`); resp.StatusCode != 404 {
		t.Fatalf("made-up session: %d, want 404", resp.StatusCode)
	}
}

func TestHTTPRefusesToStartUnsafely(t *testing.T) {
	h := newHost(t, nil)
	for _, tc := range []struct {
		name string
		cfg  server.HTTPConfig
		want string
	}{
		{"non-loopback without token", server.HTTPConfig{Addr: "0.0.0.0:0"}, "without a token"},
		{"all interfaces without token", server.HTTPConfig{Addr: ":0"}, "--insecure-no-auth"},
		{"loopback without token", server.HTTPConfig{Addr: "127.0.0.1:0"}, "without a token"},
		{"short token", server.HTTPConfig{Addr: "127.0.0.1:0", Token: "short"}, "16 characters"},
		{"cert without key", server.HTTPConfig{Addr: "127.0.0.1:0", Token: testToken,
			TLSCert: "c.pem"}, "--tls-key"},
		{"non-loopback without allowed hosts", server.HTTPConfig{Addr: "0.0.0.0:0",
			Token: testToken}, "--allowed-hosts"},
		{"bad address", server.HTTPConfig{Addr: "8080", Token: testToken}, "host:port"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := h.ServeHTTP(ctx, tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want one that says %q", err, tc.want)
			}
		})
	}
}

// mcp-go v1.2.1 can drop a tool's last notifications when the tool returns
// (PR mark3labs/mcp-go#969): every progress notification must arrive, and
// before the result. Many calls, to give the race its chances.
func TestHTTPProgressArrivesBeforeResult(t *testing.T) {
	h := newHost(t, nil)
	for _, v := range []string{mcp.ProtocolVersion20251125, mcp.ProtocolVersion20260728} {
		t.Run(v, func(t *testing.T) { testProgress(t, h, v) })
	}
}

func testProgress(t *testing.T, h *server.Host, version string) {
	const n, calls = 50, 40
	srv := h.MCP()
	srv.AddTool(mcp.NewTool("progress_test"), server.ProgressHandler(n))
	s := serveHTTP(t, h, srv, server.HTTPConfig{RateLimit: 1000})
	c := mcpClientVersion(t, s, testToken, version)
	var mu sync.Mutex
	got := map[string]int{}
	c.OnNotification(func(nt mcp.JSONRPCNotification) {
		if nt.Method != "notifications/progress" {
			return
		}
		mu.Lock()
		got[fmt.Sprint(nt.Params.AdditionalFields["progressToken"])]++
		mu.Unlock()
	})
	for i := range calls {
		token := fmt.Sprintf("call-%d", i)
		req := mcp.CallToolRequest{}
		req.Params.Name = "progress_test"
		req.Params.Meta = &mcp.Meta{ProgressToken: token}
		res, err := c.CallTool(context.Background(), req)
		if err != nil || res.IsError {
			t.Fatalf("call %d: %v", i, err)
		}
		mu.Lock()
		count := got[token]
		mu.Unlock()
		if count != n {
			t.Fatalf("call %d: %d of %d progress notifications before the result", i, count, n)
		}
	}
}

// slowTool answers after its "ms" argument, or "cancelled" when its
// context ends first; it signals started when entered, and sends how it
// ended to ended if that is not nil.
func slowTool(started chan<- struct{}, ended chan<- string) (mcp.Tool, mcpserver.ToolHandlerFunc) {
	return mcp.NewTool("slow"), func(ctx context.Context, req mcp.CallToolRequest) (
		*mcp.CallToolResult, error) {
		started <- struct{}{}
		d := time.Duration(req.GetFloat("ms", 0)) * time.Millisecond
		outcome := "finished"
		select {
		case <-time.After(d):
		case <-ctx.Done():
			outcome = "cancelled"
		}
		if ended != nil {
			ended <- outcome
		}
		return mcp.NewToolResultText(outcome), nil
	}
}

// callAsync calls the slow tool with ms and sends back the answer's text.
func callAsync(c *mcpclient.Client, ms int) chan string {
	out := make(chan string, 1)
	go func() {
		req := mcp.CallToolRequest{}
		req.Params.Name = "slow"
		req.Params.Arguments = map[string]any{"ms": ms}
		res, err := c.CallTool(context.Background(), req)
		if err != nil {
			out <- "error: " + err.Error()
			return
		}
		out <- text(res)
	}()
	return out
}

// Past the cap on requests in flight, more are refused with 503, whatever
// their protocol version (2026-07-28 has no sessions to cap).
func TestHTTPInFlightCap(t *testing.T) {
	h := newHost(t, nil)
	srv := h.MCP()
	started := make(chan struct{}, 1)
	srv.AddTool(slowTool(started, nil))
	s := serveHTTP(t, h, srv, server.HTTPConfig{MaxInFlight: 1})
	c := mcpClient(t, s, testToken)
	res := callAsync(c, 1000)
	<-started
	resp, _ := post(t, s, bearer, initializeBody)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("second request in flight: %d, want 503", resp.StatusCode)
	}
	if got := <-res; !strings.Contains(got, "finished") {
		t.Fatalf("the call in flight: %s", got)
	}
	if resp, _ := post(t, s, bearer, initializeBody); resp.StatusCode != 200 {
		t.Fatalf("after it: %d", resp.StatusCode)
	}
}

// SIGTERM (the serve context ending) lets a call in flight finish; one
// that outlives the bound is cancelled, and serving still ends.
func TestHTTPShutdownFinishesThenCancelsCalls(t *testing.T) {
	h := newHost(t, nil)
	srv := h.MCP()
	started, ended := make(chan struct{}, 2), make(chan string, 2)
	srv.AddTool(slowTool(started, ended))
	call := callAsync

	t.Run("finishes", func(t *testing.T) {
		s := serveHTTP(t, h, srv, server.HTTPConfig{ShutdownTimeout: 5 * time.Second})
		res := call(mcpClient(t, s, testToken), 300)
		<-started
		s.stop()
		if got := <-res; !strings.Contains(got, "finished") {
			t.Fatalf("call in flight: %s", got)
		}
		<-ended
		if err := <-s.done; err != nil {
			t.Fatalf("ServeHTTP: %v", err)
		}
		s.done <- nil // for the cleanup
	})
	t.Run("cancels", func(t *testing.T) {
		s := serveHTTP(t, h, srv, server.HTTPConfig{ShutdownTimeout: 200 * time.Millisecond})
		res := call(mcpClient(t, s, testToken), 60_000)
		<-started
		start := time.Now()
		s.stop()
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			t.Fatal("ServeHTTP did not return after its bound")
		}
		s.done <- nil
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("shutdown took %v", d)
		}
		if got := <-ended; got != "cancelled" {
			t.Fatalf("the call in flight %s; want it cancelled", got)
		}
		// mcp-go writes no answer for a cancelled request; the client sees
		// the connection close rather than hang.
		select {
		case got := <-res:
			t.Logf("client saw: %s", got)
		case <-time.After(10 * time.Second):
			t.Fatal("the client never heard back")
		}
	})
}

// With --insecure-no-auth on loopback, no token is asked for (what the
// conformance suite needs), and the Host check still holds.
func TestHTTPInsecureNoAuthOnLoopback(t *testing.T) {
	s := serveHTTP(t, newHost(t, nil), nil, server.HTTPConfig{InsecureNoAuth: true})
	if resp, body := post(t, s, nil, initializeBody); resp.StatusCode != 200 {
		t.Fatalf("initialize: %d %s", resp.StatusCode, body)
	}
	evil := map[string]string{"Host": "evil.example.com"}
	if resp, _ := post(t, s, evil, initializeBody); resp.StatusCode != 403 {
		t.Fatalf("foreign host: %d", resp.StatusCode)
	}
}

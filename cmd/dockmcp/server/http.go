package server

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	mcpserver "github.com/mark3labs/mcp-go/server"
)

// Paths served over HTTP.
const (
	PathMCP     = "/mcp"
	PathHealthz = "/healthz"
)

// HTTPConfig configures Streamable HTTP serving. Zero durations and sizes
// take the defaults below.
type HTTPConfig struct {
	// Addr is the address to listen on, host:port; port 0 picks one.
	Addr string
	// Token is the bearer token every request to /mcp must carry. Empty
	// means no authentication, allowed only with InsecureNoAuth.
	Token string
	// InsecureNoAuth is the operator's explicit consent to serving without
	// a token.
	InsecureNoAuth bool
	// TLSCert and TLSKey are PEM files; both or neither.
	TLSCert, TLSKey string
	// AllowedHosts are the Host header values accepted ("name" matches any
	// port, "name:port" only that port, "*" any host). Nil means the
	// loopback names with the listening port, which only a loopback
	// address may rely on.
	AllowedHosts []string
	// AllowedOrigins are the Origin header values accepted from browsers
	// ("*" any). A request without Origin is not from a browser page and
	// passes. Nil means http(s)://{localhost,127.0.0.1,[::1]}:port.
	AllowedOrigins []string

	MaxBodyBytes      int64         // default 4 MiB
	RateLimit         float64       // requests per second per session, default 20
	RateBurst         int           // default 40
	MaxSessions       int           // default 64
	MaxInFlight       int           // requests served at once, default 256
	SessionIdleTTL    time.Duration // default 30 min
	ReadHeaderTimeout time.Duration // default 10 s
	IdleTimeout       time.Duration // default 120 s
	// ShutdownTimeout bounds how long calls in flight may finish once ctx
	// ends; past it they are cancelled. Default 10 s.
	ShutdownTimeout time.Duration

	// OnListen, if set, is called with the URL of /mcp once listening.
	OnListen func(url string)
}

func (c HTTPConfig) withDefaults() HTTPConfig {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.SessionIdleTTL, 30*time.Minute)
	def(&c.ReadHeaderTimeout, 10*time.Second)
	def(&c.IdleTimeout, 120*time.Second)
	def(&c.ShutdownTimeout, 10*time.Second)
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 4 << 20
	}
	if c.RateLimit <= 0 {
		c.RateLimit = 20
	}
	if c.RateBurst <= 0 {
		c.RateBurst = 2 * int(c.RateLimit)
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = 64
	}
	if c.MaxInFlight <= 0 {
		c.MaxInFlight = 256
	}
	return c
}

// check refuses configurations that would expose the daemon by mistake.
func (c HTTPConfig) check() error {
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return fmt.Errorf("--http %q: want host:port (127.0.0.1:8080)", c.Addr)
	}
	loop := isLoopback(host)
	switch {
	case c.Token == "" && !c.InsecureNoAuth && !loop:
		return fmt.Errorf("refusing to serve %s without a token: anyone who reaches it "+
			"could drive Docker; set DOCKMCP_HTTP_TOKEN or --token-file, or pass "+
			"--insecure-no-auth if something in front authenticates", c.Addr)
	case c.Token == "" && !c.InsecureNoAuth:
		return fmt.Errorf("refusing to serve %s without a token: any local process "+
			"could drive Docker; set DOCKMCP_HTTP_TOKEN or --token-file, or pass "+
			"--insecure-no-auth", c.Addr)
	case c.Token != "" && len(c.Token) < 16:
		return errors.New("the HTTP token is shorter than 16 characters; " +
			"make one with: openssl rand -hex 32")
	case (c.TLSCert == "") != (c.TLSKey == ""):
		return errors.New("--tls-cert and --tls-key go together")
	case !loop && len(c.AllowedHosts) == 0:
		return fmt.Errorf("serving %s beyond loopback needs --allowed-hosts: the names "+
			"clients reach it by (mcp.example.com:8443), or '*' to accept any", c.Addr)
	}
	return nil
}

// isLoopback reports whether host (a name or an IP, brackets allowed) is
// a loopback address. An empty host listens everywhere.
func isLoopback(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// ServeHTTP serves MCP over Streamable HTTP at /mcp, and /healthz, until
// ctx ends. Then it stops accepting, lets calls in flight finish for up to
// ShutdownTimeout, and cancels those still running.
func (h *Host) ServeHTTP(ctx context.Context, cfg HTTPConfig) error {
	if err := cfg.check(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return h.serveHTTP(ctx, ln, h.MCP(), cfg)
}

func (h *Host) serveHTTP(ctx context.Context, ln net.Listener, mcp *mcpserver.MCPServer,
	cfg HTTPConfig) error {
	cfg = cfg.withDefaults()
	port := ln.Addr().(*net.TCPAddr).Port
	tls := cfg.TLSCert != ""
	handler := newHTTPHandler(h.logger, mcp, cfg, port, tls)
	defer handler.close()

	// Requests run under base, which outlives ctx so that a signal lets
	// calls finish; cancelling it cancels the calls still running.
	base, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slogErrorLog(h.logger),
	}
	errc := make(chan error, 1)
	go func() {
		if tls {
			errc <- srv.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
			return
		}
		errc <- srv.Serve(ln)
	}()
	if cfg.OnListen != nil {
		cfg.OnListen(listenURL(ln.Addr().String(), tls))
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve http: %w", err)
	case <-ctx.Done():
	}
	return h.shutdown(srv, handler, cancel, cfg.ShutdownTimeout)
}

// shutdown stops accepting and waits up to bound for requests in flight;
// then it cancels them and closes what is left.
func (h *Host) shutdown(srv *http.Server, hh *httpHandler, cancel context.CancelFunc,
	bound time.Duration) error {
	h.logger.Info("http shutdown", "bound", bound)
	sctx, stop := context.WithTimeout(context.Background(), bound)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(sctx) }()
	// Standalone GET streams never end on their own; close them so that
	// Shutdown waits only for calls.
	hh.streamable.CloseSessions(sctx)
	err := <-done
	if errors.Is(err, context.DeadlineExceeded) {
		h.logger.Warn("http shutdown: cancelling calls still running", "bound", bound)
		cancel()
		return srv.Close()
	}
	return err
}

func listenURL(addr string, tls bool) string {
	if tls {
		return "https://" + addr + PathMCP
	}
	return "http://" + addr + PathMCP
}

// slogErrorLog sends net/http's own complaints (TLS handshakes, bad
// requests) to slog.
func slogErrorLog(l *slog.Logger) *log.Logger {
	return log.New(slogWriter{l}, "http: ", 0)
}

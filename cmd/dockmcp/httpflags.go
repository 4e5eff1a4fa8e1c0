package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
)

// tokenEnv names the environment variable that may hold the HTTP token.
const tokenEnv = "DOCKMCP_HTTP_TOKEN"

// httpFlags are serve's flags for Streamable HTTP. They live in serve's
// own flag set.
type httpFlags struct {
	addr           string
	tokenFile      string
	insecureNoAuth bool
	tlsCert        string
	tlsKey         string
	allowedHosts   []string
	allowedOrigins []string
	maxBody        int64
	rateLimit      float64
	rateBurst      int
	maxSessions    int
}

func (f *httpFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.addr, "http", "",
		"serve MCP Streamable HTTP at ADDR (host:port), path /mcp, instead of stdio")
	fs.StringVar(&f.tokenFile, "token-file", "",
		"file holding the bearer token clients must send (default: $"+tokenEnv+")")
	fs.BoolVar(&f.insecureNoAuth, "insecure-no-auth", false,
		"serve HTTP without a token: anyone who reaches the address can drive Docker")
	fs.StringVar(&f.tlsCert, "tls-cert", "", "serve HTTPS with this PEM certificate (with --tls-key)")
	fs.StringVar(&f.tlsKey, "tls-key", "", "PEM private key of --tls-cert")
	fs.StringSliceVar(&f.allowedHosts, "allowed-hosts", nil,
		"Host header values accepted (name or name:port, '*' any; "+
			"default: localhost, 127.0.0.1, [::1] with the port)")
	fs.StringSliceVar(&f.allowedOrigins, "allowed-origins", nil,
		"Origin header values accepted from browsers (default: the loopback names with the port)")
	fs.Int64Var(&f.maxBody, "max-body", 4<<20, "largest request body in bytes")
	fs.Float64Var(&f.rateLimit, "rate-limit", 20, "requests per second per session")
	fs.IntVar(&f.rateBurst, "rate-burst", 40, "requests a session may send at once")
	fs.IntVar(&f.maxSessions, "max-sessions", 64, "sessions open at once; more are refused")
}

// config checks the flags and reads the token.
func (f *httpFlags) config(s streams) (server.HTTPConfig, error) {
	token, err := f.token()
	if err != nil {
		return server.HTTPConfig{}, err
	}
	if token != "" && f.insecureNoAuth {
		return server.HTTPConfig{}, errors.New("--insecure-no-auth with a token: choose one")
	}
	return server.HTTPConfig{
		Addr:           f.addr,
		Token:          token,
		InsecureNoAuth: f.insecureNoAuth,
		TLSCert:        f.tlsCert,
		TLSKey:         f.tlsKey,
		AllowedHosts:   f.allowedHosts,
		AllowedOrigins: f.allowedOrigins,
		MaxBodyBytes:   f.maxBody,
		RateLimit:      f.rateLimit,
		RateBurst:      f.rateBurst,
		MaxSessions:    f.maxSessions,
		OnListen: func(url string) {
			fmt.Fprintf(s.err, "dockmcp: serving MCP at %s\n", url)
		},
	}, nil
}

// token reads --token-file, else $DOCKMCP_HTTP_TOKEN; surrounding
// whitespace (a final newline) is not part of it.
func (f *httpFlags) token() (string, error) {
	if f.tokenFile == "" {
		return strings.TrimSpace(os.Getenv(tokenEnv)), nil
	}
	b, err := os.ReadFile(f.tokenFile)
	if err != nil {
		return "", fmt.Errorf("--token-file: %w", err)
	}
	token := strings.TrimSpace(string(b))
	if token == "" {
		return "", fmt.Errorf("--token-file %s is empty", f.tokenFile)
	}
	return token, nil
}

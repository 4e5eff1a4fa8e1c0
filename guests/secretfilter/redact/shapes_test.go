package redact

import (
	"strings"
	"testing"
)

// Shapes of real logs that once let a secret through: escapes glued to a
// token or key, long JWTs, keys that say whose secret it is, hash rockets.
func TestGluedEscapesAndShapes(t *testing.T) {
	ghp := "ghp_" + strings.Repeat("u8jzPde0IgxLd6Gn", 3)[:36]
	pw := "Hq7u8jzPde0IgxLd"
	jwt := "eyJhbGciOiJIUzI1NiJ9." + strings.Repeat("eyJzdWIiOiIxMjM0NTY3ODkwIn0", 120) +
		".c2lnbmF0dXJlc2lnbmF0dXJl"
	for _, tc := range []struct{ in, want string }{
		// A JSON \u0026 or \u003c before a token or key (json-file lines).
		{`{"log":"key \u003c` + ghp + `\u003e"}`, `{"log":"key \u003c` + mark("github-token") + `\u003e"}`},
		{`{"log":"GET /login?user=bob\u0026pwd=` + pw + ` 200"}`,
			`{"log":"GET /login?user=bob\u0026pwd=` + mark("password") + ` 200"}`},
		{`{"msg":"cfg:\npass=` + pw + `\n"}`, `{"msg":"cfg:\npass=` + mark("password") + `\n"}`},
		{"q=%26pwd=" + pw, "q=%26pwd=" + mark("password")},
		// Terminal escapes glued to a token or a URL's scheme.
		{"\x1b[2K" + ghp, "\x1b[2K" + mark("github-token")},
		{"\x1b[01;31m\x1b[K" + ghp + "\x1b[m\x1b[K", "\x1b[01;31m\x1b[K" + mark("github-token") + "\x1b[m\x1b[K"},
		{"\x1b(B" + ghp, "\x1b(B" + mark("github-token")},
		{"\x1b[36mpostgres://bob:" + pw + "@db/app\x1b[0m",
			"\x1b[36mpostgres://bob:" + mark("db-password") + "@db/app\x1b[0m"},
		{"url: \x1b[1;34mhttps://bob:" + pw + "@example.com",
			"url: \x1b[1;34mhttps://bob:" + mark("url-password") + "@example.com"},
		{`"\u001b[31mredis://:` + pw + `@cache"`, `"\u001b[31mredis://:` + mark("db-password") + `@cache"`},
		// A user name holding '@' (Azure Database for PostgreSQL).
		{"DATABASE_URL=postgres://myadmin@mydemoserver:" + pw + "@mydemoserver.postgres." +
			"database.azure.com:5432/db", "DATABASE_URL=postgres://myadmin@mydemoserver:" +
			mark("db-password") + "@mydemoserver.postgres.database.azure.com:5432/db"},
		// JSON-escaped slashes.
		{`{"url":"postgres:\/\/bob:` + pw + `@db\/app"}`,
			`{"url":"postgres:\/\/bob:` + mark("db-password") + `@db\/app"}`},
		// A JWT longer than the first window.
		{"Cookie: session=" + jwt, "Cookie: session=" + mark("jwt")},
		{"GET /cb?jwt=" + jwt + " 200", "GET /cb?jwt=" + mark("jwt") + " 200"},
		// Keys that say whose secret it is; keys that describe one.
		{"STRIPE_ENDPOINT_SECRET=" + pw, "STRIPE_ENDPOINT_SECRET=" + mark("secret")},
		{"SMTP_HOST_PASSWORD=" + pw, "SMTP_HOST_PASSWORD=" + mark("password")},
		{"SOURCE_DB_PASSWORD=" + pw, "SOURCE_DB_PASSWORD=" + mark("password")},
		{"PASSWORD_RESET_TOKEN=" + pw, "PASSWORD_RESET_TOKEN=" + mark("password")},
		{"token_count=42 password_file=/run/secrets/db max_password_age=90",
			"token_count=42 password_file=/run/secrets/db max_password_age=90"},
		{"secretRef: my-secret", "secretRef: my-secret"},
		// A generic secret closed by punctuation.
		{"map[signing_key:sAjIhKtJ0RlgLKOmxgJTeKdNnFRIBXuD]",
			"map[signing_key:" + mark("generic-secret") + "]"},
		{"loaded SIGNING_KEY=6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2i.",
			"loaded SIGNING_KEY=" + mark("generic-secret") + "."},
		// Hash rockets.
		{`{"user"=>"bob", "password"=>"` + pw + `"}`, `{"user"=>"bob", "password"=>"` + mark("password") + `"}`},
		{`['password' => '` + pw + `']`, `['password' => '` + mark("password") + `']`},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("in   %q\ngot  %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// A line of repeated keywords costs one pass, not one per keyword: the
// deadline guard of the sandbox would otherwise trip (fail closed).
func TestRepeatedKeywordLine(t *testing.T) {
	in := strings.Repeat("-eyJ", 1<<17) + "\n"
	if got := String(in); got != in {
		t.Error("a line of -eyJ changed")
	}
}

// Package redact replaces secrets in text with a marker naming their kind,
// such as [REDACTED:github-token]. It is the core of dockmcp's built-in
// secret filter guest, so it uses only the standard library, compiles every
// pattern once at init and runs a pattern only on lines that hold one of its
// literal keywords.
//
// Redaction keeps the line count and every byte outside a secret, and it is
// idempotent: redacting redacted text changes nothing.
//
// # What it catches
//
//   - private-key: PEM private key blocks (RSA, EC, DSA, OPENSSH, ENCRYPTED,
//     PGP ... PRIVATE KEY), multi-line and spanning several Redact calls of
//     one Redactor, or on one line with literal \n escapes. The BEGIN and END
//     lines stay; each body line becomes the marker.
//   - aws-access-key-id: AKIA/ASIA followed by 16 upper-case letters or digits.
//   - github-token: ghp_, gho_, ghu_, ghs_, ghr_ tokens and github_pat_.
//   - slack-token: xoxa-, xoxb-, xoxp-, xoxr-, xoxs-.
//   - stripe-key: sk_live_, sk_test_, rk_live_, rk_test_.
//   - anthropic-api-key (sk-ant-...) and openai-api-key (sk-..., sk-proj-...).
//   - google-api-key: AIza followed by 35 characters.
//   - jwt: three base64url parts, the first starting with eyJ.
//   - bearer-token and basic-auth: the credential after "Bearer " or
//     "Basic ". After "Authorization:" any credential; elsewhere a bearer
//     token of 16 or more characters, or a basic credential that decodes to
//     "user:password".
//   - url-password: the password of scheme://user:password@host; scheme,
//     user and host stay.
//   - assignments KEY=VALUE, KEY: VALUE, "key": "value" (also JSON-escaped
//     and with ANSI colours around key or value) whose key names a password,
//     passwd, pwd, passphrase, secret, token, API key, access key, private
//     key or credential. The key stays: password=[REDACTED:password]. The
//     marker is password, secret, token, api-key, access-key, private-key,
//     credential or aws-secret-access-key.
//
// An unquoted value ends at whitespace, a quote, ')', ',', ';', '&', an ANSI
// escape or a JSON escape (\", \n, \r, \t, \u, \\); a quoted value runs to
// its closing quote on the same line. A value is left alone when it is a
// placeholder (empty, ${VAR}, $VAR, {{...}}, <...>, ***, xxx, true, null, an
// earlier marker ...), when the key describes the secret rather than holding
// it (token_count, password_min_length, secret_file, token_url, access_key_id
// ...), when a token-like key holds a short number (max_token=4096), and when
// an unquoted value after ':' is one lower-case word ("token: expired").
//
// # What it misses
//
//   - Secrets split across two Redact calls, except inside a PEM block: the
//     caller should pass whole lines. A BEGIN marker split across calls is
//     not seen.
//   - Secrets with no keyword or known prefix: a bare high-entropy string, a
//     password given as a separate argument (--password hunter2), a key
//     named only "key", "pw" or "auth", prose ("the password is hunter2").
//   - Upper/lower-case mixes of key words that are not camelCase or
//     snake_case separated (pAsSwOrD is found, since keys are folded, but
//     "bypass" and "passenger" are deliberately not).
//   - Unquoted YAML-style values that are one lower-case word
//     ("password: hunter") and quoted values containing the quote they are
//     delimited by.
//   - The full 30-kind set (Azure, GCP service-account JSON, npm, PyPI,
//     Twilio, SendGrid, Heroku, database DSNs without a scheme, ...).
//
// It also over-redacts in two known ways: a PEM block without an END marker
// blanks up to 512 lines after BEGIN, and a body line of a PEM block is
// replaced whole, including any prefix the log driver added to it (a
// timestamp, or the JSON wrapper of a json-file line).
package redact

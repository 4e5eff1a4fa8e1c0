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
// Each kind's marker names it. Tokens with a known shape:
//
//   - aws-access-key-id (AKIA/ASIA...), google-api-key (AIza...),
//     github-token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), gitlab-token
//     (glpat-, gldt-, glrt-, glptt-, gloas- and the other gl*- prefixes,
//     GR1348941...), slack-token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-,
//     xapp-), slack-webhook (the path after hooks.slack.com/services/),
//     stripe-key (sk_live_, sk_test_, rk_live_, rk_test_), openai-api-key
//     (sk-, sk-proj-), anthropic-api-key (sk-ant-), huggingface-token (hf_),
//     groq-api-key (gsk_), xai-api-key (xai-), replicate-api-token (r8_),
//     npm-token (npm_..., and the value of .npmrc's _authToken and NPM_TOKEN),
//     sendgrid-api-key (SG.x.y), twilio-api-key (SK + 32 hex), twilio-auth-
//     token (32 hex after an AC account SID and ':' or ','; the SID stays),
//     jwt (eyJ....), azure-sas (the sig= of a SAS URL, token or connection
//     string), docker-auth (the "auth" of a config.json when it decodes to
//     user:password, also JSON-escaped).
//   - private-key: PEM private key blocks (RSA, EC, DSA, OPENSSH, ENCRYPTED,
//     PGP ... PRIVATE KEY), multi-line and spanning several Redact calls of
//     one Redactor, or on one line with literal \n escapes. The BEGIN and END
//     lines stay; each body line becomes the marker. What came before BEGIN
//     on its line (a compose "web-1  | ", a docker -t timestamp, a json-file
//     {"log":") stays on each body line that repeats it, digits aside, and
//     so does whatever follows the base64 (a json-file tail, \r, a colour).
//     Other lines inside a block (another service's, a body line with
//     another prefix, what follows a BEGIN that a message only quoted) go
//     through the other kinds, and their runs of 16 or more base64 bytes
//     become the marker; 8 such lines in a row without one end the block.
//   - bearer-token and basic-auth: the credential after "Bearer " or
//     "Basic " (colours may surround the blank). After "Authorization:" any
//     credential; elsewhere a bearer token of 16 or more characters, or a
//     basic credential that decodes to "user:password".
//   - authorization: the credential of an Authorization (or
//     Proxy-Authorization) header of any other scheme (Token, ApiKey,
//     Negotiate ...) when it is 8 or more characters and not a plain word
//     shorter than 20, or of no scheme when it looks generated; also as Go
//     prints a header (map[Authorization:[Token x]]) or marshals one
//     ({"Authorization":["Token x"]}). A parameter list (Digest
//     username="u") stays; AWS4-HMAC-SHA256's Credential= goes as a
//     credential.
//   - db-password: the password of a database or broker URL (postgres,
//     mysql, mongodb+srv, redis, amqp, mssql, ... also scheme+driver), of a
//     jdbc: URL's password= parameter, and of jdbc:oracle:thin:user/pw@.
//     url-password: that of any other scheme://user:password@host. Scheme,
//     user and host stay. Also the password of a Go MySQL driver's DSN
//     (user:password@tcp(host)/db, @tcp6(...), @unix(...)), as db-password;
//     it may hold '=' (base64 padding), and two DSNs on a line stay apart.
//
// Assignments KEY=VALUE, KEY: VALUE, KEY := VALUE (not code: a call or a
// dotted name), KEY => VALUE, "key": "value" (also JSON-escaped once
// or twice, and with raw or JSON-escaped ANSI colours around key or value)
// whose key names a secret. The key stays: password=[REDACTED:password].
// The marker says what the key names: password (password, passwd, pwd,
// passphrase, pw as the last word between separators as in DB_PW, Redis's
// requirepass and masterauth, keytool's storepass and keypass), secret,
// token, api-key,
// access-key, private-key, credential (also creds), aws-secret-access-key,
// azure-storage-key (AccountKey, SharedAccessKey), npm-token. A key that
// only may name a secret (signing_key, MASTER_KEY, REDIS_AUTH, salt, seed)
// gives generic-secret, and only when the value looks generated: 16 or
// more base64 characters mixing upper case, lower case and digits, or 32 or
// more hex digits.
//
// An unquoted value ends at whitespace, a quote, ')', ',', ';', '&', an ANSI
// escape or a JSON escape (\", \n, \r, \t, \u, \\), less a closing ']' or
// '}' it did not open ({password=x}, map[password:x]); it goes on past a
// quote followed by a letter, a digit or a symbol (PASSWORD=ab"cd, also
// JSON-escaped) and past a JSON-escaped '<' or '>' (\u003c, \u003e), not
// '&' (\u0026 separates a query's parameters). A quoted value runs to its
// closing quote on the same line. A shell or compose variable with a
// default (${DB_PASSWORD:-x}, ${X-x}, ${X:=x}, ${X=x}) keeps its name and
// loses its default: after a secret-named key, as a URL's password or a
// flag's value, nested, or where only the variable's name says it is a
// secret (LABEL=${DB_PASSWORD:-x}). Go's %v of url.Values
// (map[password:[x]]) loses what is between the brackets.
//
// XML elements so named: <password>x</password> (a Maven settings.xml, a
// SOAP message), also with a namespace prefix, attributes
// (<wsse:Password Type="...">), CDATA, or JSON-escaped
// (\u003cpassword\u003e), when the same name closes the element; ${...}
// stays, and so do a token element's lower-case word (<token>expired</token>)
// and an S3 listing's <Key>. Settings named in an attribute: <add
// key="ClearTextPassword" value="x"/> (nuget.config), <property
// name="password" value="x"/>, <entry key="db.password">x</entry>, and an
// environment variable as Kubernetes and ECS list one:
// {"name":"DB_PASSWORD","value":"x"}.
//
// Flags: the value of a flag whose name names a secret, as the next
// argument (--password x, --requirepass "x y", [mysqld --password x],
// -storepass x, -pw x) or the next string of a JSON array
// ("--password","x"), unless it is another flag, a placeholder, one
// lower-case word, the flag's name in capitals as usage text writes it
// (--password PASSWORD), a redirection or pipe (--with-token < file), or
// holds '=' (--secret id=x,src=y).
//
// Clients' password flags, as password: mysql and mariadb (and their
// tools: mysqladmin, mysqldump ...) -pPASSWORD glued to the flag (-p
// alone asks for it), redis-cli -a, sshpass -p and mongo/mongosh -p glued
// or as the next argument; on a command line, quoted (-p'x y', '-px y',
// -p\"x\"), or in a JSON array (a health check's
// ["CMD","mysqladmin","ping","-pPASSWORD"]), up to the command's end or an
// argument that is neither a flag nor a flag's value (an address such as
// localhost:27017/admin goes on). The client's name must be the command: not
// a long flag's value (--name mongo -p 27017), part of a flag
// (-I/usr/include/mysql -pthread), or a path outside a bin directory or ./
// (find /var/lib/mysql -print); a short flag before it is taken for one
// without a value (sudo -E mysql, bash -c "mysql ..."), and docker exec -it
// mysql mkdir -pv stops at mkdir. A published
// port (docker run --name mysql -p3306:3306), an empty value (-a ""), a
// variable ($MYSQL_PASSWORD, $$X in a compose file, $@), a command
// substitution (-p`cat f`), a word naming a password (-pYOUR_PASSWORD) and
// a lower-case name with '_' after -a or -p (pytest -p pytest_asyncio) stay.
//
// A value is left alone when it is a
// placeholder (empty, ${VAR}, $VAR, {{...}}, <...>, ***, xxx, true, null, an
// earlier marker ...), when the key describes the secret rather than holding
// it (token_count, password_min_length, secret_file, token_url, access_key_id,
// TOKEN_ISSUER, PASSWORD_HASHER, next_page_token ...), when a token-like key
// holds a short number (max_token=4096), when an unquoted value after ':' is
// one lower-case word ("token: expired"), and when it is an absolute path
// of lower-case words or capitalised names (password=/run/secrets/db), code
// (SecretStr('***'), os.environ.get('X'), crypto.randomBytes(32)), a SOPS
// value (ENC[...]) or a YAML tag (!vault, !secret, !Ref). The shell's
// PWD=/path, a test's "PASS: TestX", a secret's name (docker run --secret
// db_pass, arn:...:secret:name) and openssl's -pass env:X, file:f, fd:3
// stay; -pass pass:x loses what follows "pass:".
//
// Left alone by design, and checked by the corpus test: UUIDs, git SHAs,
// image digests, container IDs, data:image/...;base64 URLs, npm integrity
// hashes (sha512-...), certificates (BEGIN CERTIFICATE), SSH public keys,
// placeholders, and phrases such as "password reset email sent".
//
// # What it misses
//
//   - Secrets split across two Redact calls, except inside a PEM block: the
//     caller should pass whole lines. A BEGIN marker split across calls is
//     not seen.
//   - Secrets with no keyword or known prefix: a bare high-entropy string, a
//     password given as a short flag of other commands (-p hunter2, sqlcmd
//     -P, ldapsearch -w, docker login -p), a client's flag after a
//     positional argument (mysql db -px), a literal default in code
//     (os.getenv("DB_PASSWORD", "x")), Vault's secret_id (id names
//     something about a secret: access_key_id), prose
//     ("the password is hunter2"), a Twilio auth token far from its account
//     SID, a bare 40-character AWS secret key.
//   - Upper/lower-case mixes of key words that are not camelCase or
//     snake_case separated (pAsSwOrD is found, since keys are folded, but
//     "bypass" and "passenger" are deliberately not).
//   - Unquoted YAML-style values that are one lower-case word
//     ("password: hunter"), quoted values holding their own quote
//     unescaped, JSON escaped three times or more, and generic-secret
//     values that do not look generated (SIGNING_KEY=changeme).
//   - Kinds not in the table: GCP service-account JSON is caught only by
//     its private_key, PyPI, Heroku, DigitalOcean, Shopify and the like only
//     when assigned to a secret-named key.
//
// It keeps JSON escapes whole: a value's span starts before the
// backslashes that precede it, and a quoted value ends at its quote, not
// at an escaped one (\" inside "...", \\\" inside \"...\"). dockmcp
// passes each string member of an answer as JSON of its own, and a broken
// escape there withholds the answer.
//
// It also over-redacts in known ways: after a BEGIN marker without an END,
// lines of key material are blanked for up to 512 lines, and runs of 16 or
// more base64 bytes (IDs, digests) on the other lines until 8 lines in a
// row hold none.
package redact

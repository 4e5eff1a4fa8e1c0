package redact

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
)

// The corpus: labelled synthetic log records, each holding one planted
// secret of a known kind, or a decoy that only looks like one.
//
// Every secret here is FAKE: made at run time from a fixed seed, with its
// prefix glued from pieces ("gh"+"p_") so that no literal in this file
// matches a secret scanner's pattern. None is valid anywhere.

// A record is one or more lines (without the final newline).
type record struct {
	kind  string // the planted secret's kind; "" for a decoy
	decoy string // what a decoy imitates
	in    []string
	want  []string
}

// V marks where a template takes its value.
const V = "{V}"

// A plant makes the secrets of one kind and the lines they appear in.
type plant struct {
	kind  string
	fake  func(g *gen) string
	tmpls []string // each holds V once
}

// A decoyKind makes lines that must come back unchanged.
type decoyKind struct {
	name  string
	fake  func(g *gen) string
	tmpls []string // V, if present, takes fake's value
}

type gen struct{ rng *rand.Rand }

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, seed^0x5eed))} }

const (
	alnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowHex = "0123456789abcdef"
	b64    = alnum + "+/"
	urlB64 = alnum + "_-"
	digits = "0123456789"
)

func (g *gen) str(n int, set string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[g.rng.IntN(len(set))]
	}
	return string(b)
}

// mixed returns n characters of set that hold an upper-case letter, a
// lower-case letter and a digit, as generated keys nearly always do.
func (g *gen) mixed(n int, set string) string {
	return "Fa" + g.str(n-3, set) + string(digits[g.rng.IntN(10)])
}

func (g *gen) pick(s []string) string { return s[g.rng.IntN(len(s))] }

func (g *gen) uuid() string {
	h := g.str(32, lowHex)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:]
}

func (g *gen) basic() string {
	return base64.StdEncoding.EncodeToString([]byte("fake" + "user:" + g.mixed(14, alnum)))
}

// password returns a fake password: no quote, blank, '&', ',', ';', ')' or
// '\', which end an unquoted value, and never a bare lower-case word.
func (g *gen) password() string { return g.mixed(8+g.rng.IntN(12), alnum+"!@#%^*_+-.") }

// Token kinds share the contexts a bare token is printed in: followed by a
// blank, ')', '"', '\"', a colour code or the end of the line.
func tokenTmpls(env string) []string {
	return []string{
		"using " + V + " for upload",
		"(" + V + ")",
		`{"key":"` + V + `","ok":true}`,
		`msg="{\"key\":\"` + V + `\"}"`,
		"got \x1b[32m" + V + "\x1b[0m from vault",
		"token " + V,
		env + "=" + V,
		`"` + strings.ToLower(env) + `": "` + V + `",`,
	}
}

var plants = []plant{
	{"aws-access-key-id", func(g *gen) string { return g.pick([]string{"AK", "AS"}) + "IA" + g.str(16, upnum) },
		tokenTmpls("AWS_ACCESS_KEY_ID")},
	{"aws-secret-access-key", func(g *gen) string { return g.mixed(40, alnum+"+/") }, []string{
		"AWS_SECRET_ACCESS_KEY=" + V, "aws_secret_access_key = " + V,
		`{"AccessKeyId":"x","SecretAccessKey":"` + V + `"}`, "  secretAccessKey: " + V,
	}},
	{"google-api-key", func(g *gen) string { return "AI" + "za" + g.mixed(35, urlB64) },
		append(tokenTmpls("GOOGLE_API_KEY"), "GET /maps/api/geocode/json?key="+V+"&address=x")},
	{"azure-storage-key", func(g *gen) string { return g.mixed(86, b64) + "==" }, []string{
		"DefaultEndpointsProtocol=https;AccountName=fakeacct;AccountKey=" + V +
			";EndpointSuffix=core.windows.net",
		`"AZURE_STORAGE_CONNECTION_STRING": "AccountName=fake;AccountKey=` + V + `"`,
		"Endpoint=sb://fake.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + V,
	}},
	{"azure-sas", func(g *gen) string { return g.mixed(40, alnum) + "%2B" + g.str(4, alnum) + "%3D" }, []string{
		"GET https://fakeacct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sp=r&se=2030-01-01&sig=" + V,
		"SharedAccessSignature sr=fake.servicebus.windows.net&sig=" + V + "&se=1700000000&skn=Root",
		"BlobEndpoint=https://fake.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sig=" + V,
	}},
	{"github-token", func(g *gen) string {
		if g.rng.IntN(3) == 0 {
			return "github" + "_pat_" + g.mixed(22, alnum) + "_" + g.str(59, alnum)
		}
		return "gh" + g.pick([]string{"p", "o", "u", "s", "r"}) + "_" + g.mixed(36, alnum)
	}, tokenTmpls("GITHUB_TOKEN")},
	{"gitlab-token", func(g *gen) string {
		return "gl" + g.pick([]string{"pat", "dt", "rt", "ptt", "oas"}) + "-" + g.mixed(20, urlB64)
	}, tokenTmpls("GITLAB_TOKEN")},
	{"slack-token", func(g *gen) string {
		if g.rng.IntN(4) == 0 {
			return "xa" + "pp-1-A" + g.str(10, upnum) + "-" + g.str(13, digits) + "-" + g.str(64, lowHex)
		}
		return "xo" + "x" + g.pick([]string{"b", "p", "a"}) + "-" + g.str(11, digits) + "-" +
			g.str(13, digits) + "-" + g.mixed(24, alnum)
	}, tokenTmpls("SLACK_BOT_TOKEN")},
	{"slack-webhook", func(g *gen) string {
		return "T" + g.str(10, upnum) + "/B" + g.str(10, upnum) + "/" + g.mixed(24, alnum)
	}, []string{
		"SLACK_WEBHOOK_URL=https://hooks.slack.com/services/" + V,
		`{"webhook":"https://hooks.slack.com/services/` + V + `"}`,
		"POST https://hooks.slack.com/services/" + V + " 200",
		"notify (https://hooks.slack.com/services/" + V + ")",
	}},
	{"stripe-key", func(g *gen) string {
		return g.pick([]string{"sk", "rk"}) + "_" + g.pick([]string{"live", "test"}) + "_" + g.mixed(24, alnum)
	}, tokenTmpls("STRIPE_SECRET_KEY")},
	{"openai-api-key", func(g *gen) string {
		if g.rng.IntN(2) == 0 {
			return "sk" + "-proj-" + g.mixed(48, urlB64) + "T3Blbk" + "FJ" + g.mixed(48, urlB64)
		}
		return "sk" + "-" + g.mixed(48, alnum)
	}, tokenTmpls("OPENAI_API_KEY")},
	{"anthropic-api-key", func(g *gen) string { return "sk" + "-ant-api03-" + g.mixed(93, urlB64) + "AA" },
		tokenTmpls("ANTHROPIC_API_KEY")},
	{"huggingface-token", func(g *gen) string { return "h" + "f_" + g.mixed(34, alnum) },
		tokenTmpls("HF_TOKEN")},
	{"groq-api-key", func(g *gen) string { return "gs" + "k_" + g.mixed(52, alnum) },
		tokenTmpls("GROQ_API_KEY")},
	{"xai-api-key", func(g *gen) string { return "xa" + "i-" + g.mixed(80, alnum) }, tokenTmpls("XAI_API_KEY")},
	{"replicate-api-token", func(g *gen) string { return "r" + "8_" + g.mixed(37, alnum) },
		tokenTmpls("REPLICATE_API_TOKEN")},
	{"npm-token", func(g *gen) string {
		if g.rng.IntN(4) == 0 {
			return g.uuid() // a legacy token, after _authToken only
		}
		return "np" + "m_" + g.mixed(36, alnum)
	}, []string{
		"//registry.npmjs.org/:_authToken=" + V,
		"NPM_TOKEN=" + V, `"npm_token": "` + V + `"`,
		"//npm.fake.example/:_authToken=\"" + V + "\"",
	}},
	{"sendgrid-api-key",
		func(g *gen) string { return "S" + "G." + g.mixed(22, urlB64) + "." + g.mixed(43, urlB64) },
		tokenTmpls("SENDGRID_API_KEY")},
	{"twilio-api-key", func(g *gen) string { return "S" + "K" + g.str(32, lowHex) },
		tokenTmpls("TWILIO_API_KEY")},
	{"twilio-auth-token", func(g *gen) string { return g.str(32, lowHex) }, []string{
		"curl -u A" + "Cfa4e0000000000000000000000000000:" + V + " https://api.twilio.com/x",
		`client = Client("A` + "Cfa4e0000000000000000000000000001" + `", "` + V + `")`,
		"https://A" + "Cfa4e0000000000000000000000000002:" + V + "@api.twilio.com/2010-04-01/Accounts",
	}},
	{"jwt", func(g *gen) string {
		return "ey" + "J" + g.str(30, urlB64) + ".eyJ" + g.str(60, urlB64) + "." + g.str(43, urlB64)
	}, append(tokenTmpls("ID_TOKEN"), "Authorization: Bearer "+V, "Set-Cookie: session="+V+"; Path=/")},
	{"password", (*gen).password, []string{
		"DB_PASSWORD=" + V, "MYSQL_ROOT_PASSWORD=" + V, `{"user":"bob","password":"` + V + `"}`,
		"  password: " + V, `  password: "` + V + `"`,
		`level=info msg="db connect" user=app password=` + V + " host=db",
		"GET /login?user=bob&password=" + V + "&next=%2F HTTP/1.1",
		"exec app --password=" + V, `{\"password\":\"` + V + `\"}`,
		"\x1b[33mpassword\x1b[0m=\x1b[1m" + V + "\x1b[0m", "(password=" + V + ")", "passwd: " + V,
		`{"log":"login {\"user\":\"bob\",\"password\":\"` + V + `\"}"}`,
		"Server=db;Database=app;User Id=sa;Password=" + V + ";",
		"DB_PASSWORD=${DB_PASSWORD:-" + V + "}", `  password: "${PG_PASS:-` + V + `}"`,
		`password := "` + V + `"`, "{password=" + V + "}", "map[password:" + V + " user:bob]",
		"redis-server --requirepass " + V + " --appendonly yes", `"Args": ["--password", "` + V + `"]`,
		`--password "` + V + `"`, "[mysqld --password " + V + "]", "DB_PASSWORD=\t" + V,
		`{"log":"password:\t` + V + `\n"}`,
		"map[password:[" + V + "] username:[bob]]", `{"x":"${DB_PASSWORD:-` + V + `}"}`,
		"mysql -h db -uroot -p" + V + " app", `["CMD","mysqladmin","ping","-uroot","-p` + V + `"]`,
		`"Test": ["CMD", "redis-cli", "-a", "` + V + `", "ping"]`, "sshpass -p '" + V + "' ssh deploy@host",
		"<server><id>nexus</id><password>" + V + "</password></server>", "DB_PW=" + V,
		"mysql -uroot '-p" + V + "' app", "mysql -uroot -p\x1b[33m" + V + "\x1b[0m app",
		"keytool -list -storepass " + V, "requirepass " + V, `"CONFIG" "SET" "requirepass" "` + V + `"`,
		`bash -c "mysql -uroot -p` + V + ` -e 'select 1'"`, "sudo -E mysql -uroot -p" + V,
		`<add key="ClearTextPassword" value="` + V + `" />`, `{"name":"DB_PASSWORD","value":"` + V + `"}`,
		"<password><![CDATA[" + V + "]]></password>", "Server=db;UID=sa;PWD=" + V + ";",
	}},
	{"secret", func(g *gen) string { return g.mixed(32, alnum) }, []string{
		"CLIENT_SECRET=" + V, `"client_secret": "` + V + `"`, "secret_key_base: " + V,
		"POST /oauth/token?client_secret=" + V + "&grant_type=client_credentials",
	}},
	{"token", func(g *gen) string { return g.mixed(32, alnum+"._-") }, []string{
		"ACCESS_TOKEN=" + V, `{"refresh_token":"` + V + `"}`, "GET /cb?access_token=" + V + "&state=x",
		"authToken: " + V, "\x1b[1mtoken\x1b[0m=" + V, "API_TOKEN=${API_TOKEN:=" + V + "}",
	}},
	{"api-key", func(g *gen) string { return g.mixed(32, alnum) }, []string{
		"X-API-KEY: " + V, `"apiKey": "` + V + `"`, "api_key=" + V, "MAILGUN_API_KEY=" + V,
	}},
	{"access-key", func(g *gen) string { return g.mixed(24, alnum) }, []string{
		"access_key=" + V, `"accessKey": "` + V + `"`, "MINIO_ACCESS_KEY=" + V,
	}},
	{"credential", func(g *gen) string { return g.mixed(24, alnum) }, []string{
		"credentials=" + V, `"credential": "` + V + `"`, "REGISTRY_CREDENTIALS=" + V,
		"AUTH_CREDS=" + V,
	}},
	{"db-password", func(g *gen) string { return g.mixed(10+g.rng.IntN(10), alnum+"_-") }, []string{
		"postgres://app:" + V + "@db:5432/app", "DATABASE_URL=mysql://root:" + V + "@mysql:3306/shop",
		"mongodb+srv://admin:" + V + "@cluster0.fake.mongodb.net/test?retryWrites=true",
		`"redis": "redis://default:` + V + `@cache:6379/0"`, "amqp://guest:" + V + "@rabbitmq:5672/",
		"jdbc:postgresql://db:5432/app?user=app&password=" + V,
		"jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=" + V + ";",
		"url=jdbc:oracle:thin:scott/" + V + "@//db:1521/ORCL",
		"SQLALCHEMY_URL=postgresql+psycopg2://app:" + V + "@db/app",
		"url: postgres://app:${PG_PASSWORD:-" + V + "}@db/app",
		"DATABASE_URL=${DATABASE_URL:-postgres://app:" + V + "@db/app}",
		"DSN=app:" + V + "@tcp(db:3306)/app?parseTime=true",
		`dsn: "root:` + V + `@unix(/run/mysqld/mysqld.sock)/app"`,
	}},
	{"url-password", func(g *gen) string { return g.mixed(10+g.rng.IntN(10), alnum+"_-") }, []string{
		"git clone https://bob:" + V + "@git.fake.example/r.git",
		"HTTPS_PROXY=http://user:" + V + "@proxy.fake:3128",
		`"repo": "ftp://anon:` + V + `@ftp.fake.example/pub"`,
	}},
	{"bearer-token", func(g *gen) string { return g.mixed(40, alnum+"._~-") }, []string{
		"Authorization: Bearer " + V, `{"authorization":"Bearer ` + V + `"}`,
		"curl -H 'Authorization: Bearer " + V + "' https://api.fake.example",
		"authorization: bearer " + V, "Authorization: \x1b[1mBearer\x1b[0m " + V,
		"Authorization: Bearer \x1b[33m" + V + "\x1b[0m",
	}},
	{"authorization", func(g *gen) string { return g.mixed(40, alnum) }, []string{
		"Authorization: Token " + V, `{"authorization":"token ` + V + `"}`,
		"curl -H 'Authorization: ApiKey " + V + "' https://api.fake.example",
		"Proxy-Authorization: Negotiate " + V, "authorization: " + V,
		`{"Authorization":["Token ` + V + `"]}`, "\x1b[32mAuthorization\x1b[0m: Token " + V,
	}},
	{"basic-auth", (*gen).basic, []string{
		"Authorization: Basic " + V, `{"Authorization":"Basic ` + V + `"}`,
		"curl -H 'authorization: basic " + V + "' https://api.fake.example", "retrying with Basic " + V,
	}},
	{"docker-auth", (*gen).basic, []string{
		`{"auths":{"https://index.docker.io/v1/":{"auth":"` + V + `"}}}`,
		`    "auth": "` + V + `",`, `{\"auth\":\"` + V + `\"}`,
	}},
	{"generic-secret", func(g *gen) string {
		if g.rng.IntN(3) == 0 {
			return g.str(62, lowHex) + "a1"
		}
		return g.mixed(32, alnum)
	}, []string{
		"SIGNING_KEY=" + V, `"encryptionKey": "` + V + `"`, "jwt_signing_key: " + V,
		"MASTER_KEY=" + V, "REDIS_AUTH=" + V, "session.salt=" + V,
	}},
}

var decoys = []decoyKind{
	{"uuid", (*gen).uuid, []string{"request " + V + " done", `"trace_id":"` + V + `"`,
		"idempotency_key=" + V, "token_id=" + V}},
	{"git-sha", func(g *gen) string { return g.str(40, lowHex) }, []string{
		"commit " + V + " (HEAD)", "GIT_COMMIT=" + V, "revision: " + V}},
	{"image-digest", func(g *gen) string { return "sha256:" + g.str(64, lowHex) }, []string{
		"pulling " + V, `"Image": "` + V + `"`, "nginx@" + V}},
	{"container-id", func(g *gen) string { return g.str(64, lowHex) }, []string{
		"container " + V + " started", `"Id":"` + V + `"`, "cid=" + V}},
	{"base64-image", func(g *gen) string { return g.str(400, b64) + "=" }, []string{
		`<img src="data:image/png;base64,` + V + `">`, `"avatar":"data:image/png;base64,` + V + `"`}},
	{"npm-integrity", func(g *gen) string { return "sha512-" + g.str(86, b64) + "==" }, []string{
		`"integrity": "` + V + `",`, "integrity " + V}},
	{"ssh-public-key", func(g *gen) string { return "AAAAC3NzaC1lZDI1NTE5AAAAI" + g.str(43, b64) }, []string{
		"ssh-ed25519 " + V + " fake@host", `ssh_public_key: "ssh-ed25519 ` + V + `"`,
		"public_key=ssh-ed25519 " + V, "ssh-rsa " + V + " deploy@ci"}},
	{"placeholder", nil, []string{
		"password=${DB_PASSWORD}", "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}", "token={{ .Token }}",
		"password=<secret>", "api_key=***", `"password": ""`, "Authorization: Bearer ${TOKEN}",
		"postgres://app:${PGPASS}@db/app", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
		"SIGNING_KEY=changeme", `"auth": ""`, "PASSWORD=${PASSWORD:-}", "password=${X:?required}",
		"PASSWORD=${PASSWORD:-${FALLBACK}}", "Authorization: Token ${TOKEN}"}},
	{"phrase", nil, []string{
		"password reset email sent to user 42", "invalid token: expected string",
		"secret rotation finished", "token expired, refreshing", "Basic auth enabled for /admin",
		"bearer token required", "Enter passphrase for key '/root/.ssh/id_ed25519':",
		"note: private key material must not be logged", "authorization: header missing",
		"authorization failed for user bob", `Authorization: Digest username="bob", realm="x"`,
		"docker login --username bob --password-stdin registry.fake", "use --password to set it",
		"docker build --secret id=npm,src=/root/.npmrc .", `token := r.Header.Get("Authorization")`,
		"password := req.Password", "docker run --name mysql -p3306:3306 -d mysql:8",
		"mysql -h db -P 3306 -u root -p app", "mongosh -p --port 27017",
		"mysql: [Warning] Using a password on the command line interface can be insecure.",
		"mysqladmin ping -p$$MYSQL_ROOT_PASSWORD", "connecting root@tcp(db:3306)/app",
		"<password>${env.NEXUS_PASSWORD}</password>", "<passwordPolicy>strict</passwordPolicy>",
		"docker exec -it mysql mkdir -pv /backup", "gcc -I/usr/include/mysql -pthread -c db.c",
		"PWD=/app", "Usage: app [--password PASSWORD]", "gh auth login --with-token < token.txt",
		"redis-cli -a '' ping", "requirepass is not set", "--- PASS: TestRedact (0.01s)",
		"ffmpeg -i in.mp4 -pass 1 -f null /dev/null", "docker run --secret db_pass app",
		"git -c credential.helper=store push", `{"name":"DB_HOST","value":"db"}`,
		"    token = os.environ.get('API_TOKEN')", "GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json"}},
	{"counter", nil, []string{
		"token_count=42", "prompt_tokens=812 completion_tokens=211 max_tokens=4096",
		"password_min_length=12", "secret_name=db-creds", "token_type=Bearer",
		"PASSWORD_FILE=/run/secrets/db", "cache_key=user:42", "sort_key=created_at",
		"signing_key_id=7", "auth: required"}},
	{"near-prefix", nil, []string{
		"sk-learn and sk_live_ are prefixes", "ghp_ and glpat- prefixes", "pk_live_" + "Fa4e0000111122223333",
		"task-runner-service-level-objective-met", "AKIA is a prefix", "SKIP this step",
		"ACCEPTED 12 of 12", "SG.example.com resolved", "https://hooks.slack.com/ is down"}},
}

// A wrapper is what the way a line was logged adds around it.
type wrapper struct {
	name string
	wrap func(line string, n int) string // n counts lines, for timestamps
}

var wrappers = []wrapper{
	{"plain", func(s string, _ int) string { return s }},
	{"compose", func(s string, _ int) string { return "web-1  | " + s }},
	{"compose-colour", func(s string, _ int) string { return "\x1b[36mapi-2  |\x1b[0m " + s }},
	{"json-file", func(s string, n int) string {
		return `{"log":"` + jsonEscape(s) + `\n","stream":"stdout","time":"2024-05-01T12:00:0` +
			fmt.Sprint(n%10) + `.123456789Z"}`
	}},
	{"crlf", func(s string, _ int) string { return s + "\r" }},
	{"timestamp", func(s string, n int) string {
		return fmt.Sprintf("2024-05-01T12:%02d:%02d.%09dZ %s", n/60%60, n%60, n*7919%1e9, s)
	}},
	{"invalid-utf8", func(s string, _ int) string { return "\xff\xfe " + s + " \xc3\x28" }},
}

// jsonEscape escapes s as Docker's json-file driver does, for ASCII and
// control bytes.
func jsonEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// longPad makes a line several hundred KB long with ordinary text.
func longPad(n int) string {
	const unit = "GET /api/v1/items?page=2 200 12ms ua=curl/8.5.0 "
	return strings.Repeat(unit, n/len(unit))
}

// pemKeys are the BEGIN labels of the private keys planted.
var pemKeys = []string{"RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY",
	"OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}

// corpus returns the records: per kind at least perKind planted secrets,
// every template in every wrapper, and once per kind a line of several
// hundred KB; then the decoys, in every wrapper.
func corpus(seed uint64, perKind int) []record {
	g := newGen(seed)
	var recs []record
	n := 0
	add := func(kind, decoy string, in, want []string, w wrapper) {
		r := record{kind: kind, decoy: decoy}
		for i := range in {
			r.in = append(r.in, w.wrap(in[i], n))
			r.want = append(r.want, w.wrap(want[i], n))
			n++
		}
		recs = append(recs, r)
	}
	for _, p := range plants {
		mark := "[REDACTED:" + p.kind + "]"
		total := max(perKind, len(p.tmpls)*len(wrappers))
		for i := range total {
			t := p.tmpls[i%len(p.tmpls)]
			w := wrappers[i/len(p.tmpls)%len(wrappers)]
			v := p.fake(g)
			add(p.kind, "", []string{strings.Replace(t, V, v, 1)},
				[]string{strings.Replace(t, V, mark, 1)}, w)
		}
		t, v := p.tmpls[g.rng.IntN(len(p.tmpls))], p.fake(g)
		pad1, pad2 := longPad(200<<10), longPad(100<<10)
		add(p.kind, "", []string{pad1 + strings.Replace(t, V, v, 1) + " " + pad2},
			[]string{pad1 + strings.Replace(t, V, mark, 1) + " " + pad2}, wrappers[0])
	}
	for i := range max(perKind, 2*len(pemKeys)*len(wrappers)) {
		in, want := pemRecord(g, pemKeys[i%len(pemKeys)], i/len(pemKeys)%2 == 1)
		add("private-key", "", in, want, wrappers[i/len(pemKeys)/2%len(wrappers)])
	}
	for _, d := range decoys {
		for i, t := range d.tmpls {
			for j, w := range wrappers {
				line := t
				if d.fake != nil {
					line = strings.Replace(t, V, d.fake(g), 1)
				}
				if (i+j)%len(wrappers) == 0 {
					line = longPad(200<<10) + line
				}
				add("", d.name, []string{line}, []string{line}, w)
			}
		}
	}
	for i := range 2 * len(wrappers) {
		in := certRecord(g)
		add("", "certificate", in, in, wrappers[i%len(wrappers)])
	}
	return recs
}

// pemRecord returns a fake private key block: as lines, or on one line with
// literal \n escapes (single).
func pemRecord(g *gen, label string, single bool) (in, want []string) {
	begin, end := "-----BEGIN "+label+"-----", "-----END "+label+"-----"
	width := 64
	if strings.HasPrefix(label, "OPENSSH") {
		width = 70
	}
	in = append(in, begin)
	want = append(want, begin)
	for range 4 + g.rng.IntN(20) {
		in = append(in, "MIIE"+g.str(width-4, b64))
		want = append(want, "[REDACTED:private-key]")
	}
	in = append(in, g.str(1+g.rng.IntN(width-3), b64)+"==", end)
	want = append(want, "[REDACTED:private-key]", end)
	if !single {
		return in, want
	}
	joined := strings.Join(in, `\n`) + `\n`
	mid := begin + `\n[REDACTED:private-key]\n` + end + `\n`
	if g.rng.IntN(2) == 0 {
		return []string{`{"type":"service_account","private_key":"` + joined + `","x":1}`},
			[]string{`{"type":"service_account","private_key":"` + mid + `","x":1}`}
	}
	return []string{"TLS_KEY=\"" + joined + "\" ok"}, []string{"TLS_KEY=\"" + mid + "\" ok"}
}

// certRecord returns a public certificate block, which is not a secret.
func certRecord(g *gen) []string {
	lines := []string{"-----BEGIN CERTIFICATE-----"}
	for range 6 {
		lines = append(lines, "MIIB"+g.str(60, b64))
	}
	return append(lines, g.str(20, b64)+"=", "-----END CERTIFICATE-----")
}

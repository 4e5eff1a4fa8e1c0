package redact

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// Every secret in these tests is FAKE. Each is glued together from pieces at
// run time so that secret scanners do not flag the repository, and none is
// valid anywhere.
var (
	fakeAWSID     = "AKIA" + "FAKE0000EXAMPLE0"
	fakeAWSTemp   = "ASIA" + "FAKE1111EXAMPLE1"
	fakeAWSSecret = "fake" + "AWSsecret/0123456789+FAKEfakeFAKEfake01"
	fakeGitHub    = "ghp" + "_" + "FAKEfake0123456789FAKEfake0123456789"
	fakeGitHubS   = "ghs" + "_" + "FAKEfake0123456789FAKEfake0123456789"
	fakeGitHubPAT = "github" + "_pat_" + "11FAKE0000000000000000_" + strings.Repeat("fake0", 12)
	fakeSlack     = "xox" + "b-" + "0000000000-0000000000000-FAKEfakeFAKEfake"
	fakeSlackUser = "xox" + "p-" + "1111111111-1111111111111-FAKEfakeFAKEfake"
	fakeStripe    = "sk" + "_live_" + "FAKEfake0123456789abcd"
	fakeStripeT   = "sk" + "_test_" + "FAKEfake0123456789abcd"
	fakeStripeR   = "rk" + "_live_" + "FAKEfake0123456789abcd"
	fakeOpenAI    = "sk" + "-proj-" + "FAKEfake0123456789FAKEfake0123456789"
	fakeOpenAIOld = "sk" + "-" + "FAKEfake0123456789FAKEfake0123456789abcd"
	fakeAnthropic = "sk" + "-ant-api03-" + "FAKEfake0123456789FAKEfake0123456789"
	fakeGoogle    = "AI" + "za" + "SyFAKEfake0123456789FAKEfake0123456"
	fakeJWT       = "ey" + "JhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.ZmFrZS1zaWduYXR1cmU"
	fakeBasic     = base64.StdEncoding.EncodeToString([]byte("fakeuser:fakepass"))
	fakeBearer    = "FAKE" + "fake0123456789abcdef"
	fakePEMBody   = "MIIEfakeFAKEfakeFAKEfake" + "0123456789+/fakeFAKEfakeFAKE"
	fakeGitLab    = "gl" + "pat-" + "FAKEfake0123456789ab"
	fakeHF        = "h" + "f_" + "FAKEfake0123456789FAKEfake01234567"
	fakeGroq      = "gs" + "k_" + strings.Repeat("FAKEfake01", 5) + "ab"
	fakeNPM       = "np" + "m_" + "FAKEfake0123456789FAKEfake0123456789"
	fakeSendGrid  = "S" + "G." + "FAKEfake0123456789abcd" + "." + "FAKEfake0123456789FAKEfake0123456789abcdefg"
	fakeTwilioSK  = "S" + "K" + "fa4e0123456789abcdef0123456789ab"
	fakeTwilioAC  = "A" + "C" + "fa4e0123456789abcdef0123456789ab"
	fakeHexToken  = "fa4e0123456789abcdef0123456789ab"
	fakeAzureKey  = strings.Repeat("FAKEfake01+/", 7) + "FA=="
	fakeSAS       = "FAKEfake0123456789FAKE%2Bfake%3D"
	fakeHook      = "T00FAKE00/B00FAKE00/" + "FAKEfake0123456789FAKEfa"
	fakeSigning   = "FAKEfake0123456789FAKEfake012345"
)

func mark(kind string) string { return "[REDACTED:" + kind + "]" }

type row struct{ in, want string }

// redactions must change exactly what the want column shows.
func redactions() []row {
	pw := mark("password")
	return []row{
		// Tokens with a known prefix.
		{"id=" + fakeAWSID, "id=" + mark("aws-access-key-id")},
		{"export AWS_ACCESS_KEY_ID=" + fakeAWSTemp, "export AWS_ACCESS_KEY_ID=" + mark("aws-access-key-id")},
		{"aws_secret_access_key = " + fakeAWSSecret, "aws_secret_access_key = " + mark("aws-secret-access-key")},
		{`"SecretAccessKey": "` + fakeAWSSecret + `"`,
			`"SecretAccessKey": "` + mark("aws-secret-access-key") + `"`},
		{"push with " + fakeGitHub + " ok", "push with " + mark("github-token") + " ok"},
		{"GITHUB_TOKEN=" + fakeGitHubS, "GITHUB_TOKEN=" + mark("github-token")},
		{"pat " + fakeGitHubPAT, "pat " + mark("github-token")},
		// Glued to a JSON escape, a URL escape or a name.
		{`{"msg":"line\n` + fakeGitHub + `"}`, `{"msg":"line\n` + mark("github-token") + `"}`},
		{`{"msg":"\t` + fakeAWSID + `"}`, `{"msg":"\t` + mark("aws-access-key-id") + `"}`},
		{"https://x/?t=%3D" + fakeGitHub, "https://x/?t=%3D" + mark("github-token")},
		{"token%3a" + fakeGitHub, "token%3a" + mark("github-token")},
		{"GITHUB_TOKEN_" + fakeGitHub, "GITHUB_TOKEN_" + mark("github-token")},
		{"ID_" + fakeAWSID, "ID_" + mark("aws-access-key-id")},
		{"ghp_" + fakeGitHub, "ghp_" + mark("github-token")},
		{"slack " + fakeSlack + ".", "slack " + mark("slack-token") + "."},
		{"(" + fakeSlackUser + ")", "(" + mark("slack-token") + ")"},
		{"stripe " + fakeStripe, "stripe " + mark("stripe-key")},
		{"stripe " + fakeStripeT + "," + fakeStripeR, "stripe " + mark("stripe-key") + "," + mark("stripe-key")},
		{"OPENAI_API_KEY=" + fakeOpenAI, "OPENAI_API_KEY=" + mark("openai-api-key")},
		{"key " + fakeOpenAIOld, "key " + mark("openai-api-key")},
		{"x-api-key: " + fakeAnthropic, "x-api-key: " + mark("anthropic-api-key")},
		{"maps?key=" + fakeGoogle + "&q=1", "maps?key=" + mark("google-api-key") + "&q=1"},
		{"cookie session=" + fakeJWT + "; path=/", "cookie session=" + mark("jwt") + "; path=/"},
		{"Authorization: Bearer " + fakeBearer, "Authorization: Bearer " + mark("bearer-token")},
		{"Authorization: Bearer abc", "Authorization: Bearer " + mark("bearer-token")},
		{"authorization: bearer " + fakeJWT, "authorization: bearer " + mark("jwt")},
		{`curl -H "Authorization: Basic ` + fakeBasic + `"`,
			`curl -H "Authorization: Basic ` + mark("basic-auth") + `"`},
		{`{"Authorization":"Basic xyz"}`, `{"Authorization":"Basic ` + mark("basic-auth") + `"}`},
		{"retrying with basic " + fakeBasic, "retrying with basic " + mark("basic-auth")},
		{"sent bearer " + fakeBearer + " upstream", "sent bearer " + mark("bearer-token") + " upstream"},
		{"\x1b[32m" + fakeGitHub + "\x1b[0m", "\x1b[32m" + mark("github-token") + "\x1b[0m"},

		// Kinds added for issue 4.
		{"export GITLAB_TOKEN=" + fakeGitLab, "export GITLAB_TOKEN=" + mark("gitlab-token")},
		{"hf " + fakeHF + ")", "hf " + mark("huggingface-token") + ")"},
		{`{"k":"` + fakeGroq + `"}`, `{"k":"` + mark("groq-api-key") + `"}`},
		{"token " + fakeNPM, "token " + mark("npm-token")},
		{"//registry.npmjs.org/:_authToken=" + fakeHexToken,
			"//registry.npmjs.org/:_authToken=" + mark("npm-token")},
		{"key=" + fakeSendGrid, "key=" + mark("sendgrid-api-key")},
		{"sid " + fakeTwilioSK, "sid " + mark("twilio-api-key")},
		{"-u " + fakeTwilioAC + ":" + fakeHexToken, "-u " + fakeTwilioAC + ":" + mark("twilio-auth-token")},
		{"AccountName=x;AccountKey=" + fakeAzureKey + ";EndpointSuffix=core.windows.net",
			"AccountName=x;AccountKey=" + mark("azure-storage-key") + ";EndpointSuffix=core.windows.net"},
		{"GET /c?sv=2022&sig=" + fakeSAS + "&se=1", "GET /c?sv=2022&sig=" + mark("azure-sas") + "&se=1"},
		{"POST https://hooks.slack.com/services/" + fakeHook,
			"POST https://hooks.slack.com/services/" + mark("slack-webhook")},
		{`{"auths":{"r.example":{"auth":"` + fakeBasic + `"}}}`,
			`{"auths":{"r.example":{"auth":"` + mark("docker-auth") + `"}}}`},
		{"jdbc:mysql://db/app?user=u&password=hunter2",
			"jdbc:mysql://db/app?user=u&password=" + mark("db-password")},
		{"SIGNING_KEY=" + fakeSigning, "SIGNING_KEY=" + mark("generic-secret")},
		{"\x1b[1mtoken\x1b[0m=abc123", "\x1b[1mtoken\x1b[0m=" + mark("token")},
		{`{"log":"\u001b[33m` + fakeGitHub + `\u001b[0m\n"}`,
			`{"log":"\u001b[33m` + mark("github-token") + `\u001b[0m\n"}`},

		// URLs with a password.
		{"postgres://app:s3cret@db:5432/app", "postgres://app:" + mark("db-password") + "@db:5432/app"},
		{"redis://:hunter2@cache:6379", "redis://:" + mark("db-password") + "@cache:6379"},
		{"clone https://bob:p@ss@git.example.com/r.git",
			"clone https://bob:" + mark("url-password") + "@git.example.com/r.git"},
		{`DATABASE_URL="mysql://root:toor@tcp(db)/x"`,
			`DATABASE_URL="mysql://root:` + mark("db-password") + `@tcp(db)/x"`},

		// PEM private keys.
		{"-----BEGIN RSA PRIVATE KEY-----\n" + fakePEMBody + "\nAB==\n-----END RSA PRIVATE KEY-----\nnext",
			"-----BEGIN RSA PRIVATE KEY-----\n" + mark("private-key") + "\n" + mark("private-key") +
				"\n-----END RSA PRIVATE KEY-----\nnext"},
		{"  -----BEGIN OPENSSH PRIVATE KEY-----\r\n  " + fakePEMBody +
			"\r\n  -----END OPENSSH PRIVATE KEY-----\r\n",
			"  -----BEGIN OPENSSH PRIVATE KEY-----\r\n  " + mark("private-key") +
				"\r\n  -----END OPENSSH PRIVATE KEY-----\r\n"},
		{`{"key":"-----BEGIN PRIVATE KEY-----\n` + fakePEMBody + `\n-----END PRIVATE KEY-----\n","password":"x1"}`,
			`{"key":"-----BEGIN PRIVATE KEY-----\n` + mark("private-key") +
				`\n-----END PRIVATE KEY-----\n","password":"` + pw + `"}`},
		{"k=-----BEGIN EC PRIVATE KEY----- " + fakePEMBody + " -----END EC PRIVATE KEY----- done",
			"k=-----BEGIN EC PRIVATE KEY----- " + mark("private-key") + " -----END EC PRIVATE KEY----- done"},
		{"-----BEGIN ENCRYPTED PRIVATE KEY-----" + fakePEMBody,
			"-----BEGIN ENCRYPTED PRIVATE KEY-----" + mark("private-key")},
		{"web-1  | -----BEGIN PRIVATE KEY-----\nweb-1  | " + fakePEMBody + "\nweb-1  | -----END PRIVATE KEY-----",
			"web-1  | -----BEGIN PRIVATE KEY-----\nweb-1  | " + mark("private-key") +
				"\nweb-1  | -----END PRIVATE KEY-----"},
		{`{"log":"-----BEGIN PRIVATE KEY-----\n"}` + "\n" + `{"log":"` + fakePEMBody + `\n","stream":"stderr"}` +
			"\n" + `{"log":"-----END PRIVATE KEY-----\n"}`,
			`{"log":"-----BEGIN PRIVATE KEY-----\n"}` + "\n" + `{"log":"` + mark("private-key") +
				`\n","stream":"stderr"}` +
				"\n" + `{"log":"-----END PRIVATE KEY-----\n"}`},

		{`["-----BEGIN PRIVATE KEY-----","` + fakePEMBody + `","` + fakePEMBody[:12] +
			`","-----END PRIVATE KEY-----"]`,
			`["-----BEGIN PRIVATE KEY-----","` + mark("private-key") + `","` + mark("private-key") +
				`","-----END PRIVATE KEY-----"]`},

		// Assignments.
		{"password=hunter2", "password=" + pw},
		{"password=hunter2\r\nnext", "password=" + pw + "\r\nnext"},
		{"DB_PASSWORD=hunter2 DB_USER=app", "DB_PASSWORD=" + pw + " DB_USER=app"},
		{"MYSQL_ROOT_PASSWORD=changeme", "MYSQL_ROOT_PASSWORD=" + pw},
		{"--password=hunter2", "--password=" + pw},
		{"dbPassword: 'correct horse battery'", "dbPassword: '" + pw + "'"},
		{`{"password": "a b c", "user": "bob"}`, `{"password": "` + pw + `", "user": "bob"}`},
		{`{"password":"hunter2"}`, `{"password":"` + pw + `"}`},
		{"password: Hunter2", "password: " + pw},
		{"passwd=x;user=y", "passwd=" + pw + ";user=y"},
		{"pwd=1234", "pwd=" + pw},
		{"PASSPHRASE = 'open sesame'", "PASSPHRASE = '" + pw + "'"},
		{"client_secret=abc123&grant_type=client_credentials",
			"client_secret=" + mark("secret") + "&grant_type=client_credentials"},
		{"SECRET_KEY_BASE=deadbeef", "SECRET_KEY_BASE=" + mark("secret")},
		{"GET /cb?access_token=abc123&state=x", "GET /cb?access_token=" + mark("token") + "&state=x"},
		{"url=https://h/p?token=abc123", "url=https://h/p?token=" + mark("token")},
		{"NPM_TOKEN=npm_fake123", "NPM_TOKEN=" + mark("npm-token")},
		{"authToken: abc123def", "authToken: " + mark("token")},
		{"id_token=abc.def.ghi", "id_token=" + mark("token")},
		{"api_key=abc123", "api_key=" + mark("api-key")},
		{"X-API-KEY: Abc123", "X-API-KEY: " + mark("api-key")},
		{`apiKey: "xyz"`, `apiKey: "` + mark("api-key") + `"`},
		{"access_key=abc123", "access_key=" + mark("access-key")},
		{"private_key=abcdef", "private_key=" + mark("private-key")},
		{"credentials=user:pw", "credentials=" + mark("credential")},
		{"pAsSwOrD=x1", "pAsSwOrD=" + pw},
		{"a=1 password=b2 c=3", "a=1 password=" + pw + " c=3"},
		{"password=(x)", "password=" + pw + ")"},
		{"\x1b[31mpassword\x1b[0m=\x1b[1mhunter2\x1b[0m", "\x1b[31mpassword\x1b[0m=\x1b[1m" + pw + "\x1b[0m"},
		{"password=\x1b[33mhunter2\x1b[0m rest", "password=\x1b[33m" + pw + "\x1b[0m rest"},
		{"password := \"hunter2\"", "password := \"" + pw + "\""},
		{"{password=hunter2}", "{password=" + pw + "}"},
		{"map[password:hunter2 user:bob]", "map[password:" + pw + " user:bob]"},
		{"password=a{b}c]", "password=" + pw + "]"},
		{"AUTH_CREDS=bob:hunter2", "AUTH_CREDS=" + mark("credential")},
		{`{"password":"hun\"ter2"}`, `{"password":"` + pw + `"}`},
		{`{"log":"{\"password\":\"hun\\\"ter2\"}\n"}`, `{"log":"{\"password\":\"` + pw + `\"}\n"}`},
		{`{"password":"hunter2\\"}`, `{"password":"` + pw + `"}`},
		{`{"a":"password=\\hunter2"}`, `{"a":"password=` + pw + `"}`},
		{`{"log":"{\"password\":\"hunter2\\\\\"}\n"}`, `{"log":"{\"password\":\"` + pw + `\"}\n"}`},

		// A flag's value as the next argument, also in a JSON array.
		{"redis-server --requirepass hunter2 --port 6379", "redis-server --requirepass " + pw + " --port 6379"},
		{`"Args": ["--requirepass", "hunter2"]`, `"Args": ["--requirepass", "` + pw + `"]`},
		{`["mysqld","--password","two words"]`, `["mysqld","--password","` + pw + `"]`},
		{`{\"Cmd\":[\"--password\",\"hunter2\"]}`, `{\"Cmd\":[\"--password\",\"` + pw + `\"]}`},
		{"--api-key " + fakeSigning, "--api-key " + mark("api-key")},
		{"masterauth: hunter2", "masterauth: " + pw},
		{`redis-server --requirepass "two words"`, `redis-server --requirepass "` + pw + `"`},
		{`{"log":"--password \"hunter2\"\n"}`, `{"log":"--password \"` + pw + `\"\n"}`},
		{"args=[--password hunter2]", "args=[--password " + pw + "]"},
		{"password=\thunter2", "password=\t" + pw},
		{"password= hunter2", "password= " + pw},
		{"DATABASE_URL=${DATABASE_URL:-postgres://app:hunter2@db/app}",
			"DATABASE_URL=${DATABASE_URL:-postgres://app:" + mark("db-password") + "@db/app}"},
		{"x 1postgres://u:hunter2@h", "x 1postgres://u:" + mark("db-password") + "@h"},

		// A client's password flag, glued or as the next argument, also in
		// a JSON array (a health check's Test).
		{"mysql -h db -uroot -pHunter22 app", "mysql -h db -uroot -p" + pw + " app"},
		{`["CMD","mysqladmin","ping","-uroot","-pHunter22"]`,
			`["CMD","mysqladmin","ping","-uroot","-p` + pw + `"]`},
		{`{"Test":["CMD","redis-cli","-a","Hunter22","ping"]}`,
			`{"Test":["CMD","redis-cli","-a","` + pw + `","ping"]}`},
		{`{\"Cmd\":[\"redis-cli\",\"-a\",\"two words\"]}`, `{\"Cmd\":[\"redis-cli\",\"-a\",\"` + pw + `\"]}`},
		{"sshpass -p 'two words' ssh deploy@host", "sshpass -p '" + pw + "' ssh deploy@host"},
		{"mongosh -u admin -p Hunter22 --quiet", "mongosh -u admin -p " + pw + " --quiet"},
		{"mysql -p'two words' app", "mysql -p'" + pw + "' app"},
		{"[mysql -pHunter22]", "[mysql -p" + pw + "]"},
		{"MariaDB -pHunter22; echo ok", "MariaDB -p" + pw + "; echo ok"},
		{"mysqladmin ping -p${MYSQL_ROOT_PASSWORD:-hunter22}",
			"mysqladmin ping -p${MYSQL_ROOT_PASSWORD:-" + pw + "}"},

		// A Go MySQL driver's DSN.
		{"DSN=app:Hunter22@tcp(db:3306)/app?parseTime=true",
			"DSN=app:" + mark("db-password") + "@tcp(db:3306)/app?parseTime=true"},
		{`dsn: "root:p@ss:w0rd@unix(/run/mysqld/mysqld.sock)/app"`,
			`dsn: "root:` + mark("db-password") + `@unix(/run/mysqld/mysqld.sock)/app"`},
		{`{\"dsn\":\"app:Hunter22@tcp(db)/x\"}`, `{\"dsn\":\"app:` + mark("db-password") + `@tcp(db)/x\"}`},

		// XML elements, a key named pw.
		{"<server><id>nexus</id><password>two words</password></server>",
			"<server><id>nexus</id><password>" + pw + "</password></server>"},
		{"<soap:Password>Hunter22</soap:Password>", "<soap:Password>" + pw + "</soap:Password>"},
		{`{"log":"<apiKey>` + fakeSigning + `</apiKey>\n"}`,
			`{"log":"<apiKey>` + mark("api-key") + `</apiKey>\n"}`},
		{"DB_PW=Hunter22 pw: Hunter22 admin-pw=Hunter22", "DB_PW=" + pw + " pw: " + pw + " admin-pw=" + pw},

		// Flags of a client: quoted whole, glued to an escaped quote, with
		// an escaped & inside; single-dash flags that name a password.
		{`"Test":["CMD-SHELL","mysqladmin ping -uroot -p\"Hunter22\" || exit 1"]`,
			`"Test":["CMD-SHELL","mysqladmin ping -uroot -p\"` + pw + `\" || exit 1"]`},
		{"+ mysql -uroot '-ptwo words' db", "+ mysql -uroot '-p" + pw + "' db"},
		{`{"log":"mysql -uroot -pab\u0026cd db\n"}`, `{"log":"mysql -uroot -p` + pw + ` db\n"}`},
		{"docker exec -it mysql mysql -uroot -pHunter22", "docker exec -it mysql mysql -uroot -p" + pw},
		{"kubectl exec -it mysql-0 -- mysql -pHunter22", "kubectl exec -it mysql-0 -- mysql -p" + pw},
		{"/usr/bin/mysql -h db -P 3306 --user root -pHunter22", "/usr/bin/mysql -h db -P 3306 --user root -p" + pw},
		{`mongosh "mongodb://db:27017" -u admin -p Hunter22`, `mongosh "mongodb://db:27017" -u admin -p ` + pw},
		{"keytool -importkeystore -srcstorepass Hunter22 -keypass Hunter23",
			"keytool -importkeystore -srcstorepass " + pw + " -keypass " + pw},
		{"influx -username admin -password Hunter22; plink -pw Hunter22 host",
			"influx -username admin -password " + pw + "; plink -pw " + pw + " host"},

		// A client run by a shell, a wrapper or a list; named as a path.
		{`bash -c "mysql -uroot -pHunter22 -e 'select 1'"`, `bash -c "mysql -uroot -p` + pw + ` -e 'select 1'"`},
		{`{"Cmd":["/bin/sh","-c","mysqladmin ping -uroot -pHunter22"]}`,
			`{"Cmd":["/bin/sh","-c","mysqladmin ping -uroot -p` + pw + `"]}`},
		{`rsync -e "sshpass -p Hunter22 ssh" /src u@h:/dst`, `rsync -e "sshpass -p ` + pw + ` ssh" /src u@h:/dst`},
		{"sudo -E mysql -pHunter22; nice -10 mysqldump -pHunter22 db", "sudo -E mysql -p" + pw +
			"; nice -10 mysqldump -p" + pw + " db"},
		{"sudo --user=mysql mysql -uroot -pHunter22", "sudo --user=mysql mysql -uroot -p" + pw},
		{"- redis-cli -a Hunter22 ping", "- redis-cli -a " + pw + " ping"},
		{"$(mysql -pHunter22) `mysql -pHunter22`", "$(mysql -p" + pw + ") `mysql -p" + pw + "`"},
		{"cron[1]: (root) CMD (mysqldump -pHunter22 app > /b.sql)", "cron[1]: (root) CMD (mysqldump -p" + pw +
			" app > /b.sql)"},
		{"./mysql -pHunter22; mysql.exe -pHunter22", "./mysql -p" + pw + "; mysql.exe -p" + pw},
		{"mongosh localhost:27017/admin -u root -p Hunter22", "mongosh localhost:27017/admin -u root -p " + pw},

		// Settings named in XML attributes or as Kubernetes lists them;
		// XML elements with attributes, CDATA, an escaped namespace.
		{`<add key="ClearTextPassword" value="Hunter22" />`, `<add key="ClearTextPassword" value="` + pw + `" />`},
		{`<property name="password" value="Hunter22"/>`, `<property name="password" value="` + pw + `"/>`},
		{`<entry key="db.password">Hunter22</entry>`, `<entry key="db.password">` + pw + `</entry>`},
		{`{"name":"DB_PASSWORD","value":"Hunter22"}`, `{"name":"DB_PASSWORD","value":"` + pw + `"}`},
		{`<wsse:Password Type="x#PasswordText">Hunter22</wsse:Password>`,
			`<wsse:Password Type="x#PasswordText">` + pw + `</wsse:Password>`},
		{"<password><![CDATA[Hunter22]]></password>", "<password><![CDATA[" + pw + "]]></password>"},
		{`{"log":"\u003cns1:Password\u003eHunter22\u003c/ns1:Password\u003e\n"}`,
			`{"log":"\u003cns1:Password\u003e` + pw + `\u003c/ns1:Password\u003e\n"}`},

		// What an exemption must not hide: ODBC's PWD, a password that
		// starts with '/', a page's access token, weak capitals.
		{"Server=db;UID=sa;PWD=Hunter22;", "Server=db;UID=sa;PWD=" + pw + ";"},
		{"DB_PASSWORD=/x9Kq2mZ/Lp4 password: /Tr0ub4dor/3", "DB_PASSWORD=" + pw + " password: " + pw},
		{"FB_PAGE_TOKEN=" + fakeSigning, "FB_PAGE_TOKEN=" + mark("token")},
		{"POSTGRES_PASSWORD=POSTGRES --admin-password ADMIN",
			"POSTGRES_PASSWORD=" + pw + " --admin-password " + pw},
		{"openssl enc -pass pass:Hunter22 -in a", "openssl enc -pass pass:" + pw + " -in a"},
		{"app:Sup3rPass=@tcp(db:3306)/app", "app:" + mark("db-password") + "@tcp(db:3306)/app"},
		{"DSN=${DB_USER:-root}:${DB_PASSWORD:-devpass}@tcp(db:3306)/app",
			"DSN=${DB_USER:-root}:${DB_PASSWORD:-" + mark("db-password") + "}@tcp(db:3306)/app"},
		{"sh -c 'echo ${DB_PASSWORD:-changeme}/token=abc123def'",
			"sh -c 'echo ${DB_PASSWORD:-" + pw + "}/token=" + mark("token") + "'"},
		{"export DSN=root:pw@tcp(db)/app;mysql -uroot -pHunter22",
			"export DSN=root:" + mark("db-password") + "@tcp(db)/app;mysql -uroot -p" + pw},

		// A colour around a client's or a flag's value.
		{"mysql -uroot -p\x1b[33mHunter22\x1b[0m db", "mysql -uroot -p\x1b[33m" + pw + "\x1b[0m db"},
		{"redis-cli -a \x1b[1mHunter22\x1b[0m ping", "redis-cli -a \x1b[1m" + pw + "\x1b[0m ping"},
		{`{"log":"mysql -p\u001b[33mHunter22\u001b[0m\n"}`, `{"log":"mysql -p\u001b[33m` + pw + `\u001b[0m\n"}`},
		{"--password \x1b[33mHunter22\x1b[0m", "--password \x1b[33m" + pw + "\x1b[0m"},

		// Redis's settings with a blank, as its config file and MONITOR
		// write them.
		{"requirepass Hunter22\nmasterauth Hunter22", "requirepass " + pw + "\nmasterauth " + pw},
		{`1700000000.123456 [0 172.18.0.3:51234] "AUTH" "Hunter22"`,
			`1700000000.123456 [0 172.18.0.3:51234] "AUTH" "` + pw + `"`},
		{`[0 172.18.0.3:51234] "auth" "default" "Hunter22"`, `[0 172.18.0.3:51234] "auth" "default" "` + pw + `"`},
		{`"CONFIG" "SET" "requirepass" "Hunter22"`, `"CONFIG" "SET" "requirepass" "` + pw + `"`},

		// Go DSNs: '=' in the password, tcp6, two on a line.
		{"dsn: app:xK9mP2qR7vN4wL8z==@tcp(mysql:3306)/app",
			"dsn: app:" + mark("db-password") + "@tcp(mysql:3306)/app"},
		{"app:a=b@tcp6([::1]:3306)/app", "app:" + mark("db-password") + "@tcp6([::1]:3306)/app"},
		{"dsns=app:Pw1x@tcp(db1:3306)/a,app:Pw2x@tcp(db2:3306)/b",
			"dsns=app:" + mark("db-password") + "@tcp(db1:3306)/a,app:" + mark("db-password") + "@tcp(db2:3306)/b"},

		// XML in a json-file line.
		{`{"log":"\u003cpassword\u003eHunter22\u003c/password\u003e\n"}`,
			`{"log":"\u003cpassword\u003e` + pw + `\u003c/password\u003e\n"}`},

		// A quote inside an unquoted value, JSON-escaped < and >.
		{`{"log":"PASSWORD=ab\"cd\n"}`, `{"log":"PASSWORD=` + pw + `\n"}`},
		{`DB_PASSWORD=ab"cd`, "DB_PASSWORD=" + pw},
		{"PASSWORD=ab'cd'ef next", "PASSWORD=" + pw + " next"},
		{`{"log":"password=ab\u003ccd\u003eef\n"}`, `{"log":"password=` + pw + `\n"}`},

		// JSON-escaped tabs around a separator, Go's %v of url.Values.
		{`{"log":"password:\tXy7Fake9Secret\n"}`, `{"log":"password:\t` + pw + `\n"}`},
		{`{"log":"PASSWORD\t=\tXy7Fake9Secret\n"}`, `{"log":"PASSWORD\t=\t` + pw + `\n"}`},
		{`map[password:[hunter2] username:[bob]]`, `map[password:[` + pw + `] username:[bob]]`},
		{`{password=Xy7{Fake}9Secret}`, `{password=` + pw + `}`},
		{`{"db_password":":hunter2"}`, `{"db_password":"` + pw + `"}`},
		{`{"db_password":"[hunter2]"}`, `{"db_password":"` + pw + `"}`},

		// A variable's default is a value of its own; its name stays.
		{"url: postgres://u:${PG_PASSWORD:-hunter2}@db/x",
			"url: postgres://u:${PG_PASSWORD:-" + mark("db-password") + "}@db/x"},
		{"redis-server --requirepass ${REDIS_PASSWORD:-hunter2}",
			"redis-server --requirepass ${REDIS_PASSWORD:-" + pw + "}"},
		{"POSTGRES_PASSWORD: ${PG:-${OTHER:-hunter2}}", "POSTGRES_PASSWORD: ${PG:-${OTHER:-" + pw + "}}"},
		{`{"x":"${DB_PASSWORD:-hunter2}"}`, `{"x":"${DB_PASSWORD:-` + pw + `}"}`},
		{"DB_PASSWORD=${DB_PASSWORD:-hunter2}", "DB_PASSWORD=${DB_PASSWORD:-" + pw + "}"},
		{`password: "${PG_PASS:-two words}"`, `password: "${PG_PASS:-` + pw + `}"`},
		{"PASSWORD=${PASSWORD-hunter2} next", "PASSWORD=${PASSWORD-" + pw + "} next"},
		{"API_TOKEN=${API_TOKEN:=" + fakeBearer + "}", "API_TOKEN=${API_TOKEN:=" + mark("token") + "}"},
		{"SIGNING_KEY=${K:-" + fakeSigning + "}", "SIGNING_KEY=${K:-" + mark("generic-secret") + "}"},

		// Authorization headers of other schemes, and colours around Bearer.
		{"Authorization: Token " + fakeBearer, "Authorization: Token " + mark("authorization")},
		{`{"authorization":"token abc123xyz456"}`, `{"authorization":"token ` + mark("authorization") + `"}`},
		{`{\"Authorization\":\"ApiKey ` + fakeSigning + `\"}`,
			`{\"Authorization\":\"ApiKey ` + mark("authorization") + `\"}`},
		{"Proxy-Authorization: Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag==",
			"Proxy-Authorization: Negotiate " + mark("authorization")},
		{"authorization: " + fakeSigning, "authorization: " + mark("authorization")},
		{`{"Authorization":["Token ` + fakeSigning + `"]}`,
			`{"Authorization":["Token ` + mark("authorization") + `"]}`},
		{"map[Authorization:[Token " + fakeSigning + "]]",
			"map[Authorization:[Token " + mark("authorization") + "]]"},
		{`"Authorization" => "Token abc:` + fakeSigning + `"`,
			`"Authorization" => "Token ` + mark("authorization") + `"`},
		{"\x1b[32mAuthorization\x1b[0m: Token " + fakeSigning,
			"\x1b[32mAuthorization\x1b[0m: Token " + mark("authorization")},
		{`{"log":"Authorization:\t` + fakeSigning + `\n"}`,
			`{"log":"Authorization:\t` + mark("authorization") + `\n"}`},
		{"Authorization: \x1b[1mBearer\x1b[0m " + fakeBearer,
			"Authorization: \x1b[1mBearer\x1b[0m " + mark("bearer-token")},
		{"Authorization: Bearer \x1b[33m" + fakeBearer + "\x1b[0m",
			"Authorization: Bearer \x1b[33m" + mark("bearer-token") + "\x1b[0m"},

		// Docker json-file lines: JSON-escaped quotes and newlines.
		{`{"log":"login {\"user\":\"bob\",\"password\":\"hunter2\"}\n","stream":"stdout"}`,
			`{"log":"login {\"user\":\"bob\",\"password\":\"` + pw + `\"}\n","stream":"stdout"}`},
		{`{"log":"DB_PASSWORD=hunter2\n","stream":"stderr","time":"2024-01-01T00:00:00Z"}`,
			`{"log":"DB_PASSWORD=` + pw + `\n","stream":"stderr","time":"2024-01-01T00:00:00Z"}`},
		{`{"log":"{\"password\": \"two words\"}\r\n"}`, `{"log":"{\"password\": \"` + pw + `\"}\r\n"}`},

		// Several kinds on one line, and invalid UTF-8 around a secret.
		{"a " + fakeGitHub + " b " + fakeAWSID + " c password=x\xff", "a " + mark("github-token") + " b " +
			mark("aws-access-key-id") + " c password=" + pw},
		{"\xff\xfe token=s3cr3t \xc3", "\xff\xfe token=" + mark("token") + " \xc3"},
	}
}

// untouched lines must come back as they went in.
var untouched = []string{
	// A client's name that is no command here, an empty or missing value.
	"gcc -I/usr/include/mysql -pthread -O2 -c db.c; g++ -I/usr/include/mariadb -pipe -c x.cpp",
	"cc -o mysql_test mysql_test.c -pedantic -lmysqlclient",
	"docker exec -it mysql mkdir -pv /backup; docker exec mysql cp -pr /var/lib/mysql /b",
	"+ find /var/lib/mysql -type f -print",
	"+ docker exec mongo mkdir -p /data/backup; docker run --name mongo -p 27017 mongo:7",
	"pytest -k mongo -p pytest_asyncio",
	"+ redis-cli -h redis -a '' ping; sshpass -p '' ssh deploy@host; mongosh -p \"\" admin",
	"mongosh -u root -p \x1b[0m; mysql -p\x1b[0m x",
	"requirepass is not set; requirepass ${REDIS_PASSWORD}; AUTH failed: WRONGPASS; \"oauth\" \"x\"",
	"root:@tcp(db1)/app,root:@tcp(db2)/app",
	"mysql -u root - < dump.sql; sshpass -f - ssh host; mysql -; mongo -; redis-cli -; mysql \"-\"",
	"[REDACTED:github-token]@tcp(",
	`<add key="Username" value="bob" /><add key="PasswordPolicy" value="strict"/>`,
	`<property name="password" value="${db.password}"/><entry key="token.ttl">3600</entry>`,
	`{"name":"DB_HOST","value":"db"}`,
	"--- PASS: TestFoo (0.00s) Test Summary: PASS: 42 FAIL: 0",
	"ffmpeg -i in.mp4 -pass 1 -f null /dev/null; gpg --batch --passphrase-fd 0 --decrypt f.gpg",
	"openssl enc -pass env:PW -in a; openssl enc -pass file:/run/secrets/k -in a",
	"docker run --secret db_pass app; gcloud run deploy --secret=db-password",
	"arn:aws:secretsmanager:us-east-1:123:secret:db-AbCdEf",
	"git -c credential.helper=store push; chromium --password-store=basic",
	"kubeadm join 1.2.3.4:6443 --discovery-token-ca-cert-hash sha256:1234",
	"mysql -u root -p`cat /run/secrets/db_root`; mysql -u root -p$@; mysql -pYOUR_PASSWORD",
	"password = os.getenv(\"DB_PASSWORD\") token = os.environ.get('API_TOKEN')",
	"Client(token=os.environ['TOKEN']) const secret = crypto.randomBytes(32).toString('hex');",
	// Flags given no value, usage text.
	"gh auth login --with-token < token.txt; cli --token 2>/dev/null; cli --token | tee out",
	"Usage: app [--password PASSWORD] [--token TOKEN] [--api-key KEY] [--secret=SECRET]",
	// Keys that say where a secret is or how it is used, not what it is.
	"PWD=/app OLDPWD=/ declare -x PWD=\"/usr/src/app\"",
	`"Env":["PATH=/usr/bin","PWD=/app"]`,
	"PW_TEST_HTML_REPORT_OPEN=never DEBUG=pw:api,pw:browser*",
	`  pw:channel:command {"id":1} +0ms`,
	"GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json password=/run/secrets/db_password",
	"CREDENTIALS_DIRECTORY=/run/credentials/app.service SECRETS_BACKEND=vault",
	"TOKEN_ISSUER=https://accounts.google.com TOKEN_AUDIENCE=api://default PASSWORD_HASHER=argon2",
	"next_page_token=CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA0 nextPageToken: CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA0",
	// Masked, encrypted or fetched values.
	"Settings(api_key=SecretStr('**********'), debug=False)",
	"password: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]",
	"password: !vault | db_password: !secret db_password MasterUserPassword: !Ref DBPassword",
	// An S3 listing, an element holding a word.
	"<Key>3f786850e387550fdab836ed7e6dc881de23001b</Key><token>expired</token>",
	"<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>",
	"",
	"\n\n\n",
	"password reset email sent to bob@example.com",
	"Enter password:",
	"password=${DB_PASSWORD}",
	"password=$DB_PASSWORD",
	"password={{ .Password }}",
	"password=<redacted>",
	"password=***",
	"password=",
	"password= user=bob",
	`"password": ""`,
	"password: null",
	"password_required=true",
	"password_min_length=12",
	"PASSWORD_FILE=/run/secrets/db",
	"token_count=42",
	"prompt_tokens=12 completion_tokens=30 max_tokens=4096",
	"max_token=4096",
	"token: expired",
	"invalid token: expected string",
	"tokenizer=cl100k_base",
	"token_type=Bearer",
	"token_url=https://auth.example.com/token",
	"bypass=1 compass=north passenger=3 passed=12",
	"aws_access_key_id=foo",
	"secret_name=db-creds",
	"cache key=user:42",
	"container 3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e started",
	"image sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 pulled",
	"commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 (HEAD)",
	"request 123e4567-e89b-12d3-a456-426614174000 done",
	"Basic auth enabled for /admin",
	"bearer token required",
	"Authorization: Bearer ${TOKEN}",
	"Authorization: Token ${TOKEN}",
	"authorization: header missing",
	"authorization failed for user bob",
	"authorization: required",
	`Authorization: Digest username="bob", realm="x", response="` + fakeHexToken + `"`,
	"PASSWORD=${PASSWORD:-}",
	"PASSWORD=${PASSWORD:-${FALLBACK}}",
	"password=${X:?required} token=${T:+set}",
	"SIGNING_KEY=${SIGNING_KEY:-changeme}",
	"x := token",
	"token := 42",
	"creds: expired",
	`{"env":"PASSWORD="}`,
	`{"":"PASS=${-"}`,
	`["PASS:",""]`,
	`["0","--pass "]`,
	`{"PASS=":"x"}`,
	"password: {",
	`token := r.Header.Get("Authorization")`,
	"password := req.Password",
	`Authorization: \n` + fakeSigning,
	`["PASS=\"","\""]`,
	`["-----BEGIN PRIVATE KEY-----","-----END"]`,
	"docker login --username bob --password-stdin registry.example",
	"use --password to set it",
	"--password --user bob",
	"docker build --secret id=npm,src=/root/.npmrc .",
	"--token ${TOKEN} --signing-key changeme --token-ttl 3600 --max-tokens 4096",
	`{"log":"DB_PASSWORD=\n","stream":"stdout"}`,
	`{"a":"PASS=\u001b[0m"}`,
	`{"a":"PASS=\u001b0"}`,
	"see https://example.com:8443/path?q=1 and http://user@host/x",
	"ssh://git@github.com:22/owner/repo.git",
	"task-runner-service-level-objective-met",
	"disk-usage-report-for-yesterday-and-today",
	"sk-learn and sk_live_ are prefixes",
	"AKIA is a prefix; AKIAFAKE0000EXAMPLE0X is too long",
	"-----BEGIN CERTIFICATE-----\nMIIBfakecert\n-----END CERTIFICATE-----",
	"-----BEGIN PUBLIC KEY-----",
	"password=" + mark("password"),
	"note: private key material must not be logged",
	"\xff\xfe\xfd invalid utf-8 \xc3\x28",
	"cache_key=user:42 SIGNING_KEY=changeme public_key=" + fakeSigning,
	"idempotency_key=123e4567-e89b-12d3-a456-426614174000",
	"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
	`"integrity": "sha512-` + fakeAzureKey + `"`,
	"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + fakeSigning + " fake@host",
	"docker run --name mysql -p3306:3306 -p 33060:33060 -d mysql:8",
	"mysql -h db -P 3306 -u root -p app",
	"mysql: [Warning] Using a password on the command line interface can be insecure.",
	"mysqladmin ping -p$$MYSQL_ROOT_PASSWORD",
	`mysqladmin ping -p"$MYSQL_ROOT_PASSWORD"`,
	"redis-cli -a --no-auth-warning ping",
	"mongosh --port 27017 -p",
	`{"log":"mongosh --port 27017 -p\n","stream":"stdout"}`,
	`{"log":"mysql -p\u001b[0m x\n"}`,
	"mysql -uroot -p" + mark("password") + " app",
	"connecting root@tcp(db:3306)/app",
	"<password>${env.NEXUS_PASSWORD}</password>",
	"<password></password><passwordPolicy>strict</passwordPolicy><token_count>42</token_count>",
	"<password>Hunter22</secret>",
	`<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAkPw=">`,
	"adminPw=Hunter22 pw_file=/run/secrets/pw",
	"dsn=%s:%s@tcp(%s)/%s",
	"dsn=app:${DB_PASSWORD}@tcp(db)/app",
	`{"a":"password=${X}","b":"x"}`,
	"SKIP ACCEPTED SG.example.com https://hooks.slack.com/ pk_live_" + fakeSigning,
}

func TestRedact(t *testing.T) {
	for _, r := range redactions() {
		if got := String(r.in); got != r.want {
			t.Errorf("String(%q)\n got %q\nwant %q", r.in, got, r.want)
		}
	}
}

func TestUntouched(t *testing.T) {
	for _, in := range untouched {
		if got := String(in); got != in {
			t.Errorf("String(%q) = %q, want it unchanged", in, got)
		}
	}
}

func TestIdempotent(t *testing.T) {
	for _, r := range redactions() {
		if got := String(r.want); got != r.want {
			t.Errorf("String(%q) = %q, want it unchanged", r.want, got)
		}
	}
}

// TestPieces feeds each row one line per call, as the filter guest gets
// it; a key block spans the calls.
func TestPieces(t *testing.T) {
	for _, r := range redactions() {
		red := New()
		var got []byte
		for _, line := range strings.SplitAfter(r.in, "\n") {
			got = red.Redact(got, []byte(line))
		}
		if string(got) != r.want {
			t.Errorf("line by line %q\n got %q\nwant %q", r.in, got, r.want)
		}
	}
}

func TestPEMAcrossCalls(t *testing.T) {
	pieces := []string{
		"starting\n",
		"-----BEGIN RSA PRIVATE KEY-----\n",
		fakePEMBody, // the rest of this line comes in the next piece
		fakePEMBody + "\n",
		"\n",
		"Proc-Type: 4,ENCRYPTED\n",
		"AB==\n",
		"-----END RSA PRIVATE KEY-----\n",
		"done password=hunter2\n",
	}
	want := "starting\n-----BEGIN RSA PRIVATE KEY-----\n" + mark("private-key") +
		mark("private-key") + "\n\n" + mark("private-key") + "\n" + mark("private-key") +
		"\n-----END RSA PRIVATE KEY-----\ndone password=" + mark("password") + "\n"
	red := New()
	var got []byte
	for _, p := range pieces {
		got = red.Redact(got, []byte(p))
	}
	if string(got) != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// Another stream starts clean.
	if got := New().Redact(nil, []byte(fakePEMBody)); string(got) != fakePEMBody {
		t.Errorf("a new Redactor kept key state: %q", got)
	}
}

func TestPEMEndSplitAcrossCalls(t *testing.T) {
	red := New()
	var got []byte
	for _, p := range []string{"-----BEGIN PRIVATE KEY-----\n", fakePEMBody + "\n",
		"-----END PRIV", "ATE KEY-----\n", "after\n"} {
		got = red.Redact(got, []byte(p))
	}
	want := "-----BEGIN PRIVATE KEY-----\n" + mark("private-key") +
		"\n-----END PRIVATE KEY-----\nafter\n"
	if string(got) != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// A block without an END marker ends after maxPEMLines lines of key
// material, or after maxPEMMisses lines in a row without any.
func TestPEMWithoutEnd(t *testing.T) {
	in := "-----BEGIN PRIVATE KEY-----\n" + strings.Repeat(fakePEMBody+"\n", maxPEMLines+10)
	got := String(in)
	if n := strings.Count(got, mark("private-key")); n != maxPEMLines-1 {
		t.Errorf("redacted %d lines after an unended BEGIN, want %d", n, maxPEMLines-1)
	}
	if strings.Count(got, "\n") != strings.Count(in, "\n") {
		t.Error("line count changed")
	}
	in = "-----BEGIN PRIVATE KEY-----\n" + strings.Repeat("plain line\n", maxPEMMisses) +
		fakePEMBody + "\n"
	if got := String(in); strings.Contains(got, mark("private-key")) || got != in {
		t.Errorf("the block outlived %d lines without key material:\n%s", maxPEMMisses, got)
	}
}

// What follows a BEGIN marker that a message only quoted is not blanked
// wholesale, and a secret on it is redacted by its kind; key material on
// lines whose prefix differs from the BEGIN line's, or after another
// service's line, is still blanked.
func TestPEMStrayAndShiftedLines(t *testing.T) {
	tok := "ghp_" + strings.Repeat("6GncfBAepfJBd0Kh8oOO", 2)[:36]
	body := fakePEMBody
	for _, tc := range []struct{ in, want string }{
		{"error: key must start with -----BEGIN RSA PRIVATE KEY----- got " + tok + "\n" +
			"retrying with token " + tok + "\nDB_PASSWORD=Hq7u8jzPde0IgxLd user=bob\nok\n",
			"error: key must start with -----BEGIN RSA PRIVATE KEY----- got " +
				mark("github-token") + "\nretrying with token " + mark("github-token") +
				"\nDB_PASSWORD=" + mark("password") + " user=bob\nok\n"},
		{"web-1  | loaded key: -----BEGIN RSA PRIVATE KEY-----\nweb-1  | " + body +
			"\nweb-1  | -----END RSA PRIVATE KEY-----\n",
			"web-1  | loaded key: -----BEGIN RSA PRIVATE KEY-----\nweb-1  | " +
				mark("private-key") + "\nweb-1  | -----END RSA PRIVATE KEY-----\n"},
		{`{"log":"key: -----BEGIN RSA PRIVATE KEY-----\n"}` + "\n" + `{"log":"` + body +
			`\n"}` + "\n" + `{"log":"-----END RSA PRIVATE KEY-----\n"}` + "\n",
			`{"log":"key: -----BEGIN RSA PRIVATE KEY-----\n"}` + "\n" + `{"log":"` +
				mark("private-key") + `\n"}` + "\n" + `{"log":"-----END RSA PRIVATE KEY-----\n"}` +
				"\n"},
		{"2024-05-01T10:00:00.1234567Z -----BEGIN RSA PRIVATE KEY-----\n" +
			"2024-05-01T10:00:00.12345Z " + body + "\n2024-05-01T10:00:00.2Z -----END RSA PRIVATE KEY-----\n",
			"2024-05-01T10:00:00.1234567Z -----BEGIN RSA PRIVATE KEY-----\n" +
				"2024-05-01T10:00:00.12345Z " + mark("private-key") +
				"\n2024-05-01T10:00:00.2Z -----END RSA PRIVATE KEY-----\n"},
		{"web-1  | -----BEGIN RSA PRIVATE KEY-----\nweb-1  | " + body +
			"\ndb-1   | ----------- checkpoint -----------\napi-1  | auth with " + tok +
			"\nweb-1  | " + body + "\nweb-1  | -----END RSA PRIVATE KEY-----\n",
			"web-1  | -----BEGIN RSA PRIVATE KEY-----\nweb-1  | " + mark("private-key") +
				"\ndb-1   | ----------- checkpoint -----------\napi-1  | auth with " +
				mark("github-token") + "\nweb-1  | " + mark("private-key") +
				"\nweb-1  | -----END RSA PRIVATE KEY-----\n"},
		// Other services' lines, many of them or with a certificate's END, do
		// not end the block.
		{"web-1  | -----BEGIN RSA PRIVATE KEY-----\nweb-1  | " + body + "\n" +
			strings.Repeat("db-1   | LOG:  checkpoint starting: time\n", 9) +
			"api-1  | -----END CERTIFICATE-----\nweb-1  | " + body +
			"\nweb-1  | -----END RSA PRIVATE KEY-----\n",
			"web-1  | -----BEGIN RSA PRIVATE KEY-----\nweb-1  | " + mark("private-key") + "\n" +
				strings.Repeat("db-1   | LOG:  checkpoint starting: time\n", 9) +
				"api-1  | -----END CERTIFICATE-----\nweb-1  | " + mark("private-key") +
				"\nweb-1  | -----END RSA PRIVATE KEY-----\n"},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("in   %q\ngot  %q\nwant %q", tc.in, got, tc.want)
		}
		// The host's windows hold every line of the block too.
		if got := string(windowed(t, []byte(tc.in))); got != tc.want {
			t.Errorf("in the host's windows: in %q\ngot  %q", tc.in, got)
		}
	}
	// Short lines after a marker do not blow the output up.
	in := strings.Repeat("-----BEGIN PRIVATE KEY-----\n"+strings.Repeat("1\n", 511), 10)
	if got := String(in); len(got) > 2*len(in) {
		t.Errorf("%d bytes in, %d out", len(in), len(got))
	}
}

func TestLongLine(t *testing.T) {
	var b strings.Builder
	for b.Len() < 250<<10 {
		b.WriteString("k=v token password x=")
	}
	filler := b.String()
	in := filler + " password=hunter2 " + fakeGitHub + " " + filler + "\nnext token=abc123"
	want := filler + " password=" + mark("password") + " " + mark("github-token") + " " +
		filler + "\nnext token=" + mark("token")
	start := time.Now()
	got := String(in)
	if got != want {
		t.Fatalf("long line: got %d bytes, want %d; differs at %d", len(got), len(want),
			firstDiff(got, want))
	}
	if d := time.Since(start); d > slowdown*2*time.Second {
		t.Errorf("a %d KB line took %v", len(in)>>10, d)
	}
}

func TestDstAppended(t *testing.T) {
	got := New().Redact([]byte("prefix:"), []byte("password=x1"))
	if want := "prefix:password=" + mark("password"); string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func FuzzRedact(f *testing.F) {
	for _, r := range redactions() {
		f.Add([]byte(r.in))
	}
	for _, in := range untouched {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out := New().Redact(nil, in)
		if n, m := bytes.Count(in, []byte("\n")), bytes.Count(out, []byte("\n")); n != m {
			t.Fatalf("%q: %d newlines became %d: %q", in, n, m, out)
		}
		if again := New().Redact(nil, out); !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n in %q\nout %q\nagain %q", in, out, again)
		}
		if w := windowed(t, in); !bytes.Equal(w, out) {
			t.Fatalf("windowed differs:\n in %q\nout %q\nwindowed %q", in, out, w)
		}
	})
}

// TestRepeatedLine guards against quadratic work: a 500 KB line made of one
// piece repeated, where matches are found and refused over and over.
func TestRepeatedLine(t *testing.T) {
	for _, unit := range []string{"sk-", "sk-a", "xoxb-", "xsk-", "a", "a:", "http://",
		"x://u:***@", "password=", "password", "eyJ", "eyJa.", "Bearer ", "basic ", "ghp_",
		"AKIA", `"`, "=", "-----BEGIN PRIVATE KEY-----", "-----", `p="`, `\`, "pass:",
		"token='", "\x1b[1m", "a=b ", "mysql -p", "redis-cli -a ", "mysql ", "a:b@tcp(", "x@tcp(",
		`PASSWORD=a"b`} {
		in := strings.Repeat(unit, 500<<10/len(unit))
		start := time.Now()
		String(in)
		if d := time.Since(start); d > slowdown*time.Second {
			t.Errorf("%q repeated to 500 KB took %v", unit, d)
		}
	}
}

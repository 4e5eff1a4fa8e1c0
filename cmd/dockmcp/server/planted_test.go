package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// A secret planted in a container's environment comes back through no
// route: not inspect, not exec of a command that prints the environment,
// not the logs of a container that printed it, not the audit log. So does
// a password with no shape of its own, which only its name gives away: in
// the environment, as a label's value (a member of an object in the
// inspect answer), as a flag's value among the container's arguments, and
// glued to a database client's -p there.
func TestPlantedSecretReachesNoAnswer(t *testing.T) {
	// A fake token, built so that no scanner flags this file.
	secret := "ghp_" + strings.Repeat("Planted7Fake", 3)[:36]
	password, flagged, glued := "Planted"+"Hunter2Fake", "Planted"+"Flag9Fake", "Planted"+"Glued7Fake"
	id, _ := dockertest.Run(t, dockertest.Options{
		Env:    []string{"API_TOKEN=" + secret, "DB_PASSWORD=" + password},
		Labels: map[string]string{"com.example.db_password": password},
		// fakeapp never reads past "forever": the flag is only shown.
		Args: []string{"echo-env", "forever", "--requirepass", flagged, "mysqladmin", "-p" + glued},
	})
	dockertest.WaitLog(t, id, "API_TOKEN")
	file := filepath.Join(t.TempDir(), "audit.jsonl")
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		AuditFile: file})
	if err != nil {
		t.Fatal(err)
	}

	var answers []string
	for _, c := range []struct{ tool, args string }{
		{"inspect_container", `{"containerId":"` + id + `"}`},
		{"exec_container", `{"containerId":"` + id + `","command":["/fakeapp","echo-env"]}`},
		{"container_logs", `{"containerId":"` + id + `","tail":"all"}`},
		{"exec_container", `{"containerId":"` + id + `","command":["/fakeapp","echo-env"],` +
			`"env":{"ALSO":"` + secret + `"}}`},
	} {
		res := h.Call(t.Context(), c.tool, json.RawMessage(c.args))
		b, _ := json.Marshal(res)
		if res.IsError {
			t.Fatalf("%s: %s", c.tool, b)
		}
		answers = append(answers, c.tool+": "+string(b))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	audit, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	answers = append(answers, "audit: "+string(audit))

	for _, a := range answers {
		if strings.Contains(a, secret) || strings.Contains(a, secret[4:24]) ||
			strings.Contains(a, password) || strings.Contains(a, flagged) || strings.Contains(a, glued) {
			t.Errorf("a planted secret came back in %.2000s", a)
		}
	}
	if !strings.Contains(answers[0], `com.example.db_password`) ||
		!strings.Contains(answers[0], `--requirepass`) || !strings.Contains(answers[0], `mysqladmin`) {
		t.Errorf("inspect did not show the label's name and the flags: %.2000s", answers[0])
	}
	if !strings.Contains(answers[1], "API_TOKEN=[REDACTED:") {
		t.Errorf("exec output did not show the redacted variable: %.2000s", answers[1])
	}
}

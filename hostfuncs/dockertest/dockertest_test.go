package dockertest_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

func TestMain(m *testing.M) { dockertest.Main(m) }

func TestImageOnce(t *testing.T) {
	a, b := dockertest.Image(t), dockertest.Image(t)
	if a != b || !strings.HasPrefix(a, "dockmcp-test/fakeapp:") {
		t.Fatalf("Image = %q then %q", a, b)
	}
	cli := dockertest.Client(t)
	res, err := cli.ImageInspect(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Config.Labels[dockertest.Label]; got != dockertest.LabelValue {
		t.Errorf("image label %s = %q", dockertest.Label, got)
	}
}

func TestRunScript(t *testing.T) {
	id, name := dockertest.Run(t, dockertest.Options{
		Args:   []string{"emit", "out", "emit-stderr", "err", "echo-env", "emit", "done", "forever"},
		Env:    []string{"FAKE_VAR=fake-value"},
		Labels: map[string]string{"extra": "yes"},
	})
	dockertest.WaitLog(t, id, "done", "err")
	cli := dockertest.Client(t)
	stdout, stderr := logs(t, cli, id)
	if !strings.HasPrefix(stdout, "out\n") || !strings.Contains(stdout, "FAKE_VAR=fake-value\n") {
		t.Errorf("stdout = %q", stdout)
	}
	if stderr != "err\n" {
		t.Errorf("stderr = %q", stderr)
	}
	res, err := cli.ContainerInspect(context.Background(), name, client.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Container
	lbl := c.Config.Labels
	if !c.State.Running || lbl["extra"] != "yes" || lbl[dockertest.Label] != "1" {
		t.Errorf("state running=%v labels=%v", c.State.Running, lbl)
	}
}

func TestRunExit(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"exit", "3"}})
	cli := dockertest.Client(t)
	wait := cli.ContainerWait(context.Background(), id, client.ContainerWaitOptions{})
	select {
	case r := <-wait.Result:
		if r.StatusCode != 3 {
			t.Errorf("exit status %d, want 3", r.StatusCode)
		}
	case err := <-wait.Error:
		t.Fatal(err)
	}
}

func logs(t *testing.T, cli *client.Client, id string) (string, string) {
	t.Helper()
	opts := client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true}
	rc, err := cli.ContainerLogs(context.Background(), id, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var out, errb strings.Builder
	if _, err := stdcopy.StdCopy(&out, &errb, rc); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	return out.String(), errb.String()
}

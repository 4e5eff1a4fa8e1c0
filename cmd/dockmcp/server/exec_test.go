package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

func TestExecContainerNonZeroExitIsAResult(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{})
	out, raw, isErr := call(t, "exec_container", `{"containerId":"`+id+`",`+
		`"command":["/fakeapp","emit","hello","emit-stderr","oops","exit","4"]}`)
	if isErr {
		t.Fatal(raw)
	}
	if out["exitCode"] != 4.0 || out["stdout"] != "hello\n" || out["stderr"] != "oops\n" ||
		out["truncated"] != false || out["timedOut"] != false {
		t.Errorf("got %v", out)
	}
	if !strings.Contains(raw, `"text":"exit code 4\n`) {
		t.Errorf("text %q", raw)
	}
}

func TestExecContainerCommandForms(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{})
	out, raw, isErr := call(t, "exec_container", `{"containerId":"`+id+`",`+
		`"command":"[\"/fakeapp\",\"echo-env\"]","env":{"FAKE_B":"2","FAKE_A":"1"},`+
		`"workingDir":"/","user":"1000"}`)
	if isErr {
		t.Fatal(raw)
	}
	if s, _ := out["stdout"].(string); !strings.Contains(s, "FAKE_A=1\nFAKE_B=2\n") {
		t.Errorf("stdout %q", s)
	}
	out, raw, isErr = call(t, "exec_container", `{"containerId":"`+id+`",`+
		`"command":["/fakeapp","echo-env"],"env":["FAKE_C=3"]}`)
	if s, _ := out["stdout"].(string); isErr || !strings.Contains(s, "FAKE_C=3\n") {
		t.Errorf("env list: %s", raw)
	}
	_, raw, isErr = call(t, "exec_container", `{"containerId":"`+id+`","command":"ls -l"}`)
	if !isErr || !strings.Contains(raw, "argument command: want an array") ||
		!strings.Contains(raw, `\"command\": [`) {
		t.Errorf("a plain string command: %s", raw)
	}
}

func TestExecContainerErrors(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{})
	_, raw, isErr := call(t, "exec_container", `{"containerId":"`+id+`","command":["bash"]}`)
	if !isErr || !strings.Contains(raw, "executable not found in the container: bash") {
		t.Errorf("missing executable: %s", raw)
	}
	stopped, _ := dockertest.Run(t, dockertest.Options{Args: []string{"exit", "0"}})
	waitStopped(t, stopped)
	_, raw, isErr = call(t, "exec_container", `{"containerId":"`+stopped+`","command":["/fakeapp"]}`)
	if !isErr || !strings.Contains(raw, "is not running") {
		t.Errorf("stopped container: %s", raw)
	}
	_, raw, isErr = call(t, "exec_container",
		`{"containerId":"`+id+`","command":["/fakeapp"],"timeoutSeconds":301}`)
	if !isErr || !strings.Contains(raw, "timeoutSeconds") {
		t.Errorf("timeout 301: %s", raw)
	}
}

func TestExecContainerTimeout(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{})
	start := time.Now()
	out, raw, isErr := call(t, "exec_container", `{"containerId":"`+id+`",`+
		`"command":["/fakeapp","emit","waiting","forever"],"timeoutSeconds":1}`)
	if isErr || out["timedOut"] != true || out["stdout"] != "waiting\n" ||
		!strings.Contains(raw, "timed out") {
		t.Errorf("got %s", raw)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestContainerStatsTool(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "10ms"}})
	out, raw, isErr := call(t, "container_stats", `{"containerId":"`+id+`"}`)
	if isErr || out["state"] != "running" || out["memoryUsed"] == 0.0 || out["pids"] == 0.0 ||
		!strings.Contains(raw, "CPU ") {
		t.Errorf("got %s / %v", raw, out)
	}
	out, raw, isErr = call(t, "container_stats",
		`{"containerId":"`+id+`","stream":true,"samples":2}`)
	if s, _ := out["samples"].([]any); isErr || len(s) != 2 {
		t.Errorf("stream: %s", raw)
	}
	stopped, _ := dockertest.Run(t, dockertest.Options{Args: []string{"exit", "0"}})
	waitStopped(t, stopped)
	out, raw, isErr = call(t, "container_stats", `{"containerId":"`+stopped+`"}`)
	if isErr || out["state"] != "exited" || out["cpuPercent"] != 0.0 ||
		!strings.Contains(raw, "exited") {
		t.Errorf("stopped: %s", raw)
	}
	_, raw, isErr = call(t, "container_stats", `{"containerId":"`+id+`","samples":6}`)
	if !isErr || !strings.Contains(raw, "samples") {
		t.Errorf("samples 6: %s", raw)
	}
}

func TestContainerTopTool(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{})
	out, raw, isErr := call(t, "container_top", `{"containerId":"`+id+`","psArgs":"-o pid,args"}`)
	rows, _ := out["processes"].([]any)
	if isErr || len(rows) != 1 || out["count"] != 1.0 || !strings.Contains(raw, "/fakeapp") {
		t.Fatalf("got %s", raw)
	}
	stopped, _ := dockertest.Run(t, dockertest.Options{Args: []string{"exit", "0"}})
	waitStopped(t, stopped)
	_, raw, isErr = call(t, "container_top", `{"containerId":"`+stopped+`"}`)
	if !isErr || !strings.Contains(raw, "is not running") {
		t.Errorf("stopped: %s", raw)
	}
}

func TestContainerLogsFollowLinesTool(t *testing.T) {
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "100ms"}})
	dockertest.WaitLog(t, id, "tick 1\n")
	start := time.Now()
	out, raw, isErr := call(t, "container_logs",
		`{"containerId":"`+id+`","tail":0,"followLines":2,"followSeconds":30}`)
	if isErr || out["lines"] != 2.0 {
		t.Errorf("got %s", raw)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// waitStopped waits until the container's state is exited.
func waitStopped(t *testing.T, id string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		out, _, _ := call(t, "container_stats", `{"containerId":"`+id+`"}`)
		if out["state"] == "exited" {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not stop", id)
}

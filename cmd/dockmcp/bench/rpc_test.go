package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"sync"
	"time"
)

// replyTimeout bounds the wait for one answer; past it the process is
// killed, so a hung server fails the benchmark instead of stalling it.
const replyTimeout = 2 * time.Minute

// A peer is an MCP server process spoken to over stdio: one JSON-RPC
// message a line each way.
type peer struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *tailWriter
	lastID int64
}

// spawn starts path with args. The caller stops the peer.
func spawn(path string, args ...string) (*peer, error) {
	cmd := exec.Command(path, args...)
	p := &peer{cmd: cmd, stderr: &tailWriter{max: 8 << 10}}
	cmd.Stderr = p.stderr
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p.stdout = bufio.NewReaderSize(out, 64<<10)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return p, nil
}

// initialize opens the MCP session: initialize, then the initialized
// notification.
func (p *peer) initialize() error {
	if _, err := p.request("initialize", initParams); err != nil {
		return err
	}
	return p.notify("notifications/initialized", nil)
}

var initParams = map[string]any{
	"protocolVersion": "2025-06-18",
	"capabilities":    map[string]any{},
	"clientInfo":      map[string]any{"name": "dockmcp-bench", "version": "0"},
}

// callTool calls a tool and returns its result, or an error when the tool
// reports one.
func (p *peer) callTool(name string, args any) (toolResult, error) {
	raw, err := p.request("tools/call", map[string]any{"name": name, "arguments": args})
	if err != nil {
		return toolResult{}, err
	}
	var res toolResult
	if err := json.Unmarshal(raw, &res); err != nil {
		return toolResult{}, fmt.Errorf("tools/call %s: %w", name, err)
	}
	if res.IsError {
		return res, fmt.Errorf("tools/call %s: tool error: %s", name, res.text())
	}
	return res, nil
}

type toolResult struct {
	Content []struct {
		Text string `json:"text"`
	} `json:"content"`
	Structured json.RawMessage `json:"structuredContent"`
	IsError    bool            `json:"isError"`
}

func (r toolResult) text() string {
	if len(r.Content) == 0 {
		return ""
	}
	return r.Content[0].Text
}

// request sends a request and returns the result of the answer with its
// id, skipping notifications and requests from the server on the way.
func (p *peer) request(method string, params any) (json.RawMessage, error) {
	p.lastID++
	id := p.lastID
	if err := p.write(message{JSONRPC: "2.0", ID: id, Method: method, Params: params}); err != nil {
		return nil, err
	}
	return p.await(method, id)
}

// notify sends a notification, which has no answer.
func (p *peer) notify(method string, params any) error {
	return p.write(message{JSONRPC: "2.0", Method: method, Params: params})
}

type message struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int64  `json:"id,omitempty"`
	Method  string `json:"method"`
	Params  any    `json:"params,omitempty"`
}

type reply struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (p *peer) write(m message) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if _, err := p.stdin.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write %s: %w%s", m.Method, err, p.stderr.suffix())
	}
	return nil
}

func (p *peer) await(method string, id int64) (json.RawMessage, error) {
	kill := time.AfterFunc(replyTimeout, func() { _ = p.cmd.Process.Kill() })
	defer kill.Stop()
	want := strconv.FormatInt(id, 10)
	for {
		line, err := p.stdout.ReadBytes('\n')
		if err != nil {
			return nil, fmt.Errorf("%s: no answer: %w%s", method, err, p.stderr.suffix())
		}
		var r reply
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("%s: answer %q: %w", method, line, err)
		}
		switch {
		case r.Method != "" || len(r.ID) == 0:
			continue // a notification or a request of the server's
		case string(r.ID) != want:
			return nil, fmt.Errorf("%s: answer to id %s, want %s", method, r.ID, want)
		case r.Error != nil:
			return nil, fmt.Errorf("%s: error %d: %s", method, r.Error.Code, r.Error.Message)
		}
		return r.Result, nil
	}
}

// stop closes stdin, which ends a stdio server, and kills the process if
// it has not exited a few seconds later.
func (p *peer) stop() error {
	_ = p.stdin.Close()
	kill := time.AfterFunc(5*time.Second, func() { _ = p.cmd.Process.Kill() })
	defer kill.Stop()
	err := p.cmd.Wait()
	if err != nil {
		return fmt.Errorf("%s: %w%s", p.cmd.Path, err, p.stderr.suffix())
	}
	return nil
}

// kill ends the process at once, for runs whose exit does not matter.
func (p *peer) kill() {
	_ = p.cmd.Process.Kill()
	_ = p.cmd.Wait()
}

// tailWriter keeps the last max bytes written, for error messages.
type tailWriter struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (w *tailWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, b...)
	if over := len(w.buf) - w.max; over > 0 {
		w.buf = w.buf[over:]
	}
	return len(b), nil
}

// suffix is the stderr so far as the end of an error message, or nothing.
func (w *tailWriter) suffix() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := bytes.TrimSpace(w.buf)
	if len(s) == 0 {
		return ""
	}
	return "\nstderr:\n" + string(s)
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rawSession is `dockmcp serve` driven by hand over its pipes: the client
// the fault tests need, one that can cancel, send broken lines, close
// stdin mid-call and see the server's process.
type rawSession struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *syncBuffer
	wmu    sync.Mutex
	nextID atomic.Int64
	mu     sync.Mutex
	wait   map[string]chan rpcReply
	other  []rpcReply // replies with no waiter, such as parse errors
	eof    chan struct{}
}

// rpcReply is one JSON-RPC response.
type rpcReply struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// startRaw starts `dockmcp serve` with the extra environment env and
// initializes the session. The process is killed, if still running, when
// t ends.
func startRaw(t testing.TB, env ...string) *rawSession {
	t.Helper()
	cmd := exec.Command(e2e.bin, "--cache-dir", e2e.cacheDir, "--log-level", "info", "serve")
	// These sessions declare no elicitation; destructive calls run unasked.
	cmd.Env = append(append(os.Environ(), "DOCKMCP_CONFIRM_FALLBACK=allow"), env...)
	s := &rawSession{cmd: cmd, stderr: &syncBuffer{}, wait: map[string]chan rpcReply{},
		eof: make(chan struct{})}
	cmd.Stderr = s.stderr
	var err error
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			_ = s.cmd.Process.Kill()
			_ = s.cmd.Wait()
		}
		if t.Failed() {
			t.Logf("server stderr:\n%s", s.stderr)
		}
	})
	go s.read(stdout)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	if _, err := s.request(ctx, "initialize", map[string]any{
		"protocolVersion": "2025-06-18", "capabilities": map[string]any{},
		"clientInfo": map[string]any{"name": "dockmcp-faults", "version": "0"},
	}); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	s.notify("notifications/initialized", nil)
	return s
}

func (s *rawSession) read(stdout io.Reader) {
	defer close(s.eof)
	r := bufio.NewReaderSize(stdout, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			var rep rpcReply
			if json.Unmarshal(line, &rep) == nil && (rep.Result != nil || rep.Error != nil) {
				s.deliver(rep)
			}
		}
		if err != nil {
			return
		}
	}
}

func (s *rawSession) deliver(rep rpcReply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch, ok := s.wait[string(rep.ID)]; ok {
		delete(s.wait, string(rep.ID))
		ch <- rep
		return
	}
	s.other = append(s.other, rep)
}

// unmatched returns the replies that answered no request of ours.
func (s *rawSession) unmatched() []rpcReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]rpcReply(nil), s.other...)
}

// send writes one line.
func (s *rawSession) send(line []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.stdin.Write(append(line, '\n'))
	return err
}

func (s *rawSession) notify(method string, params any) error {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
	return s.send(b)
}

// start sends a request and returns its id and the channel its reply will
// come on.
func (s *rawSession) start(method string, params any) (int64, <-chan rpcReply, error) {
	id := s.nextID.Add(1)
	ch := make(chan rpcReply, 1)
	s.mu.Lock()
	s.wait[strconv.FormatInt(id, 10)] = ch
	s.mu.Unlock()
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method,
		"params": params})
	return id, ch, s.send(b)
}

// request sends a request and waits for its reply.
func (s *rawSession) request(ctx context.Context, method string, params any) (rpcReply, error) {
	_, ch, err := s.start(method, params)
	if err != nil {
		return rpcReply{}, err
	}
	select {
	case rep := <-ch:
		if rep.Error != nil {
			return rep, fmt.Errorf("error %d: %s", rep.Error.Code, rep.Error.Message)
		}
		return rep, nil
	case <-s.eof:
		return rpcReply{}, errors.New("stdout closed")
	case <-ctx.Done():
		return rpcReply{}, ctx.Err()
	}
}

// toolResult is the part of a tools/call result the tests look at.
type toolResult struct {
	IsError    bool           `json:"isError"`
	Structured map[string]any `json:"structuredContent"`
	Content    []struct {
		Text string `json:"text"`
	} `json:"content"`
}

func (r toolResult) text() string {
	if len(r.Content) == 0 {
		return ""
	}
	return r.Content[0].Text
}

// callTool calls a tool and decodes its result.
func (s *rawSession) callTool(ctx context.Context, name string, args any) (toolResult, error) {
	rep, err := s.request(ctx, "tools/call", map[string]any{"name": name, "arguments": args})
	if err != nil {
		return toolResult{}, err
	}
	var res toolResult
	err = json.Unmarshal(rep.Result, &res)
	return res, err
}

// closeAndWait closes stdin and waits up to limit for the process to exit;
// it returns how long that took and the exit error.
func (s *rawSession) closeAndWait(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	s.stdin.Close()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(limit):
		_ = s.cmd.Process.Kill()
		<-done
		return time.Since(start), fmt.Errorf("still running after %v", limit)
	}
}

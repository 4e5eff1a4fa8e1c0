// Package testio holds small helpers shared by dockmcp's command tests.
package testio

import (
	"bytes"
	"sync"
)

// Buffer collects what a child process or a logger writes while other
// goroutines read it: a bytes.Buffer behind a mutex.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

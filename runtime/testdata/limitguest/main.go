//go:build wasip1

// Command limitguest misbehaves on request, so that the runtime's limits
// can be shown to trip. Built by the runtime's tests; never shipped.
package main

import (
	"fmt"
	"strings"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
)

type args struct {
	Mode string `json:"mode"`
	N    int    `json:"n"`
}

var kept [][]byte

func init() {
	tool.Register("test", func(c *tool.Call) (*tool.Result, error) {
		var a args
		if err := c.Args(&a); err != nil {
			return nil, err
		}
		switch a.Mode {
		case "loop":
			for i := 0; ; i++ {
				if i < 0 {
					break
				}
			}
		case "alloc": // grow without bound
			for {
				kept = append(kept, make([]byte, 1<<20))
			}
		case "garbage": // hold n MiB for the call, garbage once it returns
			held := make([][]byte, a.N)
			for i := range held {
				held[i] = make([]byte, 1<<20)
			}
			return &tool.Result{Text: fmt.Sprint(len(held))}, nil
		case "small": // n MiB as small maps, like decoding a large JSON answer
			var rows []map[string]string
			for i := range a.N << 12 {
				rows = append(rows, map[string]string{"k": fmt.Sprint(i)})
			}
			return &tool.Result{Text: fmt.Sprint(len(rows))}, nil
		case "leak": // keep n MiB for good
			for range a.N {
				kept = append(kept, make([]byte, 1<<20))
			}
		case "output": // answer with n KiB of text
			return &tool.Result{Text: strings.Repeat("x", a.N<<10)}, nil
		case "ping": // call a host function n times; report the last error
			var last error
			for range a.N {
				if _, err := docker.Ping(); err != nil {
					last = err
				}
			}
			if last != nil {
				return nil, last
			}
		case "fail":
			return nil, tool.Errorf(4, "no such thing")
		}
		return &tool.Result{Text: "ok " + a.Mode}, nil
	})
}

func main() {}

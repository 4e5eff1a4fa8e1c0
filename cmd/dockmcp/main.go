// Command dockmcp is an MCP server that lets an AI assistant manage Docker
// through tools that run sandboxed in WebAssembly.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// A client may close its end of our stderr before we exit (mcp-go's
	// stdio client does, in Close); without this the next log line would
	// kill the process with SIGPIPE in the middle of its shutdown. Writes to
	// a closed pipe now fail with EPIPE instead, and logging drops them.
	signal.Ignore(syscall.SIGPIPE)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

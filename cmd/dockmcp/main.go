// Command dockmcp is an MCP server that lets an AI assistant manage Docker
// through tools that run sandboxed in WebAssembly.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Command tools is the first-party tool guest: every dockmcp tool runs here,
// in the sandbox, and reaches Docker only through dockmcp_docker_v1. Each
// area of Docker has a file of handlers that registers them in init, and a
// file of descriptors (AREA.json: names, schemas, annotations, operations)
// that the host reads without compiling this module.
package main

func main() {}

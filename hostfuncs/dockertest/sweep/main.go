// Command sweep removes every Docker object labelled dockmcp.test=1, which a
// crashed test run may leave behind:
//
//	go run ./hostfuncs/dockertest/sweep
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

func main() { os.Exit(run()) }

func run() int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := dockertest.SweepEnv(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "sweep:", err)
		return 1
	}
	return 0
}

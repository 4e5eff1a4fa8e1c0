// Command fakeapp is the program inside the dockertest image. Its arguments
// are a script of steps run in order; with no steps it runs "forever".
//
//	print-lines N      print "line 1" … "line N" to stdout
//	emit TEXT          print TEXT and a newline to stdout
//	emit-stderr TEXT   print TEXT and a newline to stderr
//	bytes-hex HEX      write the raw bytes HEX encodes to stdout
//	echo-env           print the environment, one VAR=value a line, sorted
//	sleep DURATION     sleep (a Go duration such as 500ms, or seconds)
//	tick DURATION      print "tick N" to stdout every DURATION, forever
//	exit N             exit with status N now
//	forever            sleep until SIGTERM or SIGINT, then exit 0
//	ignore-term        ignore SIGTERM and SIGINT from here on (stop must kill)
//
// Example: fakeapp emit hello emit-stderr oops forever.
package main

import (
	"encoding/hex"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"syscall"
	"time"
)

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		args = []string{"forever"}
	}
	for len(args) > 0 {
		var err error
		args, err = step(args)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fakeapp:", err)
			os.Exit(2)
		}
	}
}

// step runs the first step of args and returns the rest.
func step(args []string) ([]string, error) {
	name, rest := args[0], args[1:]
	switch name {
	case "echo-env":
		env := os.Environ()
		slices.Sort(env)
		for _, kv := range env {
			fmt.Println(kv)
		}
		return rest, nil
	case "forever":
		waitSignal()
		return nil, nil
	case "ignore-term":
		signal.Ignore(syscall.SIGTERM, syscall.SIGINT)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, fmt.Errorf("%s needs an argument", name)
	}
	return rest[1:], stepArg(name, rest[0])
}

func stepArg(name, arg string) error {
	switch name {
	case "print-lines":
		return printLines(arg)
	case "emit":
		_, err := fmt.Println(arg)
		return err
	case "emit-stderr":
		_, err := fmt.Fprintln(os.Stderr, arg)
		return err
	case "bytes-hex":
		return writeHex(arg)
	case "sleep":
		return sleep(arg)
	case "tick":
		return tick(arg)
	case "exit":
		n, err := strconv.Atoi(arg)
		if err != nil {
			return err
		}
		os.Exit(n)
	}
	return fmt.Errorf("unknown step %q", name)
}

func printLines(arg string) error {
	n, err := strconv.Atoi(arg)
	if err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		fmt.Printf("line %d\n", i)
	}
	return nil
}

func writeHex(arg string) error {
	b, err := hex.DecodeString(arg)
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(b)
	return err
}

func duration(arg string) (time.Duration, error) {
	if n, err := strconv.Atoi(arg); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	return time.ParseDuration(arg)
}

func sleep(arg string) error {
	d, err := duration(arg)
	if err != nil {
		return err
	}
	time.Sleep(d)
	return nil
}

func tick(arg string) error {
	d, err := duration(arg)
	if err != nil || d <= 0 {
		return fmt.Errorf("bad tick interval %q", arg)
	}
	sig := notify()
	for i := 1; ; i++ {
		fmt.Printf("tick %d\n", i)
		select {
		case <-sig:
			os.Exit(0)
		case <-time.After(d):
		}
	}
}

// waitSignal blocks until SIGTERM or SIGINT. As PID 1 in a container the
// program must handle them itself or docker stop waits for its timeout.
func waitSignal() {
	<-notify()
}

func notify() <-chan os.Signal {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM, syscall.SIGINT)
	return c
}

//go:build race

package server_test

// raceEnabled: the race detector makes each new host validate the tool
// guest for tens of seconds, so tests that need many hosts try fewer cases.
const raceEnabled = true

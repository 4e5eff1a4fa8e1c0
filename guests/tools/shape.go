package main

import "encoding/json"

// jsonSize is the size of v encoded, for answers that stop adding rows at a
// byte budget.
func jsonSize(v any) int {
	b, _ := json.Marshal(v)
	return len(b)
}

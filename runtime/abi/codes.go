package abi

import "fmt"

// Code is an error code crossing the boundary. Host functions return it
// negated; guests pass it to error_set as is.
type Code int32

// The codes. Each host function's doc says which it returns and when.
const (
	CodeOK          Code = 0
	CodeFault       Code = 1 // a pointer or length from the guest is outside its memory
	CodeInvalid     Code = 2 // the request did not decode or a field is out of range
	CodeDenied      Code = 3 // the policy refuses the operation
	CodeNotFound    Code = 4 // the object does not exist
	CodeConflict    Code = 5 // the object is in a state that forbids the operation
	CodeTimeout     Code = 6 // the call's deadline passed
	CodeTooLarge    Code = 7 // an output, result or budget cap was reached
	CodeDaemon      Code = 8 // the daemon refused or failed the operation
	CodeUnavailable Code = 9 // the daemon cannot be reached
)

var codeNames = [...]string{
	CodeOK:          "ok",
	CodeFault:       "fault",
	CodeInvalid:     "invalid",
	CodeDenied:      "denied",
	CodeNotFound:    "not found",
	CodeConflict:    "conflict",
	CodeTimeout:     "timeout",
	CodeTooLarge:    "too large",
	CodeDaemon:      "daemon error",
	CodeUnavailable: "daemon unavailable",
}

func (c Code) String() string {
	if c >= 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return fmt.Sprintf("code %d", int32(c))
}

// Error is a Code with its message, as a Go error.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return e.Code.String() + ": " + e.Message }

// Errorf makes an *Error whose message is cut to MaxMessage.
func Errorf(c Code, format string, args ...any) *Error {
	return &Error{Code: c, Message: Truncate(fmt.Sprintf(format, args...), MaxMessage)}
}

// Truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && i > n-4 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i]
}

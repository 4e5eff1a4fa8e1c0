// Package abi is the contract between the dockmcp host and its WebAssembly
// guests, version 1. It holds only names and numbers so that the host and the
// guest SDK (built for GOOS=wasip1) share one definition.
//
// # Guests
//
// A guest is a WASI reactor: built with
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared
//
// The host runs _initialize once per instance and never _start. A guest has
// no preopened files, no environment, no arguments and no network. Its stdout
// is discarded; its stderr goes to a bounded buffer the host may log.
//
// Every guest exports
//
//	dockmcp_abi_version() -> i32   must return [Version]
//
// A tool guest also exports
//
//	dockmcp_tool_call(input_len i32) -> i32
//
// and a filter guest
//
//	dockmcp_filter(input_len i32) -> i32
//
// A filter guest may also export the pair
//
//	dockmcp_filter_anchors(input_len i32) -> i32
//	dockmcp_filter_windows(input_len i32) -> i32
//
// The host calls dockmcp_filter_anchors once, with no input; its output is
// JSON of [AnchorSet]: the literals without which the filter changes
// nothing on a line. From then on the host, natively, finds the lines that
// hold an anchor (or lie in an anchor's Until range) and passes only those,
// with where each anchor occurs, to dockmcp_filter_windows as a window
// batch (see [AppendWindow]); the other lines are returned as they were
// without entering the guest. The filter answers each window with one
// record. An empty set means the filter needs every byte; the host then
// calls dockmcp_filter. A filter's state within a stream sees only its
// windows, in order.
//
// The host calls the entry point with the size of the input it holds. The
// guest pulls the input into its own memory with io.input_read, writes its
// answer with io.output_write and returns 0. To fail, it calls io.error_set
// and returns non-zero. The host never keeps a guest pointer past the import
// call that passed it and never calls a guest allocator.
//
// Tool input is the JSON object {"tool": NAME, "arguments": {...}}; tool
// output is the JSON object {"text": STRING, "structured": OBJECT}. Filter
// input and output are record batches (see [AppendRecord]).
//
// # Module dockmcp_io_v1 (every guest)
//
//	input_read(ptr, len i32) -> i32
//	    Copies up to len bytes of the call's input to ptr. Returns the number
//	    of bytes copied, or -CodeFault if [ptr, ptr+len) is outside memory.
//	output_write(ptr, len i32) -> i32
//	    Appends len bytes at ptr to the call's output. Returns 0, -CodeFault,
//	    or -CodeTooLarge once the output would pass the host's cap; after
//	    that the call's output is discarded and the call fails.
//	error_set(code, ptr, len i32)
//	    Records the call's error: a Code and a message, cut to MaxMessage.
//	log(level, ptr, len i32)
//	    Logs a message (cut to MaxMessage) at a slog level (-4 debug, 0 info,
//	    4 warn, 8 error). Logs pass the filter chain like every output.
//
// # Module dockmcp_docker_v1 (tool guests, as the policy grants)
//
// One import per Docker operation, all of the form
//
//	OPERATION(req_ptr, req_len i32) -> i32
//
// The request is a JSON object, decoded strictly (unknown fields are
// refused). On success the host keeps the result and returns its size (>= 0);
// on failure it keeps an error message of at most MaxMessage bytes and
// returns -Code. Either way the guest fetches it with
//
//	result_read(ptr, len i32) -> i32
//	    Copies up to len bytes of the kept result or message to ptr and
//	    returns the number copied, or -CodeFault.
//
// The request and result types of each operation live in package
// hostfuncs/dockerapi, shared by host and guest.
package abi

// Version is the ABI version this host serves and guests export.
const Version = 1

// Host module names.
const (
	ModuleIO     = "dockmcp_io_v1"
	ModuleDocker = "dockmcp_docker_v1"
)

// Exports a guest may provide.
const (
	ExportVersion  = "dockmcp_abi_version"
	ExportToolCall = "dockmcp_tool_call"
	ExportFilter   = "dockmcp_filter"
	// ExportFilterAnchors and ExportFilterWindows are optional; a filter
	// that has both declares its anchors and is passed only the lines that
	// hold them.
	ExportFilterAnchors = "dockmcp_filter_anchors"
	ExportFilterWindows = "dockmcp_filter_windows"
)

// Functions of ModuleIO.
const (
	FuncInputRead   = "input_read"
	FuncOutputWrite = "output_write"
	FuncErrorSet    = "error_set"
	FuncLog         = "log"
)

// FuncResultRead is the ModuleDocker function that fetches the result kept by
// the last operation.
const FuncResultRead = "result_read"

// MaxMessage caps error and log messages crossing the boundary, in bytes.
const MaxMessage = 1024

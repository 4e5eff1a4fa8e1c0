// Package runtime runs dockmcp's WebAssembly guests under wazero.
//
// One Engine owns a persistent compilation cache and one wazero runtime per
// Class of guest (tools, filters), because wazero sets the memory limit per
// runtime. Guests compile in the background: Load returns at once and Call
// waits only for what is still compiling. Each Module keeps a pool of
// instances; an instance that trapped, timed out or grew past its class's
// high-water mark is closed, never reused.
//
// The contract with guests is in package runtime/abi. Host modules are built
// by package hostfuncs from the typed helpers in this package and read the
// state of the call in progress with CallFrom.
package runtime

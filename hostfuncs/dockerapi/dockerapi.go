// Package dockerapi holds the request and result types of the
// dockmcp_docker_v1 operations. Host and guests share it, so it imports
// nothing but the standard library: the guest must not carry the Docker SDK.
//
// Types are grouped in a file per area of Docker. Each request is decoded
// strictly by the host: an unknown field is refused
// with abi.CodeInvalid. Results are encoded with encoding/json.
package dockerapi

// PingRequest is the request of system_ping. It has no fields.
type PingRequest struct{}

// PingResult is the result of system_ping.
type PingResult struct {
	Endpoint   string `json:"endpoint"`   // the daemon address the host reached
	APIVersion string `json:"apiVersion"` // the API version negotiated with the daemon
	OSType     string `json:"osType"`
}

// VersionRequest is the request of system_version. It has no fields.
type VersionRequest struct{}

// VersionResult is the result of system_version.
type VersionResult struct {
	Endpoint         string `json:"endpoint"`
	Platform         string `json:"platform"`
	Version          string `json:"version"`
	APIVersion       string `json:"apiVersion"`    // the daemon's highest API version
	MinAPIVersion    string `json:"minApiVersion"` // the daemon's lowest API version
	ClientAPIVersion string `json:"clientApiVersion"`
	OS               string `json:"os"`
	Arch             string `json:"arch"`
	KernelVersion    string `json:"kernelVersion"`
	GoVersion        string `json:"goVersion"`
}

//go:build wasip1

package main

import (
	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
)

type connectionAnswer struct {
	Connected        bool   `json:"connected"`
	Endpoint         string `json:"endpoint"`
	APIVersion       string `json:"apiVersion"`
	ServerVersion    string `json:"serverVersion"`
	ServerAPIVersion string `json:"serverApiVersion"`
	MinAPIVersion    string `json:"minApiVersion"`
	OS               string `json:"os"`
	Arch             string `json:"arch"`
}

func init() {
	tool.Register("validate_connection", validateConnection)
}

func validateConnection(c *tool.Call) (*tool.Result, error) {
	ping, err := docker.Ping()
	if err != nil {
		return nil, err
	}

	v, err := docker.Version()
	if err != nil {
		return nil, err
	}

	return tool.JSON(connectionAnswer{
		Connected: true, Endpoint: ping.Endpoint, APIVersion: ping.APIVersion,
		ServerVersion: v.Version, ServerAPIVersion: v.APIVersion,
		MinAPIVersion: v.MinAPIVersion, OS: v.OS, Arch: v.Arch,
	})
}

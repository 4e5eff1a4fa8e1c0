//go:build wasip1

package main

import (
	"fmt"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
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
	tool.Register("system_info", systemInfo)
	tool.Register("system_version", systemVersion)
	tool.Register("system_df", systemDF)
	tool.Register("system_events", systemEvents)
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

// Defaults of the system tools.
const (
	defaultDFRows = 10
	eventsBudget  = 256 << 10 // bytes of JSON of events
)

type infoAnswer struct {
	dockerapi.InfoResult
	APIVersion       string `json:"apiVersion"`       // negotiated
	ServerAPIVersion string `json:"serverApiVersion"` // the daemon's highest
}

func systemInfo(c *tool.Call) (*tool.Result, error) {
	info, err := docker.Info(dockerapi.InfoRequest{})
	if err != nil {
		return nil, err
	}

	v, err := docker.Version()
	if err != nil {
		return nil, err
	}

	return tool.JSON(infoAnswer{InfoResult: info,
		APIVersion: v.ClientAPIVersion, ServerAPIVersion: v.APIVersion})
}

func systemVersion(c *tool.Call) (*tool.Result, error) {
	v, err := docker.Version()
	if err != nil {
		return nil, err
	}

	return tool.JSON(v)
}

type dfArgs struct {
	Rows *int `json:"rows"`
}

func systemDF(c *tool.Call) (*tool.Result, error) {
	var args dfArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	rows := defaultDFRows
	if args.Rows != nil {
		rows = *args.Rows
	}
	res, err := docker.DiskUsage(dockerapi.DiskUsageRequest{Rows: rows})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res)
}

type eventsArgs struct {
	Since       string              `json:"since"`
	Until       string              `json:"until"`
	Filters     map[string]stringOr `json:"filters"`
	WaitSeconds int                 `json:"waitSeconds"`
	MaxEvents   int                 `json:"maxEvents"`
}

type eventsAnswer struct {
	Since     string            `json:"since"`
	Until     string            `json:"until"`
	Events    []dockerapi.Event `json:"events"`
	Count     int               `json:"count"`
	Truncated bool              `json:"truncated"`
	Hint      string            `json:"hint,omitempty"`
}

func systemEvents(c *tool.Call) (*tool.Result, error) {
	var args eventsArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.Events(dockerapi.EventsRequest{Since: args.Since, Until: args.Until,
		Filters: flatten(args.Filters), WaitSeconds: args.WaitSeconds, MaxEvents: args.MaxEvents})
	if err != nil {
		return nil, err
	}

	ans := eventsAnswer{Since: res.Since, Until: res.Until, Events: []dockerapi.Event{},
		Truncated: res.Truncated}
	used := 0
	for _, e := range res.Events {
		if used += jsonSize(e); used > eventsBudget {
			ans.Truncated = true
			break
		}
		ans.Events = append(ans.Events, e)
	}
	ans.Count = len(ans.Events)
	if ans.Truncated {
		ans.Hint = fmt.Sprintf("Only the first %d events are shown; narrow the window "+
			"(since, until) or filter (type, container, event).", ans.Count)
	}
	return tool.JSON(ans)
}

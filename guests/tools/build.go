//go:build wasip1

package main

import (
	"fmt"
	"strings"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

type buildArgs struct {
	Context        string            `json:"context"`
	Tag            stringOr          `json:"tag"`
	Dockerfile     string            `json:"dockerfile"`
	BuildArgs      map[string]string `json:"buildArgs"`
	Target         string            `json:"target"`
	Labels         map[string]string `json:"labels"`
	NoCache        bool              `json:"noCache"`
	Pull           bool              `json:"pull"`
	Platform       string            `json:"platform"`
	TimeoutSeconds int               `json:"timeoutSeconds"`
}

type buildAnswer struct {
	ImageID      string   `json:"imageId"`
	Tags         []string `json:"tags"`
	ContextBytes int64    `json:"contextBytes"`
	Lines        []string `json:"lines"`
}

func init() {
	tool.Register("build_image", buildImage)
}

func buildImage(c *tool.Call) (*tool.Result, error) {
	var args buildArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImageBuild(buildRequest(args))
	if err != nil {
		return nil, err
	}

	ans := buildAnswer{ImageID: res.ImageID, Tags: res.Tags, ContextBytes: res.ContextBytes,
		Lines: res.Lines}
	text := fmt.Sprintf("Built %s as %s.\n%s", shortID(strings.TrimPrefix(ans.ImageID,
		"sha256:")), strings.Join(ans.Tags, ", "), strings.Join(ans.Lines, "\n"))
	return &tool.Result{Text: text, Structured: ans}, nil
}

func buildRequest(a buildArgs) dockerapi.ImageBuildRequest {
	return dockerapi.ImageBuildRequest{
		Context: a.Context, Dockerfile: a.Dockerfile, Tags: a.Tag,
		BuildArgs: a.BuildArgs, Target: a.Target, Labels: a.Labels, NoCache: a.NoCache,
		Pull: a.Pull, Platform: a.Platform, TimeoutSeconds: a.TimeoutSeconds,
	}
}

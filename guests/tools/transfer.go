//go:build wasip1

package main

import (
	"fmt"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

type pullArgs struct {
	Image          string `json:"image"`
	Platform       string `json:"platform"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
}

type pushArgs struct {
	Image          string `json:"image"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
}

type transferAnswer struct {
	Image      string `json:"image"`
	Status     string `json:"status"`
	Digest     string `json:"digest,omitempty"`
	Layers     int    `json:"layers"`
	Bytes      int64  `json:"bytes"`
	BytesHuman string `json:"bytesHuman"`
	UsedAuth   bool   `json:"usedAuth"`
}

func init() {
	tool.Register("pull_image", pullImage)
	tool.Register("push_image", pushImage)
}

func pullImage(c *tool.Call) (*tool.Result, error) {
	var args pullArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImagePull(dockerapi.ImagePullRequest{
		Image: args.Image, Platform: args.Platform, TimeoutSeconds: args.TimeoutSeconds,
	})
	if err != nil {
		return nil, err
	}

	return transferResult("Pulled", res)
}

func pushImage(c *tool.Call) (*tool.Result, error) {
	var args pushArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImagePush(dockerapi.ImagePushRequest{
		Image: args.Image, TimeoutSeconds: args.TimeoutSeconds,
	})
	if err != nil {
		return nil, err
	}

	return transferResult("Pushed", res)
}

func transferResult(verb string, r dockerapi.TransferResult) (*tool.Result, error) {
	ans := transferAnswer{
		Image: r.Image, Status: r.Status, Digest: r.Digest, Layers: r.Layers,
		Bytes: r.Bytes, BytesHuman: humanSize(r.Bytes), UsedAuth: r.UsedAuth,
	}
	text := fmt.Sprintf("%s %s: %d layers, %s transferred", verb, ans.Image, ans.Layers,
		ans.BytesHuman)
	if ans.Digest != "" {
		text += ", digest " + ans.Digest
	}
	if ans.Status != "" {
		text += "\n" + ans.Status
	}
	return &tool.Result{Text: text, Structured: ans}, nil
}

package dockertest

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/api/types/build"
	"github.com/moby/moby/client"
)

var fakeappBinary = sync.OnceValues(func() ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	return compileFakeapp(ctx)
})

// LayeredImage builds an image FROM scratch with the fakeapp binary and n
// small files of random content, one COPY (one layer) each, so that its
// layers are new to any registry. It returns the image's ID; the image
// carries the label dockmcp.test=1 and extra, is tagged tag when tag is not
// empty, and is removed (with every name it was given) when t ends.
func LayeredImage(t testing.TB, tag string, n int, extra map[string]string) string {
	t.Helper()
	cli := Client(t)
	bin, err := fakeappBinary()
	if err != nil {
		t.Fatalf("dockertest: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	opts := client.ImageBuildOptions{
		Labels: labels(extra), Remove: true, ForceRemove: true, Version: build.BuilderV1,
	}
	if tag != "" {
		opts.Tags = []string{tag}
	}
	res, err := cli.ImageBuild(ctx, layeredContext(t, bin, n), opts)
	if err != nil {
		t.Fatalf("dockertest: build: %v", err)
	}
	defer res.Body.Close()
	id, err := readBuildID(res.Body)
	if err != nil {
		t.Fatalf("dockertest: build: %v", err)
	}
	t.Cleanup(func() { RemoveImage(t, id) })
	return id
}

// RemoveImage removes an image by ID or name, with every name it has and
// its untagged parents; an image already gone is not an error.
func RemoveImage(t testing.TB, ref string) {
	t.Helper()
	cli, err := connect(context.Background())
	if err != nil {
		t.Errorf("dockertest: remove %s: %v", ref, err)
		return
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = cli.ImageRemove(ctx, ref, client.ImageRemoveOptions{Force: true, PruneChildren: true})
	if err != nil && !strings.Contains(strings.ToLower(err.Error()), "no such image") {
		t.Errorf("dockertest: remove %s: %v", ref, err)
	}
}

func layeredContext(t testing.TB, bin []byte, n int) *bytes.Buffer {
	t.Helper()
	df := "FROM scratch\nCOPY fakeapp /fakeapp\n"
	files := map[string][]byte{"fakeapp": bin}
	for i := range n {
		name := fmt.Sprintf("file%d.txt", i)
		df += fmt.Sprintf("COPY %s /data/%s\n", name, name)
		files[name] = []byte(randomHex(64) + "\n")
	}
	df += "ENTRYPOINT [\"/fakeapp\"]\nCMD [\"forever\"]\n"
	files["Dockerfile"] = []byte(df)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for name, data := range files {
		hdr := &tar.Header{Name: name, Mode: 0o755, Size: int64(len(data))}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf
}

// readBuildID drains a classic build's stream and returns the image ID it
// announced; a failure inside the stream is an error with the build log.
func readBuildID(r io.Reader) (string, error) {
	dec := json.NewDecoder(r)
	var log strings.Builder
	id := ""
	for {
		var msg struct {
			Stream string `json:"stream"`
			Error  string `json:"error"`
			Aux    struct {
				ID string `json:"ID"`
			} `json:"aux"`
		}
		if err := dec.Decode(&msg); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", fmt.Errorf("read build output: %w", err)
		}
		log.WriteString(msg.Stream)
		if msg.Error != "" {
			return "", fmt.Errorf("%s\nbuild log:\n%s", msg.Error, log.String())
		}
		if msg.Aux.ID != "" {
			id = msg.Aux.ID
		}
	}
	if id == "" {
		return "", fmt.Errorf("the build named no image\nbuild log:\n%s", log.String())
	}
	return id, nil
}

package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

func TestListImagesRows(t *testing.T) {
	tag := dockertest.Random("case")
	id := dockertest.LayeredImage(t, "", 1, map[string]string{"case": tag})
	out, raw, isErr := call(t, "list_images",
		`{"filters":{"label":"case=`+tag+`","dangling":true}}`)
	if isErr {
		t.Fatal(raw)
	}
	rows, _ := out["images"].([]any)
	if len(rows) != 1 {
		t.Fatalf("rows = %v", rows)
	}
	row := rows[0].(map[string]any)
	tags, isList := row["tags"].([]any)
	created, _ := row["created"].(string)
	_, timeErr := time.Parse(time.RFC3339, created)
	if row["id"] != strings.TrimPrefix(id, "sha256:")[:12] || !isList || len(tags) != 0 ||
		row["size"].(float64) <= 0 || !strings.HasSuffix(row["sizeHuman"].(string), "B") ||
		timeErr != nil {
		t.Errorf("row = %v", row)
	}
	if strings.Contains(raw, "sha256:") || strings.Contains(raw, "null") {
		t.Errorf("raw answer: %s", raw)
	}
	_, raw, isErr = call(t, "list_images", `{"filters":{"colour":"red"}}`)
	if !isErr || !strings.Contains(raw, "colour") {
		t.Errorf("unknown filter: %s", raw)
	}
}

func TestTagInspectHistoryRemoveImage(t *testing.T) {
	tag := dockertest.Random("case")
	id := dockertest.LayeredImage(t, "", 2, map[string]string{"case": tag})
	repo := "dockmcp-test/tool-" + tag[len(tag)-8:]

	out, raw, isErr := call(t, "tag_image", `{"image":"`+id+`","repo":"`+repo+`"}`)
	if isErr || out["target"] != repo+":latest" {
		t.Fatalf("tag_image: %s", raw)
	}
	out, raw, isErr = call(t, "inspect_image", `{"image":"`+repo+`"}`)
	if isErr || out["id"] != id || out["layerCount"].(float64) != 3 {
		t.Fatalf("inspect_image: %s", raw)
	}
	out, raw, isErr = call(t, "image_history", `{"image":"`+repo+`"}`)
	if isErr || out["count"].(float64) < 3 || !strings.Contains(raw, "COPY") {
		t.Fatalf("image_history: %s", raw)
	}
	out, raw, isErr = call(t, "remove_image", `{"image":"`+repo+`"}`)
	if isErr || len(out["untagged"].([]any)) != 1 || out["count"].(float64) < 1 {
		t.Fatalf("remove_image: %s", raw)
	}
	_, raw, isErr = call(t, "remove_image", `{"image":"`+repo+`"}`)
	if !isErr || !strings.Contains(raw, "No such image") {
		t.Fatalf("second remove_image: %s", raw)
	}
}

func TestPruneImagesReportsDeletedAndSpace(t *testing.T) {
	tag := dockertest.Random("case")
	id := dockertest.LayeredImage(t, "", 1, map[string]string{"case": tag})
	out, raw, isErr := call(t, "prune_images", `{"filters":{"label":"case=`+tag+`"}}`)
	if isErr {
		t.Fatal(raw)
	}
	deleted, _ := out["deleted"].([]any)
	if len(deleted) == 0 || deleted[0] != id || out["spaceReclaimed"].(float64) <= 0 ||
		out["spaceReclaimedHuman"] == "0B" {
		t.Errorf("prune_images: %s", raw)
	}
}

func TestPullMissingTagIsAnErrorResult(t *testing.T) {
	reg := dockertest.NeedLocalRegistry(t)
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	ref := reg + "/dockmcp-test/none:" + dockertest.Random("absent")
	_, raw, isErr := call(t, "pull_image", `{"image":"`+ref+`"}`)
	if !isErr || !strings.Contains(raw, "not found") {
		t.Fatalf("pull_image of a missing tag: isError=%v %s", isErr, raw)
	}
}

func TestImageToolArgumentsAreChecked(t *testing.T) {
	dockertest.Client(t)
	for _, tt := range []struct{ tool, args, field string }{
		{"pull_image", `{"image":"alpine","platform":"linux//v7"}`, "platform"},
		{"pull_image", `{"image":"alpine","timeoutSeconds":0}`, "timeoutSeconds"},
		{"push_image", `{}`, "image"},
		{"tag_image", `{"image":"alpine"}`, "repo"},
		{"tag_image", `{"image":"alpine","repo":"Bad Name"}`, "repo"},
		{"remove_image", `{"image":"alpine","force":"yes"}`, "force"},
	} {
		_, raw, isErr := call(t, tt.tool, tt.args)
		if !isErr || !strings.Contains(raw, tt.field) {
			t.Errorf("%s %s: isError=%v %s", tt.tool, tt.args, isErr, raw)
		}
	}
}

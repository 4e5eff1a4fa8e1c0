package docker

import (
	"context"
	"encoding/json"
	"iter"
	"strings"
	"testing"

	"github.com/moby/moby/api/types/image"
	"github.com/moby/moby/api/types/jsonstream"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

func TestImageListRowsAndFilters(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	repo := "dockmcp-test/list:" + tag
	id := dockertest.LayeredImage(t, repo, 1, map[string]string{"case": tag})
	dangling := dockertest.LayeredImage(t, "", 1, map[string]string{"case": tag})

	list := func(f map[string][]string) []dockerapi.ImageSummary {
		t.Helper()
		res, err := o.ImageList(t.Context(), dockerapi.ImageListRequest{Filters: f})
		if err != nil {
			t.Fatal(err)
		}
		return res.Images
	}
	byLabel := list(map[string][]string{"label": {"case=" + tag}})
	if len(byLabel) != 2 {
		t.Fatalf("label filter: %d rows, want 2", len(byLabel))
	}
	rows := list(map[string][]string{"reference": {repo}})
	if len(rows) != 1 || rows[0].ID != id || rows[0].RepoTags[0] != repo ||
		rows[0].Size <= 0 || rows[0].Created <= 0 || rows[0].Labels["case"] != tag {
		t.Fatalf("reference filter: %+v", rows)
	}
	rows = list(map[string][]string{"label": {"case=" + tag}, "dangling": {"true"}})
	if len(rows) != 1 || rows[0].ID != dangling {
		t.Fatalf("dangling filter: %+v", rows)
	}
	if js := jsonOf(t, rows[0]); !strings.Contains(js, `"repoTags":[]`) ||
		!strings.Contains(js, `"repoDigests":[]`) {
		t.Errorf("null tags not rendered empty: %s", js)
	}
	_, err := o.ImageList(t.Context(), dockerapi.ImageListRequest{
		Filters: map[string][]string{"no-such-filter": {"x"}}})
	wantCode(t, err, abi.CodeInvalid)
}

func TestImageSummaryNulls(t *testing.T) {
	js := jsonOf(t, imageSummary(imageSummaryFromJSON(t,
		`{"Id":"sha256:ab","RepoTags":null,"RepoDigests":["<none>@<none>"],"Labels":null}`)))
	for _, want := range []string{`"repoTags":[]`, `"repoDigests":[]`, `"labels":{}`} {
		if !strings.Contains(js, want) {
			t.Errorf("%s lacks %s", js, want)
		}
	}
}

func TestImageInspectAndHistory(t *testing.T) {
	o := newOps(t)
	id := dockertest.LayeredImage(t, "", 3, nil)
	res, err := o.ImageInspect(t.Context(), dockerapi.ImageInspectRequest{Image: id})
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != id || res.LayerCount != 4 || len(res.Layers) != 4 ||
		res.Config.Entrypoint[0] != "/fakeapp" || res.Labels[dockertest.Label] != "1" {
		t.Errorf("inspect = %+v", res)
	}
	if js := jsonOf(t, res); !strings.Contains(js, `"exposedPorts":[]`) {
		t.Errorf("null ports not empty: %s", js)
	}
	h, err := o.ImageHistory(t.Context(), dockerapi.ImageHistoryRequest{Image: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Layers) < 4 || h.Truncated || !strings.Contains(h.Layers[len(h.Layers)-1].CreatedBy+
		h.Layers[len(h.Layers)-2].CreatedBy, "fakeapp") {
		t.Errorf("history = %+v", h)
	}
	_, err = o.ImageInspect(t.Context(), dockerapi.ImageInspectRequest{Image: "dockmcp-none:x"})
	wantCode(t, err, abi.CodeNotFound)
	_, err = o.ImageHistory(t.Context(), dockerapi.ImageHistoryRequest{Image: " "})
	wantCode(t, err, abi.CodeInvalid, "image")
}

func TestImageTagRemovePrune(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	id := dockertest.LayeredImage(t, "", 1, map[string]string{"case": tag})
	repo := "dockmcp-test/tagged-" + tag[len(tag)-8:]

	res, err := o.ImageTag(t.Context(), dockerapi.ImageTagRequest{Image: id, Repo: repo})
	if err != nil || res.Target != repo+":latest" {
		t.Fatalf("tag = %+v, %v", res, err)
	}
	_, err = o.ImageTag(t.Context(), dockerapi.ImageTagRequest{Image: id, Repo: repo + ":a", Tag: "b"})
	wantCode(t, err, abi.CodeInvalid, "tag")
	_, err = o.ImageTag(t.Context(), dockerapi.ImageTagRequest{Image: id, Repo: "Bad Name"})
	wantCode(t, err, abi.CodeInvalid, "repo")
	_, err = o.ImageTag(t.Context(), dockerapi.ImageTagRequest{Image: "dockmcp-none:x", Repo: repo})
	wantCode(t, err, abi.CodeNotFound)
	if _, err := o.ImageTag(t.Context(), dockerapi.ImageTagRequest{
		Image: id, Repo: repo, Tag: "two"}); err != nil {
		t.Fatal(err)
	}

	_, err = o.ImageRemove(t.Context(), dockerapi.ImageRemoveRequest{Image: id})
	wantCode(t, err, abi.CodeConflict)
	rm, err := o.ImageRemove(t.Context(), dockerapi.ImageRemoveRequest{Image: repo + ":two"})
	if err != nil || len(rm.Untagged) != 1 || len(rm.Deleted) != 0 {
		t.Fatalf("remove one name = %+v, %v", rm, err)
	}
	rm, err = o.ImageRemove(t.Context(), dockerapi.ImageRemoveRequest{Image: repo, NoPrune: true})
	if err != nil || !contains(rm.Deleted, id) {
		t.Fatalf("remove the last name = %+v, %v", rm, err)
	}
	_, err = o.ImageRemove(t.Context(), dockerapi.ImageRemoveRequest{Image: id})
	wantCode(t, err, abi.CodeNotFound)

	// A dangling image: prune only what carries this test's label.
	dangling := dockertest.LayeredImage(t, "", 1, map[string]string{"case": tag})
	p, err := o.ImagePrune(t.Context(), dockerapi.ImagePruneRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(p.Deleted, dangling) || p.SpaceReclaimed == 0 {
		t.Errorf("prune = %+v", p)
	}
}

func TestImagePruneAllKeepsUsedAndOthers(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	repo := "dockmcp-test/prune-all:" + tag
	id := dockertest.LayeredImage(t, repo, 1, map[string]string{"case": tag})
	other := dockertest.Random("case")
	p, err := o.ImagePrune(t.Context(), dockerapi.ImagePruneRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil || len(p.Deleted) != 0 {
		t.Fatalf("dangling-only prune removed a tagged image: %+v, %v", p, err)
	}
	p, err = o.ImagePrune(t.Context(), dockerapi.ImagePruneRequest{All: true,
		Filters: map[string][]string{"label": {"case=" + other}}})
	if err != nil || len(p.Deleted) != 0 {
		t.Fatalf("label filter ignored: %+v, %v", p, err)
	}
	p, err = o.ImagePrune(t.Context(), dockerapi.ImagePruneRequest{All: true,
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil || len(p.Untagged) != 1 || !contains(p.Deleted, id) {
		t.Fatalf("all prune = %+v, %v", p, err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fakeStream yields fixed messages: the daemon's progress stream is pure
// data, and its error messages arrive inside an HTTP 200 answer.
type fakeStream []jsonstream.Message

func (f fakeStream) JSONMessages(context.Context) iter.Seq2[jsonstream.Message, error] {
	return func(yield func(jsonstream.Message, error) bool) {
		for _, m := range f {
			if !yield(m, nil) {
				return
			}
		}
	}
}

func (fakeStream) Close() error { return nil }

func TestStreamErrorBecomesError(t *testing.T) {
	tests := []struct {
		msg  jsonstream.Error
		want abi.Code
	}{
		{jsonstream.Error{Message: "manifest for x:nope not found: manifest unknown"},
			abi.CodeNotFound},
		{jsonstream.Error{Code: 500, Message: "received unexpected HTTP status: 500"},
			abi.CodeDaemon},
	}
	for _, tt := range tests {
		s := fakeStream{
			{Status: "Pulling from x", ID: "nope"},
			{Status: "Downloading", ID: "abc", Progress: &jsonstream.Progress{Current: 1, Total: 9}},
			{Error: &tt.msg},
		}
		tr := tracker{verb: "pull", layers: map[string]*layer{}}
		err := tr.read(t.Context(), s)
		wantCode(t, errorCode(&registryError{err: err}), tt.want, tt.msg.Message)
	}
	auth := errorCode(&registryError{
		auth: registryAuth{registry: "r.example:5000", configPath: "/x/config.json"},
		err:  &streamError{e: &jsonstream.Error{Message: "no basic auth credentials"}},
	})
	wantCode(t, auth, abi.CodeDenied, "no credentials for registry r.example:5000 in "+
		"/x/config.json; run docker login r.example:5000")
}

func TestTransferArguments(t *testing.T) {
	o := newOps(t)
	for _, tt := range []struct {
		req   dockerapi.ImagePullRequest
		field string
	}{
		{dockerapi.ImagePullRequest{Image: ""}, "image"},
		{dockerapi.ImagePullRequest{Image: "bad name"}, "image"},
		{dockerapi.ImagePullRequest{Image: "alpine", Platform: "linux//v7"}, "platform"},
		{dockerapi.ImagePullRequest{Image: "alpine", TimeoutSeconds: -1}, "timeoutSeconds"},
	} {
		_, err := o.ImagePull(t.Context(), tt.req)
		wantCode(t, err, abi.CodeInvalid, tt.field)
	}
	_, err := o.ImagePush(t.Context(), dockerapi.ImagePushRequest{
		Image: "alpine@sha256:" + strings.Repeat("a", 64)})
	wantCode(t, err, abi.CodeInvalid, "digest")
	if p, err := parsePlatform("linux/ARM/v7"); err != nil || p.Architecture != "arm" ||
		p.Variant != "v7" {
		t.Errorf("parsePlatform = %+v, %v", p, err)
	}
}

func imageSummaryFromJSON(t *testing.T, js string) (s image.Summary) {
	t.Helper()
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

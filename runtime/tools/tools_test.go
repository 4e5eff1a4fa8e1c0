package tools_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

func catalog(t *testing.T) *tools.Catalog {
	t.Helper()
	c, err := tools.Parse(guests.ToolDescriptors()...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestValidate(t *testing.T) {
	c := catalog(t)
	for _, tc := range []struct {
		tool, args string
		want       string // normalised args, or the error's field and problem
	}{
		{"list_containers", ``, `{}`},
		{"list_containers", `null`, `{}`},
		{"list_containers", `{"all":true}`, `{"all":true}`},
		{"list_containers", `{"filters":{"status":"exited"}}`, `{"filters":{"status":"exited"}}`},
		{"list_containers", `{"filters":"{\"label\":[\"a=b\"]}"}`, `{"filters":{"label":["a=b"]}}`},
		{"list_containers", `{"all":"yes"}`, `argument all: got string, want boolean`},
		{"list_containers", `{"limit":-1}`, `argument limit: minimum: got -1, want 0`},
		{"list_containers", `{"filters":"status=exited"}`, `argument filters: want an object`},
		{"list_containers", `{"filters":"[1]"}`, `argument filters: want an object`},
		{"list_containers", `{"filters":{"colour":"red"}}`, `argument filters: additional properties 'colour'`},
		{"list_containers", `{"bogus":1}`, `the arguments: additional properties 'bogus'`},
		{"list_containers", `[1]`, `the arguments: got array, want object`},
		{"list_containers", `{`, `the arguments: not valid JSON`},
		{"inspect_container", `{}`, `the arguments: missing property 'containerId'`},
		{"inspect_container", `{"containerId":""}`, `argument containerId: minLength`},
		{"container_logs", `{"containerId":"a","tail":"all"}`, `{"containerId":"a","tail":"all"}`},
		{"container_logs", `{"containerId":"a","tail":20}`, `{"containerId":"a","tail":20}`},
		{"container_logs", `{"containerId":"a","tail":"x"}`, `argument tail: got string, want integer, or`},
		{"container_logs", `{"containerId":"a","followSeconds":600}`, `argument followSeconds: maximum`},
	} {
		d, ok := c.Lookup(tc.tool)
		if !ok {
			t.Fatalf("no tool %s", tc.tool)
		}
		got, err := d.Validate([]byte(tc.args))
		var ae *tools.ArgError
		switch {
		case err == nil && string(got) != tc.want:
			t.Errorf("%s %s = %s, want %s", tc.tool, tc.args, got, tc.want)
		case err != nil && !errors.As(err, &ae):
			t.Errorf("%s %s: error %T, want *ArgError", tc.tool, tc.args, err)
		case err != nil && !strings.Contains(err.Error(), tc.want):
			t.Errorf("%s %s: %v\nwant it to contain %q", tc.tool, tc.args, err, tc.want)
		case err != nil && !strings.Contains(err.Error(), "Example of valid arguments: {"):
			t.Errorf("%s %s: %v: no example", tc.tool, tc.args, err)
		}
	}
}

func TestParseRefusesIncompleteDescriptors(t *testing.T) {
	base := `"name":"t","title":"T","description":"d","operations":["x"],` +
		`"inputSchema":{"type":"object"},"example":{}`
	hints := `"annotations":{"readOnlyHint":true,"destructiveHint":false,` +
		`"idempotentHint":true,"openWorldHint":false}`
	for _, tc := range []struct{ name, json, want string }{
		{"complete", `[{` + base + `,` + hints + `}]`, ""},
		{"no hints", `[{` + base + `,"annotations":{"readOnlyHint":true}}]`, "annotation hints"},
		{"unknown key", `[{` + base + `,` + hints + `,"x":1}]`, "unknown field"},
		{"twice", `[{` + base + `,` + hints + `},{` + base + `,` + hints + `}]`, "twice"},
		{"bad example", strings.Replace(`[{`+base+`,`+hints+`}]`, `"example":{}`,
			`"example":[]`, 1), "example does not validate"},
	} {
		c, err := tools.Parse([]byte(tc.json))
		if err == nil {
			err = c.Check()
		}
		if tc.want == "" && err != nil || tc.want != "" &&
			(err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// Operations is every tool's operations, sorted, each once. The union is
// computed here rather than listed, so that areas add tools side by side.
func TestOperationsAreTheUnion(t *testing.T) {
	c := catalog(t)
	var all []string
	for _, d := range c.All() {
		all = append(all, d.Operations...)
	}
	slices.Sort(all)
	got, want := strings.Join(c.Operations(), ","), strings.Join(slices.Compact(all), ",")
	if got != want || !strings.Contains(got, "container_list,container_logs,") {
		t.Fatalf("operations = %s, want %s", got, want)
	}
}

// A tool that waits on the caller's behalf must be allowed to wait as long
// as its arguments allow; the others keep the default.
func TestDeadlines(t *testing.T) {
	c := catalog(t)
	run, _ := c.Lookup("run_container")
	if run.Deadline() <= 300*time.Second {
		t.Errorf("run_container deadline %v does not cover timeoutSeconds up to 300", run.Deadline())
	}
	list, _ := c.Lookup("list_containers")
	if list.Deadline() != tools.DefaultDeadline {
		t.Errorf("list_containers deadline %v", list.Deadline())
	}
}

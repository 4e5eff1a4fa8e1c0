package tools_test

import (
	"errors"
	"testing"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

// FuzzValidate feeds arbitrary arguments to every tool's validation. It
// must never panic; an error is always an *ArgError naming the tool with an
// example; accepted arguments come back as JSON that validates again to
// the same bytes (normalising twice changes nothing).
func FuzzValidate(f *testing.F) {
	c, err := tools.Parse(guests.ToolDescriptors()...)
	if err != nil {
		f.Fatal(err)
	}
	all := c.All()
	for i, d := range all {
		f.Add(uint8(i), []byte(d.Example))
	}
	for _, s := range []string{``, `null`, `[]`, `"x"`, `{"filters":"{\"label\":[\"a\"]}"}`,
		`{"containerId":"a","tail":"all"}`, `{"command":"[\"ls\"]","containerId":"a"}`,
		`{"env":"{\"A\":\"1\"}"}`, `{"a":1e400}`, `{"containerId":"\ud800"}`, `{`,
		`{"all":true,"all":false}`, `{"limit":1.5}`, `{"ports":"{\"80/tcp\":8080}"}`} {
		f.Add(uint8(0), []byte(s))
		f.Add(uint8(len(all)/2), []byte(s))
	}
	f.Fuzz(func(t *testing.T, which uint8, args []byte) {
		d := all[int(which)%len(all)]
		out, err := d.Validate(args)
		if err != nil {
			var ae *tools.ArgError
			if !errors.As(err, &ae) || ae.Tool != d.Name || ae.Example == "" {
				t.Fatalf("%s %q: error %T %v, want an *ArgError with an example",
					d.Name, args, err, err)
			}
			return
		}
		again, err := d.Validate(out)
		if err != nil || string(again) != string(out) {
			t.Fatalf("%s %q: normalised to %s, which validates to %s, %v",
				d.Name, args, out, again, err)
		}
	})
}

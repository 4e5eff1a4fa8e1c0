package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// ArgError is an argument that fails its tool's schema. Its message names
// the field and shows valid arguments; it is meant for the assistant.
type ArgError struct {
	Tool    string
	Field   string // a JSON pointer into the arguments; "" for the whole
	Problem string
	Example string
}

func (e *ArgError) Error() string {
	where := "the arguments"
	if e.Field != "" {
		where = "argument " + strings.TrimPrefix(e.Field, "/")
	}
	return fmt.Sprintf("Invalid arguments for %s: %s: %s. Example of valid arguments: %s",
		e.Tool, where, e.Problem, e.Example)
}

var printer = message.NewPrinter(language.English)

// Validate checks args against the tool's input schema and returns them
// normalised: an argument declared as an array or object that arrives as a
// string holding JSON of that type is replaced by the decoded value. Empty
// or null args count as {}.
func (d *Descriptor) Validate(args json.RawMessage) (json.RawMessage, error) {
	if len(bytes.TrimSpace(args)) == 0 || string(bytes.TrimSpace(args)) == "null" {
		args = json.RawMessage("{}")
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(args))
	if err != nil {
		return nil, d.argError("", "not valid JSON: "+err.Error())
	}
	if err := d.normalise(inst); err != nil {
		return nil, err
	}
	sch, err := d.compiled()
	if err != nil {
		return nil, fmt.Errorf("tool %s: input schema: %w", d.Name, err)
	}
	if err := sch.Validate(inst); err != nil {
		return nil, d.fromValidation(err)
	}
	out, err := json.Marshal(inst)
	if err != nil {
		return nil, d.argError("", err.Error())
	}
	return out, nil
}

func (d *Descriptor) normalise(inst any) error {
	obj, ok := inst.(map[string]any)
	if !ok {
		return nil // the schema reports the wrong type
	}
	for name, want := range d.shapes {
		s, ok := obj[name].(string)
		if !ok {
			continue
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(s))
		if err != nil || jsonType(v) != want {
			return d.argError("/"+name, fmt.Sprintf(
				"want an %s (a string is accepted only when it holds JSON of an %s)", want, want))
		}
		obj[name] = v
	}
	return nil
}

func jsonType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "other"
}

func (d *Descriptor) fromValidation(err error) error {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return d.argError("", err.Error())
	}
	for len(ve.Causes) == 1 {
		ve = ve.Causes[0]
	}
	field := ""
	if len(ve.InstanceLocation) > 0 {
		field = "/" + strings.Join(ve.InstanceLocation, "/")
	}
	var problems []string
	for _, leaf := range leaves(ve, nil) {
		problems = append(problems, leaf.ErrorKind.LocalizedString(printer))
	}
	return d.argError(field, strings.Join(problems, ", or "))
}

// leaves lists the innermost errors under e: for a oneOf, one per branch.
func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

func (d *Descriptor) argError(field, problem string) *ArgError {
	return &ArgError{Tool: d.Name, Field: field, Problem: problem, Example: string(d.Example)}
}

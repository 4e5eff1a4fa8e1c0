package config

import (
	"errors"
	"fmt"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

// schemaErrors turns a validation error into one *Error per problem, each
// at the YAML line of the field it names, in line order.
func schemaErrors(file string, root *yaml.Node, err error) error {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return fmt.Errorf("%s: %w", file, err)
	}
	var out []*Error
	for _, leaf := range leaves(ve, nil) {
		out = append(out, problems(file, root, leaf)...)
	}
	slices.SortStableFunc(out, func(a, b *Error) int { return a.Line - b.Line })
	out = slices.CompactFunc(out, func(a, b *Error) bool { return *a == *b })
	errs := make([]error, len(out))
	for i, e := range out {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// problems names the field of one leaf error. A missing or unknown key is
// reported on the key itself, not on the object that holds it.
func problems(file string, root *yaml.Node, e *jsonschema.ValidationError) []*Error {
	loc := e.InstanceLocation
	at := func(field []string, problem string) *Error {
		return &Error{File: file, Line: lineOf(root, field), Field: fieldName(field),
			Problem: problem}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		var out []*Error
		for _, m := range k.Missing {
			out = append(out, at(append(slices.Clip(loc), m), "is required"))
		}
		return out
	case *kind.AdditionalProperties:
		var out []*Error
		for _, p := range k.Properties {
			out = append(out, at(append(slices.Clip(loc), p),
				"is not a known key (see the configuration reference in the README)"))
		}
		return out
	}
	return []*Error{at(loc, e.ErrorKind.LocalizedString(printer))}
}

// leaves lists the innermost errors under e.
func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

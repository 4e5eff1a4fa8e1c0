// Package tools reads the tool descriptors that ship beside a tool guest and
// validates call arguments against their JSON Schemas (draft 2020-12)
// before any guest is entered.
package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A Descriptor describes one tool: what the client sees in tools/list, the
// Docker operations the tool may use, and an example of valid arguments.
type Descriptor struct {
	Name         string          `json:"name"`
	Title        string          `json:"title"`
	Description  string          `json:"description"`
	Operations   []string        `json:"operations"`
	Annotations  Annotations     `json:"annotations"`
	InputSchema  json.RawMessage `json:"inputSchema"`
	OutputSchema json.RawMessage `json:"outputSchema"`
	Example      json.RawMessage `json:"example"`
	// DeadlineSeconds bounds one call of the tool; 0 means DefaultDeadline.
	// Tools that wait on the caller's behalf (run, pull, build) set it above
	// the longest wait their arguments allow.
	DeadlineSeconds int `json:"deadlineSeconds,omitempty"`

	// The input schema compiles on first use: compiling every schema
	// would delay the server's first answer by about 10 ms.
	once      sync.Once
	schema    *jsonschema.Schema
	schemaErr error
	// shapes holds the declared type ("array" or "object") of each
	// top-level argument that may arrive JSON-encoded in a string.
	shapes map[string]string
}

// Annotations are the MCP tool hints. Every descriptor sets all four.
type Annotations struct {
	ReadOnlyHint    *bool `json:"readOnlyHint"`
	DestructiveHint *bool `json:"destructiveHint"`
	IdempotentHint  *bool `json:"idempotentHint"`
	OpenWorldHint   *bool `json:"openWorldHint"`
}

// A Catalog is the set of tools of one guest, in the order they ship.
type Catalog struct {
	list   []*Descriptor
	byName map[string]*Descriptor
}

// Parse reads descriptor files (each a JSON array). A descriptor without a
// title, an annotation hint, an operation or an example is refused: the
// catalog is data, and data is checked. Schemas compile on first use;
// Check compiles them all and validates the examples.
func Parse(files ...[]byte) (*Catalog, error) {
	var list []*Descriptor
	for _, data := range files {
		var part []*Descriptor
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&part); err != nil {
			return nil, fmt.Errorf("tool descriptors: %w", err)
		}
		list = append(list, part...)
	}
	c := &Catalog{byName: map[string]*Descriptor{}}
	for _, d := range list {
		if err := d.prepare(); err != nil {
			return nil, fmt.Errorf("tool %q: %w", d.Name, err)
		}
		if c.byName[d.Name] != nil {
			return nil, fmt.Errorf("tool %q: described twice", d.Name)
		}
		c.byName[d.Name] = d
		c.list = append(c.list, d)
	}
	return c, nil
}

func (d *Descriptor) prepare() error {
	if err := d.complete(); err != nil {
		return err
	}
	d.shapes = shapes(d.InputSchema)
	return nil
}

// compiled returns the input schema, compiling it on first use.
func (d *Descriptor) compiled() (*jsonschema.Schema, error) {
	d.once.Do(func() { d.schema, d.schemaErr = compile(d.Name, d.InputSchema) })
	return d.schema, d.schemaErr
}

// Check compiles every input schema and validates every example: what
// Parse leaves for first use, done at once (tests and `dockmcp tools`).
func (c *Catalog) Check() error {
	for _, d := range c.list {
		if _, err := d.compiled(); err != nil {
			return fmt.Errorf("tool %q: %w", d.Name, err)
		}
		if _, err := d.Validate(d.Example); err != nil {
			return fmt.Errorf("tool %q: example does not validate: %w", d.Name, err)
		}
	}
	return nil
}

func (d *Descriptor) complete() error {
	a := d.Annotations
	switch {
	case d.Name == "" || d.Title == "" || d.Description == "":
		return fmt.Errorf("name, title and description are required")
	case a.ReadOnlyHint == nil || a.DestructiveHint == nil ||
		a.IdempotentHint == nil || a.OpenWorldHint == nil:
		return fmt.Errorf("all four annotation hints are required")
	case len(d.Operations) == 0:
		return fmt.Errorf("operations are required")
	case len(d.InputSchema) == 0 || len(d.Example) == 0:
		return fmt.Errorf("inputSchema and example are required")
	}
	return nil
}

func compile(name string, schema json.RawMessage) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	url := "dockmcp:tool/" + name + ".json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	return sch, nil
}

func shapes(schema json.RawMessage) map[string]string {
	var s struct {
		Properties map[string]struct {
			Type string `json:"type"`
		} `json:"properties"`
	}
	_ = json.Unmarshal(schema, &s)
	out := map[string]string{}
	for name, p := range s.Properties {
		if p.Type == "array" || p.Type == "object" {
			out[name] = p.Type
		}
	}
	return out
}

// DefaultDeadline bounds a call of a tool that sets no deadline of its own.
const DefaultDeadline = 90 * time.Second

// Deadline is how long one call of the tool may run.
func (d *Descriptor) Deadline() time.Duration {
	if d.DeadlineSeconds > 0 {
		return time.Duration(d.DeadlineSeconds) * time.Second
	}
	return DefaultDeadline
}

// Lookup finds a tool by name.
func (c *Catalog) Lookup(name string) (*Descriptor, bool) {
	d, ok := c.byName[name]
	return d, ok
}

// All returns the tools in the order they ship.
func (c *Catalog) All() []*Descriptor { return slices.Clone(c.list) }

// Operations returns every Docker operation some tool uses, sorted.
func (c *Catalog) Operations() []string {
	var ops []string
	for _, d := range c.list {
		ops = append(ops, d.Operations...)
	}
	slices.Sort(ops)
	return slices.Compact(ops)
}

// Select returns the catalog of the tools keep keeps, in the same order.
func (c *Catalog) Select(keep func(*Descriptor) bool) *Catalog {
	out := &Catalog{byName: map[string]*Descriptor{}}
	for _, d := range c.list {
		if keep(d) {
			out.list = append(out.list, d)
			out.byName[d.Name] = d
		}
	}
	return out
}

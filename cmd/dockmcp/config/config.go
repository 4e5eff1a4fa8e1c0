// Package config reads dockmcp's configuration file: YAML, checked against
// the JSON Schema in schema.json (draft 2020-12, shipped inside the binary)
// before any of it is used. A bad file is refused with the line and the
// field that is wrong.
//
// There is one file: the operator's filters, the policy and the audit log.
// A key the schema does not define is refused: a misspelt key is an error,
// never a silent default.
package config

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// EnvVar names the configuration file when --config is not given.
const EnvVar = "DOCKMCP_CONFIG"

// Defaults of a filter's limits, used when its entry leaves them out. They
// are those of runtime.FilterClass and chain.Factor.
const (
	DefaultMemoryMiB    = 128
	DefaultDeadline     = 10 * time.Second
	DefaultMaxExpansion = 4
)

// maxFilterBytes bounds what Read loads; the engine refuses modules past
// its own, smaller, cap with a clearer message.
const maxFilterBytes = 64 << 20

// Config is a checked configuration file.
type Config struct {
	// File is the path the configuration was read from, for messages.
	File string `yaml:"-"`
	// Filters run after the built-in secret filter, in order.
	Filters []Filter `yaml:"filters"`
	Policy  Policy   `yaml:"policy"`
	Audit   Audit    `yaml:"audit"`
}

// Policy is what the assistant may do; see the README for each key.
type Policy struct {
	ReadOnly      bool `yaml:"readOnly" json:"readOnly"`
	NoDestructive bool `yaml:"noDestructive" json:"noDestructive"`
	Tools         struct {
		Allow []string `yaml:"allow" json:"allow"`
		Deny  []string `yaml:"deny" json:"deny"`
	} `yaml:"tools" json:"tools"`
	HostSafety struct {
		Allow []string `yaml:"allow" json:"allow"`
	} `yaml:"hostSafety" json:"hostSafety"`
	Binds struct {
		AllowedRoots []string `yaml:"allowedRoots" json:"allowedRoots"`
		Writable     bool     `yaml:"writable" json:"writable"`
	} `yaml:"binds" json:"binds"`
	Build struct {
		Roots []string `yaml:"roots" json:"roots"`
	} `yaml:"build" json:"build"`
	Exec struct {
		// Enabled is nil when the file does not say: exec is on.
		Enabled *bool `yaml:"enabled" json:"enabled"`
		// Containers narrows exec further than Policy.Containers.
		Containers Selector `yaml:"containers" json:"containers"`
	} `yaml:"exec" json:"exec"`
	// Confirm is how destructive calls are confirmed; empty values are the
	// defaults (ask, deny, 120 seconds), which config check prints.
	Confirm struct {
		Destructive    string  `yaml:"destructive" json:"destructive"`
		Fallback       string  `yaml:"fallback" json:"fallback"`
		TimeoutSeconds float64 `yaml:"timeoutSeconds" json:"timeoutSeconds"`
	} `yaml:"confirm" json:"confirm"`
	// Containers narrows the containers mutating tools may act on.
	Containers Selector `yaml:"containers" json:"containers"`
}

// Selector is policy.containers or policy.exec.containers: every rule set
// must hold; none set selects every container.
type Selector struct {
	Names            []string `yaml:"names" json:"names"`
	Labels           []string `yaml:"labels" json:"labels"`
	CreatedByDockmcp bool     `yaml:"createdByDockmcp" json:"createdByDockmcp"`
}

// ExecEnabled reports whether exec_container is served.
func (p Policy) ExecEnabled() bool { return p.Exec.Enabled == nil || *p.Exec.Enabled }

// Audit configures the audit log.
type Audit struct {
	// File is absolute once parsed; "" means no audit log.
	File string `yaml:"file" json:"file"`
}

// Filter is one entry of filters.
type Filter struct {
	// Path is absolute once parsed: a relative path in the file is read
	// from the file's folder.
	Path   string `yaml:"path"`
	SHA256 string `yaml:"sha256"`
	// Name defaults to the file name without .wasm.
	Name            string  `yaml:"name"`
	MemoryMiB       int     `yaml:"memoryMiB"`
	DeadlineSeconds float64 `yaml:"deadlineSeconds"`
	MaxExpansion    float64 `yaml:"maxExpansion"`

	// Where the entry is, for messages; empty for a filter named on the
	// command line.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

// Memory is the filter's memory cap in bytes.
func (f Filter) Memory() uint64 {
	return uint64(cmp0(f.MemoryMiB, DefaultMemoryMiB)) << 20
}

// Deadline is the filter's deadline per batch.
func (f Filter) Deadline() time.Duration {
	if f.DeadlineSeconds == 0 {
		return DefaultDeadline
	}
	return time.Duration(f.DeadlineSeconds * float64(time.Second))
}

// Expansion is the factor of the filter's expansion cap.
func (f Filter) Expansion() float64 {
	if f.MaxExpansion == 0 {
		return DefaultMaxExpansion
	}
	return f.MaxExpansion
}

func cmp0(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// Read reads the filter's file and checks it against the pinned sha256. A
// filter named on the command line (SHA256 empty) is read as it is: the
// user chose that file by hand. Missing and mismatched files are errors
// that say what to do.
func (f Filter) Read() ([]byte, error) {
	file, err := os.Open(f.Path)
	if err != nil {
		return nil, fmt.Errorf("%sfilter %s: %w", f.where(), f.Name, err)
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, maxFilterBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%sfilter %s: %w", f.where(), f.Name, err)
	}
	if len(b) > maxFilterBytes {
		return nil, fmt.Errorf("%sfilter %s: %s is larger than %d MiB",
			f.where(), f.Name, f.Path, maxFilterBytes>>20)
	}
	if f.SHA256 != "" {
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != f.SHA256 {
			return nil, fmt.Errorf("%sfilter %s: %s has sha256 %s but the configuration "+
				"pins %s; refusing to start. If the file changed on purpose, pin its new "+
				"sum (sha256sum %s)", f.where(), f.Name, f.Path, got, f.SHA256, f.Path)
		}
	}
	if !bytes.HasPrefix(b, wasmMagic) {
		return nil, fmt.Errorf("%sfilter %s: %s is not a WebAssembly module (it does not "+
			"start with \\0asm); build the filter with GOOS=wasip1 GOARCH=wasm go build "+
			"-buildmode=c-shared", f.where(), f.Name, f.Path)
	}
	return b, nil
}

// wasmMagic starts every WebAssembly module.
var wasmMagic = []byte("\x00asm")

func (f Filter) where() string {
	if f.File == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d: ", f.File, f.Line)
}

// FromPath makes the entry of a filter named on the command line: no pin,
// default limits.
func FromPath(path string) Filter {
	return Filter{Path: path, Name: defaultName(path)}
}

func defaultName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".wasm")
}

// Load reads the file at path and checks it.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse checks data, the content of the file named file: the YAML, then
// the schema, then what a schema cannot say (names unique).
func Parse(file string, data []byte) (*Config, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, syntaxError(file, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:%d: the file holds more than one YAML document (---); "+
			"put the whole configuration in one", file, next.Line)
	}
	if line := aliasLine(&doc); line > 0 {
		return nil, fmt.Errorf("%s:%d: YAML aliases (*name) are not accepted in the "+
			"configuration; write the value out", file, line)
	}
	root := &doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	if doc.Kind == 0 || root.Tag == "!!null" {
		return &Config{File: file}, nil // an empty file configures nothing
	}
	inst, err := instance(root, nil)
	if err != nil {
		return nil, fileError(file, err)
	}
	if err := schema.Validate(inst); err != nil {
		return nil, schemaErrors(file, root, err)
	}
	cfg := &Config{File: file}
	if err := root.Decode(cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return cfg, cfg.finish(root)
}

// aliasLine returns the line of the first alias in n, or 0: a few nested
// aliases expand to a tree larger than memory.
func aliasLine(n *yaml.Node) int {
	if n.Kind == yaml.AliasNode {
		return n.Line
	}
	for _, c := range n.Content {
		if l := aliasLine(c); l > 0 {
			return l
		}
	}
	return 0
}

// finish resolves paths and defaults, notes lines and checks that names
// are unique.
func (c *Config) finish(root *yaml.Node) error {
	dir := filepath.Dir(c.File)
	if d, err := filepath.Abs(dir); err == nil {
		dir = d // config check prints where a relative path really points
	}
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	for i, r := range c.Policy.Binds.AllowedRoots {
		c.Policy.Binds.AllowedRoots[i] = abs(r)
	}
	for i, r := range c.Policy.Build.Roots {
		c.Policy.Build.Roots[i] = abs(r)
	}
	c.Audit.File = abs(c.Audit.File)
	if err := c.checkPatterns(root); err != nil {
		return err
	}
	seen := map[string]int{}
	for i := range c.Filters {
		f := &c.Filters[i]
		f.File = c.File
		f.Line = lineOf(root, []string{"filters", strconv.Itoa(i)})
		f.Path = abs(f.Path)
		if f.Name == "" {
			f.Name = defaultName(f.Path)
		}
		if prev, dup := seen[f.Name]; dup {
			return &Error{File: c.File, Line: f.Line, Field: fmt.Sprintf("filters[%d].name", i),
				Problem: fmt.Sprintf("%q is already the name of filters[%d]; "+
					"give one of them another name", f.Name, prev)}
		}
		seen[f.Name] = i
	}
	return nil
}

// checkPatterns refuses a name pattern path.Match cannot read, which the
// schema cannot tell.
func (c *Config) checkPatterns(root *yaml.Node) error {
	for _, sel := range []struct {
		loc   []string
		names []string
	}{
		{[]string{"policy", "containers", "names"}, c.Policy.Containers.Names},
		{[]string{"policy", "exec", "containers", "names"}, c.Policy.Exec.Containers.Names},
	} {
		for i, p := range sel.names {
			if _, err := path.Match(p, ""); err != nil {
				loc := append(slices.Clone(sel.loc), strconv.Itoa(i))
				return &Error{File: c.File, Line: lineOf(root, loc), Field: fieldName(loc),
					Problem: fmt.Sprintf("%q is not a name pattern (path.Match syntax: "+
						"*, ?, [a-z]), such as \"app-*\"", p)}
			}
		}
	}
	return nil
}

// Error is one problem in the file.
type Error struct {
	File    string
	Line    int
	Field   string // as filters[0].sha256; empty for the whole file
	Problem string
}

func (e *Error) Error() string {
	field := e.Field
	if field == "" {
		field = "(top level)"
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, field, e.Problem)
}

// nodeError is a problem found while reading the YAML, before the schema.
type nodeError struct {
	line int
	loc  []string // where, as JSON pointer tokens
	msg  string
}

func (e *nodeError) Error() string { return e.msg }

func fileError(file string, err error) error {
	var ne *nodeError
	if errors.As(err, &ne) {
		return &Error{File: file, Line: ne.line, Field: fieldName(ne.loc), Problem: ne.msg}
	}
	return fmt.Errorf("%s: %w", file, err)
}

// yamlLine reads the YAML library's "yaml: line 3: ..." errors.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// syntaxError puts a YAML syntax error in the file:line form of the
// others. The library's line is near the mistake, not always on it (it
// may name the line before, or where an unclosed list starts), so the
// message says so.
func syntaxError(file string, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	switch {
	case m == nil:
		return fmt.Errorf("%s: %w", file, err)
	case m[1] == "":
		return fmt.Errorf("%s: the YAML is malformed: %s", file, m[2])
	}
	return fmt.Errorf("%s:%s: the YAML is malformed near this line: %s", file, m[1], m[2])
}

// instance turns a YAML node into the JSON value the schema validates:
// maps with string keys, slices, strings, json.Number, bools and nil.
// loc is where n is, for errors.
func instance(n *yaml.Node, loc []string) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return instance(n.Alias, loc)
	case yaml.MappingNode:
		return mapping(n, loc)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			v, err := instance(c, append(loc[:len(loc):len(loc)], strconv.Itoa(i)))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	return scalar(n, loc)
}

func mapping(n *yaml.Node, loc []string) (any, error) {
	out := make(map[string]any, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			return nil, &nodeError{k.Line, loc, "a key must be a plain string"}
		}
		at := append(loc[:len(loc):len(loc)], k.Value)
		if _, dup := out[k.Value]; dup {
			return nil, &nodeError{k.Line, at, fmt.Sprintf("is given twice (first on line %d); "+
				"keep one", lineOf(n, []string{k.Value}))}
		}
		v, err := instance(n.Content[i+1], at)
		if err != nil {
			return nil, err
		}
		if val := n.Content[i+1]; k.Value == "sha256" && val.Kind == yaml.ScalarNode &&
			val.Style == 0 && (val.Tag == "!!int" || val.Tag == "!!float") {
			v = val.Value // a pasted sum of digits (and an e) is still a sum
		}
		out[k.Value] = v
	}
	return out, nil
}

func scalar(n *yaml.Node, loc []string) (any, error) {
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, &nodeError{n.Line, loc, fmt.Sprintf("%s is not a finite number", n.Value)}
		}
		if n.Tag == "!!int" {
			return json.Number(strconv.FormatFloat(f, 'f', -1, 64)), nil
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil // strings, timestamps and any other tag, as written
}

// lineOf is the line of the value at loc (JSON pointer tokens), or of the
// deepest node on the way that exists: for a key, the line of the key.
func lineOf(n *yaml.Node, loc []string) int {
	line := n.Line
	for _, tok := range loc {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		next, at := child(n, tok)
		if next == nil {
			return line
		}
		n, line = next, at
	}
	return line
}

func child(n *yaml.Node, tok string) (*yaml.Node, int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				return n.Content[i+1], n.Content[i].Line
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i], n.Content[i].Line
		}
	}
	return nil, 0
}

// fieldName writes loc as filters[0].sha256.
func fieldName(loc []string) string {
	var b strings.Builder
	for _, tok := range loc {
		if _, err := strconv.Atoi(tok); err == nil {
			fmt.Fprintf(&b, "[%s]", tok)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

var schema = compileSchema()

//go:embed schema.json
var schemaJSON []byte

func compileSchema() *jsonschema.Schema {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		panic("BUG: config schema: " + err.Error())
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("config.json", doc); err != nil {
		panic("BUG: config schema: " + err.Error())
	}
	s, err := c.Compile("config.json")
	if err != nil {
		panic("BUG: config schema: " + err.Error())
	}
	return s
}

// Schema is the configuration's JSON Schema, for documentation.
func Schema() []byte { return schemaJSON }

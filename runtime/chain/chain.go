// Package chain runs every string dockmcp returns through the filter
// guests, in order: the built-in secret filter first, then the operator's.
// It fails closed: if any filter traps, times out, breaks a limit or answers
// in a shape it may not, the whole answer is withheld.
package chain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Expansion bounds a filter's output: at most Factor times its input plus
// Slack bytes. A filter that writes more is treated as failed.
const (
	Factor = 4
	Slack  = 64 << 10
)

// A Filter runs a filter guest: a *runtime.Module, or anything else that
// runs one under the same contract (abi.ExportFilter over record batches).
type Filter interface {
	Label() string
	Ready(ctx context.Context) error
	Call(ctx context.Context, export string, input []byte) ([]byte, error)
}

// An exporter tells which exports a filter guest has; a Filter that is not
// one is called through abi.ExportFilter only.
type exporter interface {
	Exports(name string) bool
}

// A Chain is an ordered list of filter guests.
type Chain struct {
	filters []Filter
	anchors []*declared // the anchors each filter declared, once known
}

// New returns a chain of the given filters, run in order.
func New(filters ...Filter) *Chain {
	c := &Chain{filters: filters}
	for range filters {
		c.anchors = append(c.anchors, &declared{})
	}
	return c
}

// Len reports how many filters the chain holds.
func (c *Chain) Len() int { return len(c.filters) }

// Error is a filter failure; the answer it guarded must not be sent.
type Error struct {
	Filter string
	Err    error
}

// Error describes the failure. A filter's own error message (error_set) is
// left out: the filter wrote it while holding unredacted text, and this
// string goes to logs and terminals. Unwrap still reaches it.
func (e *Error) Error() string {
	var ae *abi.Error
	if errors.As(e.Err, &ae) {
		return fmt.Sprintf("redaction filter %s failed: it reported %s (its message "+
			"of %d bytes is withheld: it may quote what it was given)",
			e.Filter, ae.Code, len(ae.Message))
	}
	return fmt.Sprintf("redaction filter %s failed: %v", e.Filter, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Strings filters each string as a stream of its own and returns the
// results in the same order.
func (c *Chain) Strings(ctx context.Context, in []string) ([]string, error) {
	out := in
	for i, f := range c.filters {
		set, err := c.anchors[i].get(ctx, f)
		if err == nil && set != nil {
			out, err = runWindows(ctx, f, set, out)
		} else if err == nil {
			out, err = run(ctx, f, out)
		}
		if err != nil {
			return nil, &Error{Filter: f.Label(), Err: err}
		}
	}
	return out, nil
}

func run(ctx context.Context, f Filter, in []string) ([]string, error) {
	var batch []byte
	for i, s := range in {
		batch = abi.AppendRecord(batch, abi.Record{Stream: uint32(i), Data: []byte(s)})
	}
	recs, err := call(ctx, f, abi.ExportFilter, batch, len(in))
	if err != nil {
		return nil, err
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		if r.Stream != uint32(i) {
			return nil, fmt.Errorf("record %d came back as stream %d", i, r.Stream)
		}
		out[i] = string(r.Data)
	}
	return out, nil
}

// call runs export of f over batch and returns the n records of its answer,
// refusing an answer past the expansion cap or of another count.
func call(ctx context.Context, f Filter, export string, batch []byte, n int) ([]abi.Record,
	error) {
	raw, err := f.Call(withFiltering(ctx), export, batch)
	if err != nil {
		return nil, err
	}
	if len(raw) > expansionCap(f, len(batch)) {
		return nil, fmt.Errorf("output of %d bytes for %d of input passes the expansion cap",
			len(raw), len(batch))
	}
	recs, err := abi.ParseRecords(raw)
	if err != nil {
		return nil, err
	}
	if len(recs) != n {
		return nil, fmt.Errorf("returned %d records for %d", len(recs), n)
	}
	return recs, nil
}

// JSON filters every string of a decoded JSON value, object keys included,
// and returns the filtered value. The value is not modified in place.
//
// Each string is first a record of its own, as text (log text keeps its
// lines). Then, in context: an object member whose value is a string is one
// record, the member as a JSON object of its own ({"db_password":"x"}),
// since only the key says the value is a secret (a label, an environment
// map); and an array of two or more strings is one record, in JSON
// (["--requirepass","x"], a container's arguments). Strings holding a line
// break get no second pass: in JSON their lines would reach a filter as
// one. A record of the second pass must come back as one such member or
// array of as many strings; if it does not, the answer is withheld.
func (c *Chain) JSON(ctx context.Context, v any) (any, error) {
	if len(c.filters) == 0 {
		return v, nil
	}
	var strs []string
	collect(v, &strs)
	if len(strs) == 0 {
		return v, nil
	}
	filtered, err := c.Strings(ctx, strs)
	if err != nil {
		return nil, err
	}
	v, _ = rebuild(v, filtered)
	strs = strs[:0]
	contexts(v, &strs)
	if len(strs) == 0 {
		return v, nil
	}
	if filtered, err = c.Strings(ctx, strs); err != nil {
		return nil, err
	}
	out, _, _, err := rebuildContexts(v, strs, filtered)
	if err != nil {
		return nil, &Error{Filter: "chain", Err: err}
	}
	return out, nil
}

func collect(v any, strs *[]string) {
	switch t := v.(type) {
	case string:
		*strs = append(*strs, t)
	case []any:
		for _, e := range t {
			collect(e, strs)
		}
	case map[string]any:
		for _, k := range sortedKeys(t) {
			*strs = append(*strs, k)
			collect(t[k], strs)
		}
	}
}

// rebuild walks v in the order of collect and takes the filtered strings
// from next, returning the new value and what is left of next.
func rebuild(v any, next []string) (any, []string) {
	switch t := v.(type) {
	case string:
		return next[0], next[1:]
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i], next = rebuild(e, next)
		}
		return out, next
	case map[string]any:
		out := make(map[string]any, len(t))
		for _, k := range sortedKeys(t) {
			key := uniqueKey(out, next[0])
			out[key], next = rebuild(t[k], next[1:])
		}
		return out, next
	}
	return v, next
}

// contexts appends the records of the second pass: string members and
// arrays of strings, as JSON.
func contexts(v any, strs *[]string) {
	switch t := v.(type) {
	case []any:
		if asOne(t) {
			*strs = append(*strs, encode(t))
			return
		}
		for _, e := range t {
			contexts(e, strs)
		}
	case map[string]any:
		for _, k := range sortedKeys(t) {
			if s, ok := t[k].(string); ok {
				if oneLine(k) && oneLine(s) {
					*strs = append(*strs, member(k, s))
				}
				continue
			}
			contexts(t[k], strs)
		}
	}
}

// rebuildContexts walks v in the order of contexts and takes the filtered
// records from next (in, what contexts gave, alongside), returning the new
// value and what is left of in and next.
func rebuildContexts(v any, in, next []string) (any, []string, []string, error) {
	var err error
	switch t := v.(type) {
	case []any:
		if asOne(t) {
			if next[0] == in[0] {
				return t, in[1:], next[1:], nil
			}
			out, err := parseStrings(next[0], len(t))
			return out, in[1:], next[1:], err
		}
		out := make([]any, len(t))
		for i, e := range t {
			if out[i], in, next, err = rebuildContexts(e, in, next); err != nil {
				return nil, nil, nil, err
			}
		}
		return out, in, next, nil
	case map[string]any:
		out := make(map[string]any, len(t))
		for _, k := range sortedKeys(t) {
			s, ok := t[k].(string)
			switch {
			case ok && oneLine(k) && oneLine(s):
				key, val := k, s
				if next[0] != in[0] {
					if key, val, err = parseMember(next[0]); err != nil {
						return nil, nil, nil, err
					}
				}
				out[uniqueKey(out, key)] = val
				in, next = in[1:], next[1:]
			case ok:
				out[uniqueKey(out, k)] = s
			default:
				var e any
				if e, in, next, err = rebuildContexts(t[k], in, next); err != nil {
					return nil, nil, nil, err
				}
				out[uniqueKey(out, k)] = e
			}
		}
		return out, in, next, nil
	}
	return v, in, next, nil
}

// member is {"k":"v"} in JSON.
func member(k, v string) string { return encode(map[string]string{k: v}) }

// encode is v in JSON, with '<', '>' and '&' as they are.
func encode(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // strings, maps and slices of them always encode
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// asOne reports whether a is filtered as one record in the second pass:
// two or more elements, all strings of one line.
func asOne(a []any) bool {
	for _, e := range a {
		if s, ok := e.(string); !ok || !oneLine(s) {
			return false
		}
	}
	return len(a) >= 2
}

// oneLine reports whether s holds no line break.
func oneLine(s string) bool { return !strings.ContainsAny(s, "\n\r\u2028\u2029") }

// parseStrings reads back an array of n strings that encode wrote, after
// the filters.
func parseStrings(s string, n int) ([]any, error) {
	strs, err := decodeStrings(s, '[', ']', n)
	if err != nil {
		return nil, err
	}
	out := make([]any, n)
	for i, e := range strs {
		out[i] = e
	}
	return out, nil
}

// parseMember reads back what member wrote, after the filters.
func parseMember(s string) (string, string, error) {
	kv, err := decodeStrings(s, '{', '}', 2)
	if err != nil {
		return "", "", err
	}
	return kv[0], kv[1], nil
}

// decodeStrings reads s as open, n strings (an object's key and value
// are two), close, and nothing else.
func decodeStrings(s string, open, close json.Delim, n int) ([]string, error) {
	what := "an array of strings"
	if open == '{' {
		what = "an object member"
	}
	broken := fmt.Errorf("a filter broke the JSON of %s; filters must keep the quotes and "+
		"escapes of what they do not redact", what)
	dec := json.NewDecoder(strings.NewReader(s))
	var toks []any
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil || len(toks) == n+2 {
			return nil, broken
		}
		toks = append(toks, tok)
	}
	if len(toks) != n+2 || toks[0] != open || toks[n+1] != close {
		return nil, broken
	}
	out := make([]string, n)
	for i := range out {
		str, ok := toks[i+1].(string)
		if !ok {
			return nil, broken
		}
		out[i] = str
	}
	return out, nil
}

// uniqueKey keeps two keys apart when redaction made them equal.
func uniqueKey(m map[string]any, k string) string {
	for i := 2; ; i++ {
		if _, taken := m[k]; !taken {
			return k
		}
		k = fmt.Sprintf("%s#%d", k, i)
	}
}

// Decode is json.Unmarshal into any with numbers kept exact.
func Decode(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// Ready waits until every filter has compiled.
func (c *Chain) Ready(ctx context.Context) error {
	for _, f := range c.filters {
		if err := f.Ready(ctx); err != nil {
			return err
		}
	}
	return nil
}

package chain

import "testing"

// What a filter returns for a member or an array must be exactly that.
func TestDecodeStringsIsStrict(t *testing.T) {
	for _, s := range []string{`{"a":"b","c":"d"}`, `{"a":1}`, `{"a":"b"} x`, `{"a":"b"`, `["a","b"]`} {
		if k, v, err := parseMember(s); err == nil {
			t.Errorf("parseMember(%q) = %q, %q: want an error", s, k, v)
		}
	}
	for _, s := range []string{`["a"]`, `["a","b","c"]`, `["a",["b"]]`, `["a",null]`, `["a","b"]]`} {
		if got, err := parseStrings(s, 2); err == nil {
			t.Errorf("parseStrings(%q, 2) = %q: want an error", s, got)
		}
	}
	if k, v, err := parseMember(`{"k\"":"v\\n"}`); err != nil || k != `k"` || v != `v\n` {
		t.Errorf("parseMember = %q, %q, %v", k, v, err)
	}
	if got, err := parseStrings(`["a","b"]`, 2); err != nil || got[0] != "a" || got[1] != "b" {
		t.Errorf("parseStrings = %q, %v", got, err)
	}
}

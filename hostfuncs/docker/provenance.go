package docker

import (
	"maps"

	"github.com/moby/moby/client"
)

// ProvenanceLabel marks every object dockmcp creates, besides the labels
// the caller asked for, so that a user can find (and prune) them:
// docker network ls --filter label=dockmcp.created=1.
const (
	ProvenanceLabel = "dockmcp.created"
	ProvenanceValue = "1"
)

// withProvenance returns a copy of labels with ProvenanceLabel set.
func withProvenance(labels map[string]string) map[string]string {
	out := maps.Clone(labels)
	if out == nil {
		out = map[string]string{}
	}
	out[ProvenanceLabel] = ProvenanceValue
	return out
}

// sliceOrEmpty returns s, or an empty slice for nil: nulls render as [].
func sliceOrEmpty[V any](s []V) []V {
	if s == nil {
		return []V{}
	}
	return s
}

// mapOrEmpty returns m, or an empty map for nil: daemon nulls render as {}.
func mapOrEmpty[V any](m map[string]V) map[string]V {
	if m == nil {
		return map[string]V{}
	}
	return m
}

// filtersOf turns request filters into the SDK's.
func filtersOf(in map[string][]string) client.Filters {
	f := client.Filters{}
	for term, values := range in {
		f.Add(term, values...)
	}
	return f
}

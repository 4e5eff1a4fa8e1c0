package chain

import "context"

// WithExpansion gives f an expansion cap of its own: at most factor times
// its input plus Slack. Filters not wrapped get Factor.
func WithExpansion(f Filter, factor float64) Filter { return expanding{f, factor} }

type expanding struct {
	Filter
	factor float64
}

// Exports passes through to the wrapped filter, so that a filter with an
// expansion cap of its own still has its anchors used.
func (e expanding) Exports(name string) bool {
	x, ok := e.Filter.(exporter)
	return ok && x.Exports(name)
}

func expansionCap(f Filter, input int) int {
	factor := float64(Factor)
	if e, ok := f.(expanding); ok {
		factor = e.factor
	}
	return int(factor*float64(input)) + Slack
}

type filteringKey struct{}

// Filtering reports whether ctx is that of a filter call made by a chain.
// A host function uses it to tell a filter guest's call from a tool's: a
// filter's log text may hold what it was given to redact, and must not be
// sent through the chain that is calling it.
func Filtering(ctx context.Context) bool {
	return ctx.Value(filteringKey{}) != nil
}

func withFiltering(ctx context.Context) context.Context {
	return context.WithValue(ctx, filteringKey{}, true)
}

package progress_test

import (
	"context"
	"testing"

	"github.com/dockmcp/dockmcp/hostfuncs/progress"
)

func TestNoReporterIgnoresUpdates(t *testing.T) {
	progress.From(context.Background()).Report(progress.Update{Progress: 1}, true)
}

func TestProgressAlwaysRises(t *testing.T) {
	var got []float64
	ctx := progress.With(context.Background(), func(u progress.Update) {
		got = append(got, u.Progress)
	})
	r := progress.From(ctx)
	for _, p := range []float64{10, 5, 5, 20} {
		r.Report(progress.Update{Progress: p, Total: 100}, true)
	}
	want := []float64{10, 11, 12, 20}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestUpdatesAreThrottled(t *testing.T) {
	n := 0
	r := progress.From(progress.With(context.Background(), func(progress.Update) { n++ }))
	for i := range 1000 {
		r.Report(progress.Update{Progress: float64(i + 1)}, false)
	}
	if n != 1 {
		t.Fatalf("%d updates sent in a burst, want 1", n)
	}
}

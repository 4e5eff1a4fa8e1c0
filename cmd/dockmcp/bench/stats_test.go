package bench

import (
	"fmt"
	"io"
	"slices"
	"testing"
	"text/tabwriter"
	"time"
)

// samples are the latencies of one measurement.
type samples []time.Duration

// quantile returns the q-quantile (nearest rank) of s, or 0 when s is
// empty.
func (s samples) quantile(q float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	sorted := slices.Clone(s)
	slices.Sort(sorted)
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func (s samples) median() time.Duration { return s.quantile(0.5) }

// report adds the median in milliseconds to b's results as unit.
func (s samples) report(b *testing.B, unit string) {
	b.ReportMetric(ms(s.median()), unit)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// summary collects the figures of BenchmarkServe for its closing table.
type summary struct {
	rows  []row
	ratio float64
}

type row struct {
	name   string
	target time.Duration // 0: none
	s      samples
}

// put records the figures of name, replacing those of an earlier run.
func (m *summary) put(name string, target time.Duration, s samples) {
	for i := range m.rows {
		if m.rows[i].name == name {
			m.rows[i] = row{name, target, s}
			return
		}
	}
	m.rows = append(m.rows, row{name, target, s})
}

func (m *summary) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "measurement\tcalls\tmedian ms\tp90 ms\tmax ms\ttarget")
	for _, r := range m.rows {
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.2f\t%.2f\t%s\n", r.name, len(r.s),
			ms(r.s.median()), ms(r.s.quantile(0.9)), ms(r.s.quantile(1)),
			verdict(r.target, r.s.median()))
	}
	if m.ratio > 0 {
		v := fmt.Sprintf("meets ≤ %.2f", ratioTarget)
		if m.ratio > ratioTarget {
			v = fmt.Sprintf("MISSES ≤ %.2f", ratioTarget)
		}
		fmt.Fprintf(tw, "ratio list / (noop + SDK)\t\t%.2f\t\t\t%s\n", m.ratio, v)
	}
	_ = tw.Flush()
}

func verdict(target, got time.Duration) string {
	switch {
	case target == 0:
		return ""
	case got <= target:
		return fmt.Sprintf("meets ≤ %v", target)
	}
	return fmt.Sprintf("MISSES ≤ %v", target)
}

package docker

import (
	"context"
	"fmt"
	"strings"

	"github.com/docker/go-units"
	"github.com/moby/moby/api/types/jsonstream"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/progress"
)

// streamError is a failure the daemon reported inside an HTTP 200 progress
// stream (moby#42126): the request succeeded, the pull or push did not.
type streamError struct{ e *jsonstream.Error }

func (s *streamError) Error() string { return s.e.Message }

// layer is one layer's state in a pull or push stream.
type layer struct {
	current, total int64
	done           bool
}

// tracker reads a pull or push progress stream, turning an error message
// into an error and layer updates into progress reports.
type tracker struct {
	verb     string
	reporter *progress.Reporter
	layers   map[string]*layer
	order    []string
	status   string
	digest   string
}

// Statuses the daemon gives layers, by whether the layer is done.
var layerStatus = map[string]bool{
	"Pulling fs layer": false, "Waiting": false, "Downloading": false,
	"Verifying Checksum": false, "Download complete": false, "Extracting": false,
	"Preparing": false, "Pushing": false,
	"Pull complete": true, "Already exists": true, "Pushed": true,
	"Layer already exists": true,
}

// read consumes the stream until it ends, ctx ends or a message carries an
// error.
func (t *tracker) read(ctx context.Context, s streamer) error {
	for msg, err := range s.JSONMessages(ctx) {
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("%s stream: %w", t.verb, ctx.Err())
			}
			return fmt.Errorf("%s stream: %w", t.verb, err)
		}
		if msg.Error != nil {
			return &streamError{e: msg.Error}
		}
		t.update(msg)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s stream: %w", t.verb, err)
	}
	t.report(true)
	return nil
}

func (t *tracker) update(msg jsonstream.Message) {
	if d := digestIn(msg.Status); d != "" {
		t.digest = d
	}
	done, isLayer := layerStatus[msg.Status]
	if strings.HasPrefix(msg.Status, "Mounted from") {
		done, isLayer = true, true
	}
	if !isLayer || msg.ID == "" {
		if msg.Status != "" {
			t.status = msg.Status
		}
		return
	}
	l := t.layers[msg.ID]
	if l == nil {
		l = &layer{}
		t.layers[msg.ID] = l
		t.order = append(t.order, msg.ID)
	}
	if p := msg.Progress; p != nil && p.Total > 0 {
		l.current, l.total = max(l.current, p.Current), max(l.total, p.Total)
	}
	finished := done && !l.done
	if finished {
		l.done = true
		l.current = max(l.current, l.total)
	}
	t.report(finished)
}

// digestIn finds the digest in "Digest: sha256:…" (pull) or
// "TAG: digest: sha256:… size: N" (push).
func digestIn(status string) string {
	i := strings.Index(status, "sha256:")
	if i < 0 || !strings.Contains(strings.ToLower(status), "digest: ") {
		return ""
	}
	d, _, _ := strings.Cut(status[i:], " ")
	return d
}

func (t *tracker) totals() (done int, current, total int64) {
	for _, l := range t.layers {
		if l.done {
			done++
		}
		current += l.current
		total += l.total
	}
	return done, current, total
}

func (t *tracker) report(force bool) {
	done, current, total := t.totals()
	msg := fmt.Sprintf("%s: %d of %d layers done, %s", t.verb, done, len(t.layers),
		units.HumanSize(float64(current)))
	if total > 0 {
		msg += " of " + units.HumanSize(float64(total))
	}
	t.reporter.Report(progress.Update{
		Progress: float64(current), Total: float64(total), Message: msg,
	}, force)
}

func (t *tracker) result() dockerapi.TransferResult {
	_, current, _ := t.totals()
	return dockerapi.TransferResult{
		Status: t.status, Digest: t.digest, Layers: len(t.layers), Bytes: current,
	}
}

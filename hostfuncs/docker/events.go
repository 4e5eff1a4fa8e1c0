package docker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/moby/moby/api/types/events"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

// Limits of system_events.
const (
	MaxEvents      = 1000 // events per call, and the default
	MaxEventsWait  = 30   // seconds the call may wait for future events
	eventsReadTime = 20 * time.Second
)

// Events reads the daemon's events from Since to Until (GET /events) and
// returns them, oldest first. It never streams: Until defaults to now, an
// Until in the future is cut to now plus WaitSeconds, and the read stops
// at MaxEvents (Truncated set) or when ctx ends. The SDK's message channel
// is never closed, so every read is bounded by a context of its own.
//
// Errors: CodeInvalid for a missing or bad since, a bad until, until
// before since, WaitSeconds outside [0, MaxEventsWait], MaxEvents outside
// [0, MaxEvents] or a filter the daemon refuses; CodeTimeout when ctx
// ends; CodeUnavailable, CodeDaemon.
func (o *Ops) Events(
	ctx context.Context, req dockerapi.EventsRequest,
) (dockerapi.EventsResult, error) {
	since, until, limit, err := eventsWindow(req, time.Now())
	if err != nil {
		return dockerapi.EventsResult{}, err
	}
	// The daemon ends the stream at until; the deadline is a backstop.
	read, cancel := context.WithDeadline(ctx, until.Add(eventsReadTime))
	defer cancel()
	stream := o.cli.Events(read, client.EventsListOptions{
		Since: unixText(since), Until: unixText(until), Filters: filtersOf(req.Filters),
	})
	res := dockerapi.EventsResult{
		Since: since.UTC().Format(time.RFC3339Nano), Until: until.UTC().Format(time.RFC3339Nano),
		Events: []dockerapi.Event{},
	}
	for {
		select {
		case m := <-stream.Messages:
			res.Events = append(res.Events, event(m))
			if len(res.Events) >= limit {
				res.Truncated = true
				return res, nil // cancel ends the SDK's goroutine
			}
		case err := <-stream.Err:
			// The error channel yields one value, then is closed.
			return res, o.endOfEvents(ctx, err)
		}
	}
}

// endOfEvents tells the normal end of an events stream from a failure.
func (o *Ops) endOfEvents(ctx context.Context, err error) error {
	switch {
	case err == nil, errors.Is(err, io.EOF):
		return nil
	case ctx.Err() != nil:
		return o.fail(ctx.Err())
	case errors.Is(err, context.DeadlineExceeded):
		return nil // the backstop: keep what came
	}
	return o.fail(err)
}

// eventsWindow checks req against now and returns the window to read and
// the event cap.
func eventsWindow(req dockerapi.EventsRequest, now time.Time) (
	since, until time.Time, limit int, err error) {
	if req.WaitSeconds < 0 || req.WaitSeconds > MaxEventsWait {
		return since, until, 0, invalid("waitSeconds", "must be 0 to %d, such as 5",
			MaxEventsWait)
	}
	if req.MaxEvents < 0 || req.MaxEvents > MaxEvents {
		return since, until, 0, invalid("maxEvents", "must be 0 to %d, such as 100", MaxEvents)
	}
	for key := range req.Filters {
		if !slices.Contains(eventFilters, key) {
			return since, until, 0, invalid("filters", "unknown filter %q; use %s, "+
				"such as {\"type\": [\"volume\"]}", key, strings.Join(eventFilters, ", "))
		}
	}
	if strings.TrimSpace(req.Since) == "" {
		return since, until, 0, invalid("since", "is required: %s", timeForms)
	}
	if since, err = parseTime("since", req.Since, now); err != nil {
		return since, until, 0, err
	}
	until = now
	if req.Until != "" {
		if until, err = parseTime("until", req.Until, now); err != nil {
			return since, until, 0, err
		}
	}
	if limit := now.Add(time.Duration(req.WaitSeconds) * time.Second); until.After(limit) {
		until = limit
	}
	if until.Before(since) {
		return since, until, 0, invalid("until", "%s is before since %s",
			until.UTC().Format(time.RFC3339), since.UTC().Format(time.RFC3339))
	}
	return since, until, cmp.Or(req.MaxEvents, MaxEvents), nil
}

// eventFilters are the filter keys of GET /events. Older daemons ignore an
// unknown key, so the host checks them itself.
var eventFilters = []string{"config", "container", "daemon", "event", "image", "label",
	"network", "node", "plugin", "scope", "secret", "service", "type", "volume"}

const timeForms = `give a timestamp such as "2024-05-01T12:00:00Z", Unix seconds ` +
	`such as "1714564800", or a duration before now such as "10m"`

// parseTime reads a timestamp: RFC 3339 (with or without a zone, UTC when
// absent), a date, Unix seconds with an optional fraction, or a Go
// duration counted back from now.
func parseTime(field, s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if d, err := time.ParseDuration(s); err == nil && s != "0" {
		if d < 0 {
			return time.Time{}, invalid(field, "%q: a duration counts back from now and "+
				"must be positive; %s", s, timeForms)
		}
		return now.Add(-d), nil
	}
	if sec, nsec, ok := unixSeconds(s); ok {
		return time.Unix(sec, nsec), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999",
		"2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, invalid(field, "%q is not a time; %s", s, timeForms)
}

// unixSeconds reads "SECONDS[.FRACTION]" exactly, to the nanosecond.
func unixSeconds(s string) (sec, nsec int64, ok bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if !digits(whole) || (frac != "" && !digits(frac)) {
		return 0, 0, false
	}
	sec, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	nsec, _ = strconv.ParseInt((frac + "000000000")[:9], 10, 64)
	return sec, nsec, true
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func unixText(t time.Time) string { return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond()) }

func event(m events.Message) dockerapi.Event {
	t := time.Unix(m.Time, 0)
	if m.TimeNano != 0 {
		t = time.Unix(0, m.TimeNano)
	}
	return dockerapi.Event{
		Time: t.UTC().Format(time.RFC3339Nano), Type: string(m.Type), Action: string(m.Action),
		ActorID: m.Actor.ID, Scope: m.Scope, Attributes: mapOrEmpty(m.Actor.Attributes),
	}
}

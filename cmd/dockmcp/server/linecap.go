package server

import (
	"bytes"
	"io"
	"log/slog"
)

// lineCap passes a stream of lines through, but cuts any line longer than
// max: it passes the first max bytes, then a newline, and drops the rest up
// to and including the line's own newline. The transport reads whole lines
// without a bound, so this is what keeps an oversized message from being
// buffered; the cut line is not valid JSON and is answered as a parse error.
type lineCap struct {
	r       io.Reader
	max     int
	logger  *slog.Logger
	n       int  // bytes of the current line passed so far
	cutting bool // dropping the rest of an oversized line
	pending []byte
	buf     []byte
}

func newLineCap(r io.Reader, max int, logger *slog.Logger) *lineCap {
	return &lineCap{r: r, max: max, logger: logger, buf: make([]byte, 64<<10)}
}

func (c *lineCap) Read(p []byte) (int, error) {
	for len(c.pending) == 0 {
		n, err := c.r.Read(c.buf)
		c.pending = c.filter(c.buf[:n], c.pending[:0])
		if err != nil && len(c.pending) == 0 {
			return 0, err
		}
		if err != nil {
			break // deliver what is left; the error comes back next time
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// filter appends to out what of in may pass.
func (c *lineCap) filter(in, out []byte) []byte {
	for len(in) > 0 {
		i := bytes.IndexByte(in, '\n')
		chunk := in
		if i >= 0 {
			chunk = in[:i]
		}
		if !c.cutting {
			keep := min(len(chunk), c.max-c.n)
			out = append(out, chunk[:keep]...)
			c.n += keep
			if keep < len(chunk) {
				c.cutting = true
				out = append(out, '\n')
				c.logger.Warn("stdin message over the cap cut", "cap", c.max)
			}
		}
		if i < 0 {
			return out
		}
		if !c.cutting {
			out = append(out, '\n')
		}
		c.n, c.cutting = 0, false
		in = in[i+1:]
	}
	return out
}

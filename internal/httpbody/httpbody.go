// Package httpbody reads response bodies whole, once, and never past a
// limit. The typed-error step of the chain (apierror) must see the body
// before the generated client parses it; Replay hands the bytes it read on
// to Read without a second copy.
//
// Memory: a body is read up to its limit (payload.DefaultMaxBytes, 32 MiB,
// unless Limit set another); longer bodies fail with a
// *payload.TooLargeError. The announced Content-Length sizes the first
// buffer up to 1 MiB only; once that much has arrived, the buffer grows in
// one step to the announced length (never past the limit), so a body of
// known length costs at most 1 MiB more than itself. Without a length the
// buffer doubles as bytes arrive. So a server announcing 16 MiB and sending
// one byte costs one buffer of 1 MiB, and any body at most 1 MiB plus twice
// the limit in all (one MiB plus the limit when its length is announced).
package httpbody

import (
	"bytes"
	"io"
	"net/http"

	"github.com/cachesdk/cachesdk/payload"
)

// maxPrealloc bounds what a Content-Length alone can make Read allocate.
const maxPrealloc = 1 << 20

// minBuf is the first buffer when no length is announced (io.ReadAll's).
const minBuf = 512

// maxLimit caps a limit (4 EiB, no body's length) so that the arithmetic
// on it (max-n+1) cannot overflow: math.MaxInt64, "no limit", panicked.
const maxLimit = 1 << 62

// Limit makes rsp's body fail with a *payload.TooLargeError once more than
// max bytes are read from it (max <= 0: payload.DefaultMaxBytes; at most
// 2⁶² bytes), and makes Read use max as its limit. A body already limited
// keeps the smaller limit.
func Limit(rsp *http.Response, max int64) {
	if max <= 0 {
		max = payload.DefaultMaxBytes
	}
	max = min(max, maxLimit)
	if l, ok := rsp.Body.(*limited); ok {
		l.max = min(l.max, max)
		return
	}
	if rsp.Body == nil || rsp.Body == http.NoBody {
		return
	}
	rsp.Body = &limited{r: rsp.Body, max: max}
}

// limited is a body that refuses to yield more than max bytes: reading the
// (max+1)th fails with a TooLargeError.
type limited struct {
	r   io.ReadCloser
	max int64
	n   int64 // bytes read so far
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n > l.max {
		return 0, &payload.TooLargeError{Limit: l.max, Announced: -1}
	}
	if rest := l.max - l.n + 1; int64(len(p)) > rest {
		p = p[:rest] // one byte past the limit tells "exactly max" from "more"
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	if l.n > l.max {
		return k - int(l.n-l.max), &payload.TooLargeError{Limit: l.max, Announced: -1}
	}
	return k, err
}

func (l *limited) Close() error { return l.r.Close() }

// Read returns the whole body of rsp and closes it: the bytes of a Replay
// body as they are, otherwise what the body yields up to its limit (see
// Limit; payload.DefaultMaxBytes when none was set). A body over the limit,
// or a Content-Length announcing one, is a *payload.TooLargeError; a body
// shorter than its Content-Length is io.ErrUnexpectedEOF.
func Read(rsp *http.Response) ([]byte, error) {
	if rsp.Body == nil {
		return nil, nil
	}
	defer func() { _ = rsp.Body.Close() }()
	if r, ok := rsp.Body.(*replay); ok && r.Len() == len(r.b) {
		b := r.b
		r.Reset(nil)
		return b, nil
	}
	body, ok := rsp.Body.(*limited)
	if !ok {
		body = &limited{r: rsp.Body, max: payload.DefaultMaxBytes}
	}
	if rsp.ContentLength > body.max {
		return nil, &payload.TooLargeError{Limit: body.max, Announced: rsp.ContentLength}
	}
	size := int64(minBuf)
	if rsp.ContentLength >= 0 {
		// +1: the read that meets EOF needs room, or the buffer would grow.
		size = min(rsp.ContentLength, maxPrealloc) + 1
	}
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			// Double, but never past what the limit lets arrive (+1 for
			// EOF), and straight to that when doubling would reach it. A
			// body that has sent its first buffer in full grows straight
			// to its announced length (+1 for EOF): a 13 MiB list is then
			// 14 MiB allocated instead of 31 MiB by doubling.
			next := 2 * int64(cap(b))
			if announced := rsp.ContentLength + 1; announced > next {
				next = announced
			}
			if ceiling := body.max - body.n + int64(len(b)) + 1; next >= ceiling-1 {
				next = ceiling
			}
			grown := make([]byte, len(b), max(next, int64(len(b))+1))
			copy(grown, b)
			b = grown
		}
		k, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+k]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if rsp.ContentLength > int64(len(b)) {
		return nil, io.ErrUnexpectedEOF
	}
	return b, nil
}

// Replay returns a body that reads b; Read takes b back from it as it is.
func Replay(b []byte) io.ReadCloser { return &replay{Reader: bytes.NewReader(b), b: b} }

type replay struct {
	*bytes.Reader
	b []byte
}

func (*replay) Close() error { return nil }

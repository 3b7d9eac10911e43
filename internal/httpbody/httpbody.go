// Package httpbody reads response bodies whole, once. The typed-error step
// of the chain (apierror) must see the body before the generated client
// parses it; Replay hands the bytes it read on to Read without a second copy.
package httpbody

import (
	"bytes"
	"io"
	"net/http"
)

// maxPrealloc bounds what a Content-Length alone can make Read allocate.
const maxPrealloc = 64 << 20

// Read returns the whole body of rsp and closes it: the bytes of a Replay
// body as they are, otherwise one buffer of the announced length (io.ReadAll
// grows and copies through several) or, without a length, io.ReadAll.
func Read(rsp *http.Response) ([]byte, error) {
	defer func() { _ = rsp.Body.Close() }()
	if r, ok := rsp.Body.(*replay); ok && r.Len() == len(r.b) {
		b := r.b
		r.Reset(nil)
		return b, nil
	}
	n := rsp.ContentLength
	if n <= 0 || n > maxPrealloc {
		return io.ReadAll(rsp.Body)
	}
	buf := make([]byte, n, n+1)
	if _, err := io.ReadFull(rsp.Body, buf); err != nil {
		return nil, err
	}
	// net/http never yields more than it announced, but a Doer in between
	// might: probe one byte more (into the spare capacity) and read on
	// rather than cut a body off silently.
	k, err := rsp.Body.Read(buf[n : n+1])
	switch {
	case k == 0 && (err == nil || err == io.EOF):
		return buf, nil
	case err != nil && err != io.EOF:
		return nil, err
	}
	rest, err := io.ReadAll(rsp.Body)
	if err != nil {
		return nil, err
	}
	return append(buf[:n+1], rest...), nil
}

// Replay returns a body that reads b; Read takes b back from it as it is.
func Replay(b []byte) io.ReadCloser { return &replay{Reader: bytes.NewReader(b), b: b} }

type replay struct {
	*bytes.Reader
	b []byte
}

func (*replay) Close() error { return nil }

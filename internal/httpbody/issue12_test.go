package httpbody_test

// Issue 12 item 6: bodies are bounded while reading, and a Content-Length
// is trusted for preallocation only up to 1 MiB.

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/httpbody"
	"github.com/cachesdk/cachesdk/payload"
)

func limited(body io.Reader, length, limit int64) *http.Response {
	rsp := &http.Response{ContentLength: length, Body: io.NopCloser(body)}
	httpbody.Limit(rsp, limit)
	return rsp
}

func TestIssue12LimitIsExact(t *testing.T) {
	for _, length := range []int64{-1, 10} {
		got, err := httpbody.Read(limited(strings.NewReader("0123456789"), length, 10))
		require.NoError(t, err)
		require.Equal(t, "0123456789", string(got))

		_, err = httpbody.Read(limited(strings.NewReader("0123456789A"), -1, 10))
		var tl *payload.TooLargeError
		require.ErrorAs(t, err, &tl)
		require.Equal(t, int64(10), tl.Limit)
		require.Equal(t, int64(-1), tl.Announced)
		require.Equal(t, "response body exceeds the limit of 10 bytes (MaxResponseBytes)", err.Error())
	}
}

func TestIssue12AnnouncedLengthOverTheLimitIsRefusedUnread(t *testing.T) {
	src := strings.NewReader("x")
	_, err := httpbody.Read(limited(src, 64<<20, 32<<20))
	var tl *payload.TooLargeError
	require.ErrorAs(t, err, &tl)
	require.Equal(t, int64(64<<20), tl.Announced)
	require.Equal(t, "response body exceeds the limit of 32 MiB (MaxResponseBytes): Content-Length 67108864", err.Error())
	require.Equal(t, 1, src.Len(), "nothing read")
}

// Without Limit, Read applies payload.DefaultMaxBytes.
func TestIssue12DefaultLimit(t *testing.T) {
	rsp := &http.Response{ContentLength: -1, Body: io.NopCloser(io.LimitReader(zeros{}, payload.DefaultMaxBytes+1))}
	_, err := httpbody.Read(rsp)
	var tl *payload.TooLargeError
	require.ErrorAs(t, err, &tl)
	require.Equal(t, payload.DefaultMaxBytes, tl.Limit)
}

// The body itself refuses to yield more, for readers other than Read.
func TestIssue12LimitedBodyRefusesToReadOn(t *testing.T) {
	rsp := limited(strings.NewReader("0123456789"), -1, 4)
	got, err := io.ReadAll(rsp.Body)
	require.Equal(t, "0123", string(got))
	require.True(t, errors.As(err, new(*payload.TooLargeError)))
	httpbody.Limit(rsp, 100)
	_, err = rsp.Body.Read(make([]byte, 8))
	require.True(t, errors.As(err, new(*payload.TooLargeError)), "a second Limit keeps the smaller one")
}

func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Announcing 16 MiB (under the limit) and sending one byte costs one buffer
// of at most 1 MiB, not 16 MiB.
func TestIssue12PreallocationIsCapped(t *testing.T) {
	n := allocated(func() {
		_, err := httpbody.Read(limited(strings.NewReader("x"), 16<<20, 32<<20))
		require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	})
	require.Less(t, n, uint64(2<<20))
}

// Growing to the limit costs at most about twice the limit in all.
func TestIssue12GrowthIsBounded(t *testing.T) {
	const limit = 8 << 20
	n := allocated(func() {
		_, err := httpbody.Read(limited(zeros{}, -1, limit))
		require.True(t, errors.As(err, new(*payload.TooLargeError)))
	})
	require.Less(t, n, uint64(2*limit+(1<<20)))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// FuzzRead: whatever the body, the announced length and the limit, Read
// returns at most the limit, exactly the body when it fits and was announced
// truthfully (or not at all), and a *payload.TooLargeError when it does not fit.
func FuzzRead(f *testing.F) {
	f.Add([]byte("hello"), int64(5), int64(5))
	f.Fuzz(func(t *testing.T, body []byte, announced, limit int64) {
		limit = 1 + (limit&0x7fffffff)%64
		if announced < -1 {
			announced = -1
		}
		got, err := httpbody.Read(limited(bytes.NewReader(body), announced, limit))
		if int64(len(got)) > limit {
			t.Fatalf("read %d bytes past the limit %d", len(got), limit)
		}
		fits := int64(len(body)) <= limit
		truthful := announced == -1 || announced <= int64(len(body))
		switch {
		case fits && truthful && announced <= limit:
			if err != nil || !bytes.Equal(got, body) {
				t.Fatalf("body %q (announced %d, limit %d): got %q, %v", body, announced, limit, got, err)
			}
		case !fits || announced > limit:
			if !errors.As(err, new(*payload.TooLargeError)) {
				t.Fatalf("body of %d (announced %d) over the limit %d: %v", len(body), announced, limit, err)
			}
		default: // announced more than sent, under the limit
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("short body: %v", err)
			}
		}
	})
}

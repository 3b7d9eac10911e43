package httpbody_test

// Review of issue 15 item 3 (the body buffer and its bounds): a limit of
// math.MaxInt64 (Config.MaxResponseBytes meaning "no limit") overflowed
// max-n+1 in the limited reader: a slice-bounds panic on the first read.

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/httpbody"
)

func TestIssue15ReviewHugeLimitReadsTheBody(t *testing.T) {
	body := bytes.Repeat([]byte("y"), 3<<20)
	for _, cl := range []int64{-1, int64(len(body))} {
		rsp := &http.Response{ContentLength: cl, Body: io.NopCloser(bytes.NewReader(body))}
		httpbody.Limit(rsp, math.MaxInt64)
		var got []byte
		var err error
		require.NotPanics(t, func() { got, err = httpbody.Read(rsp) }, "Content-Length %d", cl)
		require.NoError(t, err)
		require.Equal(t, body, got)
	}
}

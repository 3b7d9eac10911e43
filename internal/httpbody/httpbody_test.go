package httpbody_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/httpbody"
)

type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestReadWithAndWithoutLength(t *testing.T) {
	for _, tc := range []struct {
		name   string
		length int64
		body   string
	}{
		{"exact", 5, "hello"},
		{"unknown", -1, "hello"},
		{"empty", 0, ""},
		{"longer than announced", 3, "hello"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &closeCounter{Reader: strings.NewReader(tc.body)}
			got, err := httpbody.Read(&http.Response{ContentLength: tc.length, Body: body})
			require.NoError(t, err)
			require.Equal(t, tc.body, string(got))
			require.Equal(t, 1, body.closed)
		})
	}
}

func TestReadShortBodyIsAnError(t *testing.T) {
	_, err := httpbody.Read(&http.Response{ContentLength: 10, Body: io.NopCloser(strings.NewReader("short"))})
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("reset") }

func TestReadErrorIsReturned(t *testing.T) {
	_, err := httpbody.Read(&http.Response{ContentLength: -1, Body: io.NopCloser(failing{})})
	require.EqualError(t, err, "reset")
}

func TestReplayIsHandedBackWithoutACopy(t *testing.T) {
	b := []byte(`{"a":1}`)
	got, err := httpbody.Read(&http.Response{ContentLength: int64(len(b)), Body: httpbody.Replay(b)})
	require.NoError(t, err)
	require.Equal(t, b, got)
	require.Same(t, &b[0], &got[0])
}

func TestPartlyReadReplayReadsTheRest(t *testing.T) {
	body := httpbody.Replay([]byte("abcdef"))
	head := make([]byte, 2)
	_, err := io.ReadFull(body, head)
	require.NoError(t, err)
	got, err := httpbody.Read(&http.Response{ContentLength: -1, Body: body})
	require.NoError(t, err)
	require.Equal(t, "cdef", string(got))
	require.True(t, bytes.Equal(head, []byte("ab")))
}

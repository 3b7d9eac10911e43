package signer_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/signer"
)

// counting sets a fresh X-Sig on every signing, replacing the last one.
func counting() (signer.Signer, *int) {
	n := 0
	return signer.Func(func(r *http.Request) error {
		n++
		r.Header.Set("X-Sig", fmt.Sprint("sig-", n))
		return nil
	}), &n
}

func TestTransportSignsACloneEveryTime(t *testing.T) {
	var seen []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("X-Sig"))
	}))
	defer ts.Close()
	s, n := counting()
	tr, err := signer.Transport(s, ts.URL, nil)
	require.NoError(t, err)
	c := &http.Client{Transport: tr}
	req, _ := http.NewRequest(http.MethodGet, ts.URL, nil)
	for range 2 {
		resp, err := c.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
	}
	require.Equal(t, []string{"sig-1", "sig-2"}, seen, "a request sent again is signed again")
	require.Equal(t, 2, *n)
	require.Empty(t, req.Header.Get("X-Sig"), "the caller's request is not modified")
}

func TestTransportRefusesWhatItCannotSign(t *testing.T) {
	bad := signer.Func(func(*http.Request) error { return fmt.Errorf("no action") })
	body := &closeRecorder{Reader: strings.NewReader("{}")}
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/", body)
	tr, err := signer.Transport(bad, "http://127.0.0.1:1", nil)
	require.NoError(t, err)
	_, err = tr.RoundTrip(req)
	require.ErrorContains(t, err, "no action")
	require.True(t, body.closed, "the body is closed even on error")
}

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

func TestMiddlewareAndEditor(t *testing.T) {
	s, _ := counting()
	var got string
	d := doer.Chain(doer.Func(func(r *http.Request) (*http.Response, error) {
		got = r.Header.Get("X-Sig")
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	}), signer.Middleware(s))
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	_, err := d.Do(req)
	require.NoError(t, err)
	require.Equal(t, "sig-1", got)

	req, _ = http.NewRequest(http.MethodGet, "https://h/", nil)
	require.NoError(t, signer.Editor(s)(context.Background(), req))
	require.Equal(t, "sig-2", req.Header.Get("X-Sig"))
}

func TestBodyLeavesTheRequestSendable(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "https://h/", io.NopCloser(strings.NewReader(`{"a":1}`)))
	require.Nil(t, req.GetBody, "a plain ReadCloser has no GetBody")
	b, err := signer.Body(req)
	require.NoError(t, err)
	require.Equal(t, `{"a":1}`, string(b))
	again, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	require.Equal(t, `{"a":1}`, string(again))
	require.NotNil(t, req.GetBody)
}

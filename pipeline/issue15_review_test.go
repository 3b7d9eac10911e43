package pipeline

// Review of issue 15 item 4: a client without Jar or Timeout is bypassed
// and its Transport called directly; what http.Client.Do did for such a
// client (net/http/client.go, send and do) must still happen.

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A request without URL (a middleware's mistake) is a *url.Error, as
// http.Client reports it, not a nil-pointer panic.
func TestIssue15ReviewNilURLIsAnError(t *testing.T) {
	req := &http.Request{Method: http.MethodGet, Header: http.Header{}}
	var err error
	require.NotPanics(t, func() { _, err = Send(&http.Client{}).Do(req) })
	var ue *url.Error
	require.True(t, errors.As(err, &ue), "%T %v", err, err)
	require.Contains(t, err.Error(), "nil Request.URL")
}

// A client with no Transport sends with http.DefaultTransport as it is at
// the call, as http.Client does (test helpers such as httpmock swap it),
// not as it was when the SDK client was built.
func TestIssue15ReviewNilTransportIsResolvedAtEachCall(t *testing.T) {
	d := Send(&http.Client{}) // e.g. http.DefaultClient
	saved := http.DefaultTransport
	defer func() { http.DefaultTransport = saved }()
	called := false
	http.DefaultTransport = rtFunc(func(r *http.Request) (*http.Response, error) {
		called = true
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: r}, nil
	})
	req, err := http.NewRequest(http.MethodGet, "http://127.0.0.1:1/x", nil)
	require.NoError(t, err)
	resp, err := d.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.True(t, called, "the DefaultTransport of the call")
}

// https:// to a plain HTTP server: http.Client's clear error
// (http.ErrSchemeMismatch), not the TLS record error.
func TestIssue15ReviewSchemeMismatchAsHTTPClient(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer ts.Close()
	req, err := http.NewRequest(http.MethodGet, "https://"+ts.Listener.Addr().String()+"/", nil)
	require.NoError(t, err)
	_, err = Send(&http.Client{}).Do(req)
	require.ErrorIs(t, err, http.ErrSchemeMismatch)
}

// A URL with user info gets http.Client's Basic Authorization (unless the
// request has one), on a copy of the request.
func TestIssue15ReviewUserInfoIsBasicAuthAsHTTPClient(t *testing.T) {
	var got string
	d := Send(&http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		got = r.Header.Get("Authorization")
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: r}, nil
	})})
	req, err := http.NewRequest(http.MethodGet, "http://u:p@127.0.0.1:1/x", nil)
	require.NoError(t, err)
	_, err = d.Do(req)
	require.NoError(t, err)
	require.Equal(t, "Basic dTpw", got)
	require.Empty(t, req.Header.Get("Authorization"), "the caller's request is not changed")
}

// A RoundTripper's response with no Body but a Content-Length is refused
// as http.Client refuses it (it would read as an empty body).
func TestIssue15ReviewNilBodyWithLengthIsAnError(t *testing.T) {
	d := Send(&http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, ContentLength: 10, Request: r}, nil
	})})
	req, err := http.NewRequest(http.MethodGet, "http://127.0.0.1:1/x", nil)
	require.NoError(t, err)
	_, err = d.Do(req)
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "nil Body"), "%v", err)
}

// A nil *http.Client (a typed nil in Config.HTTPClient) is DefaultHTTPClient,
// as a nil Doer is; it panicked at the first call (http.Client.Do on nil).
func TestIssue15ReviewNilHTTPClientIsTheDefault(t *testing.T) {
	var hc *http.Client
	d := Send(hc)
	_, direct := sender(hc).(roundTrip)
	require.True(t, direct, "sent as DefaultHTTPClient is")
	req, err := http.NewRequest(http.MethodGet, "http://127.0.0.1:1/x", nil)
	require.NoError(t, err)
	require.NotPanics(t, func() { _, err = d.Do(req) })
	require.Error(t, err, "nothing listens on port 1")
}

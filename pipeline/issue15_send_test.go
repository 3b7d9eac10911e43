package pipeline

// Issue 15 item 4: a client without Jar or Timeout sends through its
// Transport directly (http.Client only copied headers for redirects it will
// never follow); a client with either still sends through http.Client.

import (
	"context"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestIssue15PlainClientSendsThroughItsTransport(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("session"); err == nil {
			w.Header().Set("X-Cookie", c.Value)
		}
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1"})
		w.WriteHeader(http.StatusNoContent)
	}))
	defer ts.Close()

	_, direct := sender(&http.Client{Transport: ts.Client().Transport}).(roundTrip)
	require.True(t, direct, "no Jar, no Timeout: the Transport is called directly")
	_, direct = sender(DefaultHTTPClient).(roundTrip)
	require.True(t, direct, "DefaultHTTPClient")
	_, direct = sender(&http.Client{Timeout: time.Minute}).(roundTrip)
	require.False(t, direct, "a Timeout is http.Client's to enforce")

	// A Jar is honoured: the second call carries the cookie of the first.
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	d := Send(&http.Client{Jar: jar})
	for i, want := range []string{"", "s1"} {
		req, err := http.NewRequest(http.MethodGet, ts.URL, nil)
		require.NoError(t, err)
		resp, err := d.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, want, resp.Header.Get("X-Cookie"), "call %d", i)
		require.NotNil(t, resp.Body)
	}
}

// A direct send fails as http.Client does: a *url.Error naming the method
// and the URL without its password, the cause kept for errors.Is.
func TestIssue15DirectSendErrorsAreURLErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://user:pw@127.0.0.1:1/x", nil)
	require.NoError(t, err)
	_, err = Send(nil).Do(req)
	var ue *url.Error
	require.True(t, errors.As(err, &ue), "%#v", err)
	require.Equal(t, "Post", ue.Op)
	require.NotContains(t, err.Error(), "pw")
	require.ErrorIs(t, err, context.Canceled)

	// A RoundTripper returning neither a response nor an error.
	_, err = roundTrip{rtFunc(func(*http.Request) (*http.Response, error) { return nil, nil })}.Do(req)
	require.ErrorIs(t, err, errNilResponse)
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

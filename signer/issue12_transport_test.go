package signer_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/hostile"
	"github.com/cachesdk/cachesdk/origin"
	"github.com/cachesdk/cachesdk/signer"
)

// Issue 12.2: signer.Transport is not a signing oracle. A 302 whose Location
// names another action on the same origin is neither signed nor sent; a
// redirect to another origin sends nothing there; a request for another
// origin than the endpoint is refused unsigned.
func TestIssue12TransportSignsNoRedirect(t *testing.T) {
	bystander := hostile.New(t, nil)
	for name, location := range map[string]string{
		"same origin":  "/?Action=DeleteURedisGroup&GroupId=g-victim",
		"other origin": "", // set below
	} {
		t.Run(name, func(t *testing.T) {
			srv := hostile.New(t, nil)
			if location == "" {
				location = bystander.URL + "/?Action=DeleteURedisGroup&GroupId=g-victim"
			}
			srv.Handle(func(_ int, w http.ResponseWriter, _ *http.Request) { hostile.Redirect(w, http.StatusFound, location) })
			signings := 0
			s := signer.Func(func(r *http.Request) error {
				signings++
				r.Header.Set("X-Sig", "sig")
				return nil
			})
			tr, err := signer.Transport(s, srv.URL, nil)
			require.NoError(t, err)
			c := &http.Client{Transport: tr} // follows redirects, as a caller's client does
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/?Action=DescribeURedisGroup", nil)
			resp, err := c.Do(req)
			if resp != nil {
				resp.Body.Close()
			}
			var re *origin.RedirectError
			require.True(t, errors.As(err, &re), "got %v", err)
			require.Equal(t, http.StatusFound, re.StatusCode)
			require.Equal(t, 1, signings, "only the caller's own request is signed")
			require.Equal(t, 1, srv.Count())
			require.Equal(t, 0, bystander.Count())
			for _, r := range srv.Requests() {
				require.NotContains(t, r.URI, "DeleteURedisGroup")
			}
		})
	}
}

func TestIssue12TransportSignsOnlyForItsEndpoint(t *testing.T) {
	srv := hostile.New(t, nil)
	other := hostile.New(t, nil)
	signings := 0
	s := signer.Func(func(r *http.Request) error { signings++; return nil })
	tr, err := signer.Transport(s, srv.URL+"/some/base/path", nil)
	require.NoError(t, err)
	c := &http.Client{Transport: tr}

	resp, err := c.Get(srv.URL + "/any/path?x=1")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 1, signings, "any path of the endpoint's origin is signed")

	for _, u := range []string{other.URL + "/", "http://localhost:" + strings.TrimPrefix(srv.URL, "http://127.0.0.1:") + "/", "https://" + srv.Host() + "/"} {
		_, err = c.Get(u)
		var me *origin.MismatchError
		require.True(t, errors.As(err, &me), "%s: got %v", u, err)
		require.Equal(t, "http://"+srv.Host(), me.Endpoint)
	}
	require.Equal(t, 1, signings)
	require.Equal(t, 0, other.Count())
}

func TestIssue12TransportNeedsAnAbsoluteEndpoint(t *testing.T) {
	s := signer.Func(func(*http.Request) error { return nil })
	for _, ep := range []string{"", "127.0.0.1:1234", "://bad", "/path"} {
		_, err := signer.Transport(s, ep, nil)
		require.ErrorContains(t, err, "endpoint", "%q", ep)
	}
	_, err := signer.Transport(nil, "https://h", nil)
	require.ErrorContains(t, err, "Signer")
}

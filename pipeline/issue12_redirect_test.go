package pipeline_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/hostile"
	"github.com/cachesdk/cachesdk/origin"
	"github.com/cachesdk/cachesdk/pipeline"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/signer"
)

const marker = "SECRET-MARKER-12"

// leaky signs the way the vendors do: a signed query (CapitalOnline,
// UCloud) and credential headers (Huawei), all carrying marker.
var leaky = signer.Func(func(r *http.Request) error {
	q := r.URL.Query()
	q.Set("AccessKeyId", marker+"-ak")
	q.Set("PublicKey", marker+"-pk")
	q.Set("SecurityToken", marker+"-st")
	q.Set("Signature", marker+"-sig")
	r.URL.RawQuery = q.Encode()
	r.Header.Set("X-Auth-Token", marker+"-token")
	r.Header.Set("X-Security-Token", marker+"-sectoken")
	r.Header.Set("Authorization", "SDK-HMAC-SHA256 Access="+marker+"-ak, SignedHeaders=host, Signature="+marker+"-hsig")
	return nil
})

func chain(send doer.Doer) doer.Doer {
	d, err := pipeline.New(pipeline.Config{
		Send:   send,
		Retry:  &retry.Policy{MaxAttempts: 1},
		Signer: leaky,
		Errors: apierror.Status{Vendor: "v", CodeField: "error_code", MessageField: "error_msg"},
	})
	if err != nil {
		panic(err) // a fixed, valid policy
	}
	return d
}

// Issue 12.1: a redirect of any code, to another host, to the same IP on
// another port, or to the same origin, is refused: nothing reaches its
// target, the call fails with an *origin.RedirectError naming the status and
// the target's origin only, for the default client and for a caller's own
// *http.Client (even one whose CheckRedirect follows everything).
func TestIssue12RedirectsAreRefused(t *testing.T) {
	bystander := hostile.New(t, nil)
	srv := hostile.New(t, nil)
	// followAll follows like a permissive caller's client (bounded, so that
	// a same-origin loop ends before the fix too).
	followAll := func(_ *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return errors.New("enough")
		}
		return nil
	}
	clients := map[string]func() doer.Doer{
		"default":           func() doer.Doer { return nil },
		"caller's client":   func() doer.Doer { return &http.Client{} },
		"follows all":       func() doer.Doer { return &http.Client{CheckRedirect: followAll} },
		"DefaultHTTPClient": func() doer.Doer { return pipeline.DefaultHTTPClient },
	}
	targets := map[string]struct{ location, origin string }{
		"same IP, other port": {bystander.URL + "/steal?Action=DeleteURedisGroup&GroupId=g-victim", "http://" + bystander.Host()},
		"other host":          {fmt.Sprintf("http://localhost:%d/steal?x=1", bystander.Port()), fmt.Sprintf("http://localhost:%d", bystander.Port())},
		"same origin":         {"/v2/elsewhere?Action=DeleteURedisGroup&GroupId=g-victim", "http://" + srv.Host()},
	}
	for _, code := range []int{301, 302, 303, 307, 308} {
		for tname, target := range targets {
			for cname, client := range clients {
				for _, method := range []string{http.MethodGet, http.MethodPost} {
					t.Run(fmt.Sprintf("%d/%s/%s/%s", code, tname, cname, method), func(t *testing.T) {
						before, beforeBystander := srv.Count(), bystander.Count()
						srv.Handle(func(_ int, w http.ResponseWriter, _ *http.Request) { hostile.Redirect(w, code, target.location) })
						var body *strings.Reader
						if method == http.MethodPost {
							body = strings.NewReader(`{"password":"` + marker + `-pw"}`)
						}
						req, err := http.NewRequest(method, srv.URL+"/v2/instances", nilIfEmpty(body))
						require.NoError(t, err)
						resp, err := chain(client()).Do(req)
						require.Nil(t, resp)
						var re *origin.RedirectError
						require.True(t, errors.As(err, &re), "a typed redirect error, got %v", err)
						require.Equal(t, code, re.StatusCode)
						require.Equal(t, target.origin, re.Origin)
						require.NotContains(t, err.Error(), "?", "the origin only, never the query")
						require.NotContains(t, err.Error(), "steal")
						require.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), marker)
						require.Equal(t, beforeBystander, bystander.Count(), "nothing reaches another origin")
						require.Equal(t, before+1, srv.Count(), "the redirect is not followed, not even to the same origin")
					})
				}
			}
		}
	}
}

func nilIfEmpty(r *strings.Reader) io.Reader {
	if r == nil {
		return nil
	}
	return r
}

// The caller's client is used through a copy: its own CheckRedirect is left
// as it was.
func TestIssue12CallerClientNotModified(t *testing.T) {
	srv := hostile.New(t, func(_ int, w http.ResponseWriter, _ *http.Request) { hostile.Redirect(w, 302, "/x") })
	follow := func(*http.Request, []*http.Request) error { return nil }
	c := &http.Client{CheckRedirect: follow}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	_, err := chain(c).Do(req)
	var re *origin.RedirectError
	require.ErrorAs(t, err, &re)
	require.NotNil(t, c.CheckRedirect)
	require.Nil(t, c.CheckRedirect(nil, nil), "still the caller's function")
}

// A Doer that is not an *http.Client and follows a redirect itself is
// caught after the fact (its documented contract is not to follow).
func TestIssue12FollowingDoerIsRefused(t *testing.T) {
	bystander := hostile.New(t, nil)
	srv := hostile.New(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		hostile.Redirect(w, 307, bystander.URL+"/x?Signature=abc")
	})
	follows := doer.Func(func(r *http.Request) (*http.Response, error) { return (&http.Client{}).Do(r) })
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	resp, err := chain(follows).Do(req)
	require.Nil(t, resp)
	var re *origin.RedirectError
	require.ErrorAs(t, err, &re)
	require.Equal(t, 307, re.StatusCode)
	require.Equal(t, "http://"+bystander.Host(), re.Origin)
}

// A Doer that breaks its contract (no response, no error) fails the call.
func TestSendNeverReturnsNilNil(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	resp, err := pipeline.Send(doer.Func(func(*http.Request) (*http.Response, error) { return nil, nil })).Do(req)
	require.Nil(t, resp)
	require.ErrorContains(t, err, "neither a response nor an error")
}

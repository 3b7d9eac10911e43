package origin_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/origin"
)

func TestOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://API.ucloud.cn/?Signature=x":        "https://api.ucloud.cn:443",
		"http://u:p@127.0.0.1/path":                 "http://127.0.0.1:80",
		"http://127.0.0.1:8080":                     "http://127.0.0.1:8080",
		"https://[::1]:8443/x":                      "https://[::1]:8443",
		"https://[::1]/x":                           "https://[::1]:443",
		"/relative":                                 "",
		"ftp://h/x":                                 "ftp://h",
		"https://dcs.cn-north-4.myhuaweicloud.com/": "https://dcs.cn-north-4.myhuaweicloud.com:443",
	} {
		u, err := url.Parse(in)
		require.NoError(t, err)
		require.Equal(t, want, origin.Of(u), in)
	}
	require.Empty(t, origin.Of(nil))
}

func TestRedirectError(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "https://api.example/redis?Action=Create&Signature=s", nil)
	for loc, want := range map[string]string{
		"http://evil.example:81/x?Signature=s": "refused redirect: HTTP 307 to http://evil.example:81 (the API never redirects; nothing was sent there)",
		"/other?Action=Delete":                 "refused redirect: HTTP 307 to https://api.example:443 (the API never redirects; nothing was sent there)",
		"":                                     "refused redirect: HTTP 307 without a valid Location (the API never redirects; nothing was sent there)",
		"http://[bad":                          "refused redirect: HTTP 307 without a valid Location (the API never redirects; nothing was sent there)",
	} {
		resp := &http.Response{StatusCode: 307, Header: http.Header{}}
		if loc != "" {
			resp.Header.Set("Location", loc)
		}
		e := origin.NewRedirectError(req, resp)
		require.Equal(t, want, e.Error(), loc)
		require.False(t, e.Retryable())
	}
	for _, s := range []int{301, 302, 303, 307, 308} {
		require.True(t, origin.IsRedirect(s))
	}
	for _, s := range []int{200, 300, 304, 305, 306, 400} {
		require.False(t, origin.IsRedirect(s))
	}
	m := &origin.MismatchError{Origin: "http://a:80", Endpoint: "https://b:443"}
	require.Equal(t, "refused to sign a request for http://a:80: the signer signs only for https://b:443", m.Error())
}

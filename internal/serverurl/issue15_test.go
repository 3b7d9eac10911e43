package serverurl_test

// Issue 15 item 4: the builders join the operation path to the cached
// server URL and make the request from that URL, without printing and
// parsing; the result must be exactly upstream's.

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/serverurl"
)

func upstream(server, operationPath string) (*url.URL, error) {
	s, err := url.Parse(server)
	if err != nil {
		return nil, err
	}
	if operationPath[0] == '/' {
		operationPath = "." + operationPath
	}
	return s.Parse(operationPath)
}

var (
	servers = []string{
		"https://dcs.cn-north-4.myhuaweicloud.com", "https://dcs.cn-north-4.myhuaweicloud.com/",
		"http://127.0.0.1:8080", "http://[::1]:8080/", "https://user:pw@host", "https://host:",
		"https://host/base/", "https://host/base", "https://host/?q=1", "https://host#f", "https://h%41st",
	}
	paths = []string{
		"/v2/0a1b/instances", "/v2/0a1b/instances/a%2Fb/backups", "/v2/0a1b/instances/%E4%B8%AD",
		"/#Action=DescribeURedisBackup", "/redis#Action=DescribeDBInstances", "/memcached#Action=X%20Y",
		"/v2//instances", "/v2/./x", "/v2/../x", "/v2/x?y=1", "/v2/%zz", "/v2/a%2fb", "/",
	}
)

func TestIssue15JoinIsUpstreamResolution(t *testing.T) {
	for _, srv := range servers {
		for _, p := range paths {
			want, wantErr := upstream(srv, p)
			got, err := serverurl.Join(srv, p)
			if wantErr != nil {
				require.Error(t, err, "%s + %s", srv, p)
				continue
			}
			require.NoError(t, err, "%s + %s", srv, p)
			require.Equal(t, *want, *got, "%s + %s", srv, p)
			require.Equal(t, want.String(), got.String())
		}
	}
}

func TestIssue15NewRequestIsHTTPNewRequest(t *testing.T) {
	for _, srv := range servers {
		for _, p := range paths {
			u, err := serverurl.Join(srv, p)
			if err != nil {
				continue
			}
			for _, body := range []func() io.Reader{
				func() io.Reader { return nil },
				func() io.Reader { return strings.NewReader(`{"a":1}`) },
			} {
				want, wantErr := http.NewRequest(http.MethodPost, u.String(), body())
				got, err := serverurl.NewRequest(http.MethodPost, u, body())
				if wantErr != nil {
					require.Error(t, err)
					continue
				}
				require.NoError(t, err)
				require.Equal(t, want.URL.String(), got.URL.String(), "%s + %s", srv, p)
				require.Equal(t, *want.URL, *got.URL, "%s + %s", srv, p)
				require.Equal(t, want.Host, got.Host)
				require.Equal(t, want.ContentLength, got.ContentLength)
				require.Equal(t, want.GetBody == nil, got.GetBody == nil)
				require.Equal(t, want.Method, got.Method)
				require.Equal(t, want.Header, got.Header)
			}
		}
	}
	_, err := serverurl.NewRequest("BAD METHOD", &url.URL{Scheme: "https", Host: "h"}, nil)
	require.Error(t, err)
}

func TestIssue15JoinAllocatesOnce(t *testing.T) {
	const srv = "https://dcs.cn-north-4.myhuaweicloud.com"
	_, _ = serverurl.Join(srv, "/v2/p/instances") // cache the server
	n := testing.AllocsPerRun(100, func() {
		if _, err := serverurl.Join(srv, "/v2/0a1b/instances/i-1"); err != nil {
			t.Fatal(err)
		}
	})
	require.Equal(t, 1.0, n, "the URL itself")
}

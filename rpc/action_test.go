package rpc_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/rpc"
)

func TestActionFromFragment(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://h/redis#Action=DescribeRegins", "https://h/redis?Action=DescribeRegins"},
		{"https://h/redis?IP=66.66#Action=DescribeDBInstances", "https://h/redis?IP=66.66&Action=DescribeDBInstances"},
		{"https://h/redis?Action=DescribeRegins#Action=DescribeRegins", "https://h/redis?Action=DescribeRegins"},
		{"https://h/v2/instances", "https://h/v2/instances"},
		{"https://h/x#other", "https://h/x#other"},
	} {
		req, err := http.NewRequest(http.MethodGet, tc.in, nil)
		require.NoError(t, err)
		require.NoError(t, rpc.ActionFromFragment(req))
		require.Equal(t, tc.want, req.URL.String())
	}
}

func TestActionConflictsAreErrors(t *testing.T) {
	for _, in := range []string{"https://h/redis?Action=DeleteBackup#Action=DescribeRegins", "https://h/redis#Action="} {
		req, _ := http.NewRequest(http.MethodGet, in, nil)
		require.Error(t, rpc.ActionFromFragment(req), in)
	}
}

func TestMiddlewareRunsBeforeNext(t *testing.T) {
	var seen string
	d := doer.Chain(doer.Func(func(r *http.Request) (*http.Response, error) {
		seen = r.URL.String()
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	}), rpc.Action())
	req, _ := http.NewRequest(http.MethodGet, "https://h/redis#Action=DescribeRegins", nil)
	_, err := d.Do(req)
	require.NoError(t, err)
	require.Equal(t, "https://h/redis?Action=DescribeRegins", seen)
}

func TestActionInTheQueryIsFoundEncodedToo(t *testing.T) {
	for _, in := range []string{
		"https://h/redis?%41ction=DeleteBackup#Action=DescribeRegins",
		"https://h/redis?IP=1&Action=DescribeRegins&Action=DescribeRegins#Action=DescribeRegins",
	} {
		req, _ := http.NewRequest(http.MethodGet, in, nil)
		require.Error(t, rpc.ActionFromFragment(req), in)
	}
	req, _ := http.NewRequest(http.MethodGet, "https://h/redis?Action=Describe%52egins#Action=DescribeRegins", nil)
	require.NoError(t, rpc.ActionFromFragment(req))
	require.Equal(t, "Action=Describe%52egins", req.URL.RawQuery)
}

func BenchmarkActionFromFragment(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		req := &http.Request{URL: &url.URL{Scheme: "https", Host: "h", Path: "/redis", RawQuery: "IP=66.66&Region=cn", Fragment: "Action=DescribeDBInstances"}}
		if err := rpc.ActionFromFragment(req); err != nil {
			b.Fatal(err)
		}
	}
}

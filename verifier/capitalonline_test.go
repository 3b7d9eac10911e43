package verifier_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/verifier"
)

// The signing.md vector, as a received request.
const vectorQuery = "AccessKeyId=AKEXAMPLE&Action=DescribeDBInstances&IP=66.66&SignatureMethod=HMAC-SHA1" +
	"&SignatureNonce=11111111-2222-3333-4444-555555555555&SignatureVersion=1.0&Timestamp=2024-11-26T12%3A00%3A00Z" +
	"&Version=2019-08-08&Signature=UZ5Y3xyIMzynRMbh5bZ6KqJqmV0%3D"

func cdsVerifier() verifier.CapitalOnline {
	return verifier.CapitalOnline{
		Secret: func(ak string) (string, bool) { return "SKEXAMPLE", ak == "AKEXAMPLE" },
		Now:    func() time.Time { return time.Date(2024, 11, 26, 12, 5, 0, 0, time.UTC) },
	}
}

func TestCapitalOnlineAcceptsTheVector(t *testing.T) {
	r, _ := http.NewRequest(http.MethodGet, "https://cdsapi.capitalonline.net/redis?"+vectorQuery, nil)
	require.NoError(t, cdsVerifier().Verify(r, nil))
}

func TestCapitalOnlineRejects(t *testing.T) {
	for name, q := range map[string]string{
		"tampered value":  strings.Replace(vectorQuery, "IP=66.66", "IP=66.67", 1),
		"added parameter": vectorQuery + "&InstanceName=x",
		"wrong method":    "",
		"unknown key":     strings.Replace(vectorQuery, "AKEXAMPLE", "AKOTHER", 1),
		"no signature":    strings.Replace(vectorQuery, "&Signature=UZ5Y3xyIMzynRMbh5bZ6KqJqmV0%3D", "", 1),
		"two actions":     vectorQuery + "&Action=DescribeDBInstances",
	} {
		method := http.MethodGet
		if name == "wrong method" {
			method, q = http.MethodPost, vectorQuery
		}
		r, _ := http.NewRequest(method, "https://h/redis?"+q, nil)
		err := cdsVerifier().Verify(r, nil)
		require.Error(t, err, name)
		require.NotContains(t, err.Error(), "SKEXAMPLE")
	}
}

func TestCapitalOnlineRejectsStaleTimestamp(t *testing.T) {
	v := cdsVerifier()
	v.Now = func() time.Time { return time.Date(2024, 11, 27, 12, 0, 0, 0, time.UTC) }
	r, _ := http.NewRequest(http.MethodGet, "https://h/redis?"+vectorQuery, nil)
	require.ErrorContains(t, v.Verify(r, nil), "Timestamp")
}

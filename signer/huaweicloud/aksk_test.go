package huaweicloud_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"

	"github.com/cachesdk/cachesdk/signer/huaweicloud"
)

// The vectors of docs/signing.md: the official Go SDK's own signer tests.
const (
	vectorCanonicalGET = "GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	vectorAuthGET = "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, " +
		"Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
	vectorAuthPOST = "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, " +
		"Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59"
	vectorBody = `{"Name":"test","Id":1}` + "\n"
)

var vectorTime = time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)

func vectorCreds() huaweicloud.Credentials {
	return huaweicloud.Credentials{AccessKey: "AccessKey", SecretKey: secret.New("SecretKey")}
}

func vectorSigner(t testing.TB, opts ...huaweicloud.Option) *huaweicloud.AKSK {
	t.Helper()
	opts = append([]huaweicloud.Option{huaweicloud.WithClock(func() time.Time { return vectorTime })}, opts...)
	s, err := huaweicloud.NewAKSK(vectorCreds(), opts...)
	require.NoError(t, err)
	return s
}

func vectorGET(t testing.TB) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "https://example.huaweicloud.com/path?limit=1", nil)
	require.NoError(t, err)
	req.Header["TEST_UNDERSCORE"] = []string{"TEST_VALUE"}
	return req
}

func vectorPOST(t testing.TB) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "https://example.huaweicloud.com/path?key=value", strings.NewReader(vectorBody))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header["TEST_UNDERSCORE"] = []string{"TEST_VALUE"}
	return req
}

func TestVectorGET(t *testing.T) {
	req := vectorGET(t)
	require.NoError(t, vectorSigner(t, huaweicloud.WithUnsignedHost()).Sign(req))
	require.Equal(t, vectorAuthGET, req.Header.Get("Authorization"))
	require.Equal(t, "20060102T150405Z", req.Header.Get("X-Sdk-Date"))

	// The canonical request, golden-tested through the pure functions.
	require.Equal(t, []string{"x-sdk-date"}, huaweicloud.SignedHeaders(req, false))
	cr, err := huaweicloud.CanonicalRequest(req, []string{"x-sdk-date"}, huaweicloud.EmptyBodyHash)
	require.NoError(t, err)
	require.Equal(t, vectorCanonicalGET, cr)
	sig := huaweicloud.Signature("SecretKey", huaweicloud.StringToSign("20060102T150405Z", cr))
	require.True(t, strings.HasSuffix(vectorAuthGET, "Signature="+sig))
}

func TestVectorPOST(t *testing.T) {
	req := vectorPOST(t)
	require.NoError(t, vectorSigner(t, huaweicloud.WithUnsignedHost()).Sign(req))
	require.Equal(t, vectorAuthPOST, req.Header.Get("Authorization"))
}

func TestUnderscoreHeaderNotSigned(t *testing.T) {
	req := vectorGET(t)
	require.NoError(t, vectorSigner(t).Sign(req))
	require.NotContains(t, strings.ToLower(req.Header.Get("Authorization")), "test_underscore")
	require.Equal(t, []string{"TEST_VALUE"}, req.Header["TEST_UNDERSCORE"], "the header is still sent")
}

// By default host is signed, with the value net/http sends.
func TestHostSignedByDefault(t *testing.T) {
	req := vectorGET(t)
	require.NoError(t, vectorSigner(t).Sign(req))
	require.Contains(t, req.Header.Get("Authorization"), "SignedHeaders=host;x-sdk-date,")
	cr, err := huaweicloud.CanonicalRequest(req, []string{"host", "x-sdk-date"}, huaweicloud.EmptyBodyHash)
	require.NoError(t, err)
	require.Contains(t, cr, "\nhost:example.huaweicloud.com\nx-sdk-date:20060102T150405Z\n\n")
	requireVerifies(t, req, huaweicloud.EmptyBodyHash)

	req = vectorGET(t)
	req.Host = "alias.example.com"
	require.NoError(t, vectorSigner(t).Sign(req))
	cr, err = huaweicloud.CanonicalRequest(req, []string{"host", "x-sdk-date"}, huaweicloud.EmptyBodyHash)
	require.NoError(t, err)
	require.Contains(t, cr, "\nhost:alias.example.com\n")
	requireVerifies(t, req, huaweicloud.EmptyBodyHash)
}

// requireVerifies checks the Authorization as a server would: rebuild the
// canonical request from the listed headers and recompute the signature.
func requireVerifies(t *testing.T, req *http.Request, bodyHash string) {
	t.Helper()
	auth := req.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(auth, "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=")
	require.True(t, ok, auth)
	signed, sig, ok := strings.Cut(rest, ", Signature=")
	require.True(t, ok, auth)
	cr, err := huaweicloud.CanonicalRequest(req, strings.Split(signed, ";"), bodyHash)
	require.NoError(t, err)
	require.Equal(t, huaweicloud.Signature("SecretKey", huaweicloud.StringToSign(req.Header.Get("X-Sdk-Date"), cr)), sig)
}

func TestEveryHeaderSignedExceptExcluded(t *testing.T) {
	req := vectorPOST(t)
	req.Header.Set("X-Custom", "  padded value  ")
	req.Header.Add("X-Multi", "b")
	req.Header.Add("X-Multi", "a")
	req.Header.Set("Content-Length", "999")
	req.Header.Set("Host", "ignored.example.com")
	require.NoError(t, vectorSigner(t).Sign(req))
	require.Equal(t, []string{"host", "x-custom", "x-multi", "x-sdk-date"}, huaweicloud.SignedHeaders(req, true))
	require.Contains(t, req.Header.Get("Authorization"), "SignedHeaders=host;x-custom;x-multi;x-sdk-date,")
	cr, err := huaweicloud.CanonicalRequest(req, huaweicloud.SignedHeaders(req, true), huaweicloud.BodyHash([]byte(vectorBody)))
	require.NoError(t, err)
	require.Contains(t, cr, "\nhost:example.huaweicloud.com\nx-custom:padded value\nx-multi:a\nx-multi:b\n")
	requireVerifies(t, req, huaweicloud.BodyHash([]byte(vectorBody)))
	require.Equal(t, []string{"b", "a"}, req.Header["X-Multi"], "the request's own order is untouched")
}

func TestProjectAndSecurityToken(t *testing.T) {
	creds := vectorCreds()
	creds.ProjectID = "proj-1"
	creds.SecurityToken = secret.New("sts-token")
	s, err := huaweicloud.NewAKSK(creds, huaweicloud.WithClock(func() time.Time { return vectorTime }))
	require.NoError(t, err)
	req := vectorGET(t)
	req.Header["x-project-id"] = []string{"stale"} // a raw, non-canonical key
	require.NoError(t, s.Sign(req))
	require.Equal(t, []string{"proj-1"}, req.Header["X-Project-Id"])
	require.NotContains(t, req.Header, "x-project-id")
	require.Equal(t, "sts-token", req.Header.Get("X-Security-Token"))
	require.Contains(t, req.Header.Get("Authorization"), "SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,")
	requireVerifies(t, req, huaweicloud.EmptyBodyHash)
}

func TestSignAgainReplaces(t *testing.T) {
	now := vectorTime
	s := vectorSigner(t)
	s2, err := huaweicloud.NewAKSK(huaweicloud.Credentials{AccessKey: "AccessKey", SecretKey: secret.New("SecretKey"), ProjectID: "p"},
		huaweicloud.WithClock(func() time.Time { now = now.Add(time.Second); return now }))
	require.NoError(t, err)
	for _, s := range []*huaweicloud.AKSK{s, s2} {
		req := vectorPOST(t)
		require.NoError(t, s.Sign(req))
		first := req.Header.Clone()
		req.Header["authorization"] = []string{"stale, non-canonical"}
		require.NoError(t, s.Sign(req))
		for k, vs := range req.Header {
			require.Len(t, vs, 1, k)
		}
		require.NotContains(t, req.Header, "authorization")
		require.Len(t, req.Header.Values("Authorization"), 1)
		requireVerifies(t, req, huaweicloud.BodyHash([]byte(vectorBody)))
		if s == s2 {
			require.NotEqual(t, first.Get("X-Sdk-Date"), req.Header.Get("X-Sdk-Date"), "a fresh date")
			require.NotEqual(t, first.Get("Authorization"), req.Header.Get("Authorization"))
		} else {
			require.Equal(t, first.Get("Authorization"), req.Header.Get("Authorization"), "same clock, same signature")
		}
	}
}

func TestBodyReadableAfterSigning(t *testing.T) {
	// A body without GetBody: signer.Body makes it replayable.
	req := vectorPOST(t)
	req.Body, req.GetBody = io.NopCloser(bytes.NewBufferString(vectorBody)), nil
	require.NoError(t, vectorSigner(t, huaweicloud.WithUnsignedHost()).Sign(req))
	require.Equal(t, vectorAuthPOST, req.Header.Get("Authorization"))
	got, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	require.Equal(t, vectorBody, string(got))
	rc, err := req.GetBody()
	require.NoError(t, err)
	got, _ = io.ReadAll(rc)
	require.Equal(t, vectorBody, string(got))
}

func TestQueryRewrittenCanonical(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h.example.com/v1/a%20b/c?z=1&a=x+y&a=%e4%b8%80", nil)
	require.NoError(t, vectorSigner(t).Sign(req))
	require.Equal(t, "a=x%20y&a=%E4%B8%80&z=1", req.URL.RawQuery)
	cr, err := huaweicloud.CanonicalRequest(req, nil, huaweicloud.EmptyBodyHash)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(cr, "GET\n/v1/a%20b/c/\na=x%20y&a=%E4%B8%80&z=1\n"), cr)

	// An already canonical query is left as it is.
	req, _ = http.NewRequest(http.MethodGet, "https://h.example.com/?a=1&b=2", nil)
	require.NoError(t, vectorSigner(t).Sign(req))
	require.Equal(t, "a=1&b=2", req.URL.RawQuery)
}

func TestBadInput(t *testing.T) {
	s := vectorSigner(t)
	req, _ := http.NewRequest(http.MethodGet, "https://h.example.com/?a=%zz", nil)
	require.Error(t, s.Sign(req))
	require.Error(t, s.Sign(nil))
	require.Error(t, s.Sign(&http.Request{}))
	require.Error(t, s.Sign(&http.Request{URL: &url.URL{Path: "/x"}}), "no host")
	_, err := huaweicloud.NewAKSK(huaweicloud.Credentials{AccessKey: "AK"})
	require.Error(t, err)
	_, err = huaweicloud.CanonicalQuery("a=%")
	require.Error(t, err)
}

func TestCanonicalURI(t *testing.T) {
	for path, want := range map[string]string{
		"":              "/",
		"/":             "/",
		"/path":         "/path/",
		"/v1/p/":        "/v1/p/",
		"/v1/a b/é*":    "/v1/a%20b/%C3%A9%2A/",
		"/v1/a:b@c~d_e": "/v1/a%3Ab%40c~d_e/",
	} {
		req, _ := http.NewRequest(http.MethodGet, "https://h.example.com", nil)
		req.URL.Path = path
		cr, err := huaweicloud.CanonicalRequest(req, nil, huaweicloud.EmptyBodyHash)
		require.NoError(t, err)
		require.Equal(t, want, strings.Split(cr, "\n")[1], path)
	}
}

func BenchmarkSign(b *testing.B) {
	s, _ := huaweicloud.NewAKSK(huaweicloud.Credentials{AccessKey: "AccessKey", SecretKey: secret.New("SecretKey"), ProjectID: "0123456789abcdef"})
	b.Run("GET", func(b *testing.B) {
		req, _ := http.NewRequest(http.MethodGet, "https://dcs.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef/instances?limit=10&offset=0", nil)
		req.Header.Set("User-Agent", "cachesdk/1.0")
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Sign(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("POST", func(b *testing.B) {
		req, _ := http.NewRequest(http.MethodPost, "https://dcs.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef/instances",
			strings.NewReader(`{"name":"redis-1","engine":"Redis","engine_version":"6.0","capacity":1,"spec_code":"redis.ha.xu1.large.r2.1"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "cachesdk/1.0")
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Sign(req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestDateFormat(t *testing.T) {
	for _, tm := range []time.Time{
		vectorTime,
		time.Date(1999, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(2025, 3, 9, 0, 0, 7, 0, time.FixedZone("CST", 8*3600)),
		time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		s := vectorSigner(t, huaweicloud.WithClock(func() time.Time { return tm }))
		req := vectorGET(t)
		require.NoError(t, s.Sign(req))
		require.Equal(t, tm.UTC().Format(huaweicloud.DateFormat), req.Header.Get("X-Sdk-Date"))
	}
}

func TestConcurrentSigning(t *testing.T) {
	s := vectorSigner(t, huaweicloud.WithUnsignedHost())
	done := make(chan string)
	for range 8 {
		go func() {
			var last string
			for range 50 {
				req, _ := http.NewRequest(http.MethodPost, "https://example.huaweicloud.com/path?key=value", strings.NewReader(vectorBody))
				req.Header.Set("Content-Type", "application/json")
				if err := s.Sign(req); err != nil {
					last = err.Error()
					break
				}
				last = req.Header.Get("Authorization")
			}
			done <- last
		}()
	}
	for range 8 {
		require.Equal(t, vectorAuthPOST, <-done)
	}
	require.Nil(t, huaweicloud.SignedHeaders(nil, true))
}

func TestNilOptionsIgnored(t *testing.T) {
	s, err := huaweicloud.NewAKSK(vectorCreds(), nil, huaweicloud.WithClock(nil))
	require.NoError(t, err)
	require.NoError(t, s.Sign(vectorGET(t)))
}

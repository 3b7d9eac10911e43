package capitalonline_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"

	"github.com/cachesdk/cachesdk/signer/capitalonline"
)

// The vector of docs/signing.md: computed with the vendor's documented Python
// and cross-checked with its Go SDK.
const (
	vectorStringToSign = "GET&%2F&AccessKeyId%3DAKEXAMPLE%26Action%3DDescribeDBInstances%26IP%3D66.66%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D11111111-2222-3333-4444-555555555555%26SignatureVersion%3D1.0%26Timestamp%3D2024-11-26T12%253A00%253A00Z%26Version%3D2019-08-08"
	vectorSignature    = "UZ5Y3xyIMzynRMbh5bZ6KqJqmV0="
	vectorNonce        = "11111111-2222-3333-4444-555555555555"
)

var vectorTime = time.Date(2024, 11, 26, 12, 0, 0, 0, time.UTC)

func vectorSigner(t *testing.T) *capitalonline.Signer {
	t.Helper()
	s, err := capitalonline.New(capitalonline.Credentials{AccessKeyID: "AKEXAMPLE", SecretKey: secret.New("SKEXAMPLE")},
		capitalonline.WithClock(func() time.Time { return vectorTime }),
		capitalonline.WithNonce(func() string { return vectorNonce }))
	require.NoError(t, err)
	return s
}

func TestVector(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, "https://cdsapi.capitalonline.net/redis?Action=DescribeDBInstances&IP=66.66", nil)
	require.NoError(t, err)
	require.NoError(t, vectorSigner(t).Sign(req))

	q := req.URL.Query()
	require.Equal(t, vectorSignature, q.Get("Signature"))
	q.Del("Signature")
	require.Equal(t, vectorStringToSign, capitalonline.StringToSign("GET", capitalonline.CanonicalQuery(q)))
	for k, want := range map[string]string{
		"AccessKeyId": "AKEXAMPLE", "SignatureMethod": "HMAC-SHA1", "SignatureNonce": vectorNonce,
		"SignatureVersion": "1.0", "Timestamp": "2024-11-26T12:00:00Z", "Version": "2019-08-08",
		"Action": "DescribeDBInstances", "IP": "66.66",
	} {
		require.Equal(t, want, q.Get(k), k)
	}
}

func TestSignAgainReplaces(t *testing.T) {
	n := 0
	s, err := capitalonline.New(capitalonline.Credentials{AccessKeyID: "AK", SecretKey: secret.New("SK")},
		capitalonline.WithNonce(func() string { n++; return fmt.Sprint("nonce-", n) }))
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodPost, "https://h/redis?Action=CreateBackup", strings.NewReader(`{}`))
	require.NoError(t, s.Sign(req))
	first := req.URL.Query()
	require.NoError(t, s.Sign(req))
	second := req.URL.Query()
	for k, vs := range second {
		require.Len(t, vs, 1, "parameter %s duplicated by a second signing", k)
	}
	require.Equal(t, "nonce-1", first.Get("SignatureNonce"))
	require.Equal(t, "nonce-2", second.Get("SignatureNonce"))
	require.NotEqual(t, first.Get("Signature"), second.Get("Signature"))
}

func TestRefusesRequestWithoutSingleAction(t *testing.T) {
	s := vectorSigner(t)
	for _, raw := range []string{"", "IP=1", "Action=", "Action=A&Action=B"} {
		req := &http.Request{Method: http.MethodGet, URL: &url.URL{Scheme: "https", Host: "h", Path: "/redis", RawQuery: raw}}
		require.ErrorIs(t, s.Sign(req), capitalonline.ErrNoAction, "query %q", raw)
	}
}

func TestEscape(t *testing.T) {
	require.Equal(t, "a-b_c.d~e", capitalonline.Escape("a-b_c.d~e"))
	require.Equal(t, "%20%2A%2F%3A%E4%B8%80", capitalonline.Escape(" */:一"))
}

// The wire query is the signed one: a value with reserved characters arrives
// as the server will decode it.
func TestWireQueryRoundTrips(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h/redis?Action=DescribeDBInstances", nil)
	q := req.URL.Query()
	q.Set("InstanceName", "a b&c=d/一")
	req.URL.RawQuery = q.Encode()
	require.NoError(t, vectorSigner(t).Sign(req))
	got, err := url.ParseQuery(req.URL.RawQuery)
	require.NoError(t, err)
	require.Equal(t, "a b&c=d/一", got.Get("InstanceName"))
}

func TestNonceIsUUIDv4(t *testing.T) {
	a, b := capitalonline.NewNonce(), capitalonline.NewNonce()
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, a)
	require.NotEqual(t, a, b)
}

func TestSecretNeverFormatted(t *testing.T) {
	c := capitalonline.Credentials{AccessKeyID: "AKID", SecretKey: secret.New("TOPSECRET")}
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		require.NotContains(t, fmt.Sprintf(f, c), "TOPSECRET", f)
	}
	require.NotContains(t, fmt.Sprint(&c), "TOPSECRET")
}

func TestCredentialsFromEnv(t *testing.T) {
	t.Setenv(capitalonline.EnvAccessKeyID, "AKENV")
	t.Setenv(capitalonline.EnvSecretKey, "SKENV")
	c, err := capitalonline.CredentialsFromEnv()
	require.NoError(t, err)
	require.Equal(t, capitalonline.Credentials{AccessKeyID: "AKENV", SecretKey: secret.New("SKENV")}, c)

	os.Unsetenv(capitalonline.EnvSecretKey)
	_, err = capitalonline.CredentialsFromEnv()
	require.ErrorContains(t, err, capitalonline.EnvSecretKey)
	require.NotContains(t, err.Error(), "AKENV")
}

func TestNewRejectsEmptyCredentials(t *testing.T) {
	_, err := capitalonline.New(capitalonline.Credentials{AccessKeyID: "AK"})
	require.Error(t, err)
}

func BenchmarkSign(b *testing.B) {
	s, _ := capitalonline.New(capitalonline.Credentials{AccessKeyID: "AKEXAMPLE", SecretKey: secret.New("SKEXAMPLE")})
	req, _ := http.NewRequest(http.MethodGet, "https://cdsapi.capitalonline.net/redis?Action=DescribeDBInstances&IP=66.66", nil)
	raw := req.URL.RawQuery
	b.ReportAllocs()
	for b.Loop() {
		req.URL.RawQuery = raw
		if err := s.Sign(req); err != nil {
			b.Fatal(err)
		}
	}
}

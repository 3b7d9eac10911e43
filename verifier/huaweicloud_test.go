package verifier_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/verifier"
)

// The official SDK's signer vectors (docs/signing.md), as received requests.
func hwVerifier() verifier.HuaweiCloud {
	return verifier.HuaweiCloud{
		Secret: func(ak string) (string, bool) { return "SecretKey", ak == "AccessKey" },
		Token:  func(tok string) bool { return tok == "good-token" },
		Now:    func() time.Time { return time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC) },
	}
}

func hwRequest(method, target, body, auth string) *http.Request {
	r, _ := http.NewRequest(method, target, strings.NewReader(body))
	r.Header.Set("X-Sdk-Date", "20060102T150405Z")
	r.Header.Set("TEST_UNDERSCORE", "TEST_VALUE")
	r.Header.Set("Authorization", auth)
	return r
}

func TestHuaweiAcceptsTheVectors(t *testing.T) {
	get := hwRequest("GET", "https://example.huaweicloud.com/path?limit=1", "",
		"SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624")
	require.NoError(t, hwVerifier().Verify(get, nil))

	body := "{\"Name\":\"test\",\"Id\":1}\n"
	post := hwRequest("POST", "https://example.huaweicloud.com/path?key=value", body,
		"SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59")
	post.Header.Set("Content-Type", "application/json")
	require.NoError(t, hwVerifier().Verify(post, []byte(body)))

	// The body hash is over the exact bytes: without the trailing newline it fails.
	require.Error(t, hwVerifier().Verify(post, []byte(strings.TrimSuffix(body, "\n"))))
}

func TestHuaweiRejects(t *testing.T) {
	good := "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
	for name, r := range map[string]*http.Request{
		"query changed": hwRequest("GET", "https://example.huaweicloud.com/path?limit=2", "", good),
		"path changed":  hwRequest("GET", "https://example.huaweicloud.com/other?limit=1", "", good),
		"unknown key":   hwRequest("GET", "https://example.huaweicloud.com/path?limit=1", "", strings.Replace(good, "Access=AccessKey", "Access=Other", 1)),
		"no auth":       hwRequest("GET", "https://example.huaweicloud.com/path?limit=1", "", ""),
	} {
		err := hwVerifier().Verify(r, nil)
		require.Error(t, err, name)
		require.NotContains(t, err.Error(), "SecretKey")
	}
}

func TestHuaweiToken(t *testing.T) {
	r, _ := http.NewRequest("GET", "https://h/v2/p/instances", nil)
	r.Header.Set("X-Auth-Token", "good-token")
	require.NoError(t, hwVerifier().Verify(r, nil))
	r.Header.Set("X-Auth-Token", "bad-token")
	err := hwVerifier().Verify(r, nil)
	require.Error(t, err)
	require.NotContains(t, err.Error(), "bad-token")
}

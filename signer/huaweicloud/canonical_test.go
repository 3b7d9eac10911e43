package huaweicloud_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/signer/huaweicloud"
)

// The multi-valued canonical query vector of docs/signing.md.
func TestVectorCanonicalQuery(t *testing.T) {
	q := url.Values{
		"limit":  {"1"},
		"enable": {"true"},
		"test":   {"一 (&=?!#%.*)"},
		"path":   {"/tmp/123"},
		"multi":  {"3", "1", "2"},
	}
	got, err := huaweicloud.CanonicalQuery(q.Encode())
	require.NoError(t, err)
	require.Equal(t, "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29", got)
}

func TestCanonicalQueryEdges(t *testing.T) {
	for raw, want := range map[string]string{
		"":            "",
		"&&":          "",
		"flag":        "flag=",
		"b=2&B=1&a=":  "B=1&a=&b=2",
		"k=b&k=a&k=a": "k=a&k=a&k=b",
		"a%2Fb=c+d":   "a%2Fb=c%20d",
		"x=a;b":       "x=a%3Bb",
	} {
		got, err := huaweicloud.CanonicalQuery(raw)
		require.NoError(t, err, raw)
		require.Equal(t, want, got, raw)
	}
}

func TestStringToSignAndSignature(t *testing.T) {
	sts := huaweicloud.StringToSign("20060102T150405Z", vectorCanonicalGET)
	require.Equal(t, "SDK-HMAC-SHA256\n20060102T150405Z\n", sts[:33])
	require.Equal(t, "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624", huaweicloud.Signature("SecretKey", sts))
	require.Equal(t, huaweicloud.EmptyBodyHash, huaweicloud.BodyHash(nil))
}

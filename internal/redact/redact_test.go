package redact_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/redact"
)

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://cdsapi.capitalonline.net/redis?Action=DescribeRegins&AccessKeyId=AK1&Signature=abc%3D&SignatureNonce=n1&Timestamp=t": "https://cdsapi.capitalonline.net/redis?Action=DescribeRegins&AccessKeyId=REDACTED&Signature=REDACTED&SignatureNonce=n1&Timestamp=t",
		"https://api.ucloud.cn/?Action=X&PublicKey=pk&SecurityToken=st&Signature=s&Region=cn-bj2":                                     "https://api.ucloud.cn/?Action=X&PublicKey=REDACTED&SecurityToken=REDACTED&Signature=REDACTED&Region=cn-bj2",
		"https://u:p@h/x?x-auth-token=t&X_Security_Token=t&password=p&ak=a&sk=s&page=1":                                               "https://REDACTED@h/x?x-auth-token=REDACTED&X_Security_Token=REDACTED&password=REDACTED&ak=REDACTED&sk=REDACTED&page=1",
		"https://dcs.cn-north-4.myhuaweicloud.com/v2/p/instances?offset=0&limit=10":                                                   "https://dcs.cn-north-4.myhuaweicloud.com/v2/p/instances?offset=0&limit=10",
		"https://h/%zz?Signature=s": "https://h/%zz?REDACTED",
	} {
		require.Equal(t, want, redact.URL(in), in)
	}
}

func TestSensitive(t *testing.T) {
	for _, n := range []string{"Signature", "AccessKeyId", "PublicKey", "SecurityToken", "Authorization", "X-Auth-Token", "X-Security-Token", "private_key", "SecretKey", "Password", "x-amz-signature", "X-Api-Key"} {
		require.True(t, redact.Sensitive(n), n)
	}
	for _, n := range []string{"Action", "Region", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "InstanceId", "offset"} {
		require.False(t, redact.Sensitive(n), n)
	}
}

// A Doer of the caller's own may put the URL or a credential header in its
// own error text: the text is scrubbed, the chain kept.
func TestErrorScrubsWhatRemains(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h/?Action=A&Signature=SIGVALUE123", nil)
	req.Header.Set("X-Auth-Token", "TOKENVALUE123")
	req.Header.Set("Authorization", "SDK-HMAC-SHA256 Access=AKVALUE123, SignedHeaders=host, Signature=HSIGVALUE123")
	inner := fmt.Errorf("my doer: %s with token TOKENVALUE123 ak AKVALUE123 sig HSIGVALUE123: %w", req.URL, context.Canceled)
	err := redact.Error(inner, req)
	require.ErrorIs(t, err, context.Canceled)
	for _, s := range []string{"SIGVALUE123", "TOKENVALUE123", "AKVALUE123", "HSIGVALUE123"} {
		require.NotContains(t, err.Error(), s)
		require.NotContains(t, fmt.Sprintf("%+v %#v", err, err), s)
	}
	require.Contains(t, err.Error(), "Action=A")

	ue := &url.Error{Op: "Get", URL: req.URL.String(), Err: context.DeadlineExceeded}
	err = redact.Error(fmt.Errorf("wrapped: %w", ue), req)
	var got *url.Error
	require.True(t, errors.As(err, &got))
	require.NotContains(t, got.Error(), "SIGVALUE123", "a nested *url.Error is redacted too")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NoError(t, redact.Error(nil, req))
}

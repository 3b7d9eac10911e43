package faultsuite

// Found by a second review: a server that echoes the request's credentials
// in its error message or headers put them into err.Error() and %#v; a
// 5 MiB message made a 5 MiB error text.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
)

const echoToken = "ECHOTOKENSECRETMARKER1234"

func TestServerEchoingCredentialsIsScrubbed(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("X-Auth-Token")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", "token="+tok)
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error_code":"DCS.4001","error_msg":"bad token %s in %s"}`, tok, r.URL.RawQuery)
	}))
	defer ts.Close()
	c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: ts.URL, ProjectID: "p-1", Token: secret.New(echoToken), Retry: &retry.Policy{MaxAttempts: 1}})
	require.NoError(t, err)
	_, err = c.ShowInstance(context.Background(), "i-1")
	var apiErr *apierror.Error
	require.ErrorAs(t, err, &apiErr)
	for _, text := range []string{err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err), apiErr.Message, strings.Join(apiErr.Header.Values("X-Echo"), "")} {
		assert.NotContains(t, text, echoToken)
	}
	assert.Contains(t, apiErr.Message, "REDACTED", "the rest of the message is kept")
}

func TestUCloudMessageEchoingTheSignedQueryIsScrubbed(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"RetCode":230,"Message":"bad request %s","Action":"DescribeURedisBackupResponse"}`, r.URL.RawQuery)
	}))
	defer ts.Close()
	c, err := ucloud.NewURedis(ucloud.Config{Endpoint: ts.URL, Region: "cn-bj2", Retry: &retry.Policy{MaxAttempts: 1},
		Credentials: ucloud.Credentials{PublicKey: "PUBKEYMARKER123", PrivateKey: secret.New("PRIVSECRETMARKER"), SecurityToken: secret.New("STSSECRETMARKER99")}})
	require.NoError(t, err)
	_, err = c.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{GroupId: "g-1"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "STSSECRETMARKER99")
	assert.NotContains(t, err.Error(), "PUBKEYMARKER123")
	assert.NotRegexp(t, `Signature=[0-9a-f]{20,}`, err.Error())
}

func TestHugeVendorMessageIsCut(t *testing.T) {
	big := strings.Repeat("x", 5<<20)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error_code":"DCS.4001","error_msg":"%s"}`, big)
	}))
	defer ts.Close()
	c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: ts.URL, ProjectID: "p-1", Token: secret.New(echoToken), Retry: &retry.Policy{MaxAttempts: 1}})
	require.NoError(t, err)
	_, err = c.ShowInstance(context.Background(), "i-1")
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 2*apierror.MaxMessage)
}

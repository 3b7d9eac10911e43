package capitalonline_test

// Issue 12 items 6 and 7 through the real CapitalOnline client (127.0.0.1).

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/secret"
)

func client(t *testing.T, contentType, body string, limit int64) (func() (*string, error), *atomic.Int32) {
	t.Helper()
	calls := new(atomic.Int32)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		if contentType == "" {
			w.Header()["Content-Type"] = nil
		} else {
			w.Header().Set("Content-Type", contentType)
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	c, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: ts.URL, MaxResponseBytes: limit,
		Credentials: capitalonline.Credentials{AccessKeyID: "AKISSUE12", SecretKey: secret.New("SKISSUE12")}})
	require.NoError(t, err)
	return func() (*string, error) {
		out, err := c.DescribeReginsWithResponse(context.Background())
		if out == nil || out.JSON200 == nil {
			return nil, err
		}
		return &out.JSON200.Code, err
	}, calls
}

// capitalonlineRedis is a Redis client of a server answering body as JSON.
func capitalonlineRedis(t *testing.T, body string) (*redis.ClientWithResponses, error) {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return capitalonline.NewRedis(capitalonline.Config{Endpoint: ts.URL,
		Credentials: capitalonline.Credentials{AccessKeyID: "AKISSUE11", SecretKey: secret.New("SKISSUE11")}})
}

// Item 7: {"Code":"Success","code":"InternalError"} passed the envelope
// check while the typed result decoded Code "InternalError". Now the call
// fails; and a JSON envelope under any Content-Type decodes.
func TestIssue12EnvelopeAndTypedResultAgree(t *testing.T) {
	for _, body := range []string{
		`{"Code":"Success","code":"InternalError","Data":[]}`,
		`{"code":"InternalError","Code":"Success"}`,
		`{"Code":"Success","C\u006fde":"InternalError"}`,
	} {
		call, _ := client(t, "application/json", body, 0)
		code, err := call()
		require.Nil(t, code, body)
		var e *apierror.Error
		require.ErrorAs(t, err, &e, body)
		require.ErrorIs(t, err, apierror.ErrAmbiguousResponse, body)
		require.Equal(t, "DescribeRegins", e.Operation)
	}
	for _, ct := range []string{"", "text/html; charset=utf-8", "Application/Json"} {
		call, _ := client(t, ct, `{"Code":"Success","Message":"ok","Data":[{"RegionCode":"CN_Beijing_A"}]}`, 0)
		code, err := call()
		require.NoError(t, err, ct)
		require.Equal(t, "Success", *code, ct)
	}
}

// Item 6: the limit is enforced for CapitalOnline too, as a typed failure
// that is not retried (one request reached the server).
func TestIssue12BodyLimit(t *testing.T) {
	body := `{"Code":"Success","Message":"` + strings.Repeat("p", 4096) + `"}`
	call, calls := client(t, "application/json", body, 1024)
	_, err := call()
	var tl *payload.TooLargeError
	require.ErrorAs(t, err, &tl)
	require.Equal(t, int64(1024), tl.Limit)
	require.NotContains(t, err.Error(), "pppp")
	require.Equal(t, int32(1), calls.Load(), "not retried")

	_, err = capitalonline.NewRedis(capitalonline.Config{MaxResponseBytes: -1, Credentials: capitalonline.Credentials{AccessKeyID: "a", SecretKey: secret.New("s")}})
	require.ErrorContains(t, err, "MaxResponseBytes")
}

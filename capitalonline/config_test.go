package capitalonline_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/secrettest"
	"github.com/cachesdk/cachesdk/secret"
)

const marker = "MARKER-c4d1-secret"

var creds = capitalonline.Credentials{AccessKeyID: "AK", SecretKey: secret.New(marker)}

func TestNoSecretInCredentialsOrConfig(t *testing.T) {
	secrettest.NoLeak(t, marker, creds)
	secrettest.NoLeak(t, marker, capitalonline.Config{Endpoint: capitalonline.EndpointAsia, Credentials: creds})
}

func noSend(t *testing.T) doer.Doer {
	return doer.Func(func(r *http.Request) (*http.Response, error) {
		t.Errorf("a request was sent to %s", r.URL.Host)
		return nil, errors.New("unexpected send")
	})
}

func TestEndpointCheckedAtConstruction(t *testing.T) {
	for name, ep := range map[string]string{
		"host:port":      "127.0.0.1:1234",
		"no scheme name": "://bad",
		"path":           "https://cdsapi.capitalonline.net/redis",
		"query":          "https://cdsapi.capitalonline.net?Action=DeleteDBInstance",
		"fragment":       "https://cdsapi.capitalonline.net#",
		"user info":      "https://ak:sk@cdsapi.capitalonline.net",
		"plain http":     "http://cdsapi.capitalonline.net",
		"space in host":  "https://cdsapi capitalonline.net",
		"relative":       "cdsapi.capitalonline.net",
	} {
		t.Run(name, func(t *testing.T) {
			cfg := capitalonline.Config{Endpoint: ep, Credentials: creds, HTTPClient: noSend(t)}
			_, err := capitalonline.NewRedis(cfg)
			var ce *capitalonline.ConfigError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, "Config.Endpoint", ce.Field)
			require.Contains(t, err.Error(), "Config.Endpoint")
			require.NotContains(t, err.Error(), ":sk@")
			_, err = capitalonline.NewMemcached(cfg)
			require.ErrorAs(t, err, &ce)
		})
	}
	_, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: "http://cdsapi.internal.example", AllowInsecureHTTP: true, Credentials: creds})
	require.NoError(t, err, "plain http when the caller opts in")
	_, err = capitalonline.NewRedis(capitalonline.Config{Credentials: capitalonline.Credentials{AccessKeyID: "AK"}})
	require.ErrorContains(t, err, "Credentials.SecretKey")
}

// An endpoint with a trailing slash sends to /redis, not //redis; a
// loopback http endpoint is accepted.
func TestEndpointNormalized(t *testing.T) {
	var path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.Path
		_, _ = w.Write([]byte(`{"Code":"Success","Data":[]}`))
	}))
	defer srv.Close()
	c, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: srv.URL + "/", Credentials: creds})
	require.NoError(t, err)
	_, err = c.DescribeReginsWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, "/redis", path)
}

package ucloud_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/secrettest"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
)

const marker = "MARKER-9b2e-secret"

var creds = ucloud.Credentials{PublicKey: "pub", PrivateKey: secret.New(marker), SecurityToken: secret.New(marker)}

func TestNoSecretInCredentialsOrConfig(t *testing.T) {
	secrettest.NoLeak(t, marker, creds)
	secrettest.NoLeak(t, marker, ucloud.Config{Credentials: creds, Region: "cn-bj2"})
}

func noSend(t *testing.T) doer.Doer {
	return doer.Func(func(r *http.Request) (*http.Response, error) {
		t.Errorf("a request was sent to %s", r.URL.Host)
		return nil, errors.New("unexpected send")
	})
}

func TestConfigCheckedAtConstruction(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   ucloud.Config
		field string
	}{
		{"region with spaces", ucloud.Config{Region: "cn bj2"}, "Config.Region"},
		{"region with a fragment", ucloud.Config{Region: "evil.example#"}, "Config.Region"},
		{"zone with a slash", ucloud.Config{Zone: "cn-bj2/04"}, "Config.Zone"},
		{"project with a space", ucloud.Config{ProjectID: "org 1"}, "Config.ProjectID"},
		{"endpoint host:port", ucloud.Config{Endpoint: "127.0.0.1:1234"}, "Config.Endpoint"},
		{"endpoint no scheme name", ucloud.Config{Endpoint: "://bad"}, "Config.Endpoint"},
		{"endpoint path", ucloud.Config{Endpoint: "https://api.ucloud.cn/v1"}, "Config.Endpoint"},
		{"plain http", ucloud.Config{Endpoint: "http://api.ucloud.cn"}, "Config.Endpoint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Credentials, cfg.HTTPClient = creds, noSend(t)
			_, err := ucloud.NewURedis(cfg)
			var ce *ucloud.ConfigError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tc.field, ce.Field)
			require.Contains(t, err.Error(), tc.field)
			require.NotContains(t, err.Error(), marker)
		})
	}
	for name, cfg := range map[string]ucloud.Config{
		"defaults":        {},
		"region and zone": {Region: "cn-bj2", Zone: "cn-bj2-04", ProjectID: "org-abc_1"},
		"loopback http":   {Endpoint: "http://127.0.0.1:9"},
		"http, opted in":  {Endpoint: "http://api.internal.example", AllowInsecureHTTP: true},
		"dezai":           {Endpoint: ucloud.EndpointDezai},
	} {
		cfg.Credentials = creds
		_, err := ucloud.NewURedis(cfg)
		require.NoError(t, err, name)
	}
}

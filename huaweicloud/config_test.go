package huaweicloud_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/internal/secrettest"
	"github.com/cachesdk/cachesdk/secret"
)

const marker = "MARKER-7f3a-secret"

var creds = huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret.New(marker), ProjectID: "p-creds", SecurityToken: secret.New(marker)}

func TestNoSecretInCredentialsOrConfig(t *testing.T) {
	secrettest.NoLeak(t, marker, creds)
	secrettest.NoLeak(t, marker, huaweicloud.Config{Region: "cn-north-4", Credentials: creds, Token: secret.New(marker)})
	// Token alone (it was printed by every fmt verb).
	secrettest.NoLeak(t, marker, huaweicloud.Config{Region: "cn-north-4", Token: secret.New(marker), ProjectID: "p"})
}

// noSend fails the test when anything is sent: a refused Config must fail
// before the first call.
func noSend(t *testing.T) doer.Doer {
	return doer.Func(func(r *http.Request) (*http.Response, error) {
		t.Errorf("a request was sent to %s", r.URL.Host)
		return nil, errors.New("unexpected send")
	})
}

func TestConfigCheckedAtConstruction(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   huaweicloud.Config
		field string
	}{
		{"region with a fragment", huaweicloud.Config{Region: "evil.example#"}, "Config.Region"},
		{"region with a dot", huaweicloud.Config{Region: "evil.example"}, "Config.Region"},
		{"region with spaces", huaweicloud.Config{Region: "cn north 4"}, "Config.Region"},
		{"region upper case", huaweicloud.Config{Region: "CN-NORTH-4"}, "Config.Region"},
		{"region unknown", huaweicloud.Config{Region: "cn-north-99"}, "Config.Region"},
		{"no region, no endpoint", huaweicloud.Config{}, "Config.Region"},
		{"endpoint without scheme", huaweicloud.Config{Endpoint: "127.0.0.1:1234"}, "Config.Endpoint"},
		{"endpoint host:port", huaweicloud.Config{Endpoint: "localhost:1234"}, "Config.Endpoint"},
		{"endpoint without scheme name", huaweicloud.Config{Endpoint: "://bad"}, "Config.Endpoint"},
		{"endpoint with a path", huaweicloud.Config{Endpoint: "https://dcs.cn-north-4.myhuaweicloud.com/v2"}, "Config.Endpoint"},
		{"endpoint with a query", huaweicloud.Config{Endpoint: "https://h.example?x=1"}, "Config.Endpoint"},
		{"endpoint with a fragment", huaweicloud.Config{Endpoint: "https://h.example#x"}, "Config.Endpoint"},
		{"endpoint with user info", huaweicloud.Config{Endpoint: "https://user:pw@h.example"}, "Config.Endpoint"},
		{"endpoint ftp", huaweicloud.Config{Endpoint: "ftp://h.example"}, "Config.Endpoint"},
		{"endpoint bad host", huaweicloud.Config{Endpoint: "https://h_ example"}, "Config.Endpoint"},
		{"endpoint bad port", huaweicloud.Config{Endpoint: "https://h.example:99999"}, "Config.Endpoint"},
		{"plain http elsewhere", huaweicloud.Config{Endpoint: "http://dcs.example.com"}, "Config.Endpoint"},
		{"project dot-dot", huaweicloud.Config{Region: "cn-north-4", ProjectID: ".."}, "Config.ProjectID"},
		{"project with a slash", huaweicloud.Config{Region: "cn-north-4", ProjectID: "a/b"}, "Config.ProjectID"},
		{"credentials project dot", huaweicloud.Config{Region: "cn-north-4", Credentials: huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret.New(marker), ProjectID: "."}}, "Config.Credentials.ProjectID"},
		{"no project", huaweicloud.Config{Region: "cn-north-4", Credentials: huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret.New(marker)}}, "Config.ProjectID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			if cfg.Credentials.AccessKey == "" && cfg.Token.IsZero() {
				cfg.Credentials = creds
			}
			cfg.HTTPClient = noSend(t)
			_, err := huaweicloud.NewDCSV2(cfg)
			require.Error(t, err)
			var ce *huaweicloud.ConfigError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tc.field, ce.Field, err.Error())
			require.Contains(t, err.Error(), tc.field)
			require.NotContains(t, err.Error(), marker)
			require.NotContains(t, err.Error(), "pw")
			_, err = huaweicloud.NewDCSV1(cfg)
			require.ErrorAs(t, err, &ce)
		})
	}
}

func TestConfigAccepted(t *testing.T) {
	for name, cfg := range map[string]huaweicloud.Config{
		"listed region":                 {Region: "cn-north-4"},
		"newer region, opted in":        {Region: "cn-north-99", AllowUnknownRegion: true},
		"endpoint with trailing slash":  {Endpoint: "https://dcs.cn-north-4.myhuaweicloud.com/"},
		"endpoint replaces the region":  {Region: "xx-new-1", Endpoint: "https://dcs.xx-new-1.example.com"},
		"http to loopback":              {Endpoint: "http://127.0.0.1:8080"},
		"http to localhost":             {Endpoint: "http://localhost:8080"},
		"http to IPv6 loopback":         {Endpoint: "http://[::1]:8080"},
		"http elsewhere, opted in":      {Endpoint: "http://dcs.internal.example", AllowInsecureHTTP: true},
		"token with the config project": {Region: "cn-north-4", Token: secret.New("tok"), ProjectID: "p-cfg"},
		"https with a port":             {Endpoint: "https://10.0.0.1:8443"},
	} {
		t.Run(name, func(t *testing.T) {
			if cfg.Token.IsZero() {
				cfg.Credentials = creds
			}
			_, err := huaweicloud.NewDCSV2(cfg)
			require.NoError(t, err)
			ep, err := huaweicloud.Endpoint(cfg)
			require.NoError(t, err)
			require.NotContains(t, ep[len("https://"):], "/")
		})
	}
}

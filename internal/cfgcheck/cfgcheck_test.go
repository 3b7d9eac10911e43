package cfgcheck_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/cfgcheck"
)

func TestEndpoint(t *testing.T) {
	for in, want := range map[string]string{
		"https://dcs.cn-north-4.myhuaweicloud.com":  "https://dcs.cn-north-4.myhuaweicloud.com",
		"https://dcs.cn-north-4.myhuaweicloud.com/": "https://dcs.cn-north-4.myhuaweicloud.com",
		"HTTPS://API.UCloud.CN":                     "https://api.ucloud.cn",
		"http://127.0.0.1:8080":                     "http://127.0.0.1:8080",
		"http://localhost":                          "http://localhost",
		"http://[::1]:1":                            "http://[::1]:1",
		"https://10.1.2.3:8443":                     "https://10.1.2.3:8443",
	} {
		got, err := cfgcheck.Endpoint("v", "Config.Endpoint", in, false)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{
		"", "127.0.0.1:1234", "localhost:1234", "://bad", "dcs.example.com", "/v2", "https://",
		"https://h.example/v2", "https://h.example//", "https://h.example?", "https://h.example?a=1",
		"https://h.example#", "https://u@h.example", "https://u:p@h.example", "ftp://h.example",
		"https://h example", "https://h.example:0", "https://h.example:65536", "https://-h.example",
		"https://h..example", "http://h.example", "http://127.0.0.1.example", "https://h.example:1x",
		"mailto:a@b", "https://%68.example",
	} {
		_, err := cfgcheck.Endpoint("v", "Config.Endpoint", in, false)
		var ce *cfgcheck.Error
		require.True(t, errors.As(err, &ce), "%q: %v", in, err)
		require.Equal(t, "Config.Endpoint", ce.Field)
		require.NotContains(t, err.Error(), ":p@")
	}
	_, err := cfgcheck.Endpoint("v", "Config.Endpoint", "http://h.example", true)
	require.NoError(t, err, "opted in")
}

func TestRegion(t *testing.T) {
	known := []string{"cn-north-4"}
	require.NoError(t, cfgcheck.Region("v", "Config.Region", "cn-north-4", known, false))
	require.NoError(t, cfgcheck.Region("v", "Config.Region", "cn-north-99", known, true))
	require.Error(t, cfgcheck.Region("v", "Config.Region", "cn-north-99", known, false))
	for _, bad := range []string{"", "evil.example#", "evil.example", "cn north 4", "CN-NORTH-4", "-cn", "cn-", "a/b",
		"0123456789012345678901234567890123456789012345678901234567890123"} {
		err := cfgcheck.Region("v", "Config.Region", bad, known, true)
		require.ErrorContains(t, err, "Config.Region", bad)
	}
}

func TestIdentifier(t *testing.T) {
	for _, ok := range []string{"0a1b2c3d4e5f60718293a4b5c6d7e8f9", "p-cfg", "org_1.x"} {
		require.NoError(t, cfgcheck.Identifier("v", "Config.ProjectID", ok))
	}
	for _, bad := range []string{"", ".", "..", "a/b", "a b", "a%2Fb", "é"} {
		require.ErrorContains(t, cfgcheck.Identifier("v", "Config.ProjectID", bad), "Config.ProjectID", bad)
	}
}

package ucloud_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/ucloud"
)

// Issue 14 item 4: UCloud's own variable names, region, project and base
// URL included; an error naming each missing variable.
func TestConfigFromEnv(t *testing.T) {
	for _, v := range []string{"UCLOUD_PUBLIC_KEY", "UCLOUD_PRIVATE_KEY", "UCLOUD_SECURITY_TOKEN", "UCLOUD_REGION", "UCLOUD_ZONE", "UCLOUD_PROJECT_ID", "UCLOUD_API_BASE_URL"} {
		t.Setenv(v, "")
	}
	_, err := ucloud.ConfigFromEnv()
	require.Error(t, err)
	for _, v := range []string{"UCLOUD_PUBLIC_KEY", "UCLOUD_PRIVATE_KEY", "UCLOUD_REGION"} {
		assert.Contains(t, err.Error(), v)
	}
	t.Setenv("UCLOUD_PUBLIC_KEY", "pub")
	t.Setenv("UCLOUD_PRIVATE_KEY", "priv-SECRET")
	t.Setenv("UCLOUD_REGION", "cn-bj2")
	t.Setenv("UCLOUD_ZONE", "cn-bj2-02")
	t.Setenv("UCLOUD_PROJECT_ID", "org-1")
	t.Setenv("UCLOUD_API_BASE_URL", "https://api.dezai.com")
	cfg, err := ucloud.ConfigFromEnv()
	require.NoError(t, err)
	assert.Equal(t, ucloud.Config{Credentials: cfg.Credentials, Region: "cn-bj2", Zone: "cn-bj2-02", ProjectID: "org-1", Endpoint: "https://api.dezai.com"}, cfg)
	assert.Equal(t, "priv-SECRET", cfg.Credentials.PrivateKey.Reveal())
	_, err = ucloud.NewURedis(cfg)
	require.NoError(t, err)
}

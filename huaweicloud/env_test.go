package huaweicloud_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/huaweicloud"
)

// Issue 14 item 4: configuration from the environment, with the vendor's
// names, and an error naming each missing variable.
func TestConfigFromEnv(t *testing.T) {
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_REGION_NAME", "HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4"} {
		t.Setenv(v, "")
	}
	_, err := huaweicloud.ConfigFromEnv()
	require.Error(t, err)
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID", "HW_REGION_NAME"} {
		assert.Contains(t, err.Error(), v)
	}

	t.Setenv("HUAWEICLOUD_SDK_AK", "AKENV")
	t.Setenv("HUAWEICLOUD_SDK_SK", "SKENV-SECRET")
	t.Setenv("HUAWEICLOUD_SDK_PROJECT_ID", "p-env")
	t.Setenv("HW_REGION_NAME", "cn-north-4")
	cfg, err := huaweicloud.ConfigFromEnv()
	require.NoError(t, err)
	assert.Equal(t, "AKENV", cfg.Credentials.AccessKey)
	assert.Equal(t, "SKENV-SECRET", cfg.Credentials.SecretKey.Reveal())
	assert.Equal(t, "p-env", cfg.Credentials.ProjectID)
	assert.Equal(t, "cn-north-4", cfg.Region)
	assert.Empty(t, cfg.Endpoint)
	_, err = huaweicloud.NewDCSV2(cfg)
	require.NoError(t, err)

	t.Setenv("HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4", "https://dcs.internal.example,https://backup.example")
	cfg, err = huaweicloud.ConfigFromEnv()
	require.NoError(t, err)
	assert.Equal(t, "https://dcs.internal.example", cfg.Endpoint, "the SDK's endpoint override, first of the list")
}

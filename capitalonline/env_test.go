package capitalonline_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/capitalonline"
)

// Issue 14 item 4: CapitalOnline's own variable names; an error naming each
// missing variable.
func TestConfigFromEnv(t *testing.T) {
	t.Setenv("CDS_SECRET_ID", "")
	t.Setenv("CDS_SECRET_KEY", "")
	_, err := capitalonline.ConfigFromEnv()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CDS_SECRET_ID")
	assert.Contains(t, err.Error(), "CDS_SECRET_KEY")
	t.Setenv("CDS_SECRET_ID", "id")
	t.Setenv("CDS_SECRET_KEY", "key-SECRET")
	cfg, err := capitalonline.ConfigFromEnv()
	require.NoError(t, err)
	assert.Equal(t, "id", cfg.Credentials.AccessKeyID)
	assert.Equal(t, "key-SECRET", cfg.Credentials.SecretKey.Reveal())
	_, err = capitalonline.NewRedis(cfg)
	require.NoError(t, err)
}

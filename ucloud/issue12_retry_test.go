package ucloud_test

// Issue 12 item 8: a negative Retry.MaxAttempts is a construction error.

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
)

func TestIssue12NegativeMaxAttemptsIsAConstructionError(t *testing.T) {
	cfg := ucloud.Config{
		Endpoint:    "http://127.0.0.1:1",
		Credentials: ucloud.Credentials{PublicKey: "test-pk", PrivateKey: secret.New("test-priv")},
		Retry:       &retry.Policy{MaxAttempts: -1},
	}
	_, err := ucloud.NewURedis(cfg)
	require.ErrorContains(t, err, "Config.Retry")
	require.ErrorContains(t, err, "MaxAttempts")
	_, err = ucloud.Doer(cfg)
	require.ErrorContains(t, err, "MaxAttempts")
}

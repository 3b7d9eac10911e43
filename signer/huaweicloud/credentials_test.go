package huaweicloud_test

import (
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/signer/huaweicloud"
)

const secret = "TOPSECRET-SK"

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x"}

func TestSecretNeverFormatted(t *testing.T) {
	c := huaweicloud.Credentials{AccessKey: "AKID", SecretKey: secret, ProjectID: "proj", SecurityToken: secret}
	for _, f := range verbs {
		require.NotContains(t, fmt.Sprintf(f, c), secret, f)
		require.NotContains(t, fmt.Sprintf(f, &c), secret, f)
	}
	require.NotContains(t, c.String(), secret)
	require.Contains(t, c.String(), "AKID")

	s, err := huaweicloud.NewAKSK(c)
	require.NoError(t, err)
	tok, err := huaweicloud.NewToken(secret)
	require.NoError(t, err)
	for _, f := range verbs {
		require.NotContains(t, fmt.Sprintf(f, s), secret, f)
		require.NotContains(t, fmt.Sprintf(f, tok), secret, f)
	}
}

func TestErrorsNeverCarrySecret(t *testing.T) {
	s, err := huaweicloud.NewAKSK(huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret})
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, "https://h.example.com/?a=%zz", nil)
	err = s.Sign(req)
	require.Error(t, err)
	require.NotContains(t, err.Error(), secret)
	_, err = huaweicloud.NewAKSK(huaweicloud.Credentials{SecretKey: secret})
	require.Error(t, err)
	require.NotContains(t, err.Error(), secret)
	_, err = huaweicloud.NewToken(secret + "\n")
	require.Error(t, err)
	require.NotContains(t, err.Error(), secret)
}

func TestCredentialsFromEnv(t *testing.T) {
	t.Setenv(huaweicloud.EnvAccessKey, "AKENV")
	t.Setenv(huaweicloud.EnvSecretKey, "SKENV")
	t.Setenv(huaweicloud.EnvProjectID, "PROJENV")
	t.Setenv(huaweicloud.EnvSecurityToken, "")
	c, err := huaweicloud.CredentialsFromEnv()
	require.NoError(t, err)
	require.Equal(t, huaweicloud.Credentials{AccessKey: "AKENV", SecretKey: "SKENV", ProjectID: "PROJENV"}, c)

	os.Unsetenv(huaweicloud.EnvSecretKey)
	_, err = huaweicloud.CredentialsFromEnv()
	require.ErrorContains(t, err, huaweicloud.EnvSecretKey)
	require.NotContains(t, err.Error(), huaweicloud.EnvAccessKey)
	require.NotContains(t, err.Error(), "AKENV")

	os.Unsetenv(huaweicloud.EnvAccessKey)
	t.Setenv(huaweicloud.EnvSecretKey, "SKENV")
	_, err = huaweicloud.CredentialsFromEnv()
	require.ErrorContains(t, err, huaweicloud.EnvAccessKey)
	require.NotContains(t, err.Error(), "SKENV")
}

package huaweicloud_test

import (
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"

	"github.com/cachesdk/cachesdk/signer/huaweicloud"
)

const topSecret = "TOPSECRET-SK"

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x"}

func TestSecretNeverFormatted(t *testing.T) {
	c := huaweicloud.Credentials{AccessKey: "AKID", SecretKey: secret.New(topSecret), ProjectID: "proj", SecurityToken: secret.New(topSecret)}
	for _, f := range verbs {
		require.NotContains(t, fmt.Sprintf(f, c), topSecret, f)
		require.NotContains(t, fmt.Sprintf(f, &c), topSecret, f)
	}
	require.NotContains(t, fmt.Sprint(c), topSecret)
	require.Contains(t, fmt.Sprint(c), "AKID")

	s, err := huaweicloud.NewAKSK(c)
	require.NoError(t, err)
	tok, err := huaweicloud.NewToken(secret.New(topSecret))
	require.NoError(t, err)
	for _, f := range verbs {
		require.NotContains(t, fmt.Sprintf(f, s), topSecret, f)
		require.NotContains(t, fmt.Sprintf(f, tok), topSecret, f)
	}
}

func TestErrorsNeverCarrySecret(t *testing.T) {
	s, err := huaweicloud.NewAKSK(huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret.New(topSecret)})
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, "https://h.example.com/?a=%zz", nil)
	err = s.Sign(req)
	require.Error(t, err)
	require.NotContains(t, err.Error(), topSecret)
	_, err = huaweicloud.NewAKSK(huaweicloud.Credentials{SecretKey: secret.New(topSecret)})
	require.Error(t, err)
	require.NotContains(t, err.Error(), topSecret)
	_, err = huaweicloud.NewToken(secret.New(topSecret + "\n"))
	require.Error(t, err)
	require.NotContains(t, err.Error(), topSecret)
}

func TestCredentialsFromEnv(t *testing.T) {
	t.Setenv(huaweicloud.EnvAccessKey, "AKENV")
	t.Setenv(huaweicloud.EnvSecretKey, "SKENV")
	t.Setenv(huaweicloud.EnvProjectID, "PROJENV")
	t.Setenv(huaweicloud.EnvSecurityToken, "")
	c, err := huaweicloud.CredentialsFromEnv()
	require.NoError(t, err)
	require.Equal(t, huaweicloud.Credentials{AccessKey: "AKENV", SecretKey: secret.New("SKENV"), ProjectID: "PROJENV"}, c)

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

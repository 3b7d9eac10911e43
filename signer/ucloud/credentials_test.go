package ucloud_test

import (
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"

	"github.com/cachesdk/cachesdk/signer/ucloud"
)

const topSecret = "TOPSECRET-PRIVATE"

func TestSecretNeverFormatted(t *testing.T) {
	c := ucloud.Credentials{PublicKey: "pub", PrivateKey: secret.New(topSecret), SecurityToken: secret.New(topSecret)}
	s, err := ucloud.New(c)
	require.NoError(t, err)
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		require.NotContains(t, fmt.Sprintf(f, c), topSecret, f)
		require.NotContains(t, fmt.Sprintf(f, &c), topSecret, f)
		require.NotContains(t, fmt.Sprintf(f, s), topSecret, f)
	}
	require.Contains(t, fmt.Sprint(c), "pub")
	require.NotContains(t, fmt.Sprint(c), topSecret)
}

func TestErrorsNeverCarrySecret(t *testing.T) {
	s, err := ucloud.New(ucloud.Credentials{PublicKey: "pub", PrivateKey: secret.New(topSecret)})
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, "https://api.ucloud.cn/?Region=x", nil)
	err = s.Sign(req)
	require.Error(t, err)
	require.NotContains(t, err.Error(), topSecret)
	_, err = ucloud.New(ucloud.Credentials{PrivateKey: secret.New(topSecret)})
	require.Error(t, err)
	require.NotContains(t, err.Error(), topSecret)
}

func TestCredentialsFromEnv(t *testing.T) {
	t.Setenv(ucloud.EnvPublicKey, "PUBENV")
	t.Setenv(ucloud.EnvPrivateKey, "PRIVENV")
	t.Setenv(ucloud.EnvSecurityToken, "TOKENV")
	c, err := ucloud.CredentialsFromEnv()
	require.NoError(t, err)
	require.Equal(t, ucloud.Credentials{PublicKey: "PUBENV", PrivateKey: secret.New("PRIVENV"), SecurityToken: secret.New("TOKENV")}, c)

	os.Unsetenv(ucloud.EnvPrivateKey)
	_, err = ucloud.CredentialsFromEnv()
	require.ErrorContains(t, err, ucloud.EnvPrivateKey)
	require.NotContains(t, err.Error(), "PUBENV")

	os.Unsetenv(ucloud.EnvPublicKey)
	t.Setenv(ucloud.EnvPrivateKey, "PRIVENV")
	_, err = ucloud.CredentialsFromEnv()
	require.ErrorContains(t, err, ucloud.EnvPublicKey)
	require.NotContains(t, err.Error(), "PRIVENV")
}

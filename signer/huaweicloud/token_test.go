package huaweicloud_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"

	"github.com/cachesdk/cachesdk/signer"
	"github.com/cachesdk/cachesdk/signer/huaweicloud"
)

func TestToken(t *testing.T) {
	var s signer.Signer
	s, err := huaweicloud.NewToken(secret.New("MIIT-token"))
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, "https://h.example.com/v2/p/instances", nil)
	before := len(req.Header)
	require.NoError(t, s.Sign(req))
	require.Equal(t, []string{"MIIT-token"}, req.Header["X-Auth-Token"])
	require.Len(t, req.Header, before+1, "nothing but X-Auth-Token")

	req.Header["x-auth-token"] = []string{"stale"}
	require.NoError(t, s.Sign(req))
	require.Equal(t, []string{"MIIT-token"}, req.Header.Values("X-Auth-Token"))
	require.NotContains(t, req.Header, "x-auth-token")

	_, err = huaweicloud.NewToken(secret.New(""))
	require.Error(t, err)
	require.Error(t, s.Sign(nil))
}

func TestTokenSignsNilHeader(t *testing.T) {
	tok, _ := huaweicloud.NewToken(secret.New("t"))
	req := &http.Request{}
	require.NoError(t, tok.Sign(req))
	require.Equal(t, "t", req.Header.Get("X-Auth-Token"))
}

package verifier_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/verifier"
)

// The signing.md vector, as a received GET request.
func ucloudVector() url.Values {
	return url.Values{
		"Action": {"CreateUHostInstance"}, "CPU": {"2"}, "ChargeType": {"Month"}, "DiskSpace": {"10"},
		"ImageId": {"f43736e1-65a5-4bea-ad2e-8a46e18883c2"}, "LoginMode": {"Password"}, "Memory": {"2048"},
		"Name": {"Host01"}, "Password": {"VUNsb3VkLmNu"}, "Quantity": {"1"}, "Region": {"cn-bj2"}, "Zone": {"cn-bj2-04"},
		"PublicKey": {"ucloudsomeone@example.com1296235120854146120"},
		"Signature": {"4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65"},
	}
}

var ucVerifier = verifier.UCloud{PrivateKey: func(pk string) (string, bool) {
	return "46f09bb9fab4f12dfc160dae12273d5332b5debe", pk == "ucloudsomeone@example.com1296235120854146120"
}}

func TestUCloudAcceptsTheVector(t *testing.T) {
	r, _ := http.NewRequest("GET", "https://api.ucloud.cn/?"+ucloudVector().Encode(), nil)
	require.NoError(t, ucVerifier.Verify(r, nil))

	form := ucloudVector().Encode()
	r, _ = http.NewRequest("POST", "https://api.ucloud.cn/", strings.NewReader(form))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	require.NoError(t, ucVerifier.Verify(r, []byte(form)))
}

func TestUCloudRejectsTampering(t *testing.T) {
	q := ucloudVector()
	q.Set("Memory", "4096")
	r, _ := http.NewRequest("GET", "https://api.ucloud.cn/?"+q.Encode(), nil)
	err := ucVerifier.Verify(r, nil)
	require.Error(t, err)
	require.NotContains(t, err.Error(), "46f09bb9")
}

package verifier_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"
	cdssigner "github.com/cachesdk/cachesdk/signer/capitalonline"
	hwsigner "github.com/cachesdk/cachesdk/signer/huaweicloud"
	ucsigner "github.com/cachesdk/cachesdk/signer/ucloud"
	"github.com/cachesdk/cachesdk/verifier"
)

// Issue 12 items 5 and 10: what a signer signs, the verifier accepts, for
// the inputs on which they disagreed. Each request goes through the wire
// (written as a client writes it, read as a server reads it).

func hwSignAndVerify(t *testing.T, req *http.Request) *http.Request {
	t.Helper()
	s, err := hwsigner.NewAKSK(hwsigner.Credentials{AccessKey: "AK", SecretKey: secret.New("SK")}, hwsigner.WithClock(fuzzClock))
	require.NoError(t, err)
	require.NoError(t, s.Sign(req))
	r, body := onTheWire(t, req)
	v := verifier.HuaweiCloud{Secret: func(ak string) (string, bool) { return "SK", ak == "AK" }, Now: fuzzClock}
	require.NoError(t, v.Verify(r, body))
	return r
}

func TestLowerCaseMethodIsSentAsSigned(t *testing.T) {
	req, _ := http.NewRequest("get", "https://api.example.com/v2/p/instances", nil)
	r := hwSignAndVerify(t, req)
	require.Equal(t, "GET", r.Method, "Huawei: sent as signed")

	req, _ = http.NewRequest("get", "https://api.example.com/redis?Action=DescribeRegins", nil)
	s, err := cdssigner.New(cdssigner.Credentials{AccessKeyID: "AK", SecretKey: secret.New("SK")}, cdssigner.WithClock(fuzzClock))
	require.NoError(t, err)
	require.NoError(t, s.Sign(req))
	r, body := onTheWire(t, req)
	require.Equal(t, "GET", r.Method, "CapitalOnline signed GET: it must send GET")
	require.NoError(t, verifier.CapitalOnline{Secret: func(string) (string, bool) { return "SK", true }, Now: fuzzClock}.Verify(r, body))

	req, _ = http.NewRequest("post", "https://api.ucloud.cn/", strings.NewReader("Action=X"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	us, err := ucsigner.New(ucsigner.Credentials{PublicKey: "pub", PrivateKey: secret.New("priv")})
	require.NoError(t, err)
	require.NoError(t, us.Sign(req))
	require.Equal(t, "POST", req.Method)

	req, _ = http.NewRequest("GET", "https://api.example.com/", nil)
	req.Method = "GE T"
	require.Error(t, s.Sign(req), "a method that is not a token is refused")
}

func TestHuaweiQueryKeysOutsideUnreserved(t *testing.T) {
	// é (0xC3…) and ; (0x3B) sort one way decoded and another encoded
	// (%C3%A9, %3B); both sides now sort decoded keys, as the official SDK.
	req, _ := http.NewRequest("GET", "https://api.example.com/v2/p/instances?"+
		url.QueryEscape("é")+"=1&"+url.QueryEscape(";")+"=2&a=3&0=4&A=5&k=%C3%A9&k=z&k=%3B", nil)
	hwSignAndVerify(t, req)
}

func TestHuaweiSlashInsideAnIDIsCanonicalEscaped(t *testing.T) {
	u := &url.URL{Scheme: "https", Host: "api.example.com", Path: "/v2/p/instances/a/b", RawPath: "/v2/p/instances/a%2Fb"}
	req := &http.Request{Method: "DELETE", URL: u, Header: http.Header{}, Host: u.Host}
	r := hwSignAndVerify(t, req)
	require.Equal(t, "/v2/p/instances/a%2Fb", r.URL.EscapedPath(), "the wire keeps the escape")
	c, err := hwsigner.CanonicalRequest(req, []string{"x-sdk-date"}, hwsigner.EmptyBodyHash)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(c, "DELETE\n/v2/p/instances/a%2Fb/\n"), "%q", c)
}

func TestHuaweiRepeatedHeaderValues(t *testing.T) {
	req, _ := http.NewRequest("GET", "https://api.example.com/v2/p/instances", nil)
	req.Header.Add("X-Trace", " b") // sorts before "a" untrimmed, after it trimmed (as received)
	req.Header.Add("X-Trace", "a")
	req.Header["User-Agent"] = []string{"", "second"} // net/http sends no User-Agent
	hwSignAndVerify(t, req)
	require.NotContains(t, req.Header.Get("Authorization"), "user-agent")
}

// Found by the round-trip fuzz targets: credentials that could not reach the
// receiver as signed are refused when the signer is built.
func TestCredentialsThatCannotTravelAreRefused(t *testing.T) {
	_, err := hwsigner.NewToken(secret.New(" padded ")) // net/http trims header values
	require.ErrorContains(t, err, "white space")
	_, err = hwsigner.NewAKSK(hwsigner.Credentials{AccessKey: "AK", SecretKey: secret.New("SK"), SecurityToken: secret.New("sts\t")})
	require.ErrorContains(t, err, "SecurityToken")
	_, err = hwsigner.NewAKSK(hwsigner.Credentials{AccessKey: "A K,x", SecretKey: secret.New("SK")}) // splits the Authorization fields
	require.ErrorContains(t, err, "AccessKey")
	_, err = ucsigner.New(ucsigner.Credentials{PublicKey: "pub", PrivateKey: secret.New("priv"), SecurityToken: secret.New("\xff")}) // JSON sends U+FFFD
	require.ErrorContains(t, err, "SecurityToken")
	_, err = ucsigner.New(ucsigner.Credentials{PublicKey: "pub", PrivateKey: secret.New("priv")}, ucsigner.WithRegion("cn-\xff"))
	require.ErrorContains(t, err, "Region")
}

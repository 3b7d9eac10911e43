package ucloud_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"

	"github.com/cachesdk/cachesdk/signer/ucloud"
)

// The vector of docs/signing.md: UCloud's documentation example, also in its
// SDK tests.
const (
	vectorPublicKey  = "ucloudsomeone@example.com1296235120854146120"
	vectorPrivateKey = "46f09bb9fab4f12dfc160dae12273d5332b5debe"
	vectorSignature  = "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65"
)

var vectorParams = map[string]string{
	"Action": "CreateUHostInstance", "CPU": "2", "ChargeType": "Month", "DiskSpace": "10",
	"ImageId": "f43736e1-65a5-4bea-ad2e-8a46e18883c2", "LoginMode": "Password", "Memory": "2048",
	"Name": "Host01", "Password": "VUNsb3VkLmNu", "Quantity": "1", "Region": "cn-bj2", "Zone": "cn-bj2-04",
}

func vectorSigner(t testing.TB, opts ...ucloud.Option) *ucloud.Signer {
	t.Helper()
	s, err := ucloud.New(ucloud.Credentials{PublicKey: vectorPublicKey, PrivateKey: secret.New(vectorPrivateKey)}, opts...)
	require.NoError(t, err)
	return s
}

func vectorQuery() url.Values {
	q := url.Values{}
	for k, v := range vectorParams {
		q.Set(k, v)
	}
	return q
}

func TestVectorSignatureFunction(t *testing.T) {
	params := map[string]string{"PublicKey": vectorPublicKey}
	for k, v := range vectorParams {
		params[k] = v
	}
	require.Equal(t, vectorSignature, ucloud.Signature(params, vectorPrivateKey))
	params["Signature"] = "ignored"
	params["Empty"] = ""
	require.Equal(t, vectorSignature, ucloud.Signature(params, vectorPrivateKey), "Signature and empty values are not signed")
}

// The three transports carry the same parameters and the same signature.
func TestVectorAllTransports(t *testing.T) {
	s := vectorSigner(t)
	for name, req := range map[string]*http.Request{
		"GET":  getRequest(t, vectorQuery()),
		"form": formRequest(t, vectorQuery()),
		"JSON": jsonRequest(t, vectorJSON()),
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, s.Sign(req))
			got := sentParams(t, req)
			require.Equal(t, vectorSignature, got["Signature"])
			require.Equal(t, vectorPublicKey, got["PublicKey"])
			for k, v := range vectorParams {
				require.Equal(t, v, got[k], k)
			}
			require.Len(t, got, len(vectorParams)+2)
		})
	}
}

func vectorJSON() map[string]any {
	m := map[string]any{}
	for k, v := range vectorParams {
		m[k] = v
	}
	// Numbers as JSON numbers: they flatten to the same strings.
	m["CPU"], m["DiskSpace"], m["Memory"], m["Quantity"] = 2, 10.0, 2048, 1
	return m
}

func getRequest(t testing.TB, q url.Values) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "https://api.ucloud.cn/?"+q.Encode(), nil)
	require.NoError(t, err)
	return req
}

func formRequest(t testing.TB, q url.Values) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "https://api.ucloud.cn/", strings.NewReader(q.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func jsonRequest(t testing.TB, body any) *http.Request {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, "https://api.dezai.com/", strings.NewReader(string(b)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	return req
}

// sentParams reads the parameters as the server would, flattening a JSON body.
func sentParams(t *testing.T, req *http.Request) map[string]string {
	t.Helper()
	if req.Body == nil {
		q, err := url.ParseQuery(req.URL.RawQuery)
		require.NoError(t, err)
		return single(t, q)
	}
	rc, err := req.GetBody()
	require.NoError(t, err)
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.EqualValues(t, len(b), req.ContentLength)
	if strings.HasPrefix(req.Header.Get("Content-Type"), "application/json") {
		m, err := ucloud.FlattenJSON(b)
		require.NoError(t, err)
		return m
	}
	q, err := url.ParseQuery(string(b))
	require.NoError(t, err)
	return single(t, q)
}

func single(t *testing.T, q url.Values) map[string]string {
	m := map[string]string{}
	for k, vs := range q {
		require.Len(t, vs, 1, k)
		m[k] = vs[0]
	}
	return m
}

// A server-side check: the signature of what was sent, minus Signature.
func requireVerifies(t *testing.T, req *http.Request, privateKey string) {
	t.Helper()
	got := sentParams(t, req)
	require.Equal(t, ucloud.Signature(got, privateKey), got["Signature"])
}

func TestSameSignatureAcrossTransports(t *testing.T) {
	s := vectorSigner(t, ucloud.WithRegion("cn-sh2"), ucloud.WithProjectID("org-1"))
	q := url.Values{"Action": {"DescribeURedisGroup"}, "Limit": {"20"}, "Tag.0": {"a b&c"}, "Name": {"一"}}
	obj := map[string]any{"Action": "DescribeURedisGroup", "Limit": 20, "Tag": []string{"a b&c"}, "Name": "一"}
	var sigs []string
	for _, req := range []*http.Request{getRequest(t, q), formRequest(t, q), jsonRequest(t, obj)} {
		require.NoError(t, s.Sign(req))
		got := sentParams(t, req)
		requireVerifies(t, req, vectorPrivateKey)
		require.Equal(t, "cn-sh2", got["Region"])
		require.Equal(t, "org-1", got["ProjectId"])
		require.NotContains(t, got, "Zone")
		sigs = append(sigs, got["Signature"])
	}
	require.Equal(t, sigs[0], sigs[1])
	require.Equal(t, sigs[0], sigs[2])
}

func TestDefaultsDoNotOverride(t *testing.T) {
	s := vectorSigner(t, ucloud.WithRegion("cn-bj2"), ucloud.WithZone("cn-bj2-05"), ucloud.WithProjectID("org-default"))
	// Non-empty request values win; an empty one takes the default.
	q := url.Values{"Action": {"A"}, "Region": {"hk"}, "Zone": {""}}
	for _, req := range []*http.Request{getRequest(t, q), formRequest(t, q),
		jsonRequest(t, map[string]any{"Action": "A", "Region": "hk", "Zone": ""})} {
		require.NoError(t, s.Sign(req))
		got := sentParams(t, req)
		require.Equal(t, "hk", got["Region"])
		require.Equal(t, "cn-bj2-05", got["Zone"])
		require.Equal(t, "org-default", got["ProjectId"])
		requireVerifies(t, req, vectorPrivateKey)
	}
}

func TestSignAgainNeverDuplicates(t *testing.T) {
	s, err := ucloud.New(ucloud.Credentials{PublicKey: "pub", PrivateKey: secret.New("priv"), SecurityToken: secret.New("sts")}, ucloud.WithRegion("cn-bj2"))
	require.NoError(t, err)
	for _, req := range []*http.Request{getRequest(t, vectorQuery()), formRequest(t, vectorQuery()), jsonRequest(t, vectorJSON())} {
		require.NoError(t, s.Sign(req))
		first := sentParams(t, req)
		require.NoError(t, s.Sign(req))
		second := sentParams(t, req) // fails on any repeated name
		require.Equal(t, first, second)
		require.Equal(t, "sts", second["SecurityToken"])
		requireVerifies(t, req, "priv")
	}
	// Parameters the signer owns are replaced, not trusted.
	q := vectorQuery()
	q.Set("PublicKey", "someone-else")
	q.Set("Signature", "forged")
	req := getRequest(t, q)
	require.NoError(t, vectorSigner(t).Sign(req))
	require.Equal(t, vectorSignature, sentParams(t, req)["Signature"])
}

func TestEmptyParametersDropped(t *testing.T) {
	q := vectorQuery()
	q.Set("Remark", "")
	req := formRequest(t, q)
	require.NoError(t, vectorSigner(t).Sign(req))
	got := sentParams(t, req)
	require.NotContains(t, got, "Remark", "never send what was not signed")
	require.Equal(t, vectorSignature, got["Signature"])
}

func TestRefusals(t *testing.T) {
	s := vectorSigner(t)
	for name, req := range map[string]*http.Request{
		"GET without Action":  getRequest(t, url.Values{"Region": {"cn-bj2"}}),
		"empty Action":        getRequest(t, url.Values{"Action": {""}}),
		"form without Action": formRequest(t, url.Values{"Region": {"cn-bj2"}}),
		"JSON without Action": jsonRequest(t, map[string]any{"Region": "cn-bj2"}),
	} {
		require.ErrorIs(t, s.Sign(req), ucloud.ErrNoAction, name)
	}

	bad := map[string]*http.Request{
		"duplicate":    getRequest(t, url.Values{"Action": {"A"}, "Name": {"a", "b"}}),
		"bad escape":   {Method: http.MethodGet, URL: &url.URL{Scheme: "https", Host: "h", RawQuery: "Action=A&x=%zz"}},
		"empty name":   {Method: http.MethodGet, URL: &url.URL{Scheme: "https", Host: "h", RawQuery: "Action=A&=x"}},
		"no URL":       {Method: http.MethodGet},
		"JSON array":   jsonRequest(t, []any{1}),
		"JSON null":    jsonRequest(t, nil),
		"JSON dup":     jsonRequest(t, map[string]any{"Action": "A", "Tag": []any{"x"}, "Tag.0": "y"}),
		"JSON NaN-ish": jsonRequest(t, map[string]any{"Action": "A", "N": json.Number("1e999")}),
	}
	trailing := jsonRequest(t, map[string]any{"Action": "A"})
	trailing.Body, trailing.GetBody = io.NopCloser(strings.NewReader(`{"Action":"A"} {}`)), nil
	bad["JSON trailing data"] = trailing
	malformed := jsonRequest(t, map[string]any{"Action": "A"})
	malformed.Body, malformed.GetBody = io.NopCloser(strings.NewReader(`{"Action":"A","Password":"hunter2"`)), nil
	bad["JSON malformed"] = malformed
	both := formRequest(t, url.Values{"Action": {"A"}})
	both.URL.RawQuery = "Region=cn-bj2"
	bad["form and query"] = both
	xml, _ := http.NewRequest(http.MethodPost, "https://api.ucloud.cn/", strings.NewReader("<a/>"))
	xml.Header.Set("Content-Type", "application/xml")
	bad["XML body"] = xml
	for name, req := range bad {
		err := s.Sign(req)
		require.Error(t, err, name)
		require.NotContains(t, err.Error(), "hunter2", name)
	}
	require.Error(t, s.Sign(nil))
}

func TestWireEncoding(t *testing.T) {
	q := url.Values{"Action": {"A"}, "Name": {"a b+c&d=e/一"}}
	req := getRequest(t, q)
	require.NoError(t, vectorSigner(t).Sign(req))
	require.Contains(t, req.URL.RawQuery, "Name=a%20b%2Bc%26d%3De%2F%E4%B8%80&")
	require.True(t, strings.HasSuffix(req.URL.RawQuery, "&Signature="+sentParams(t, req)["Signature"]))
	require.Equal(t, "a b+c&d=e/一", sentParams(t, req)["Name"])
	requireVerifies(t, req, vectorPrivateKey)
}

func TestJSONBodyKeepsValues(t *testing.T) {
	req := jsonRequest(t, map[string]any{"Action": "A", "Big": json.Number("123456789012345678901234567890"),
		"F": 1.5, "Html": "<&>", "Nested": map[string]any{"On": true, "List": []any{map[string]any{"K": "v"}}}})
	require.NoError(t, vectorSigner(t).Sign(req))
	rc, _ := req.GetBody()
	b, _ := io.ReadAll(rc)
	require.Contains(t, string(b), `"Big":123456789012345678901234567890`)
	require.Contains(t, string(b), `"Html":"<&>"`)
	got := sentParams(t, req)
	require.Equal(t, "true", got["Nested.On"])
	require.Equal(t, "v", got["Nested.List.0.K"])
	requireVerifies(t, req, vectorPrivateKey)
}

func BenchmarkSign(b *testing.B) {
	s, _ := ucloud.New(ucloud.Credentials{PublicKey: vectorPublicKey, PrivateKey: secret.New(vectorPrivateKey)},
		ucloud.WithRegion("cn-bj2"), ucloud.WithProjectID("org-abc123"))
	const raw = "Action=DescribeURedisGroup&Limit=20&Offset=0&Zone=cn-bj2-05"
	b.Run("GET", func(b *testing.B) {
		req, _ := http.NewRequest(http.MethodGet, "https://api.ucloud.cn/?"+raw, nil)
		b.ReportAllocs()
		for b.Loop() {
			req.URL.RawQuery = raw // a first signing
			if err := s.Sign(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Form and JSON re-sign the same request: the body is replaced each time.
	b.Run("form", func(b *testing.B) {
		req, _ := http.NewRequest(http.MethodPost, "https://api.ucloud.cn/", strings.NewReader(raw))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Sign(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("JSON", func(b *testing.B) {
		req, _ := http.NewRequest(http.MethodPost, "https://api.ucloud.cn/",
			strings.NewReader(`{"Action":"DescribeURedisGroup","Limit":20,"Offset":0,"Zone":"cn-bj2-05"}`))
		req.Header.Set("Content-Type", "application/json")
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Sign(req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestConcurrentSigning(t *testing.T) {
	s := vectorSigner(t)
	done := make(chan string)
	for i := range 8 {
		go func() {
			var last string
			for range 50 {
				req := getRequest(t, vectorQuery())
				if i%2 == 1 {
					req = formRequest(t, vectorQuery())
				}
				if err := s.Sign(req); err != nil {
					last = err.Error()
					break
				}
				q, _ := url.ParseQuery(req.URL.RawQuery)
				if req.Body != nil {
					b, _ := io.ReadAll(req.Body)
					q, _ = url.ParseQuery(string(b))
				}
				last = q.Get("Signature")
			}
			done <- last
		}()
	}
	for range 8 {
		require.Equal(t, vectorSignature, <-done)
	}
}

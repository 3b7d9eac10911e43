package verifier_test

// Round-trip fuzz targets: whatever a signer signs, written to the wire as
// net/http writes it and read back as a server reads it, the independent
// verifier accepts. A signer may refuse an input (an error, never a panic);
// what it accepts must verify. The seeds (testdata/fuzz) run in go test.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cachesdk/cachesdk/secret"
	cdssigner "github.com/cachesdk/cachesdk/signer/capitalonline"
	hwsigner "github.com/cachesdk/cachesdk/signer/huaweicloud"
	ucsigner "github.com/cachesdk/cachesdk/signer/ucloud"
	"github.com/cachesdk/cachesdk/verifier"
)

var fuzzNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func fuzzClock() time.Time { return fuzzNow }

// validToken reports whether s is an HTTP token (a header name a client can send).
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// validValue reports whether net/http's transport would send s as a header
// value (no control byte but tab).
func validValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// special are headers net/http writes or reads on its own terms (framing,
// connection management); a caller does not set them on an API call.
var special = map[string]bool{
	"Host": true, "Content-Length": true, "Transfer-Encoding": true, "Trailer": true,
	"Connection": true, "Te": true, "Upgrade": true, "Expect": true, "Proxy-Connection": true, "Keep-Alive": true,
}

// newRequest builds the request a caller could hand a signer, or nil when
// net/http would not send it.
func newRequest(method, path, rawQuery string, body []byte, contentType, hname, hval1, hval2 string) *http.Request {
	p := strings.NewReplacer("?", "%3F", "#", "%23").Replace(path)
	u, err := url.Parse("https://api.example.com/" + p)
	if err != nil {
		u = &url.URL{Scheme: "https", Host: "api.example.com", Path: "/" + path}
	}
	u.RawQuery = rawQuery
	var rd io.Reader
	if len(body) > 0 {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, u.String(), rd)
	if err != nil {
		return nil
	}
	req.URL = u // keep the path and query exactly as built
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if hname != "" {
		if !validToken(hname) || special[http.CanonicalHeaderKey(hname)] || !validValue(hval1) || !validValue(hval2) {
			return nil
		}
		req.Header.Add(hname, hval1)
		if hval2 != "" {
			req.Header.Add(hname, hval2)
		}
	}
	return req
}

// onTheWire writes req as a client does and reads it back as a server does.
func onTheWire(t *testing.T, req *http.Request) (*http.Request, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := req.Write(&buf); err != nil {
		t.Fatalf("a signed request cannot be written: %v", err)
	}
	r, err := http.ReadRequest(bufio.NewReader(&buf))
	if err != nil {
		t.Fatalf("a signed request cannot be read back: %v\n%q", err, buf.String())
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("reading the body back: %v", err)
	}
	return r, body
}

// carriable reports whether a raw query fits in a request line as it is
// (the signers that rewrite the query make any query fit).
func carriable(rawQuery string) bool {
	for i := 0; i < len(rawQuery); i++ {
		if c := rawQuery[i]; c <= ' ' || c == 0x7f || c == '#' {
			return false
		}
	}
	return true
}

var contentTypes = []string{"", "application/json", "application/x-www-form-urlencoded", "text/plain; charset=utf-8"}

// FuzzHuaweiCloudRoundTrip: mode 0 signs with AK/SK and Host, 1 without
// Host (the Go SDK's way), 2 with an IAM token; ak is the access key, tok
// the security token (modes 0, 1) or the IAM token (mode 2).
func FuzzHuaweiCloudRoundTrip(f *testing.F) {
	f.Add("GET", "v2/0123/instances", "offset=0&limit=10", []byte(nil), uint8(0), "", "", "", uint8(0), "AK", "")
	f.Add("get", "v2/p/instances/a%2Fb", "é=1&;=2&a=3", []byte(nil), uint8(0), "X-Trace", " b", "a", uint8(1), "AK", "sts")
	f.Add("POST", "v2/p/instances", "", []byte(`{"name":"x"}`), uint8(1), "User-Agent", "", "ua2", uint8(0), "AKIA0123", "tok")
	f.Add("Delete", "v2/p/instances/%E4%B8%AD/x y", "k=%2B&k=+&k=%20", []byte{}, uint8(2), "x-b", "v\t", "", uint8(2), "AK", "MIIT-token")
	f.Add("GET", "v2/p/instances", "", []byte(nil), uint8(0), "", "", "", uint8(2), "AK", " padded ")
	f.Add("GET", "v2/p/instances", "", []byte(nil), uint8(0), "", "", "", uint8(0), "A K,x", "")
	f.Fuzz(func(t *testing.T, method, path, rawQuery string, body []byte, ct uint8, hname, hval1, hval2 string, mode uint8, ak, tok string) {
		req := newRequest(method, path, rawQuery, body, contentTypes[int(ct)%len(contentTypes)], hname, hval1, hval2)
		if req == nil {
			return
		}
		if mode%3 == 2 && !carriable(rawQuery) {
			return // the token signer sends the query as given: it must fit a request line
		}
		var s interface{ Sign(*http.Request) error }
		var err error
		switch mode % 3 {
		case 0, 1:
			opts := []hwsigner.Option{hwsigner.WithClock(fuzzClock)}
			if mode%3 == 1 {
				opts = append(opts, hwsigner.WithUnsignedHost())
			}
			s, err = hwsigner.NewAKSK(hwsigner.Credentials{AccessKey: ak, SecretKey: secret.New("SK"), ProjectID: "p", SecurityToken: secret.New(tok)}, opts...)
		case 2:
			s, err = hwsigner.NewToken(secret.New(tok))
		}
		if err != nil {
			return // credentials refused at construction
		}
		if err := s.Sign(req); err != nil {
			return // refused: nothing produced
		}
		r, got := onTheWire(t, req)
		v := verifier.HuaweiCloud{
			Secret:    func(key string) (string, bool) { return "SK", key == ak },
			Token:     func(got string) bool { return got == tok },
			ProjectID: "p",
			Now:       fuzzClock,
		}
		if err := v.Verify(r, got); err != nil {
			t.Fatalf("signed %s %s?%s, the verifier refuses: %v", req.Method, req.URL.EscapedPath(), req.URL.RawQuery, err)
		}
		if mode%3 != 2 && tok != "" && r.Header.Get("X-Security-Token") != tok {
			t.Fatalf("the security token was sent as %q", r.Header.Get("X-Security-Token"))
		}
	})
}

func FuzzCapitalOnlineRoundTrip(f *testing.F) {
	f.Add("GET", "redis", "IP=66.66", "", "", []byte(nil), uint8(0), "AK")
	f.Add("get", "redis", "é=1&;=2", "Name", "a b+c", []byte(nil), uint8(0), "AK é&=")
	f.Add("POST", "memcached", "", "Tag", "~!*()'", []byte(`{"a":1}`), uint8(1), "AK")
	f.Fuzz(func(t *testing.T, method, path, rawQuery, key, value string, body []byte, ct uint8, ak string) {
		q := rawQuery
		if key != "" {
			if q != "" {
				q += "&"
			}
			q += url.QueryEscape(key) + "=" + url.QueryEscape(value)
		}
		if q != "" {
			q += "&"
		}
		q += "Action=Describe"
		req := newRequest(method, path, q, body, contentTypes[int(ct)%len(contentTypes)], "", "", "")
		if req == nil {
			return
		}
		s, err := cdssigner.New(cdssigner.Credentials{AccessKeyID: ak, SecretKey: secret.New("SK")}, cdssigner.WithClock(fuzzClock))
		if err != nil {
			return
		}
		if err := s.Sign(req); err != nil {
			return
		}
		r, got := onTheWire(t, req)
		v := verifier.CapitalOnline{Secret: func(key string) (string, bool) { return "SK", key == ak }, Now: fuzzClock}
		if err := v.Verify(r, got); err != nil {
			t.Fatalf("signed %s ?%s, the verifier refuses: %v", req.Method, req.URL.RawQuery, err)
		}
	})
}

// FuzzUCloudRoundTrip sends two parameters (besides Action and the
// defaults) in the query, a form body or a JSON body.
func FuzzUCloudRoundTrip(f *testing.F) {
	f.Add("GET", "Region", "cn-bj2", "Name", "a b", uint8(0), "", "pub", "sts")
	f.Add("post", "é", ";", "Tag.0", "x", uint8(1), "", "someone@example.com", "")
	f.Add("POST", "Limit", "10", "Offset", "0", uint8(2), `{"Nested":{"A":[1,2.50,true,null,""]},"Big":123456789012345678901234567890}`, "pub", "a b")
	f.Fuzz(func(t *testing.T, method, k1, v1, k2, v2 string, how uint8, rawJSON, pub, sts string) {
		params := map[string]string{"Action": "DescribeX"}
		for _, kv := range [][2]string{{k1, v1}, {k2, v2}} {
			if kv[0] != "" {
				params[kv[0]] = kv[1]
			}
		}
		var req *http.Request
		switch how % 3 {
		case 0:
			vals := url.Values{}
			for k, v := range params {
				vals.Set(k, v)
			}
			req = newRequest(method, "", vals.Encode(), nil, "", "", "", "")
		case 1:
			vals := url.Values{}
			for k, v := range params {
				vals.Set(k, v)
			}
			req = newRequest(method, "", "", []byte(vals.Encode()), "application/x-www-form-urlencoded", "", "", "")
		case 2:
			obj := map[string]any{}
			if rawJSON != "" && json.Unmarshal([]byte(rawJSON), &obj) != nil {
				return
			}
			for k, v := range params {
				obj[k] = v
			}
			b, err := json.Marshal(obj)
			if err != nil {
				return
			}
			req = newRequest(method, "", "", b, "application/json", "", "", "")
		}
		if req == nil {
			return
		}
		s, err := ucsigner.New(ucsigner.Credentials{PublicKey: pub, PrivateKey: secret.New("priv"), SecurityToken: secret.New(sts)},
			ucsigner.WithRegion("cn-bj2"), ucsigner.WithProjectID("org-1"))
		if err != nil {
			return
		}
		if err := s.Sign(req); err != nil {
			return
		}
		r, got := onTheWire(t, req)
		v := verifier.UCloud{PrivateKey: func(pk string) (string, bool) { return "priv", pk == pub }}
		if err := v.Verify(r, got); err != nil {
			t.Fatalf("signed %s ?%s body %q, the verifier refuses: %v", req.Method, req.URL.RawQuery, got, err)
		}
	})
}

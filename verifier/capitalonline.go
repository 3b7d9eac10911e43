package verifier

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// CapitalOnline verifies the cdsapi HMAC-SHA1 query signature.
type CapitalOnline struct {
	// Secret returns the secret key of an access key id.
	Secret func(accessKeyID string) (string, bool)
	// MaxSkew bounds |now - Timestamp|; 0 means 15 minutes.
	MaxSkew time.Duration
	// Now is the server clock; nil means time.Now.
	Now func() time.Time
}

var cdsCommon = []string{"AccessKeyId", "Action", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version", "Signature"}

// Verify recomputes the signature from the raw query as received.
func (v CapitalOnline) Verify(r *http.Request, _ []byte) error {
	type pair struct{ k, v string }
	var pairs []pair
	got := map[string][]string{}
	for _, part := range strings.Split(r.URL.RawQuery, "&") {
		if part == "" {
			continue
		}
		k, val, _ := strings.Cut(part, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(val)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("capitalonline signature: undecodable query parameter %q", k)
		}
		got[dk] = append(got[dk], dv)
		if dk != "Signature" {
			pairs = append(pairs, pair{dk, dv})
		}
	}
	for _, name := range cdsCommon {
		if n := len(got[name]); n != 1 {
			return fmt.Errorf("capitalonline signature: want exactly one %s, got %d", name, n)
		}
	}
	if got["SignatureMethod"][0] != "HMAC-SHA1" || got["SignatureVersion"][0] != "1.0" || got["Version"][0] != "2019-08-08" {
		return errors.New("capitalonline signature: unexpected SignatureMethod, SignatureVersion or Version")
	}
	ts, err := time.Parse("2006-01-02T15:04:05Z", got["Timestamp"][0])
	if err != nil {
		return fmt.Errorf("capitalonline signature: Timestamp %q is not 2006-01-02T15:04:05Z", got["Timestamp"][0])
	}
	if err := checkSkew(ts, v.Now, v.MaxSkew); err != nil {
		return fmt.Errorf("capitalonline signature: Timestamp %w", err)
	}
	secret, ok := v.Secret(got["AccessKeyId"][0])
	if !ok {
		return fmt.Errorf("capitalonline signature: unknown AccessKeyId %q", got["AccessKeyId"][0])
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	canon := make([]string, len(pairs))
	for i, p := range pairs {
		canon[i] = rfc3986(p.k) + "=" + rfc3986(p.v)
	}
	sts := r.Method + "&" + rfc3986("/") + "&" + rfc3986(strings.Join(canon, "&"))
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(sts))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(got["Signature"][0])) {
		return errors.New("capitalonline signature: signature does not match")
	}
	return nil
}

// rfc3986 percent-encodes everything but A-Z a-z 0-9 - _ . ~ (upper-case hex),
// built on net/url's encoder and corrected where it differs.
func rfc3986(s string) string {
	e := url.QueryEscape(s) // space → "+", "~" → "%7E", the rest as RFC 3986
	e = strings.ReplaceAll(e, "+", "%20")
	return strings.ReplaceAll(e, "%7E", "~")
}

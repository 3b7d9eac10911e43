package verifier

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// HuaweiCloud verifies Huawei APIG authentication: an SDK-HMAC-SHA256
// Authorization header, or an X-Auth-Token.
type HuaweiCloud struct {
	// Secret returns the secret key of an access key.
	Secret func(accessKey string) (string, bool)
	// Token reports whether an X-Auth-Token is valid; nil refuses tokens.
	Token func(token string) bool
	// ProjectID, when set, must equal the X-Project-Id of AK/SK requests.
	ProjectID string
	// MaxSkew bounds |now - X-Sdk-Date|; 0 means 15 minutes.
	MaxSkew time.Duration
	// Now is the server clock; nil means time.Now.
	Now func() time.Time
}

// Verify accepts a request that carries a valid token or a valid signature.
func (v HuaweiCloud) Verify(r *http.Request, body []byte) error {
	if tok := r.Header.Get("X-Auth-Token"); tok != "" {
		if v.Token != nil && v.Token(tok) {
			return nil
		}
		return errors.New("huaweicloud auth: X-Auth-Token is not valid")
	}
	auth := r.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(auth, "SDK-HMAC-SHA256 ")
	if !ok {
		return errors.New("huaweicloud auth: no X-Auth-Token and no SDK-HMAC-SHA256 Authorization")
	}
	fields := map[string]string{}
	for _, f := range strings.Split(rest, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(f), "=")
		fields[k] = val
	}
	ak, signed, sig := fields["Access"], fields["SignedHeaders"], fields["Signature"]
	if ak == "" || signed == "" || sig == "" {
		return errors.New("huaweicloud auth: Authorization lacks Access, SignedHeaders or Signature")
	}
	date := r.Header.Get("X-Sdk-Date")
	ts, err := time.Parse("20060102T150405Z", date)
	if err != nil {
		return fmt.Errorf("huaweicloud auth: X-Sdk-Date %q is not 20060102T150405Z", date)
	}
	if err := checkSkew(ts, v.Now, v.MaxSkew); err != nil {
		return fmt.Errorf("huaweicloud auth: X-Sdk-Date %w", err)
	}
	if v.ProjectID != "" && r.Header.Get("X-Project-Id") != v.ProjectID {
		return errors.New("huaweicloud auth: X-Project-Id does not name the project")
	}
	secret, ok := v.Secret(ak)
	if !ok {
		return fmt.Errorf("huaweicloud auth: unknown access key %q", ak)
	}
	names := strings.Split(signed, ";")
	hasDate := false
	for _, n := range names {
		hasDate = hasDate || n == "x-sdk-date"
	}
	if !hasDate {
		return errors.New("huaweicloud auth: x-sdk-date is not among the signed headers")
	}
	canonical, err := huaweiCanonicalRequest(r, names, body)
	if err != nil {
		return err
	}
	digest := sha256.Sum256([]byte(canonical))
	sts := "SDK-HMAC-SHA256\n" + date + "\n" + hex.EncodeToString(digest[:])
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(sts))
	if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sig)) {
		return errors.New("huaweicloud auth: signature does not match")
	}
	return nil
}

func huaweiCanonicalRequest(r *http.Request, signed []string, body []byte) (string, error) {
	// URI: each segment decoded then RFC 3986-encoded, always ending in "/".
	segs := strings.Split(r.URL.EscapedPath(), "/")
	for i, s := range segs {
		d, err := url.PathUnescape(s)
		if err != nil {
			return "", fmt.Errorf("huaweicloud auth: undecodable path segment %q", s)
		}
		segs[i] = rfc3986(d)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	// Query: pairs sorted by decoded key, then decoded value (as the
	// official SDK sorts them), each side then RFC 3986-encoded.
	type kv struct{ k, v string }
	var query []kv
	for _, part := range strings.Split(r.URL.RawQuery, "&") {
		if part == "" {
			continue
		}
		k, val, _ := strings.Cut(part, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(val)
		if err1 != nil || err2 != nil {
			return "", fmt.Errorf("huaweicloud auth: undecodable query")
		}
		query = append(query, kv{dk, dv})
	}
	sort.Slice(query, func(i, j int) bool {
		if query[i].k != query[j].k {
			return query[i].k < query[j].k
		}
		return query[i].v < query[j].v
	})
	pairs := make([]string, len(query))
	for i, p := range query {
		pairs[i] = rfc3986(p.k) + "=" + rfc3986(p.v)
	}
	// Headers: one line per received value, trimmed, values sorted.
	var hdrs strings.Builder
	for _, name := range signed {
		var vals []string
		if name == "host" {
			vals = []string{r.Host}
		} else {
			for _, v := range r.Header.Values(name) {
				vals = append(vals, strings.TrimSpace(v))
			}
			sort.Strings(vals)
		}
		for _, v := range vals {
			hdrs.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
		}
	}
	bodyHash := sha256.Sum256(body)
	return strings.Join([]string{r.Method, uri, strings.Join(pairs, "&"), hdrs.String(), strings.Join(signed, ";"), hex.EncodeToString(bodyHash[:])}, "\n"), nil
}

// Package redact removes credentials from URLs and error texts before they
// leave the SDK.
//
// The rule: a query parameter or header is sensitive when its name, in lower
// case and without '-' and '_', contains one of token, secret, password,
// passwd, privatekey, credential, authorization or apikey, ends with one of
// signature, accesskey, accesskeyid, publickey or keyid, or is one of ak, sk,
// sig, auth (SignatureNonce, SignatureMethod and SignatureVersion are kept:
// they are no secret and help to read an error). That covers
// CapitalOnline's AccessKeyId and Signature, UCloud's PublicKey, Signature and
// SecurityToken, and Huawei's Authorization, X-Auth-Token and
// X-Security-Token. Its value is replaced by "REDACTED"; everything else of
// the URL (scheme, host, path, the other parameters) is kept, so an error
// still says which call failed. A URL's user info is replaced as a whole.
package redact

import (
	"net/http"
	"net/url"
	"strings"
)

// Mask replaces every sensitive value.
const Mask = "REDACTED"

var (
	sensitiveParts = []string{
		"token", "secret", "password", "passwd", "privatekey", "credential", "authorization", "apikey",
	}
	sensitiveSuffixes = []string{"signature", "accesskey", "accesskeyid", "publickey", "keyid"}
)

var separators = strings.NewReplacer("-", "", "_", "")

// Sensitive reports whether a query parameter or header called name carries
// a credential (see the package comment).
func Sensitive(name string) bool {
	n := separators.Replace(strings.ToLower(name))
	switch n {
	case "ak", "sk", "sig", "auth":
		return true
	}
	for _, p := range sensitiveParts {
		if strings.Contains(n, p) {
			return true
		}
	}
	for _, p := range sensitiveSuffixes {
		if strings.HasSuffix(n, p) {
			return true
		}
	}
	return false
}

// URL returns raw with the value of every sensitive query parameter replaced
// by Mask and any user info replaced by Mask. The order and raw encoding of
// the other parameters are kept. A string that does not parse as a URL keeps
// only what precedes its first '?' or '#'.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if i := strings.IndexAny(raw, "?#"); i >= 0 {
			return raw[:i] + "?" + Mask
		}
		return raw
	}
	if u.User != nil {
		u.User = url.User(Mask)
	}
	u.RawQuery = Query(u.RawQuery)
	if u.Fragment != "" {
		u.Fragment = Query(u.Fragment)
		u.RawFragment = ""
	}
	return u.String()
}

// Query returns the raw query q with the value of every sensitive parameter
// replaced by Mask.
func Query(q string) string {
	if q == "" {
		return q
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		key, _, hasValue := strings.Cut(p, "=")
		name, err := url.QueryUnescape(key)
		if err != nil {
			name = key
		}
		if hasValue && Sensitive(name) {
			parts[i] = key + "=" + Mask
		}
	}
	return strings.Join(parts, "&")
}

// Error returns err fit to print for a failed send of req: every *url.Error
// in its chain has its URL redacted (URL), in place, so errors.Is and
// errors.As keep working (context.Canceled, context.DeadlineExceeded,
// *net.OpError, *url.Error). If the text still carries a sensitive value of
// req (a query parameter, a credential header, the user info), err is
// wrapped so that its text shows Mask instead; Unwrap returns err. A nil err
// is nil.
func Error(err error, req *http.Request) error {
	if err == nil {
		return nil
	}
	redactChain(err, 0)
	secrets := secretsOf(req)
	msg := err.Error()
	leaked := false
	for _, s := range secrets {
		if strings.Contains(msg, s) {
			msg = strings.ReplaceAll(msg, s, Mask)
			leaked = true
		}
	}
	if !leaked {
		return err
	}
	return &redacted{msg: msg, err: err}
}

func redactChain(err error, depth int) {
	if err == nil || depth > 32 {
		return
	}
	if ue, ok := err.(*url.Error); ok {
		ue.URL = URL(ue.URL)
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		redactChain(u.Unwrap(), depth+1)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			redactChain(e, depth+1)
		}
	}
}

// Values are the sensitive values one request carries (signature, key,
// token: see the package comment), longest first: Secrets works them out
// once, for every text and header of one error.
type Values []string

// Secrets returns the sensitive values req carries.
func Secrets(req *http.Request) Values { return secretsOf(req) }

// Text returns s with every value of v replaced by Mask: for server text
// that may echo what was sent (a vendor's error message).
func (v Values) Text(s string) string {
	if s == "" {
		return s
	}
	for _, sec := range v {
		s = strings.ReplaceAll(s, sec, Mask)
	}
	return s
}

// Header returns a copy of h in which a sensitive header's values are Mask
// and every other value has v's values replaced (Text).
func (v Values) Header(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for name, values := range h {
		vs := make([]string, len(values))
		sensitive := Sensitive(name)
		for i, val := range values {
			if sensitive {
				vs[i] = Mask
			} else {
				vs[i] = v.Text(val)
			}
		}
		out[name] = vs
	}
	return out
}

// minSecret is the shortest value searched for in an error text: shorter
// ones would match ordinary words.
const minSecret = 6

// secretsOf lists the sensitive values req carries, longest first.
func secretsOf(req *http.Request) []string {
	if req == nil {
		return nil
	}
	var out []string
	add := func(v string) {
		if len(v) >= minSecret {
			out = append(out, v)
		}
	}
	if u := req.URL; u != nil {
		if u.User != nil {
			add(u.User.Username())
			if p, ok := u.User.Password(); ok {
				add(p)
			}
		}
		for _, p := range strings.Split(u.RawQuery, "&") {
			key, value, _ := strings.Cut(p, "=")
			name, err := url.QueryUnescape(key)
			if err != nil || !Sensitive(name) {
				continue
			}
			add(value)
			if v, err := url.QueryUnescape(value); err == nil && v != value {
				add(v)
			}
		}
	}
	for name, values := range req.Header {
		if !Sensitive(name) {
			continue
		}
		for _, v := range values {
			add(v)
			// Authorization: "SDK-HMAC-SHA256 Access=AK, SignedHeaders=…, Signature=…"
			for i, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' }) {
				if k, val, ok := strings.Cut(f, "="); ok {
					if !strings.EqualFold(k, "SignedHeaders") {
						add(val)
					}
				} else if i > 0 { // the first field is the scheme
					add(f)
				}
			}
		}
	}
	// Longest first, so a value containing another is replaced whole.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// redacted is an error whose text had a credential replaced by Mask.
type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

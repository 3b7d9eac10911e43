// Package capitalonline signs requests to CapitalOnline's cdsapi (Redis,
// Memcached): the HMAC-SHA1 query signature.
//
// The signer sets the common parameters in the query (AccessKeyId,
// SignatureMethod, SignatureNonce, SignatureVersion, Timestamp, Version) and
// signs every query parameter, so what is signed is exactly what is sent. A
// POST body is not signed (the vendor's algorithm does not cover it). The
// query must already carry exactly one Action: a request without one is
// refused rather than signed half-formed.
package capitalonline

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// Fixed values of the common parameters.
const (
	SignatureMethod  = "HMAC-SHA1"
	SignatureVersion = "1.0"
	APIVersion       = "2019-08-08"
	TimestampFormat  = "2006-01-02T15:04:05Z"
)

// ErrNoAction is returned for a request whose query has no Action, or more than one.
var ErrNoAction = errors.New("capitalonline: request has no single Action query parameter")

// Option configures a Signer.
type Option func(*Signer)

// WithClock sets the time source (UTC is taken of it); tests fix it.
func WithClock(now func() time.Time) Option { return func(s *Signer) { s.now = now } }

// WithNonce sets the nonce source; every call must return a fresh value.
func WithNonce(nonce func() string) Option { return func(s *Signer) { s.nonce = nonce } }

// Signer signs requests with one access key pair. It is safe for concurrent use.
type Signer struct {
	accessKeyID string
	now         func() time.Time
	nonce       func() string
	macs        sync.Pool // hash.Hash keyed with the secret; the secret itself is not kept
}

// New returns a Signer for creds.
func New(creds Credentials, opts ...Option) (*Signer, error) {
	if creds.AccessKeyID == "" || creds.SecretKey == "" {
		return nil, errors.New("capitalonline: credentials need both an access key id and a secret key")
	}
	s := &Signer{accessKeyID: creds.AccessKeyID, now: time.Now, nonce: NewNonce}
	secret := []byte(creds.SecretKey)
	s.macs.New = func() any { return hmac.New(sha1.New, secret) }
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Sign sets the common parameters and the Signature in req's query,
// replacing any an earlier signing set.
func (s *Signer) Sign(req *http.Request) error {
	q, err := url.ParseQuery(req.URL.RawQuery)
	if err != nil {
		return fmt.Errorf("capitalonline: cannot parse the query: %w", err)
	}
	if len(q["Action"]) != 1 || q.Get("Action") == "" {
		return ErrNoAction
	}
	q.Del("Signature")
	q.Set("AccessKeyId", s.accessKeyID)
	q.Set("SignatureMethod", SignatureMethod)
	q.Set("SignatureNonce", s.nonce())
	q.Set("SignatureVersion", SignatureVersion)
	q.Set("Timestamp", s.now().UTC().Format(TimestampFormat))
	q.Set("Version", APIVersion)

	canonical := CanonicalQuery(q)
	mac := s.macs.Get().(hash.Hash)
	mac.Reset()
	mac.Write([]byte(StringToSign(req.Method, canonical)))
	sig := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	s.macs.Put(mac)

	req.URL.RawQuery = canonical + "&Signature=" + Escape(sig)
	return nil
}

// CanonicalQuery is the sorted, RFC 3986-encoded query the signature covers:
// names in byte order, repeated names by value.
func CanonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		if len(vs) > 1 {
			vs = append([]string(nil), vs...)
			sort.Strings(vs)
		}
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(Escape(k))
			b.WriteByte('=')
			b.WriteString(Escape(v))
		}
	}
	return b.String()
}

// StringToSign is METHOD&%2F&enc(canonicalQuery): the path part is always
// "/", whatever the service path.
func StringToSign(method, canonicalQuery string) string {
	return strings.ToUpper(method) + "&%2F&" + Escape(canonicalQuery)
}

// Escape percent-encodes s per RFC 3986: unreserved bytes stay, every other
// byte of the UTF-8 form becomes %XX with upper-case hex (space is %20).
func Escape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hexUpper = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hexUpper[c>>4], hexUpper[c&15])
		}
	}
	return string(b)
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// NewNonce returns a random UUID (version 4), the form the vendor's SDKs send.
func NewNonce() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // crypto/rand.Read never fails (Go 1.24+)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:], u[10:])
	return string(out[:])
}

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
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cachesdk/cachesdk/signer/internal/method"
	"github.com/cachesdk/cachesdk/signer/internal/rfc3986"
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
	if creds.AccessKeyID == "" || creds.SecretKey.IsZero() {
		return nil, errors.New("capitalonline: credentials need both an access key id (Credentials.AccessKeyID) and a secret key (Credentials.SecretKey)")
	}
	s := &Signer{accessKeyID: creds.AccessKeyID, now: time.Now, nonce: NewNonce}
	key := []byte(creds.SecretKey.Reveal())
	s.macs.New = func() any { return hmac.New(sha1.New, key) }
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Sign sets the common parameters and the Signature in req's query,
// replacing any an earlier signing set. req.Method is upper-cased in place
// first (signer/internal/method), so the method signed is the one sent. It works on the raw query without a
// url.Values map: signing runs on every attempt of every call.
func (s *Signer) Sign(req *http.Request) error {
	if req == nil || req.URL == nil {
		return errors.New("capitalonline: request has no URL")
	}
	verb, err := method.Normalize(req)
	if err != nil {
		return fmt.Errorf("capitalonline: %w", err)
	}
	var store [24]param
	pairs := store[:0]
	actions := 0
	for raw := req.URL.RawQuery; raw != ""; {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, err1 := unescape(k)
		v, err2 := unescape(v)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("capitalonline: cannot decode the query parameter %q", k)
		}
		switch k {
		case "Signature", "AccessKeyId", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version":
			continue // set below; an earlier signing's values are replaced
		case "Action":
			if v == "" {
				return ErrNoAction
			}
			actions++
		}
		pairs = append(pairs, param{k, v})
	}
	if actions != 1 {
		return ErrNoAction
	}
	var ts [len(TimestampFormat)]byte
	pairs = append(pairs,
		param{"AccessKeyId", s.accessKeyID},
		param{"SignatureMethod", SignatureMethod},
		param{"SignatureNonce", s.nonce()},
		param{"SignatureVersion", SignatureVersion},
		param{"Timestamp", string(s.now().UTC().AppendFormat(ts[:0], TimestampFormat))},
		param{"Version", APIVersion},
	)
	slices.SortFunc(pairs, func(a, b param) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	query := appendCanonical(make([]byte, 0, 384), pairs)

	mac := s.macs.Get().(hash.Hash)
	mac.Reset()
	io.WriteString(mac, verb)
	io.WriteString(mac, "&%2F&")
	writeEscaped(mac, query)
	var sum [sha1.Size]byte
	var sig [28]byte // base64 of 20 bytes
	base64.StdEncoding.Encode(sig[:], mac.Sum(sum[:0]))
	s.macs.Put(mac)

	query = append(query, "&Signature="...)
	query = rfc3986.Append(query, sig[:])
	req.URL.RawQuery = string(query)
	return nil
}

type param struct{ k, v string }

func unescape(s string) (string, error) {
	if strings.ContainsAny(s, "%+") {
		return url.QueryUnescape(s)
	}
	return s, nil
}

func appendCanonical(b []byte, pairs []param) []byte {
	for i, p := range pairs {
		if i > 0 {
			b = append(b, '&')
		}
		b = rfc3986.Append(b, p.k)
		b = append(b, '=')
		b = rfc3986.Append(b, p.v)
	}
	return b
}

// writeEscaped writes Escape(b) to w through a stack buffer.
func writeEscaped(w io.Writer, b []byte) {
	var chunk [512]byte
	for len(b) > 0 {
		n := min(len(b), len(chunk)/3) // each byte escapes to at most 3
		w.Write(rfc3986.Append(chunk[:0], b[:n]))
		b = b[n:]
	}
}

// CanonicalQuery is the sorted, RFC 3986-encoded query the signature covers:
// names in byte order, repeated names by value.
func CanonicalQuery(q url.Values) string {
	var pairs []param
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, param{k, v})
		}
	}
	slices.SortFunc(pairs, func(a, b param) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	return string(appendCanonical(nil, pairs))
}

// StringToSign is METHOD&%2F&enc(canonicalQuery): the path part is always
// "/", whatever the service path.
func StringToSign(method, canonicalQuery string) string {
	return strings.ToUpper(method) + "&%2F&" + Escape(canonicalQuery)
}

// Escape percent-encodes s per RFC 3986: unreserved bytes stay, every other
// byte of the UTF-8 form becomes %XX with upper-case hex (space is %20).
func Escape(s string) string { return string(rfc3986.Append(nil, s)) }

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

package huaweicloud

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"sync"
	"time"

	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/signer"
	"github.com/cachesdk/cachesdk/signer/internal/method"
)

var errNoURL = errors.New("huaweicloud: request has no URL")

// Option configures an AKSK signer.
type Option func(*AKSK)

// WithClock sets the time source of X-Sdk-Date (UTC is taken of it); tests fix it.
// A nil clock keeps time.Now.
func WithClock(now func() time.Time) Option {
	return func(s *AKSK) {
		if now != nil {
			s.now = now
		}
	}
}

// WithUnsignedHost leaves Host out of SignedHeaders, as Huawei's Go SDK does.
func WithUnsignedHost() Option { return func(s *AKSK) { s.signHost = false } }

// AKSK signs requests with an access key pair. It is safe for concurrent use.
type AKSK struct {
	accessKey     string
	projectID     string
	securityToken secret.String
	signHost      bool
	now           func() time.Time
	states        sync.Pool // *akskState; the secret lives only in their keyed HMACs
}

type akskState struct {
	state
	mac  hash.Hash
	body hash.Hash // SHA-256 of the body
	sum  [sha256.Size]byte
	hex  [2 * sha256.Size]byte
}

// NewAKSK returns an AK/SK signer for creds.
func NewAKSK(creds Credentials, opts ...Option) (*AKSK, error) {
	if creds.AccessKey == "" || creds.SecretKey.IsZero() {
		return nil, errors.New("huaweicloud: credentials need both an access key (Credentials.AccessKey) and a secret key (Credentials.SecretKey)")
	}
	for i := 0; i < len(creds.AccessKey); i++ {
		if c := creds.AccessKey[i]; c <= ' ' || c >= 0x7f || c == ',' {
			// it travels in the Authorization header as "Access=<key>, …"
			return nil, errors.New("huaweicloud: Credentials.AccessKey must be visible ASCII without spaces or commas")
		}
	}
	if !creds.SecurityToken.IsZero() {
		if p := headerValueProblem(creds.SecurityToken.Reveal()); p != "" {
			return nil, errors.New("huaweicloud: Credentials.SecurityToken " + p)
		}
	}
	s := &AKSK{
		accessKey:     creds.AccessKey,
		projectID:     creds.ProjectID,
		securityToken: creds.SecurityToken,
		signHost:      true,
		now:           time.Now,
	}
	key := []byte(creds.SecretKey.Reveal())
	s.states.New = func() any { return &akskState{mac: hmac.New(sha256.New, key), body: sha256.New()} }
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	return s, nil
}

// Sign sets X-Sdk-Date, X-Project-Id, X-Security-Token and Authorization on
// req, replacing what an earlier signing set. req.Method is upper-cased in
// place first (signer/internal/method), so the method signed is the one
// sent.
func (s *AKSK) Sign(req *http.Request) error {
	if req == nil || req.URL == nil {
		return errNoURL
	}
	if _, err := method.Normalize(req); err != nil {
		return fmt.Errorf("huaweicloud: %w", err)
	}
	if req.URL.Opaque != "" {
		return errOpaque
	}
	host := requestHost(req)
	if s.signHost && host == "" {
		return errors.New("huaweicloud: request has no host to sign")
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	st := s.states.Get().(*akskState)
	defer s.states.Put(st)
	// the body's hash, streamed from GetBody: no copy of the body
	st.body.Reset()
	n, err := signer.HashBody(req, st.body)
	if err != nil {
		return fmt.Errorf("huaweicloud: reading the body to sign: %w", err)
	}

	if err := st.parseQuery(req.URL.RawQuery); err != nil {
		return err
	}
	st.buf = appendDate(st.buf[:0], s.now().UTC())
	vals := make([]string, 2) // X-Sdk-Date and Authorization share one allocation
	vals[0] = string(st.buf)
	h := req.Header
	delete(h, HeaderAuthorization)
	h[HeaderDate] = vals[0:1:1]
	setOnce(h, HeaderProjectID, s.projectID)
	if !s.securityToken.IsZero() {
		setOnce(h, HeaderSecurityToken, s.securityToken.Reveal())
	}
	st.managed = append(st.managed[:0], HeaderAuthorization, HeaderDate)
	if s.projectID != "" {
		st.managed = append(st.managed, HeaderProjectID)
	}
	if !s.securityToken.IsZero() {
		st.managed = append(st.managed, HeaderSecurityToken)
	}
	st.collectHeaders(h, host, s.signHost)

	if n == 0 {
		copy(st.hex[:], EmptyBodyHash)
	} else {
		st.body.Sum(st.sum[:0])
		hex.Encode(st.hex[:], st.sum[:])
	}
	var q [2]int
	st.buf, q = st.appendCanonicalRequest(st.buf[:0], req, st.hex[:])
	if canonical := st.buf[q[0]:q[1]]; string(canonical) != req.URL.RawQuery {
		req.URL.RawQuery = string(canonical)
	}

	st.sum = sha256.Sum256(st.buf)
	st.buf = append(st.buf[:0], Algorithm+"\n"...)
	st.buf = append(st.buf, vals[0]...)
	st.buf = append(st.buf, '\n')
	st.buf = hex.AppendEncode(st.buf, st.sum[:])
	st.mac.Reset()
	st.mac.Write(st.buf)
	hex.Encode(st.hex[:], st.mac.Sum(st.sum[:0]))

	st.buf = append(st.buf[:0], Algorithm+" Access="...)
	st.buf = append(st.buf, s.accessKey...)
	st.buf = append(st.buf, ", SignedHeaders="...)
	st.buf = st.appendSignedHeaders(st.buf)
	st.buf = append(st.buf, ", Signature="...)
	st.buf = append(st.buf, st.hex[:]...)
	vals[1] = string(st.buf)
	h[HeaderAuthorization] = vals[1:2:2]
	return nil
}

// appendDate appends t in DateFormat; by hand, as time.AppendFormat costs
// a tenth of a signing.
func appendDate(dst []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	if y < 0 || y > 9999 { // outside what four digits hold: let time format it
		return t.AppendFormat(dst, DateFormat)
	}
	dst = append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	for _, n := range [...]int{int(mo), d} {
		dst = append(dst, byte('0'+n/10), byte('0'+n%10))
	}
	dst = append(dst, 'T')
	for _, n := range [...]int{h, mi, sec} {
		dst = append(dst, byte('0'+n/10), byte('0'+n%10))
	}
	return append(dst, 'Z')
}

// setOnce sets h[key] to v unless it already holds exactly v (a re-signing),
// saving the allocation.
func setOnce(h http.Header, key, v string) {
	if v == "" {
		return
	}
	if vs := h[key]; len(vs) == 1 && vs[0] == v {
		return
	}
	h[key] = []string{v}
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// String shows the access key only.
func (s *AKSK) String() string { return "huaweicloud.AKSK{Access:" + s.accessKey + "}" }

// GoString keeps %#v from printing internals (the pooled HMAC states are
// keyed with the secret key).
func (s *AKSK) GoString() string { return s.String() }

// Format applies to every verb, so no verb prints internals.
func (s *AKSK) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(s.String())) }

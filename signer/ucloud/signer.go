package ucloud

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/signer"
	"github.com/cachesdk/cachesdk/signer/internal/method"
)

// ErrNoAction is returned for a request without an Action parameter.
var ErrNoAction = errors.New("ucloud: request has no Action parameter")

var errNoURL = errors.New("ucloud: request has no URL")

// Option configures a Signer.
type Option func(*Signer)

// WithRegion sets the Region added to requests that carry none.
func WithRegion(region string) Option { return func(s *Signer) { s.region = region } }

// WithZone sets the Zone added to requests that carry none.
func WithZone(zone string) Option { return func(s *Signer) { s.zone = zone } }

// WithProjectID sets the ProjectId added to requests that carry none.
func WithProjectID(projectID string) Option { return func(s *Signer) { s.projectID = projectID } }

// Signer signs requests with one key pair. It is safe for concurrent use.
// The private key and the security token are kept as secret.String, so
// printing a Signer never shows them.
type Signer struct {
	publicKey     string
	privateKey    secret.String
	securityToken secret.String
	region        string
	zone          string
	projectID     string
}

// New returns a Signer for creds.
func New(creds Credentials, opts ...Option) (*Signer, error) {
	if creds.PublicKey == "" || creds.PrivateKey.IsZero() {
		return nil, errors.New("ucloud: credentials need both a public key (Credentials.PublicKey) and a private key (Credentials.PrivateKey)")
	}
	s := &Signer{publicKey: creds.PublicKey, privateKey: creds.PrivateKey, securityToken: creds.SecurityToken}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	// The signer writes these into JSON bodies too, where invalid UTF-8
	// would be sent as U+FFFD and no longer match what was signed.
	for _, f := range [...]struct{ name, v string }{
		{"Credentials.PublicKey", s.publicKey}, {"Credentials.SecurityToken", s.securityToken.Reveal()},
		{"Region", s.region}, {"Zone", s.zone}, {"ProjectId", s.projectID},
	} {
		if !utf8.ValidString(f.v) {
			return nil, errors.New("ucloud: " + f.name + " is not valid UTF-8")
		}
	}
	return s, nil
}

// state is the scratch space of one signing.
type state struct {
	buf     []byte
	scratch []byte
	params  []param
	sig     [40]byte
}

var states = sync.Pool{New: func() any { return new(state) }}

// Sign adds PublicKey, SecurityToken, the default Region, Zone and ProjectId
// and Signature to req's parameters, wherever the transport carries them
// (query, form body or JSON body), replacing what an earlier signing set.
func (s *Signer) Sign(req *http.Request) error {
	if req == nil || req.URL == nil {
		return errNoURL
	}
	if _, err := method.Normalize(req); err != nil { // not signed, but sent as the other signers send it
		return fmt.Errorf("ucloud: %w", err)
	}
	st := states.Get().(*state)
	defer states.Put(st)
	st.params = st.params[:0]

	switch mediaType(req.Header.Get("Content-Type")) {
	case "application/x-www-form-urlencoded":
		body, err := s.bodyOnly(req)
		if err != nil {
			return err
		}
		if st.params, err = parseParams(st.params, string(body)); err != nil {
			return err
		}
		if err := s.signParams(st); err != nil {
			return err
		}
		st.buf = appendEncoded(st.buf[:0], st.params, st.sig[:])
		setBody(req, bytes.Clone(st.buf))
		return nil
	case "application/json":
		body, err := s.bodyOnly(req)
		if err != nil {
			return err
		}
		return s.signJSON(req, st, body)
	}

	body, err := signer.Body(req)
	if err != nil {
		return fmt.Errorf("ucloud: reading the body: %w", err)
	}
	if len(body) > 0 {
		return errors.New("ucloud: a request body must be application/x-www-form-urlencoded or application/json")
	}
	if st.params, err = parseParams(st.params, req.URL.RawQuery); err != nil {
		return err
	}
	if err := s.signParams(st); err != nil {
		return err
	}
	st.buf = appendEncoded(st.buf[:0], st.params, st.sig[:])
	req.URL.RawQuery = string(st.buf)
	return nil
}

// bodyOnly returns the body of a form or JSON request, refusing one whose
// query also carries parameters.
func (s *Signer) bodyOnly(req *http.Request) ([]byte, error) {
	if req.URL.RawQuery != "" {
		return nil, errors.New("ucloud: a form or JSON request must not also carry query parameters")
	}
	body, err := signer.Body(req)
	if err != nil {
		return nil, fmt.Errorf("ucloud: reading the body: %w", err)
	}
	return body, nil
}

// signParams completes st.params (owned parameters already dropped), sorts
// them and computes the signature into st.sig.
func (s *Signer) signParams(st *state) error {
	st.params = s.appendDefaults(st.params, func(name string) bool {
		for _, p := range st.params {
			if p.Name == name {
				return true
			}
		}
		return false
	})
	sortParams(st.params)
	if err := checkSorted(st.params); err != nil {
		return err
	}
	_, st.scratch = appendSignature(st.sig[:0], st.scratch, st.params, s.privateKey)
	return nil
}

// appendDefaults appends PublicKey, SecurityToken and the defaults the
// request does not set (has reports whether it does).
func (s *Signer) appendDefaults(ps []param, has func(string) bool) []param {
	for _, d := range [...]param{{"Region", s.region}, {"Zone", s.zone}, {"ProjectId", s.projectID}} {
		if d.Value != "" && !has(d.Name) {
			ps = append(ps, d)
		}
	}
	ps = append(ps, param{"PublicKey", s.publicKey})
	if !s.securityToken.IsZero() {
		ps = append(ps, param{"SecurityToken", s.securityToken.Reveal()})
	}
	return ps
}

// signJSON signs a JSON object body and writes the owned parameters and the
// defaults into it, at the top level.
func (s *Signer) signJSON(req *http.Request, st *state, body []byte) error {
	obj, err := decodeObject(body)
	if err != nil {
		return err
	}
	for _, k := range [...]string{"Signature", "PublicKey", "SecurityToken"} {
		delete(obj, k)
	}
	for _, d := range s.appendDefaults(nil, func(name string) bool {
		v, ok := obj[name]
		return ok && v != nil && v != ""
	}) {
		obj[d.Name] = d.Value
	}
	if st.params, err = flattenInto(st.params, "", obj, 0); err != nil {
		return err
	}
	sortParams(st.params)
	if err := checkSorted(st.params); err != nil {
		return err
	}
	_, st.scratch = appendSignature(st.sig[:0], st.scratch, st.params, s.privateKey)
	obj["Signature"] = string(st.sig[:])

	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // keep the bytes the values were written with
	if err := enc.Encode(obj); err != nil {
		return errors.New("ucloud: the JSON body cannot be encoded again")
	}
	setBody(req, bytes.TrimSuffix(out.Bytes(), []byte("\n")))
	return nil
}

// mediaType is the lower-cased media type of a Content-Type value.
func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(mt)
	for i := 0; i < len(mt); i++ {
		if 'A' <= mt[i] && mt[i] <= 'Z' {
			return strings.ToLower(mt)
		}
	}
	return mt
}

// setBody replaces req's body with b, re-sendable.
func setBody(req *http.Request, b []byte) {
	req.Body = newBody(b)
	req.GetBody = func() (io.ReadCloser, error) { return newBody(b), nil }
	req.ContentLength = int64(len(b))
}

type body struct{ bytes.Reader }

func newBody(b []byte) *body {
	r := new(body)
	r.Reset(b)
	return r
}

func (*body) Close() error { return nil }

package huaweicloud

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/cachesdk/cachesdk/signer/internal/rfc3986"
)

// Fixed parts of the algorithm.
const (
	Algorithm  = "SDK-HMAC-SHA256"
	DateFormat = "20060102T150405Z"
	// EmptyBodyHash is hex(sha256("")), the body hash of a request without a body.
	EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// Headers the signers set.
const (
	HeaderDate          = "X-Sdk-Date"
	HeaderProjectID     = "X-Project-Id"
	HeaderSecurityToken = "X-Security-Token"
	HeaderAuthToken     = "X-Auth-Token"
	HeaderAuthorization = "Authorization"
)

var (
	errQuery  = errors.New("huaweicloud: the query has an invalid percent-escape")
	errOpaque = errors.New("huaweicloud: cannot sign a URL with an opaque part")
)

// header is one signed header: its lower-cased name (names[start:end] of the
// scratch state) and its values as sent.
type header struct {
	start, end int
	values     []string
}

type pair struct{ k, v string }

// state is the scratch space of one signing; Sign pools them so a signing
// allocates little more than the header values it sets.
type state struct {
	buf   []byte
	names []byte
	hdrs  []header
	query []pair
	hostv [1]string
	// managed lists the canonical keys Sign sets; collectHeaders deletes
	// copies of them under other spellings (raw map writes), so none is sent
	// twice.
	managed []string
}

// CanonicalRequest returns the canonical request of req for the given signed
// headers (lower-case names, in the order they are listed in SignedHeaders)
// and body hash (hex sha256 of the body bytes sent). The "host" header takes
// its value from req.Host, else req.URL.Host, as net/http sends it. It is the
// string Sign hashes; a verifier rebuilds it from the SignedHeaders of the
// Authorization it received.
func CanonicalRequest(req *http.Request, signedHeaders []string, bodyHash string) (string, error) {
	if req == nil || req.URL == nil {
		return "", errNoURL
	}
	var st state
	if err := st.parseQuery(req.URL.RawQuery); err != nil {
		return "", err
	}
	for _, name := range signedHeaders {
		start := len(st.names)
		st.names = appendLower(st.names, name)
		var vs []string
		if equalFold(name, "host") {
			vs = []string{requestHost(req)}
		} else {
			for k, kv := range req.Header {
				if strings.EqualFold(k, name) {
					vs = append(vs, kv...)
				}
			}
		}
		st.hdrs = append(st.hdrs, header{start, len(st.names), vs})
	}
	b, _ := st.appendCanonicalRequest(nil, req, []byte(bodyHash))
	return string(b), nil
}

// SignedHeaders returns the header names Sign would sign for req as it
// stands (run it after Sign to see what was signed): every header in
// req.Header except Content-Type, Authorization, names containing "_", and
// those net/http does not send from req.Header (Host, Content-Length,
// Transfer-Encoding, Trailer, and a blank User-Agent); plus "host" when
// signHost is set.
func SignedHeaders(req *http.Request, signHost bool) []string {
	if req == nil {
		return nil
	}
	var st state
	st.collectHeaders(req.Header, requestHost(req), signHost)
	out := make([]string, 0, len(st.hdrs))
	for _, h := range st.hdrs {
		out = append(out, string(st.names[h.start:h.end]))
	}
	return out
}

// CanonicalQuery returns the canonical form of a raw query: pairs sorted by
// key then value (byte order, case kept), each side RFC 3986-encoded. A "+"
// in the raw query is a space, as net/url reads it.
func CanonicalQuery(rawQuery string) (string, error) {
	var st state
	if err := st.parseQuery(rawQuery); err != nil {
		return "", err
	}
	return string(st.appendQuery(nil)), nil
}

// StringToSign is "SDK-HMAC-SHA256\n" + date + "\n" + hex(sha256(canonicalRequest)).
func StringToSign(date, canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return Algorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])
}

// Signature is hex(HMAC-SHA256(secretKey, stringToSign)).
func Signature(secretKey, stringToSign string) string {
	m := hmac.New(sha256.New, []byte(secretKey))
	m.Write([]byte(stringToSign))
	return hex.EncodeToString(m.Sum(nil))
}

// BodyHash is hex(sha256(body)), the last line of the canonical request.
func BodyHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// appendCanonicalRequest appends the canonical request built from st (query
// and headers already collected) and returns it with the bounds of its
// canonical query, which Sign compares to the query sent.
func (st *state) appendCanonicalRequest(dst []byte, req *http.Request, bodyHash []byte) ([]byte, [2]int) {
	method := req.Method
	if method == "" {
		method = http.MethodGet // what net/http sends
	}
	dst = append(dst, method...)
	dst = append(dst, '\n')
	dst = appendCanonicalURI(dst, req.URL.EscapedPath())
	dst = append(dst, '\n')
	q := [2]int{len(dst), 0}
	dst = st.appendQuery(dst)
	q[1] = len(dst)
	dst = append(dst, '\n')
	for _, h := range st.hdrs {
		vs := h.values
		if len(vs) > 1 {
			// The official SDK sorts repeated values. They are trimmed
			// first: the receiver sees them trimmed (net/http trims what
			// it sends), so the order must be that of the trimmed values.
			vs = slices.Clone(vs)
			for i := range vs {
				vs[i] = strings.TrimSpace(vs[i])
			}
			slices.Sort(vs)
		}
		for _, v := range vs {
			dst = append(dst, st.names[h.start:h.end]...)
			dst = append(dst, ':')
			dst = append(dst, strings.TrimSpace(v)...)
			dst = append(dst, '\n')
		}
	}
	dst = append(dst, '\n')
	dst = st.appendSignedHeaders(dst)
	dst = append(dst, '\n')
	dst = append(dst, bodyHash...)
	return dst, q
}

func (st *state) appendSignedHeaders(dst []byte) []byte {
	for i, h := range st.hdrs {
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = append(dst, st.names[h.start:h.end]...)
	}
	return dst
}

// appendCanonicalURI writes the canonical URI of an escaped path (the path
// as sent, req.URL.EscapedPath()): it is split on the "/" bytes sent, each
// segment is decoded and RFC 3986-encoded again, and the result ends with
// "/". An id holding "/" is sent as "%2F" and stays "%2F" here: the
// canonical form is that of the wire, which is all a verifier sees. (The
// official SDKs split the unescaped path instead; for ids without "/" the
// two agree.) An invalid escape is left as sent, encoded.
func appendCanonicalURI(dst []byte, escaped string) []byte {
	start := len(dst)
	for {
		seg, rest, more := strings.Cut(escaped, "/")
		if strings.IndexByte(seg, '%') >= 0 {
			if d, err := url.PathUnescape(seg); err == nil {
				seg = d
			}
		}
		dst = rfc3986.Append(dst, seg)
		if !more {
			break
		}
		dst = append(dst, '/')
		escaped = rest
	}
	if len(dst) == start || dst[len(dst)-1] != '/' {
		dst = append(dst, '/')
	}
	return dst
}

// parseQuery splits a raw query into decoded pairs, sorted by key then value.
// Unescaping allocates only for parts that carry escapes.
func (st *state) parseQuery(raw string) error {
	st.query = st.query[:0]
	for raw != "" {
		var seg string
		seg, raw, _ = strings.Cut(raw, "&")
		if seg == "" {
			continue
		}
		k, v, _ := strings.Cut(seg, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return errQuery
		}
		st.query = append(st.query, pair{k, v})
	}
	slices.SortFunc(st.query, func(a, b pair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	return nil
}

func (st *state) appendQuery(dst []byte) []byte {
	for i, p := range st.query {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = rfc3986.Append(dst, p.k)
		dst = append(dst, '=')
		dst = rfc3986.Append(dst, p.v)
	}
	return dst
}

// collectHeaders gathers the headers to sign, sorted by lower-cased name.
// Keys that differ only in case are merged into one signed name.
func (st *state) collectHeaders(h http.Header, host string, signHost bool) {
	st.hdrs, st.names = st.hdrs[:0], st.names[:0]
	for k, vs := range h {
		start := len(st.names)
		st.names = appendLower(st.names, k)
		lower := st.names[start:]
		if st.dropVariant(h, k) || skipHeader(lower) {
			st.names = st.names[:start]
			continue
		}
		if k == "User-Agent" {
			// net/http sends only the first value, and none when it is blank.
			if len(vs) == 0 || strings.Trim(vs[0], " \t\r\n") == "" {
				st.names = st.names[:start]
				continue
			}
			vs = vs[:1]
		}
		st.hdrs = append(st.hdrs, header{start, len(st.names), vs})
	}
	if signHost {
		start := len(st.names)
		st.names = append(st.names, "host"...)
		st.hostv[0] = host
		st.hdrs = append(st.hdrs, header{start, len(st.names), st.hostv[:]})
	}
	slices.SortFunc(st.hdrs, func(a, b header) int {
		return bytes.Compare(st.names[a.start:a.end], st.names[b.start:b.end])
	})
	// Merge case variants ("X-Foo" and a raw "x-foo" key); rare, so the
	// copy it costs does not matter.
	for i := 1; i < len(st.hdrs); i++ {
		prev, cur := &st.hdrs[i-1], st.hdrs[i]
		if bytes.Equal(st.names[prev.start:prev.end], st.names[cur.start:cur.end]) {
			prev.values = append(slices.Clip(slices.Clone(prev.values)), cur.values...)
			st.hdrs = slices.Delete(st.hdrs, i, i+1)
			i--
		}
	}
}

// dropVariant deletes k when it is a non-canonical spelling of a managed key.
func (st *state) dropVariant(h http.Header, k string) bool {
	for _, m := range st.managed {
		if k != m && equalFold(k, m) {
			delete(h, k)
			return true
		}
	}
	return false
}

// skipHeader reports the headers the official SDK leaves unsigned
// (Content-Type, names with "_"), the Authorization being computed, and those
// net/http does not send from req.Header, whose wire value may differ.
func skipHeader(lower []byte) bool {
	switch string(lower) {
	case "content-type", "authorization", "host", "content-length", "transfer-encoding", "trailer":
		return true
	}
	return bytes.IndexByte(lower, '_') >= 0
}

// requestHost is the Host net/http sends.
func requestHost(req *http.Request) string {
	if req.Host != "" {
		return req.Host
	}
	if req.URL != nil {
		return req.URL.Host
	}
	return ""
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

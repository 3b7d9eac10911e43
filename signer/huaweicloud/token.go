package huaweicloud

import (
	"errors"
	"net/http"

	"github.com/cachesdk/cachesdk/secret"
)

// Token authenticates with a project-scoped IAM token: X-Auth-Token and
// nothing else. The token is kept as a secret.String, so printing a Token
// (any fmt verb, json, slog) never shows it.
type Token struct {
	token secret.String
}

// NewToken returns a signer that sends token in X-Auth-Token. An empty
// token, or one with a byte a header value cannot carry (control bytes
// other than tab), is refused.
func NewToken(token secret.String) (*Token, error) {
	if token.IsZero() {
		return nil, errors.New("huaweicloud: empty token")
	}
	if token.ContainsAny(ctlBytes) {
		return nil, errors.New("huaweicloud: the token contains a control byte (a line break?)")
	}
	return &Token{token: token}, nil
}

// ctlBytes are the bytes a header value cannot carry (RFC 9110 field-value).
const ctlBytes = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0a\x0b\x0c\x0d\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f"

// Sign sets X-Auth-Token, replacing an earlier value.
func (t *Token) Sign(req *http.Request) error {
	if req == nil {
		return errNoURL
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	for k := range req.Header {
		if k != HeaderAuthToken && equalFold(k, HeaderAuthToken) {
			delete(req.Header, k)
		}
	}
	setOnce(req.Header, HeaderAuthToken, t.token.Reveal())
	return nil
}

package huaweicloud

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Token authenticates with a project-scoped IAM token: X-Auth-Token and
// nothing else. Formatting it never prints the token.
type Token struct {
	token string
}

// NewToken returns a signer that sends token in X-Auth-Token.
func NewToken(token string) (*Token, error) {
	if token == "" {
		return nil, errors.New("huaweicloud: empty token")
	}
	if strings.ContainsAny(token, "\r\n") {
		return nil, errors.New("huaweicloud: token contains a line break")
	}
	return &Token{token: token}, nil
}

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
	setOnce(req.Header, HeaderAuthToken, t.token)
	return nil
}

// String never shows the token.
func (t *Token) String() string { return "huaweicloud.Token{<redacted>}" }

// GoString keeps %#v from printing the token.
func (t *Token) GoString() string { return t.String() }

// Format applies to every verb, so no verb prints the token.
func (t *Token) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(t.String())) }

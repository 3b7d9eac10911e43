package huaweicloud

import (
	"errors"
	"net/http"
	"strings"

	"github.com/cachesdk/cachesdk/secret"
)

// Token authenticates with a project-scoped IAM token: X-Auth-Token and
// nothing else. The token is kept as a secret.String, so printing a Token
// (any fmt verb, json, slog) never shows it.
type Token struct {
	token secret.String
}

// NewToken returns a signer that sends token in X-Auth-Token. An empty
// token, or one a header cannot carry as it is (see headerValueProblem), is
// refused.
func NewToken(token secret.String) (*Token, error) {
	if token.IsZero() {
		return nil, errors.New("huaweicloud: empty token")
	}
	if p := headerValueProblem(token.Reveal()); p != "" {
		return nil, errors.New("huaweicloud: the token " + p)
	}
	return &Token{token: token}, nil
}

// headerValueProblem says why v cannot travel unchanged as a header value,
// or returns "": a control byte other than tab (a line break?) is refused by
// net/http, and leading or trailing white space is trimmed on the wire, so
// the receiver would see another value than the one signed or compared.
func headerValueProblem(v string) string {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return "contains a control byte (a line break?)"
		}
	}
	if strings.TrimSpace(v) != v {
		return "has leading or trailing white space"
	}
	return ""
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
	setOnce(req.Header, HeaderAuthToken, t.token.Reveal())
	return nil
}

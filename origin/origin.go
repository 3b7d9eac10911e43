// Package origin names the one place a client may send its credentials, and
// the typed errors returned when a request would leave it.
//
// These APIs never redirect. A client built by this SDK sends a request, its
// credentials (X-Auth-Token, X-Security-Token, Authorization, the signed query
// Signature/AccessKeyId/PublicKey/SecurityToken) and its body only to the
// origin (scheme://host:port) of its configured endpoint. A redirect status
// comes back as a *RedirectError instead of being followed; a request that a
// signer.Transport was not built for comes back as a *MismatchError, unsigned
// and unsent.
//
// Both errors name origins only, never a path or a query (which may carry a
// signature), and both report Retryable() == false: sending again cannot help.
package origin

import (
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Of returns u's origin as "scheme://host:port": scheme and host in lower
// case, the port explicit (80 for http, 443 for https when u has none), an
// IPv6 host in brackets. It returns "" for a URL without a scheme or host.
// The user info, path, query and fragment are never part of it.
func Of(u *url.URL) string {
	if u == nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return ""
	}
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	if port == "" {
		if strings.Contains(host, ":") {
			return scheme + "://[" + host + "]"
		}
		return scheme + "://" + host
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// IsRedirect reports whether status is one net/http follows: 301, 302, 303,
// 307 or 308.
func IsRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// RedirectError is a redirect the SDK refused to follow: nothing (no
// credential, no body) was sent to its target. Get it with errors.As.
type RedirectError struct {
	StatusCode int    // 301, 302, 303, 307 or 308
	Origin     string // the target's origin (Of); "" when the Location was missing or not a URL
}

func (e *RedirectError) Error() string {
	var b strings.Builder
	b.WriteString("refused redirect: HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Origin != "" {
		b.WriteString(" to ")
		b.WriteString(e.Origin)
	} else {
		b.WriteString(" without a valid Location")
	}
	b.WriteString(" (the API never redirects; nothing was sent there)")
	return b.String()
}

// Retryable reports false: the server answers with a redirect again.
func (e *RedirectError) Retryable() bool { return false }

// NewRedirectError returns the error for a redirect response resp to the
// request req: the Location is resolved against req.URL and reduced to its
// origin.
func NewRedirectError(req *http.Request, resp *http.Response) *RedirectError {
	e := &RedirectError{StatusCode: resp.StatusCode}
	if loc := resp.Header.Get("Location"); loc != "" {
		base := req.URL
		if base == nil {
			base = &url.URL{}
		}
		if u, err := base.Parse(loc); err == nil {
			e.Origin = Of(u)
		}
	}
	return e
}

// MismatchError is a request for another origin than the one a signer was
// built for: it was neither signed nor sent.
type MismatchError struct {
	Origin   string // the request's origin
	Endpoint string // the origin the signer signs for
}

func (e *MismatchError) Error() string {
	return "refused to sign a request for " + e.Origin + ": the signer signs only for " + e.Endpoint
}

// Retryable reports false: the request goes to the same origin again.
func (e *MismatchError) Retryable() bool { return false }

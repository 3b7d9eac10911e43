// Package serverurl parses the server URL of the generated request builders
// once per server, not once per call (issue 15): a client's server never
// changes, and every builder only reads it (url.URL.Parse resolves the
// operation path into a new URL).
package serverurl

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// maxCached bounds the cache: a program has a few servers (one per client
// endpoint); past this many, Parse parses without caching.
const maxCached = 64

var (
	mu    sync.RWMutex
	cache = map[string]*url.URL{}
)

// Parse returns url.Parse(server), from the cache when server was parsed
// before. The result is shared: callers must not modify it.
func Parse(server string) (*url.URL, error) {
	mu.RLock()
	u, ok := cache[server]
	mu.RUnlock()
	if ok {
		return u, nil
	}
	u, err := url.Parse(server)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	if len(cache) < maxCached {
		cache[server] = u
	}
	mu.Unlock()
	return u, nil
}

// Join returns the URL of operationPath on server: what
// url.Parse(server) then .Parse("."+operationPath) return (the upstream
// builders' way), built from the cached server URL without parsing it
// again (issue 15: that resolution cost four allocations a call).
// operationPath is what the generated builders format: an absolute path of
// escaped segments, and maybe a "#fragment" (RPC actions). A server with a
// path, query or fragment, and a path with a query, an escaped fragment,
// an empty or dot segment, take the upstream way.
func Join(server, operationPath string) (*url.URL, error) {
	base, err := Parse(server)
	if err != nil {
		return nil, err
	}
	p, frag, hasFrag := strings.Cut(operationPath, "#")
	if !plainBase(base) || !plainPath(p) || strings.IndexByte(frag, '%') >= 0 {
		rel := operationPath
		if strings.HasPrefix(rel, "/") {
			rel = "." + rel
		}
		return base.Parse(rel)
	}
	u := &url.URL{Scheme: base.Scheme, User: base.User, Host: base.Host, Path: p}
	if strings.IndexByte(p, '%') >= 0 {
		if u.Path, err = url.PathUnescape(p); err != nil {
			return nil, &url.Error{Op: "parse", URL: "." + operationPath, Err: err}
		}
		// as url.URL.setPath: RawPath only when it is not Path's default encoding
		if (&url.URL{Path: u.Path}).EscapedPath() != p {
			u.RawPath = p
		}
	}
	if hasFrag {
		u.Fragment = frag
	}
	return u, nil
}

// plainBase: a server URL that is a scheme, host and nothing after it.
func plainBase(u *url.URL) bool {
	return u.Opaque == "" && (u.Path == "" || u.Path == "/") && u.RawPath == "" &&
		u.RawQuery == "" && !u.ForceQuery && u.Fragment == "" && u.Host != ""
}

// plainPath: an absolute path whose segments are neither empty nor dot
// segments and that holds no query (resolution would change any of these).
func plainPath(p string) bool {
	if len(p) < 2 || p[0] != '/' || strings.IndexByte(p, '?') >= 0 {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// NewRequest is http.NewRequest(method, u.String(), body) without printing
// u and parsing it back (issue 15): the request's URL is u itself, and its
// Host u's host without an empty port, as http.NewRequest makes them.
func NewRequest(method string, u *url.URL, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequest(method, "", body)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(u.Host, ":") && strings.LastIndexByte(u.Host, ':') > strings.LastIndexByte(u.Host, ']') {
		u.Host = u.Host[:len(u.Host)-1] // an empty port, as http.NewRequest drops it
	}
	req.URL, req.Host = u, u.Host
	return req, nil
}

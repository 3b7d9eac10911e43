// Package rpc shapes requests of RPC-style APIs, whose actions share one path
// and are selected by the Action query parameter.
//
// The specs write each action into its path key as a fragment
// ("/redis#Action=DescribeRegins", see specs/README.md), so the generated
// client builds a URL whose fragment names the action. net/http never sends a
// fragment; Action moves it into the query, exactly once, before the request
// is retried, signed and sent.
package rpc

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/cachesdk/cachesdk/doer"
)

const fragmentPrefix = "Action="

// Action is the doer middleware that turns "#Action=X" into "?Action=X".
func Action() doer.Middleware {
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			if err := ActionFromFragment(req); err != nil {
				return nil, err
			}
			return next.Do(req)
		})
	}
}

// ActionFromFragment moves an "Action=X" fragment of req.URL into its query.
// A query that already names the same action is left with one Action; a
// different one is an error, never silently overridden. A request without
// such a fragment is left alone.
func ActionFromFragment(req *http.Request) error {
	frag := req.URL.Fragment
	if !strings.HasPrefix(frag, fragmentPrefix) {
		return nil
	}
	action := frag[len(fragmentPrefix):]
	if action == "" {
		return fmt.Errorf("rpc: empty action in %q", "#"+frag)
	}
	switch have, n, ok := queryAction(req.URL.RawQuery); {
	case !ok:
		return fmt.Errorf("rpc: the query's Action value is not a valid escape, the operation is %q", action)
	case n == 0:
		sep := "&"
		if req.URL.RawQuery == "" {
			sep = ""
		}
		req.URL.RawQuery += sep + "Action=" + url.QueryEscape(action)
	case n == 1 && have == action:
	default:
		return fmt.Errorf("rpc: the query names Action %d times (%q), the operation is %q", n, have, action)
	}
	req.URL.Fragment, req.URL.RawFragment = "", ""
	return nil
}

// queryAction returns the (first) value of the Action parameters in a raw
// query and how many there are; ok is false when that value cannot be
// decoded (a server could not read it either). It walks the query in place,
// since every RPC request passes here and url.ParseQuery would copy the
// whole query.
func queryAction(raw string) (first string, n int, ok bool) {
	ok = true
	for raw != "" {
		var kv string
		kv, raw, _ = strings.Cut(raw, "&")
		k, v, _ := strings.Cut(kv, "=")
		if strings.ContainsAny(k, "%+") {
			if uk, err := url.QueryUnescape(k); err == nil {
				k = uk
			}
		}
		if k != "Action" {
			continue
		}
		if n == 0 {
			uv, err := url.QueryUnescape(v)
			first, ok = uv, err == nil
		}
		n++
	}
	return first, n, ok
}

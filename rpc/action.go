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
	q := req.URL.Query()
	switch have := q["Action"]; {
	case len(have) == 0:
		sep := "&"
		if req.URL.RawQuery == "" {
			sep = ""
		}
		req.URL.RawQuery += sep + "Action=" + url.QueryEscape(action)
	case len(have) == 1 && have[0] == action:
	default:
		return fmt.Errorf("rpc: the query names Action %q, the operation is %q", have, action)
	}
	req.URL.Fragment, req.URL.RawFragment = "", ""
	return nil
}

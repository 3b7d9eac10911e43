package rpc_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/cachesdk/cachesdk/rpc"
)

// actions counts the Action parameters of a raw query the way a server
// reads them (url.QueryUnescape of each key), returning their decoded values.
func actions(raw string) (vals []string, undecodable bool) {
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			undecodable = true
			continue
		}
		if dk != "Action" {
			continue
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			undecodable = true
		}
		vals = append(vals, dv)
	}
	return vals, undecodable
}

// FuzzActionFromFragment: for any query and fragment, ActionFromFragment
// never panics; without an "Action=" fragment it changes nothing; when it
// succeeds the fragment is gone, the query keeps what it had and carries
// exactly one Action, the fragment's; when the query already named another
// action (or several) it fails.
func FuzzActionFromFragment(f *testing.F) {
	f.Add("IP=66.66", "Action=DescribeDBInstances")
	f.Add("", "Action=DescribeRegins")
	f.Add("Action=DescribeRegins", "Action=DescribeRegins")
	f.Add("%41ction=DeleteBackup", "Action=DescribeRegins")
	f.Add("Action=Describe%52egins", "Action=DescribeRegins")
	f.Add("a=1&Action=X&Action=X", "Action=X")
	f.Add("x=%zz", "Action=a b&c=d")
	f.Add("", "other")
	f.Add("q", "Action=")
	f.Add("Action=%zz", "Action=%zz")
	f.Fuzz(func(t *testing.T, rawQuery, fragment string) {
		req := &http.Request{URL: &url.URL{Scheme: "https", Host: "h", Path: "/redis", RawQuery: rawQuery, Fragment: fragment}}
		err := rpc.ActionFromFragment(req)
		action, isAction := strings.CutPrefix(fragment, "Action=")
		if !isAction {
			if err != nil || req.URL.RawQuery != rawQuery || req.URL.Fragment != fragment {
				t.Fatalf("a request without an Action fragment changed: %v %q #%q", err, req.URL.RawQuery, req.URL.Fragment)
			}
			return
		}
		before, undecodable := actions(rawQuery)
		if err != nil {
			if action != "" && len(before) == 1 && before[0] == action && !undecodable {
				t.Fatalf("the query already names %q once, yet: %v", action, err)
			}
			return
		}
		if action == "" {
			t.Fatal("an empty action was accepted")
		}
		if req.URL.Fragment != "" || req.URL.RawFragment != "" {
			t.Fatalf("the fragment stayed: %q", req.URL.Fragment)
		}
		if !strings.HasPrefix(req.URL.RawQuery, rawQuery) {
			t.Fatalf("the query lost what it had: %q -> %q", rawQuery, req.URL.RawQuery)
		}
		after, _ := actions(req.URL.RawQuery)
		if len(after) != 1 || after[0] != action {
			t.Fatalf("query %q -> %q names Action %q, want exactly %q", rawQuery, req.URL.RawQuery, after, action)
		}
		if len(before) > 1 || len(before) == 1 && before[0] != action {
			t.Fatalf("the query named Action %q and the operation is %q, yet it was accepted", before, action)
		}
	})
}

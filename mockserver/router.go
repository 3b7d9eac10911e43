package mockserver

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// router finds the operation of a request by method, path template and,
// for RPC-style path keys ("/redis#Action=X"), the Action query parameter.
// kin-openapi's stock routers match neither fragments nor a server on
// 127.0.0.1, and routers.Router is one method, so this one is small.
type router struct {
	routes []route
}

type route struct {
	method   string
	segments []string // "{name}" matches one segment
	action   string   // "" for REST paths
	r        *routers.Route
}

var _ routers.Router = (*router)(nil)

func newRouter(doc *openapi3.T) *router {
	rt := &router{}
	for _, key := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(key)
		p, frag, _ := strings.Cut(key, "#")
		action, _ := strings.CutPrefix(frag, "Action=")
		for method, op := range item.Operations() {
			rt.routes = append(rt.routes, route{
				method: method, segments: strings.Split(strings.Trim(p, "/"), "/"), action: action,
				r: &routers.Route{Spec: doc, Path: key, PathItem: item, Method: method, Operation: op},
			})
		}
	}
	// Literal segments before parameters, so /instances/status wins over /instances/{id}.
	sort.SliceStable(rt.routes, func(i, j int) bool { return literalRank(rt.routes[i]) > literalRank(rt.routes[j]) })
	return rt
}

func literalRank(r route) int {
	n := 0
	for _, s := range r.segments {
		if !strings.HasPrefix(s, "{") {
			n++
		}
	}
	return n
}

// FindRoute implements routers.Router.
func (rt *router) FindRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	segs := strings.Split(strings.Trim(req.URL.Path, "/"), "/")
	var action string
	if vs := req.URL.Query()["Action"]; len(vs) == 1 {
		action = vs[0]
	}
	for _, r := range rt.routes {
		if r.method != req.Method || len(r.segments) != len(segs) || r.action != "" && r.action != action {
			continue
		}
		params := map[string]string{}
		ok := true
		for i, s := range r.segments {
			if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
				v, err := url.PathUnescape(segs[i])
				if err != nil {
					ok = false
					break
				}
				params[s[1:len(s)-1]] = v
			} else if s != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return r.r, params, nil
		}
	}
	return nil, nil, fmt.Errorf("%w: %s %s (Action %q)", routers.ErrPathNotFound, req.Method, req.URL.Path, action)
}

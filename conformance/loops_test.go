package conformance

// Issue 13: every paginator and every waiter declared in a spec (x-paginator,
// x-waiters) is exercised through the vendor client against a local server
// that pages for real and walks resources through their states.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/cachesdk/cachesdk/paginator"
	"github.com/cachesdk/cachesdk/waiter"
)

// paginatorDecl and waiterDecl mirror internal/loopgen's declarations.
type paginatorDecl struct {
	Offset, Limit, Mode, Items, Total, Key string
	Base                                   int
}

type waiterDecl struct {
	Args                      []string
	Params, Body, Match       map[string]string
	List, State               string
	NotFound                  string   `yaml:"notFound"`
	NotFoundCodes             []string `yaml:"notFoundCodes"`
	Success, Failure, Pending []string
}

type declared struct {
	spec, op  string
	operation *openapi3.Operation
	paginator *paginatorDecl
	waiters   map[string]waiterDecl
}

func decode[T any](t *testing.T, v any) T {
	t.Helper()
	b, err := yaml.Marshal(v)
	require.NoError(t, err)
	var out T
	require.NoError(t, yaml.Unmarshal(b, &out))
	return out
}

func declarations(t *testing.T) []declared {
	var out []declared
	for _, name := range sortedKeys(targets) {
		doc := loadSpec(t, name)
		for _, path := range doc.Paths.InMatchingOrder() {
			for _, op := range doc.Paths.Value(path).Operations() {
				d := declared{spec: name, op: op.OperationID, operation: op}
				if v, ok := op.Extensions["x-paginator"]; ok {
					p := decode[paginatorDecl](t, v)
					d.paginator = &p
				}
				if v, ok := op.Extensions["x-waiters"]; ok {
					d.waiters = decode[map[string]waiterDecl](t, v)
				}
				if d.paginator != nil || d.waiters != nil {
					out = append(out, d)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].spec+out[i].op < out[j].spec+out[j].op })
	return out
}

// props returns the properties of s, those of its allOf members included
// (the RPC envelopes are allOf an envelope and the operation's Data).
func props(s *openapi3.Schema) openapi3.Schemas {
	out := openapi3.Schemas{}
	for _, a := range s.AllOf {
		for k, v := range props(a.Value) {
			out[k] = v
		}
	}
	for k, v := range s.Properties {
		out[k] = v
	}
	return out
}

// example200 is a copy of the operation's documented 200 body (or {}).
func example200(t *testing.T, op *openapi3.Operation) (map[string]any, *openapi3.Schema) {
	r := op.Responses.Value("200")
	require.NotNil(t, r, "%s has no 200 response", op.OperationID)
	mt := r.Value.Content.Get("application/json")
	require.NotNil(t, mt)
	body := map[string]any{}
	for _, name := range sortedKeys(mt.Examples) {
		b, err := json.Marshal(mt.Examples[name].Value.Value)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, &body))
		break
	}
	return body, mt.Schema.Value
}

// item is a copy of the first element of body[prop] (or {}), with a string
// property of the item schema set to id so that items differ after decoding.
func item(t *testing.T, body map[string]any, s *openapi3.Schema, prop, id string) map[string]any {
	out := map[string]any{}
	if xs, ok := body[prop].([]any); ok && len(xs) > 0 {
		b, _ := json.Marshal(xs[0])
		require.NoError(t, json.Unmarshal(b, &out))
	}
	items := props(s)[prop].Value.Items.Value
	ip := props(items)
	for _, k := range sortedKeys(ip) {
		if p := ip[k].Value; p.Type.Is("string") && len(p.Enum) == 0 && p.Format == "" && p.Pattern == "" {
			out[k] = id
			return out
		}
	}
	t.Fatalf("%s: no plain string property to tell items apart", prop)
	return nil
}

func newClientFor(t *testing.T, spec, url string) any {
	c, err := targets[spec].newClient(url)
	require.NoError(t, err)
	return c
}

// callArgs builds the arguments after ctx of a generated method: path
// parameters ("i-1"), then the given tail.
func callArgs(m reflect.Value, tail ...reflect.Value) []reflect.Value {
	n := m.Type().NumIn() - 1 - len(tail)
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	for i := 1; i <= n; i++ {
		v := reflect.New(m.Type().In(i)).Elem()
		v.SetString("i-1")
		args = append(args, v)
	}
	return append(args, tail...)
}

type pageServer struct {
	mu          sync.Mutex
	offsets     []int
	n           int
	ignoreOff   bool
	withTotal   bool
	decl        paginatorDecl
	render      func(items []any, total int, withTotal bool) []byte
	makeItem    func(i int) any
	filterQuery string // a caller's filter the server must see on every page
	filterSeen  int
}

func (s *pageServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	off, _ := strconv.Atoi(q.Get(s.decl.Offset))
	lim, _ := strconv.Atoi(q.Get(s.decl.Limit))
	s.mu.Lock()
	s.offsets = append(s.offsets, off)
	if s.filterQuery != "" && strings.Contains(r.URL.RawQuery, s.filterQuery) {
		s.filterSeen++
	}
	s.mu.Unlock()
	start := off - s.decl.Base
	if s.ignoreOff {
		start = 0
	}
	var items []any
	for i := start; i < s.n && i < start+lim; i++ {
		items = append(items, s.makeItem(i))
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(s.render(items, s.n, s.withTotal))
}

func TestPaginators(t *testing.T) {
	count := map[string]int{}
	for _, d := range declarations(t) {
		if d.paginator == nil {
			continue
		}
		count[d.spec]++
		t.Run(d.spec+"/"+d.op, func(t *testing.T) {
			body, schema := example200(t, d.operation)
			p := *d.paginator
			require.Contains(t, props(schema), p.Items, "x-paginator items")
			if p.Total != "" {
				require.Contains(t, props(schema), p.Total, "x-paginator total")
			}
			newServer := func(n int, withTotal, ignore bool) (*pageServer, any) {
				s := &pageServer{n: n, withTotal: withTotal, ignoreOff: ignore, decl: p, filterQuery: "=keepme"}
				s.makeItem = func(i int) any {
					it := item(t, body, schema, p.Items, fmt.Sprintf("item-%d", i))
					if p.Key != "" { // each item its own id
						it[p.Key] = fmt.Sprintf("id-%d", i)
						if ks := props(props(schema)[p.Items].Value.Items.Value)[p.Key]; ks != nil && ks.Value.Type.Is("integer") {
							it[p.Key] = i + 1
						}
					}
					return it
				}
				s.render = func(items []any, total int, withTotal bool) []byte {
					b := map[string]any{}
					for k, v := range body {
						b[k] = v
					}
					if items == nil {
						items = []any{}
					}
					b[p.Items] = items
					delete(b, p.Total)
					if withTotal && p.Total != "" {
						b[p.Total] = total
					}
					out, _ := json.Marshal(b)
					return out
				}
				ts := httptest.NewServer(s)
				t.Cleanup(ts.Close)
				return s, newClientFor(t, d.spec, ts.URL)
			}
			walk := func(c any, limit int, stopAfter int) (int, error) {
				m := reflect.ValueOf(c).MethodByName(d.op + "Items")
				require.True(t, m.IsValid(), "no %sItems method", d.op)
				params := reflect.New(m.Type().In(m.Type().NumIn() - 1).Elem())
				lf := params.Elem().FieldByNameFunc(func(f string) bool { return strings.EqualFold(f, p.Limit) })
				lv := reflect.New(lf.Type().Elem())
				lv.Elem().SetInt(int64(limit))
				lf.Set(lv)
				// a caller's filter: the first other optional string parameter
				for i := 0; i < params.Elem().NumField(); i++ {
					f := params.Elem().Field(i)
					name := params.Elem().Type().Field(i).Name
					if f.Type() == reflect.TypeFor[*string]() && !strings.EqualFold(name, p.Offset) && !strings.EqualFold(name, p.Limit) {
						v := "keepme"
						f.Set(reflect.ValueOf(&v))
						break
					}
				}
				seq := m.Call(callArgs(m, params))[0]
				n := 0
				var err error
				seq.Call([]reflect.Value{reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
					if !in[1].IsNil() {
						err = in[1].Interface().(error)
						return []reflect.Value{reflect.ValueOf(false)}
					}
					n++
					return []reflect.Value{reflect.ValueOf(stopAfter == 0 || n < stopAfter)}
				})})
				return n, err
			}
			b := p.Base
			withTotal := p.Total != ""

			s, c := newServer(25, withTotal, false)
			n, err := walk(c, 10, 0)
			require.NoError(t, err)
			assert.Equal(t, 25, n, "every item, across pages")
			assert.Equal(t, []int{b, b + 10, b + 20}, s.offsets, "offsets sent (short last page ends the walk)")
			if s.filterSeen > 0 {
				assert.Equal(t, len(s.offsets), s.filterSeen, "the caller's filter is kept on every page")
			}

			s, c = newServer(20, false, false)
			n, err = walk(c, 10, 0)
			require.NoError(t, err)
			assert.Equal(t, 20, n)
			assert.Equal(t, []int{b, b + 10, b + 20}, s.offsets, "without a total, an empty page ends the walk")

			s, c = newServer(0, withTotal, false)
			n, err = walk(c, 10, 0)
			require.NoError(t, err)
			assert.Zero(t, n)
			assert.Len(t, s.offsets, 1, "an empty result is one request")

			s, c = newServer(100, false, true)
			n, err = walk(c, 10, 0)
			require.ErrorIs(t, err, paginator.ErrOffsetIgnored)
			assert.Equal(t, 10, n, "the first page is delivered before the repeat is seen")
			assert.Len(t, s.offsets, 2)

			s, c = newServer(100, withTotal, false)
			n, err = walk(c, 10, 5)
			require.NoError(t, err)
			assert.Equal(t, 5, n)
			assert.Len(t, s.offsets, 1, "breaking out sends no further request")
		})
	}
	t.Logf("paginators: %v", count)
}

// setPath sets v at a dotted path of properties in m, making objects on the way.
func setPath(m map[string]any, path string, v any) {
	segs := strings.Split(path, ".")
	for _, s := range segs[:len(segs)-1] {
		next, ok := m[s].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[s] = next
		}
		m = next
	}
	m[segs[len(segs)-1]] = v
}

type stateServer struct {
	mu     sync.Mutex
	states []string // one per poll; the last repeats; "" answers not found
	polls  int
	render func(state string) (int, []byte)
}

func (s *stateServer) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	st := s.states[min(s.polls, len(s.states)-1)]
	s.polls++
	s.mu.Unlock()
	code, b := s.render(st)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write(b)
}

func TestWaiters(t *testing.T) {
	count := map[string]int{}
	for _, d := range declarations(t) {
		for _, name := range sortedKeys(d.waiters) {
			w := d.waiters[name]
			count[d.spec]++
			t.Run(d.spec+"/"+name, func(t *testing.T) {
				body, schema := example200(t, d.operation)
				if w.List != "" {
					require.Contains(t, props(schema), w.List, "x-waiters list")
				}
				gone := w.NotFound == "success"
				pending := "SOME_UNLISTED_STATE" // unknown states keep the wait going
				if len(w.Pending) > 0 {
					pending = w.Pending[0]
				}
				render := func(state string) (int, []byte) {
					b := map[string]any{}
					raw, _ := json.Marshal(body)
					_ = json.Unmarshal(raw, &b)
					switch {
					case state == "" && w.List == "":
						e, _ := json.Marshal(map[string]any{"error_code": "DCS.3022", "error_msg": "not found",
							"Code": "ResourceNotFound", "Message": "not found"})
						return http.StatusNotFound, e
					case state == "other-404" && w.List == "":
						// a 404 that is not the resource's absence: a gateway's "no such API"
						e, _ := json.Marshal(map[string]any{"error_code": "APIGW.0101", "error_msg": "The API does not exist"})
						return http.StatusNotFound, e
					case w.List == "":
						setPath(b, w.State, state)
					case state == "":
						b[w.List] = []any{}
					default:
						el := item(t, body, schema, w.List, "other")
						for prop, arg := range w.Match {
							el[prop] = "arg-" + arg
						}
						el[w.State] = state
						other := item(t, body, schema, w.List, "other")
						other[w.State] = "SOMEONE_ELSES_STATE" // another resource in the list is ignored
						b[w.List] = []any{other, el}
					}
					out, _ := json.Marshal(b)
					return http.StatusOK, out
				}
				wait := func(ctx context.Context, states ...string) (*stateServer, error) {
					s := &stateServer{states: states, render: render}
					ts := httptest.NewServer(s)
					defer ts.Close()
					c := newClientFor(t, d.spec, ts.URL)
					m := reflect.ValueOf(c).MethodByName("Wait" + name)
					require.True(t, m.IsValid(), "no Wait%s method", name)
					var tail []reflect.Value
					for _, a := range w.Args {
						tail = append(tail, reflect.ValueOf("arg-"+a))
					}
					cfg := &waiter.Config{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxWait: 10 * time.Second}
					tail = append(tail, reflect.ValueOf(cfg))
					out := m.Call(append([]reflect.Value{reflect.ValueOf(ctx)}, callArgs(m, tail...)[1:]...))
					errV := out[len(out)-1]
					if len(out) == 2 && errV.IsNil() {
						require.False(t, out[0].IsNil(), "a successful wait returns its result")
					}
					if errV.IsNil() {
						return s, nil
					}
					return s, errV.Interface().(error)
				}
				ctx := context.Background()
				var we *waiter.Error

				if gone {
					s, err := wait(ctx, pending, pending, "")
					require.NoError(t, err)
					assert.Equal(t, 3, s.polls)
					if len(w.NotFoundCodes) > 0 && w.List == "" {
						_, err := wait(ctx, pending, "other-404")
						require.ErrorAs(t, err, &we, "a 404 with another code is not the resource gone")
						assert.Equal(t, waiter.ReasonPollFailed, we.Reason)
					}
				} else {
					s, err := wait(ctx, pending, pending, w.Success[0])
					require.NoError(t, err)
					assert.Equal(t, 3, s.polls, "pending, pending, success")

					_, err = wait(ctx, pending, "")
					require.ErrorAs(t, err, &we, "gone where it should exist")
					assert.Equal(t, waiter.ReasonNotFound, we.Reason)
					assert.Equal(t, pending, we.LastState)
				}
				if len(w.Failure) > 0 {
					_, err := wait(ctx, pending, w.Failure[0])
					require.ErrorAs(t, err, &we)
					assert.Equal(t, waiter.ReasonFailureState, we.Reason)
					assert.Equal(t, w.Failure[0], we.LastState)
				}
				dl, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
				defer cancel()
				_, err := wait(dl, pending)
				require.True(t, errors.Is(err, context.DeadlineExceeded), "the context bounds the wait: %v", err)
				require.ErrorAs(t, err, &we)
			})
		}
	}
	t.Logf("waiters: %v", count)
}

// TestPagingDeclared: an operation with paging parameters (an offset or a
// start, and a limit) must declare x-paginator, naming parameters it has.
func TestPagingDeclared(t *testing.T) {
	offsets := map[string]bool{"offset": true, "start": true, "page": true, "pageno": true, "page_no": true}
	for _, name := range sortedKeys(targets) {
		doc := loadSpec(t, name)
		for _, path := range doc.Paths.InMatchingOrder() {
			for _, op := range doc.Paths.Value(path).Operations() {
				query := map[string]bool{}
				var off, lim bool
				for _, p := range op.Parameters {
					if p.Value.In != "query" {
						continue
					}
					query[p.Value.Name] = true
					off = off || offsets[strings.ToLower(p.Value.Name)]
					lim = lim || strings.EqualFold(p.Value.Name, "limit")
				}
				v, declared := op.Extensions["x-paginator"]
				if off && lim {
					assert.True(t, declared, "%s %s pages (offset and limit parameters) but declares no x-paginator", name, op.OperationID)
				}
				if declared {
					d := decode[paginatorDecl](t, v)
					assert.True(t, query[d.Offset], "%s %s: x-paginator offset %q is not a query parameter", name, op.OperationID, d.Offset)
					assert.True(t, query[d.Limit], "%s %s: x-paginator limit %q is not a query parameter", name, op.OperationID, d.Limit)
				}
			}
		}
	}
}

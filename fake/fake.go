// Package fake is an in-memory, stateful stand-in for each cache API, for
// users' unit tests: start one on 127.0.0.1 in a line, point the real
// vendor client at it, and test your code against it without credentials or
// network.
//
//	func TestMyCode(t *testing.T) {
//		srv := fake.NewDCSV2(t) // closed when t ends
//		c, err := huaweicloud.NewDCSV2(srv.HuaweiConfig())
//		...
//	}
//
// What it does, for every API: it routes each request to its operation in
// the spec, verifies the signature (AK/SK, token, CapitalOnline and UCloud
// signatures) with the repository's independent verifiers, and validates the
// request against the spec (a bad request is answered 400, a bad signature
// 401). Resources created through the API appear in its lists and
// describes; a new instance answers CREATING for PollsToRunning polls, then
// RUNNING; lists page for real (offset/limit, start/limit, Offset/Limit);
// deletes remove; an unknown id gets the vendor's documented not-found
// error (Huawei DCS.3022 with HTTP 404, CapitalOnline ResourceNotFound with
// HTTP 404). Every other operation answers its documented example.
//
// A test can inject the next failure (FailNext: a status and vendor code, a
// delay, a connection reset) or script the answer of an operation with
// access to the request (Handle). Requests returns what was received.
//
// What it does not do: it keeps no state for operations outside the
// instance lifecycle (backups, migrations, configurations answer their
// documented examples), it does not enforce quotas or the vendors' business
// rules, and it does not simulate eventual consistency.
package fake

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/cachesdk/cachesdk/mockserver"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/specs"
	"github.com/cachesdk/cachesdk/verifier"
	"github.com/cachesdk/cachesdk/waiter"
)

// Options tune a Server. The zero value of a field takes its default.
type Options struct {
	// PollsToRunning is how many describes of a new instance answer
	// CREATING before it is RUNNING (default 2; a negative value: at once).
	PollsToRunning int
}

// Option sets one of the Options.
type Option func(*Options)

// WithPollsToRunning sets Options.PollsToRunning.
func WithPollsToRunning(n int) Option { return func(o *Options) { o.PollsToRunning = n } }

// QuickWaits returns a waiter.Config for tests on the fake: polls every few
// milliseconds (the specs' defaults wait seconds between polls, made for
// the real APIs), for 30 s at most.
//
//	inst, err := c.WaitInstanceRunning(ctx, id, fake.QuickWaits())
func QuickWaits() *waiter.Config {
	return &waiter.Config{MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxWait: 30 * time.Second}
}

// quickRetry is the retry policy of the Configs the servers hand out: the
// default attempts, with backoffs of milliseconds.
func quickRetry() *retry.Policy {
	return &retry.Policy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}
}

// Fault is a failure injected into the next matching request.
type Fault struct {
	Operation string        // the operationId it applies to; "" for any
	Status    int           // the HTTP status (default 500; UCloud answers 200 with RetCode)
	Code      string        // the vendor's error code (default per vendor; UCloud: a number, its RetCode, else 150)
	Message   string        // the vendor's error message
	Delay     time.Duration // wait before answering (or resetting)
	Reset     bool          // close the connection without an answer
}

// Request is one request the fake accepted (routed, signed, valid).
type Request struct {
	Operation  string            // the operationId
	Method     string            // HTTP method
	Path       string            // URL path
	PathParams map[string]string // by the spec's names
	Query      url.Values        // the query, the signer's parameters included
	Header     http.Header
	Body       []byte
}

// JSON decodes the request body into v.
func (r *Request) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// Response is a scripted answer: Body is encoded as JSON (a []byte is sent
// as it is).
type Response struct {
	Status int // default 200
	Body   any
}

// HandlerFunc answers one operation; nil leaves it to the fake's own
// behaviour.
type HandlerFunc func(*Request) *Response

// Server is one fake API on 127.0.0.1. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to give the client as its Endpoint.
	URL string

	ts   *httptest.Server
	doc  *openapi3.T
	opts Options
	v    vendor

	mu       sync.Mutex
	faults   []Fault
	handlers map[string]HandlerFunc
	requests []Request
	state    *store
}

// vendor is what differs between the APIs.
type vendor interface {
	// serve answers op with the fake's state; false: not a stateful operation.
	serve(s *Server, op string, r *Request) (*Response, bool)
	// fault renders an injected failure in the vendor's error format.
	fault(f Fault) *Response
	verifier() verifier.Verifier
}

func start(spec string, v vendor, opts []Option) (*Server, error) {
	data, err := specs.FS.ReadFile(spec)
	if err != nil {
		return nil, fmt.Errorf("fake: %w", err)
	}
	doc, err := mockserver.Load(data)
	if err != nil {
		return nil, fmt.Errorf("fake: %s: %w", spec, err)
	}
	s := &Server{doc: doc, v: v, handlers: map[string]HandlerFunc{}, state: newStore()}
	for _, o := range opts {
		o(&s.opts)
	}
	if s.opts.PollsToRunning == 0 {
		s.opts.PollsToRunning = 2
	}
	mock := mockserver.New(doc, mockserver.Options{Verifier: v.verifier(), Respond: s.respond, Reject: s.reject})
	s.ts = httptest.NewServer(mock)
	s.URL = s.ts.URL
	return s, nil
}

// forTest starts a server for the duration of t.
func forTest(t testing.TB, spec string, v vendor, opts []Option) *Server {
	t.Helper()
	s, err := start(spec, v, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Close shuts the server down (NewXxx registers it with t.Cleanup; a
// server from StartXxx is the caller's to close).
func (s *Server) Close() { s.ts.Close() }

// FailNext makes the next request matching f.Operation fail as f says.
// Faults queue up: each is used once. It panics when the API has no
// operation f.Operation (a misspelt name in the test).
func (s *Server) FailNext(f Fault) {
	if f.Operation != "" {
		s.mustHave("FailNext", f.Operation)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// Handle scripts the answers of an operation (by operationId); h returning
// nil falls back to the fake's own behaviour. A nil h removes the script.
// It panics when the API has no such operation (a misspelt name).
func (s *Server) Handle(operation string, h HandlerFunc) {
	s.mustHave("Handle", operation)
	s.mu.Lock()
	defer s.mu.Unlock()
	if h == nil {
		delete(s.handlers, operation)
		return
	}
	s.handlers[operation] = h
}

// mustHave panics when the spec has no operation op: a misspelt name would
// otherwise leave a script that never runs or a fault that never fires (a
// mistake in the test, reported where it is made).
func (s *Server) mustHave(method, op string) {
	for _, path := range s.doc.Paths.InMatchingOrder() {
		for _, o := range s.doc.Paths.Value(path).Operations() {
			if o.OperationID == op {
				return
			}
		}
	}
	panic(fmt.Sprintf("fake: %s: the API has no operation %q", method, op))
}

// Requests returns the requests that passed the signature and spec checks
// so far, oldest first, those FailNext or Handle answered included.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) respond(w http.ResponseWriter, hr *http.Request, rec mockserver.Received) bool {
	op := rec.Operation.OperationID
	q, _ := url.ParseQuery(rec.RawQuery)
	req := &Request{Operation: op, Method: rec.Method, Path: rec.Path, PathParams: rec.PathParams,
		Query: q, Header: rec.Header, Body: rec.Body}

	s.mu.Lock()
	s.requests = append(s.requests, *req)
	var fault *Fault
	for i, f := range s.faults {
		if f.Operation == "" || f.Operation == op {
			fault = &f
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			break
		}
	}
	h := s.handlers[op]
	s.mu.Unlock()

	if fault != nil {
		if fault.Delay > 0 {
			select {
			case <-time.After(fault.Delay):
			case <-hr.Context().Done():
				return true
			}
		}
		if fault.Reset {
			reset(w)
			return true
		}
		write(w, s.v.fault(*fault))
		return true
	}
	if h != nil {
		if resp := h(req); resp != nil {
			write(w, resp)
			return true
		}
	}
	s.mu.Lock()
	resp, ok := s.v.serve(s, op, req)
	if ok && resp.Body != nil {
		// encode while the state is locked: the body holds the live
		// resources, which the next request may change
		if _, raw := resp.Body.([]byte); !raw {
			b, err := json.Marshal(resp.Body)
			if err != nil {
				b = []byte(`{"error":"fake: cannot encode"}`)
			}
			resp.Body = b
		}
	}
	s.mu.Unlock()
	if !ok {
		return false // the documented example
	}
	write(w, resp)
	return true
}

// Codes of the fake's own refusals, in the vendor's error body (the
// message says why: the spec's rule the request broke, never its values).
// UCloud's error code is a number (RetCode): its refusals carry 150.
const (
	CodeRequestInvalid   = "fake.request-invalid"   // HTTP 400: the request breaks the spec
	CodeSignatureInvalid = "fake.signature-invalid" // HTTP 401: the signature does not verify
	CodeNoSuchOperation  = "fake.no-such-operation" // HTTP 404: no operation of the spec matches
)

// reject answers a refused request in the vendor's error format, so the
// client's *apierror.Error says why (mockserver's Reject hook).
func (s *Server) reject(w http.ResponseWriter, status int, err error) {
	code := CodeRequestInvalid
	switch status {
	case http.StatusUnauthorized:
		code = CodeSignatureInvalid
	case http.StatusNotFound:
		code = CodeNoSuchOperation
	}
	resp := s.v.fault(Fault{Status: status, Code: code, Message: "fake: " + err.Error()})
	write(w, resp)
}

// reset closes the connection without an answer (the client sees a reset
// or an unexpected EOF).
func reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(interface{ SetLinger(int) error }); ok {
		_ = tc.SetLinger(0) // RST, not FIN
	}
	_ = conn.Close()
}

func write(w http.ResponseWriter, r *Response) {
	status := r.Status
	if status == 0 {
		status = http.StatusOK
	}
	if r.Body == nil {
		w.WriteHeader(status)
		return
	}
	b, ok := r.Body.([]byte)
	if !ok {
		var err error
		if b, err = json.Marshal(r.Body); err != nil {
			http.Error(w, "fake: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// example returns a deep copy of the named operation's documented response
// example ("200" unless code says otherwise), as JSON values.
func (s *Server) example(op, code string) map[string]any {
	for _, path := range s.doc.Paths.InMatchingOrder() {
		for _, o := range s.doc.Paths.Value(path).Operations() {
			if o.OperationID != op {
				continue
			}
			v, err := mockserver.Example(o, code, mockserver.DefaultAnswer(o).Example)
			if err != nil || v == nil {
				return map[string]any{}
			}
			return clone(v).(map[string]any)
		}
	}
	return map[string]any{}
}

func clone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// store holds resources by id, in creation order.
type store struct {
	order []string
	items map[string]*resource
	seq   int
}

type resource struct {
	obj   map[string]any // the resource as the API shows it
	polls int            // describes while creating
}

func newStore() *store { return &store{items: map[string]*resource{}} }

func (st *store) add(id string, obj map[string]any) *resource {
	r := &resource{obj: obj}
	st.items[id] = r
	st.order = append(st.order, id)
	return r
}

func (st *store) remove(id string) bool {
	if _, ok := st.items[id]; !ok {
		return false
	}
	delete(st.items, id)
	for i, x := range st.order {
		if x == id {
			st.order = append(st.order[:i], st.order[i+1:]...)
			break
		}
	}
	return true
}

func (st *store) list(keep func(*resource) bool) []*resource {
	var out []*resource
	for _, id := range st.order {
		if r := st.items[id]; keep == nil || keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// newID returns a fresh UUID-shaped id.
func (st *store) newID() string {
	st.seq++
	return fmt.Sprintf("f0000000-0000-4000-8000-%012d", st.seq)
}

// poll counts one describe of r and moves a creating instance on.
func (s *Server) poll(r *resource, statusKey, creating, running string) {
	if r.obj[statusKey] != creating {
		return
	}
	r.polls++
	if r.polls > s.opts.PollsToRunning {
		r.obj[statusKey] = running
	}
}

// page returns items[off:off+limit], clipped.
func page[T any](items []T, off, limit int) []T {
	if off < 0 {
		off = 0
	}
	if off > len(items) {
		off = len(items)
	}
	end := len(items)
	if limit > 0 && off+limit < end {
		end = off + limit
	}
	return items[off:end]
}

func objects(rs []*resource) []any {
	out := make([]any, len(rs))
	for i, r := range rs {
		out[i] = r.obj
	}
	return out
}

// newObject is a resource built from a documented example (template) and
// the create request's body: the body's values whose keys the template
// has, secrets excepted, over a copy of the template.
func newObject(template, body map[string]any) map[string]any {
	obj := maps.Clone(template)
	if obj == nil {
		obj = map[string]any{}
	}
	for k, v := range body {
		if _, ok := template[k]; ok && !secretKey(k) {
			obj[k] = v
		}
	}
	return obj
}

func secretKey(k string) bool {
	switch k {
	case "password", "Password", "new_password", "old_password":
		return true
	}
	return false
}

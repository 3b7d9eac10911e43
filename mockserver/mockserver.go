// Package mockserver is a local stand-in for a vendor API, driven by one of
// the specs: it routes each request to its operation, verifies the signature
// with a verifier, validates the request against the spec with kin-openapi's
// openapi3filter, records it, and answers with one of the operation's
// documented examples.
//
// The conformance tests and `make demo` use it; it never contacts a network
// beyond the listener its caller starts (httptest on 127.0.0.1).
package mockserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/cachesdk/cachesdk/verifier"
)

// Answer is what the server responds to one request.
type Answer struct {
	Status   int    // the HTTP status sent
	Response string // the spec's response key the example is under; "" means Status ("200")
	Example  string // the example's name; "" for an empty body
}

// Received is one request as the server saw it.
type Received struct {
	Operation  *openapi3.Operation
	Method     string
	Path       string
	RawQuery   string
	Header     http.Header
	Body       []byte
	PathParams map[string]string
	Err        error // why the request was rejected (auth or validation), nil when accepted
}

// Options configure a Server.
type Options struct {
	// Verifier checks each request's signature; nil accepts any (only for
	// specs without security).
	Verifier verifier.Verifier
	// Answer picks the response; nil answers DefaultAnswer.
	Answer func(op *openapi3.Operation) Answer
	// Respond, when set, sees every accepted request (routed, verified,
	// validated) and may write the response itself: it returns false to
	// leave it to Answer. The fake package keeps its state here.
	Respond func(w http.ResponseWriter, r *http.Request, rec Received) bool
	// Reject, when set, writes the answer to a request refused by routing
	// (404), signature verification (401) or validation (400), e.g. in the
	// vendor's error format; default: the error as text/plain.
	Reject func(w http.ResponseWriter, status int, err error)
}

// Server is an http.Handler serving one spec.
type Server struct {
	doc    *openapi3.T
	router *router
	opts   Options

	mu       sync.Mutex
	received []Received
}

// Load parses and validates a spec.
func Load(data []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	return doc, nil
}

// New returns a Server for doc.
func New(doc *openapi3.T, opts Options) *Server {
	if opts.Answer == nil {
		opts.Answer = DefaultAnswer
	}
	return &Server{doc: doc, router: newRouter(doc), opts: opts}
}

// DefaultAnswer is the lowest 2xx status with its "documented" example (or
// its first example by name).
func DefaultAnswer(op *openapi3.Operation) Answer {
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		if len(code) != 3 || code[0] != '2' {
			continue
		}
		var status int
		fmt.Sscan(code, &status)
		a := Answer{Status: status}
		if mt := jsonContent(op.Responses.Value(code)); mt != nil && len(mt.Examples) > 0 {
			a.Example = "documented"
			if mt.Examples["documented"] == nil {
				a.Example = sortedKeys(mt.Examples)[0]
			}
		}
		return a
	}
	return Answer{Status: http.StatusOK}
}

// Received returns the requests served so far.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "mockserver: cannot read the body", http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := Received{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: body}

	route, params, err := s.router.FindRoute(r)
	if err != nil {
		rec.Err = err
		s.record(rec)
		s.reject(w, http.StatusNotFound, err)
		return
	}
	rec.Operation, rec.PathParams = route.Operation, params

	input := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{
			MultiError:          true,
			SkipSettingDefaults: true,
			// Schema errors would quote the offending value, a password among them.
			SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
			AuthenticationFunc: func(ctx context.Context, ai *openapi3filter.AuthenticationInput) error {
				if s.opts.Verifier == nil {
					return nil
				}
				return s.opts.Verifier.Verify(ai.RequestValidationInput.Request, body)
			},
		}}
	if err := openapi3filter.ValidateRequest(r.Context(), input); err != nil {
		rec.Err = err
		s.record(rec)
		status := http.StatusBadRequest
		var se *openapi3filter.SecurityRequirementsError
		if errors.As(err, &se) {
			status = http.StatusUnauthorized
		}
		s.reject(w, status, fmt.Errorf("request rejected: %w", err))
		return
	}
	s.record(rec)
	if s.opts.Respond != nil && s.opts.Respond(w, r, rec) {
		return
	}

	ans := s.opts.Answer(route.Operation)
	key := ans.Response
	if key == "" {
		key = fmt.Sprint(ans.Status)
	}
	value, err := Example(route.Operation, key, ans.Example)
	if err != nil {
		http.Error(w, "mockserver: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if value == nil {
		w.WriteHeader(ans.Status)
		return
	}
	out, err := json.Marshal(value)
	if err != nil {
		http.Error(w, "mockserver: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(ans.Status)
	w.Write(out)
}

func (s *Server) reject(w http.ResponseWriter, status int, err error) {
	if s.opts.Reject != nil {
		s.opts.Reject(w, status, err)
		return
	}
	http.Error(w, "mockserver: "+err.Error(), status)
}

func (s *Server) record(r Received) {
	s.mu.Lock()
	s.received = append(s.received, r)
	s.mu.Unlock()
}

// Example returns the value of the named example of op's response under
// key ("200", "default"); nil for an empty name.
func Example(op *openapi3.Operation, key, name string) (any, error) {
	if name == "" {
		return nil, nil
	}
	resp := op.Responses.Value(key)
	if resp == nil || resp.Value == nil {
		return nil, fmt.Errorf("operation %s has no %s response", op.OperationID, key)
	}
	mt := jsonContent(&openapi3.ResponseRef{Value: resp.Value})
	if mt == nil || mt.Examples[name] == nil || mt.Examples[name].Value == nil {
		return nil, fmt.Errorf("operation %s has no %s example %q", op.OperationID, key, name)
	}
	return mt.Examples[name].Value.Value, nil
}

func jsonContent(r *openapi3.ResponseRef) *openapi3.MediaType {
	if r == nil || r.Value == nil {
		return nil
	}
	for ct, mt := range r.Value.Content {
		if ct == "application/json" || bytes.Contains([]byte(ct), []byte("json")) {
			return mt
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

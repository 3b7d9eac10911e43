// Package hostile is a misbehaving HTTP server on 127.0.0.1 for tests: it
// records every request it receives and answers each one with a scripted
// fault (a connection reset, an error burst, a redirect, a truncated, empty,
// HTML or dripping body, a hang until the client gives up).
//
// A second Server used as a redirect target is a bystander: whatever reaches
// it (a credential, a body) is what a client leaked.
package hostile

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Request is what the server received.
type Request struct {
	Method    string
	URI       string // the request target as sent (path and query)
	Host      string
	Header    http.Header
	Body      []byte
	VerifyErr error // the Verify function's verdict, when one is set
}

// Handler answers attempt n (1-based, counted over the server's life).
type Handler func(n int, w http.ResponseWriter, r *http.Request)

// Server is a recording test server bound to 127.0.0.1.
type Server struct {
	URL string // "http://127.0.0.1:port"

	srv     *httptest.Server
	closing chan struct{}
	once    sync.Once

	mu     sync.Mutex
	reqs   []Request
	handle Handler
	verify func(r *http.Request, body []byte) error
}

// New starts a server answering with h (nil: 200 with an empty JSON
// object); t's cleanup closes it.
func New(t testing.TB, h Handler) *Server {
	s := &Server{handle: h, closing: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve)) // binds 127.0.0.1
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// Close releases hanging handlers and stops the server.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closing) })
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Verify sets a check run on every request received (a signature verifier);
// its verdict is recorded in Request.VerifyErr.
func (s *Server) Verify(v func(r *http.Request, body []byte) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.verify = v
}

// Handle replaces the handler.
func (s *Server) Handle(h Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handle = h
}

// Requests returns a copy of what was received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Count is the number of requests received so far.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

// Host is the server's "127.0.0.1:port".
func (s *Server) Host() string { return s.srv.Listener.Addr().String() }

// Port is the server's port.
func (s *Server) Port() int { return s.srv.Listener.Addr().(*net.TCPAddr).Port }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	rec := Request{Method: r.Method, URI: r.RequestURI, Host: r.Host, Header: r.Header.Clone(), Body: body}
	if s.verify != nil {
		r2 := r.Clone(r.Context())
		rec.VerifyErr = s.verify(r2, body)
	}
	s.reqs = append(s.reqs, rec)
	n, h := len(s.reqs), s.handle
	s.mu.Unlock()
	if h == nil {
		JSON(w, http.StatusOK, `{}`)
		return
	}
	h(n, w, r)
}

// Closing is closed when the server closes: a handler that waits must also
// wait on it.
func (s *Server) Closing() <-chan struct{} { return s.closing }

// JSON answers status with body as application/json.
func JSON(w http.ResponseWriter, status int, body string) {
	Respond(w, status, "application/json", body, nil)
}

// Respond answers status with body, Content-Type ctype (none when ""), and
// the extra headers.
func Respond(w http.ResponseWriter, status int, ctype, body string, headers map[string]string) {
	if ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	for k, v := range headers {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// Redirect answers status with a Location.
func Redirect(w http.ResponseWriter, status int, location string) {
	w.Header().Set("Location", location)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `{"moved":true}`)
}

// Reset closes the connection with a TCP reset (SO_LINGER 0) before any
// response byte.
func Reset(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(fmt.Sprintf("hostile: hijack: %v", err))
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

// Truncate announces a JSON body of announced bytes, sends only body, and
// closes the connection.
func Truncate(w http.ResponseWriter, body string, announced int) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(fmt.Sprintf("hostile: hijack: %v", err))
	}
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", announced, body)
	buf.Flush()
	conn.Close()
}

// Drip sends the headers of a 200 JSON response, then body one byte every
// interval, until it is all sent, the client goes away or the server closes.
func (s *Server) Drip(w http.ResponseWriter, r *http.Request, body string, every time.Duration) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	f := w.(http.Flusher)
	f.Flush()
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; i < len(body); i++ {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-t.C:
		}
		_, _ = io.WriteString(w, body[i:i+1])
		f.Flush()
	}
}

// Hang sends nothing until the client goes away or the server closes;
// started, when not nil, is sent a value (without blocking: give it a
// buffer of one) when the handler starts waiting.
func (s *Server) Hang(r *http.Request, started chan<- struct{}) {
	if started != nil {
		select {
		case started <- struct{}{}:
		default:
		}
	}
	select {
	case <-r.Context().Done():
	case <-s.closing:
	}
}

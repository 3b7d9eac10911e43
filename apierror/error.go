// Package apierror turns a vendor's failure report into one typed error.
//
// Vendors report failure in two ways: an HTTP error status with a body, or
// HTTP 200 with a body whose envelope says the call failed (CapitalOnline's
// Code != "Success", UCloud's RetCode != 0). Middleware reads every response
// body once, asks the vendor's Decoder whether it reports a failure, and if
// so returns an *Error instead of the response: a generated client never
// hands back a nil error with a failed body. A body longer than the chain's
// limit (pipeline.Config.MaxResponseBytes) is an *Error too, wrapping a
// *payload.TooLargeError.
//
// The success decision agrees with the typed result: an envelope is a
// success only when its code field is named exactly once (the JSON decoders
// match keys ignoring case, so "code" next to "Code" would decide the typed
// result), holds the success value as written, and nothing follows the
// object (ErrAmbiguousResponse, ErrMalformedResponse otherwise).
package apierror

import (
	"unicode/utf8"

	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/cachesdk/cachesdk/internal/redact"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/httpbody"
	opinfo "github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/payload"
)

// ErrMalformedResponse is wrapped by an *Error whose response could not be
// read as the vendor's envelope (not JSON, or no status code in it).
var ErrMalformedResponse = errors.New("malformed response")

// ErrAmbiguousResponse is wrapped by an *Error whose body names its status
// code field more than once: twice, in another letter case ("Code" and
// "code") or escaped ("C\u006fde"). The typed result would decode such a body
// (case-insensitively, the last one winning) to another code than the one
// checked, so it is never a success. It also wraps ErrMalformedResponse.
var ErrAmbiguousResponse = fmt.Errorf("%w: status code field given more than once", ErrMalformedResponse)

// Error is a failed API call. Use errors.As to get it from any client call.
type Error struct {
	Vendor     string      // "capitalonline", "huaweicloud", "ucloud"
	Operation  string      // the operationId that failed (e.g. "CreateInstance", "DescribeDBInstances"), from the request context the generated client set (package operation); without one, the decoder's guess
	StatusCode int         // HTTP status
	Code       string      // the vendor's error code ("ArgMissing", "DCS.4001", "230"); "" when the body had none
	Message    string      // the vendor's message
	RequestID  string      // the vendor's request id, when it sends one
	TaskID     string      // the vendor's task id, when it sends one
	Header     http.Header // the response headers (e.g. Retry-After)
	Err        error       // a cause such as ErrMalformedResponse or a *payload.TooLargeError, or nil
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Vendor)
	if e.Operation != "" {
		b.WriteString(" ")
		b.WriteString(e.Operation)
	}
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	if e.TaskID != "" {
		b.WriteString(" (task id ")
		b.WriteString(e.TaskID)
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns the cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// describe returns the *Error of a response that failed before its body
// could be judged: the vendor, operation, status and headers.
func describe(d Decoder, resp *http.Response) *Error {
	e := &Error{StatusCode: resp.StatusCode, Header: resp.Header}
	switch d := d.(type) {
	case Envelope:
		e.Vendor, e.Operation = d.Vendor, operation(resp)
		if d.RequestIDHdr != "" {
			e.RequestID = resp.Header.Get(d.RequestIDHdr)
		}
	case Status:
		e.Vendor = d.Vendor
		if resp.Request != nil && resp.Request.URL != nil {
			e.Operation = resp.Request.Method + " " + resp.Request.URL.Path
		}
		if d.RequestIDHdr != "" {
			e.RequestID = resp.Header.Get(d.RequestIDHdr)
		}
	}
	return e
}

// Decoder reports whether a response is a failure. body is the whole
// response body; Decode must not keep it.
type Decoder interface {
	Decode(resp *http.Response, body []byte) *Error
}

// MaxMessage is the longest vendor message an *Error keeps, in bytes; a
// longer one is cut (at a UTF-8 boundary) and ends with "…".
const MaxMessage = 1024

// finish is the one exit of a failed call: the operationId the generated
// client put in the context (the same name for every vendor), and no
// credential of the request in the error (scrub).
func finish(e *Error, req *http.Request) *Error {
	if op := opinfo.Name(req.Context()); op != "" {
		e.Operation = op
	}
	scrub(e, req)
	return e
}

// scrub keeps server text that may echo the request from carrying its
// credentials (a message quoting the token, a header echoing the
// signature) and bounds the message.
func scrub(e *Error, req *http.Request) {
	secrets := redact.Secrets(req)
	e.Message = secrets.Text(e.Message)
	e.RequestID = secrets.Text(e.RequestID)
	e.TaskID = secrets.Text(e.TaskID)
	e.Header = secrets.Header(e.Header)
	if len(e.Message) > MaxMessage {
		cut := MaxMessage
		for cut > 0 && !utf8.RuneStart(e.Message[cut]) {
			cut--
		}
		e.Message = e.Message[:cut] + "…"
	}
}

// Middleware reads each response body, returns the Decoder's *Error for a
// failure (its message, ids and headers scrubbed of the request's
// credentials, the message at most MaxMessage bytes), and otherwise hands on
// the response with its body rewound.
func Middleware(d Decoder) doer.Middleware {
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			resp, err := next.Do(req)
			if err != nil {
				return nil, err
			}
			body, err := httpbody.Read(resp)
			var tooLarge *payload.TooLargeError
			if errors.As(err, &tooLarge) {
				// A typed failure of the call, not a network fault: nothing
				// to retry (the same body would come back).
				e := describe(d, resp)
				e.Err = tooLarge
				return nil, finish(e, req)
			}
			if err != nil {
				return nil, fmt.Errorf("reading the response to %s %s: %w", req.Method, req.URL.Path, err)
			}
			if e := d.Decode(resp, body); e != nil {
				return nil, finish(e, req)
			}
			resp.Body = httpbody.Replay(body)
			return resp, nil
		})
	}
}

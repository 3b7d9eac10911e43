// Package apierror turns a vendor's failure report into one typed error.
//
// Vendors report failure in two ways: an HTTP error status with a body, or
// HTTP 200 with a body whose envelope says the call failed (CapitalOnline's
// Code != "Success", UCloud's RetCode != 0). Middleware reads every response
// body once, asks the vendor's Decoder whether it reports a failure, and if
// so returns an *Error instead of the response: a generated client never
// hands back a nil error with a failed body.
package apierror

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/httpbody"
	opinfo "github.com/cachesdk/cachesdk/operation"
)

// ErrMalformedResponse is wrapped by an *Error whose response could not be
// read as the vendor's envelope (not JSON, or no status code in it).
var ErrMalformedResponse = errors.New("malformed response")

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
	Err        error       // a cause such as ErrMalformedResponse, or nil
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

// Decoder reports whether a response is a failure. body is the whole
// response body; Decode must not keep it.
type Decoder interface {
	Decode(resp *http.Response, body []byte) *Error
}

// Middleware reads each response body, returns the Decoder's *Error for a
// failure, and otherwise hands on the response with its body rewound.
func Middleware(d Decoder) doer.Middleware {
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			resp, err := next.Do(req)
			if err != nil {
				return nil, err
			}
			body, err := httpbody.Read(resp)
			if err != nil {
				return nil, fmt.Errorf("reading the response to %s %s: %w", req.Method, req.URL.Path, err)
			}
			if e := d.Decode(resp, body); e != nil {
				if op := opinfo.Name(req.Context()); op != "" {
					e.Operation = op // the operationId, the same for every vendor
				}
				return nil, e
			}
			resp.Body = httpbody.Replay(body)
			return resp, nil
		})
	}
}

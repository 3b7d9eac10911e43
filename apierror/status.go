package apierror

import "net/http"

// Status decodes REST vendors that report failure by HTTP status alone, with
// an error body such as Huawei's {"error_code": "DCS.4001", "error_msg": "…"}.
// A 2xx (including 204 with no body) is a success whatever its body says.
type Status struct {
	Vendor       string
	CodeField    string // "error_code"
	MessageField string // "error_msg"
	RequestIDHdr string // e.g. "X-Request-Id"
}

// Decode returns nil for a 2xx and an *Error otherwise.
func (s Status) Decode(resp *http.Response, body []byte) *Error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	var raw [2][]byte
	isObject, _, _ := topLevel(body, []string{s.CodeField, s.MessageField}, raw[:])
	err := &Error{
		Vendor:     s.Vendor,
		StatusCode: resp.StatusCode,
		Code:       scalar(raw[0]),
		Message:    scalar(raw[1]),
		Header:     resp.Header,
	}
	if resp.Request != nil {
		err.Operation = resp.Request.Method + " " + resp.Request.URL.Path
	}
	if s.RequestIDHdr != "" {
		err.RequestID = resp.Header.Get(s.RequestIDHdr)
	}
	if !isObject || raw[0] == nil {
		err.Err = ErrMalformedResponse
		if err.Message == "" {
			err.Message = http.StatusText(resp.StatusCode)
		}
	}
	return err
}

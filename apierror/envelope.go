package apierror

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// Envelope decodes RPC-style vendors whose every body carries a status code
// field (CapitalOnline: Code == "Success"; UCloud: RetCode == 0). One
// implementation serves every such vendor: only the field names differ.
type Envelope struct {
	Vendor       string
	CodeField    string // the status field: "Code", "RetCode"
	Success      string // the success value as raw JSON: `"Success"`, `0`
	MessageField string // "Message"
	TaskField    string // "TaskId", or "" when the vendor has none
	RequestIDHdr string // a response header with a request id, or ""
}

// Decode returns nil when the status is 2xx, the body is one JSON object
// and its code field, named exactly once (no other letter case, no escaped
// spelling: ErrAmbiguousResponse), holds the success value as written
// (`"Success"`, `0`); an *Error otherwise. So whenever Decode says success,
// the typed result decodes the same success code, or fails to decode.
// The Content-Type is not consulted (the generated parsers sniff the body).
func (e Envelope) Decode(resp *http.Response, body []byte) *Error {
	var raw [3][]byte
	isObject, many, variant := topLevel(body, []string{e.CodeField, e.MessageField, e.TaskField}, raw[:])
	ok2xx := resp.StatusCode >= 200 && resp.StatusCode < 300
	ambiguous := many&1 != 0
	misspelt := variant&1 != 0 // the code field once, in another spelling: its value is kept, but it is no success
	if ok2xx && isObject && !ambiguous && !misspelt && bytes.Equal(raw[0], []byte(e.Success)) {
		return nil
	}
	err := &Error{
		Vendor:     e.Vendor,
		Operation:  operation(resp),
		StatusCode: resp.StatusCode,
		Code:       scalar(raw[0]),
		Message:    scalar(raw[1]),
		TaskID:     scalar(raw[2]),
		Header:     resp.Header,
	}
	if e.RequestIDHdr != "" {
		err.RequestID = resp.Header.Get(e.RequestIDHdr)
	}
	switch {
	case ambiguous:
		err.Code = "" // which one the vendor meant is unknown
		err.Err = ErrAmbiguousResponse
	case misspelt && ok2xx && bytes.Equal(raw[0], []byte(e.Success)):
		err.Err = ErrMalformedResponse // a success spelt otherwise than documented is not trusted
	case !isObject || raw[0] == nil:
		err.Err = ErrMalformedResponse
		if err.Message == "" && !ok2xx {
			err.Message = http.StatusText(resp.StatusCode)
		}
	}
	return err
}

// operation names the RPC action of the request behind resp, if any.
func operation(resp *http.Response) string {
	if resp.Request == nil || resp.Request.URL == nil {
		return ""
	}
	return resp.Request.URL.Query().Get("Action")
}

// scalar renders a raw JSON scalar as text: a string unquoted, a number or
// literal as written; objects and arrays are not codes or messages.
func scalar(raw []byte) string {
	if len(raw) == 0 || raw[0] == '{' || raw[0] == '[' || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return ""
	}
	return string(raw)
}

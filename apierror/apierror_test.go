package apierror

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/doer"
)

var cds = Envelope{Vendor: "capitalonline", CodeField: "Code", Success: `"Success"`, MessageField: "Message", TaskField: "TaskId"}
var ucloud = Envelope{Vendor: "ucloud", CodeField: "RetCode", Success: `0`, MessageField: "Message"}

func respond(status int, ctype, body string) doer.Doer {
	return doer.Func(func(req *http.Request) (*http.Response, error) {
		h := http.Header{}
		if ctype != "" {
			h.Set("Content-Type", ctype)
		}
		return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
	})
}

func call(t *testing.T, d Decoder, status int, ctype, body string) (*http.Response, error) {
	t.Helper()
	req := &http.Request{Method: "GET", URL: &url.URL{Path: "/redis", RawQuery: "Action=DescribeRegins"}}
	return doer.Chain(respond(status, ctype, body), Middleware(d)).Do(req)
}

func TestSuccessPassesWithBodyIntact(t *testing.T) {
	body := `{"Message":"ok","Data":{"Code":"nested"},"Code":"Success"}`
	resp, err := call(t, cds, 200, "application/json", body)
	require.NoError(t, err)
	got, _ := io.ReadAll(resp.Body)
	require.Equal(t, body, string(got))
}

func TestFailedBodyWithHTTP200IsAnError(t *testing.T) {
	_, err := call(t, cds, 200, "application/json", `{"Code":"InvalidParameter","Message":"参数错误","TaskId":"t-1","Data":{}}`)
	var e *Error
	require.True(t, errors.As(err, &e))
	require.Equal(t, &Error{Vendor: "capitalonline", Operation: "DescribeRegins", StatusCode: 200, Code: "InvalidParameter",
		Message: "参数错误", TaskID: "t-1", Header: e.Header}, e)
	require.Equal(t, "capitalonline DescribeRegins: HTTP 200 InvalidParameter: 参数错误 (task id t-1)", e.Error())
}

func TestErrorStatus(t *testing.T) {
	_, err := call(t, cds, 404, "application/json", `{"Code":"ResourceNotFound","Message":"资源不存在"}`)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, 404, e.StatusCode)
	require.Equal(t, "ResourceNotFound", e.Code)
}

func TestErrorStatusWithSuccessCodeIsStillAnError(t *testing.T) {
	_, err := call(t, cds, 500, "application/json", `{"Code":"Success"}`)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, 500, e.StatusCode)
}

func TestMalformedBodies(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
	}{
		{200, `<html>bad gateway</html>`},
		{200, `{"Message":"no code"}`},
		{200, `{"Code":"Success"`},
		{502, `<html>bad gateway</html>`},
		{200, ``},
	} {
		_, err := call(t, cds, tc.status, "text/html", tc.body)
		var e *Error
		require.ErrorAs(t, err, &e, tc.body)
		require.ErrorIs(t, err, ErrMalformedResponse, tc.body)
		require.Equal(t, tc.status, e.StatusCode)
	}
}

func TestNumericCodes(t *testing.T) {
	resp, err := call(t, ucloud, 200, "application/json", `{"RetCode":0,"Action":"DescribeURedisBackupResponse"}`)
	require.NoError(t, err)
	require.NotNil(t, resp)
	_, err = call(t, ucloud, 200, "application/json", `{"RetCode":230,"Message":"Params [Region] not available"}`)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "230", e.Code)
	require.Equal(t, "Params [Region] not available", e.Message)
}

// The Content-Type is left as the server sent it: the generated parsers
// recognise a JSON body by its first byte, whatever the header says.
func TestSuccessKeepsContentType(t *testing.T) {
	resp, err := call(t, cds, 200, "text/html; charset=utf-8", `{"Code":"Success"}`)
	require.NoError(t, err)
	require.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
}

func TestTopLevel(t *testing.T) {
	raw := make([][]byte, 3)
	ok, many, _ := topLevel([]byte(` { "a" : [1,{"Code":"x"}], "s":"q\"}", "Code" : "Success" , "n": -1.5e3, "t":true }`),
		[]string{"Code", "n", "t"}, raw)
	require.True(t, ok)
	require.Zero(t, many)
	require.Equal(t, `"Success"`, string(raw[0]))
	require.Equal(t, `-1.5e3`, string(raw[1]))
	require.Equal(t, `true`, string(raw[2]))
	for _, bad := range []string{``, `[]`, `{"a":}`, `{"a" 1}`, `{"a":"unterminated}`, `{"a":1,}`, `{"a":[1,2}`} {
		ok, _, _ := topLevel([]byte(bad), []string{"a"}, raw[:1])
		require.False(t, ok, bad)
	}
}

func TestTopLevelAllocatesNothing(t *testing.T) {
	body := []byte(`{"Code":"Success","Data":[{"x":1},{"y":"z"}],"Message":"m"}`)
	raw := make([][]byte, 2)
	keys := []string{"Code", "Message"}
	require.Zero(t, testing.AllocsPerRun(100, func() { topLevel(body, keys, raw) }))
}

var huawei = Status{Vendor: "huaweicloud", CodeField: "error_code", MessageField: "error_msg", RequestIDHdr: "X-Request-Id"}

func TestStatusDecoder(t *testing.T) {
	resp, err := call(t, huawei, 204, "", ``)
	require.NoError(t, err)
	require.Equal(t, 204, resp.StatusCode)

	_, err = call(t, huawei, 400, "application/json", `{"error_code":"DCS.4001","error_msg":"Invalid parameter.","error_ext_msg":""}`)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "DCS.4001", e.Code)
	require.Equal(t, "Invalid parameter.", e.Message)
	require.Equal(t, "GET /redis", e.Operation)
	require.NotErrorIs(t, err, ErrMalformedResponse)

	_, err = call(t, huawei, 503, "text/html", `<html>busy</html>`)
	require.ErrorIs(t, err, ErrMalformedResponse)
	require.ErrorAs(t, err, &e)
	require.Equal(t, "Service Unavailable", e.Message)
}

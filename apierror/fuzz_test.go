package apierror_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/ucloud"
)

// through sends one response with body through the vendor's typed-error
// step, as the chain does, and parses what comes out with parse.
func through[R any](d apierror.Decoder, contentType string, body []byte, parse func(*http.Response) (R, error)) (R, error) {
	send := doer.Func(func(req *http.Request) (*http.Response, error) {
		h := http.Header{}
		if contentType != "" {
			h.Set("Content-Type", contentType)
		}
		return &http.Response{StatusCode: 200, Header: h, ContentLength: int64(len(body)),
			Body: io.NopCloser(strings.NewReader(string(body))), Request: req}, nil
	})
	req := &http.Request{Method: "GET", URL: &url.URL{Path: "/", RawQuery: "Action=X"}}
	var zero R
	resp, err := doer.Chain(send, apierror.Middleware(d)).Do(req)
	if err != nil {
		return zero, err
	}
	return parse(resp)
}

// FuzzEnvelopeAgreesWithTypedDecode: whenever the envelope check lets an
// HTTP 200 through as a success, the typed result that the generated parser
// decodes from it says success too (CapitalOnline Code == "Success", UCloud
// RetCode == 0), or the parser fails. Never a typed failure behind a nil
// error, never a nil result behind one.
func FuzzEnvelopeAgreesWithTypedDecode(f *testing.F) {
	f.Add([]byte(`{"Code":"Success","code":"InternalError"}`), "application/json")
	f.Add([]byte(`{"RetCode":0,"retcode":230}`), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, err := through(capitalonline.ErrorDecoder, contentType, body, redis.ParseDescribeDBInstancesResponse)
		if err == nil {
			if out == nil || out.JSON200 == nil {
				t.Fatalf("capitalonline: nil result with a nil error for %q", body)
			}
			if out.JSON200.Code != "Success" {
				t.Fatalf("capitalonline: envelope success but typed Code %q for %q", out.JSON200.Code, body)
			}
		}
		uout, err := through(ucloud.ErrorDecoder, contentType, body, uredis.ParseDescribeURedisBackupResponse)
		if err == nil {
			if uout == nil || uout.JSON200 == nil {
				t.Fatalf("ucloud: nil result with a nil error for %q", body)
			}
			if uout.JSON200.RetCode != 0 {
				t.Fatalf("ucloud: envelope success but typed RetCode %d for %q", uout.JSON200.RetCode, body)
			}
		}
	})
}

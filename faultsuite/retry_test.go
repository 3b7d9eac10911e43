// Issue 12 items 1 and 8 through the hostile server: a refused redirect is
// not retried, Retry-After forms, retry safety per operation.
package faultsuite

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/internal/hostile"
	"github.com/cachesdk/cachesdk/origin"
)

// A refused redirect is not retried: *origin.RedirectError reports
// Retryable() == false, and retry must decide through that behaviour.
func TestRedirectIsNotRetried(t *testing.T) {
	bystander := hostile.New(t, nil)
	each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, rec *sleeps) {
		srv.Handle(func(_ int, w http.ResponseWriter, _ *http.Request) {
			hostile.Redirect(w, http.StatusFound, bystander.URL+stolen)
		})
		_, err := c.do(context.Background())
		var re *origin.RedirectError
		require.ErrorAs(t, err, &re)
		require.Equal(t, 1, srv.Count(), "a redirect is answered again: not retried")
		require.Empty(t, rec.all())
	})
	require.Zero(t, bystander.Count())
}

// Retry-After as an HTTP-date is honoured; an absurd number of seconds is
// capped at MaxDelay (5s by default), never overflowed into an immediate
// retry.
func TestRetryAfterForms(t *testing.T) {
	for name, tc := range map[string]struct {
		value func() string
		check func(t *testing.T, d time.Duration)
	}{
		"http-date": {
			value: func() string { return time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat) },
			check: func(t *testing.T, d time.Duration) { require.True(t, d >= time.Second && d <= 3*time.Second, "%v", d) },
		},
		"absurd": {
			value: func() string { return "9223372037" },
			check: func(t *testing.T, d time.Duration) { require.Equal(t, 5*time.Second, d) },
		},
	} {
		t.Run(name, func(t *testing.T) {
			each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, rec *sleeps) {
				srv.Handle(func(n int, w http.ResponseWriter, _ *http.Request) {
					if n == 1 {
						hostile.Respond(w, http.StatusTooManyRequests, "application/json", v.errBody, map[string]string{"Retry-After": tc.value()})
						return
					}
					hostile.JSON(w, http.StatusOK, c.okBody)
				})
				ok, err := c.do(context.Background())
				require.NoError(t, err)
				require.True(t, ok)
				waits := rec.all()
				require.Len(t, waits, 1)
				tc.check(t, waits[0])
			})
		})
	}
}

// Retry decides by what the operation does: RestartOrFlushInstances (a PUT
// that restarts instances) is not sent again after a 504 or a reset.
func TestRetrySafetyPerOperation(t *testing.T) {
	for name, answer := range map[string]func(w http.ResponseWriter){
		"504": func(w http.ResponseWriter) {
			hostile.JSON(w, http.StatusGatewayTimeout, `{"error_code":"DCS.5000","error_msg":"timeout"}`)
		},
		"reset": hostile.Reset,
	} {
		t.Run(name, func(t *testing.T) {
			srv := hostile.New(t, func(_ int, w http.ResponseWriter, _ *http.Request) { answer(w) })
			srv.Verify(hwVerifier.Verify)
			p, _ := policy()
			c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: srv.URL, Credentials: hwCreds, Retry: p})
			require.NoError(t, err)
			_, err = c.RestartOrFlushInstances(context.Background(), dcsv2.RestartOrFlushInstancesJSONRequestBody{})
			require.Error(t, err)
			require.Equal(t, 1, srv.Count(), "a restart is never sent twice")
			requireClean(t, err, srv.Requests())
		})
	}
}

// A 200 whose body is not JSON (HTML, text, whatever its Content-Type) is a
// typed error, never a nil error with a nil result; a JSON body without a

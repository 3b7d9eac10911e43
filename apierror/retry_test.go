package apierror

import (
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRetryAfterForms(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	date := func(d time.Duration) string { return now.Add(d).Format(http.TimeFormat) }
	for _, c := range []struct {
		header http.Header
		want   time.Duration
		ok     bool
	}{
		{http.Header{}, 0, false},
		{http.Header{"Retry-After": {"0"}}, 0, true},
		{http.Header{"Retry-After": {" 120 "}}, 2 * time.Minute, true},
		{http.Header{"Retry-After": {"9223372036"}}, 9223372036 * time.Second, true},
		{http.Header{"Retry-After": {"9223372037"}}, math.MaxInt64, true}, // one more second overflows int64 nanoseconds
		{http.Header{"Retry-After": {"99999999999999999999999"}}, math.MaxInt64, true},
		{http.Header{"Retry-After": {"-1"}}, 0, false},
		{http.Header{"Retry-After": {"1.5"}}, 0, false},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{"Retry-After": {date(90 * time.Second)}}, 90 * time.Second, true},
		{http.Header{"Retry-After": {date(-time.Hour)}}, 0, true},
		// The server's Date is the reference when it sends one.
		{http.Header{"Retry-After": {date(time.Hour + 5*time.Second)}, "Date": {date(time.Hour)}}, 5 * time.Second, true},
		// RFC 850 and asctime forms (http.ParseTime).
		{http.Header{"Retry-After": {now.Add(time.Minute).Format(time.RFC850)}}, time.Minute, true},
	} {
		d, ok := retryAfter(c.header, now)
		require.Equal(t, c.ok, ok, "%v", c.header)
		require.Equal(t, c.want, d, "%v", c.header)
	}
}

func TestErrorBehaviour(t *testing.T) {
	for code, want := range map[int][2]bool{
		400: {false, false}, 404: {false, false}, 429: {true, true},
		500: {true, false}, 501: {false, false}, 502: {true, false}, 503: {true, false}, 504: {true, false},
	} {
		e := &Error{StatusCode: code}
		require.Equal(t, want[0], e.Retryable(), "%d", code)
		require.Equal(t, want[1], e.Throttled(), "%d", code)
	}
	_, ok := (&Error{StatusCode: 503}).RetryAfter()
	require.False(t, ok, "no header")
	d, ok := (&Error{StatusCode: 503, Header: http.Header{"Retry-After": {"3"}}}).RetryAfter()
	require.True(t, ok)
	require.Equal(t, 3*time.Second, d)
}

package apierror

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The methods below let package retry decide on an *Error through its
// behaviour interfaces (retry.RetryableError, retry.ThrottledError,
// retry.RetryAfterError) instead of knowing this type.

// Retryable reports whether the failure is transient: HTTP 429, 500, 502,
// 503 or 504. Whether the request is sent again also depends on the
// operation's retry safety (package retry).
func (e *Error) Retryable() bool {
	switch e.StatusCode {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// Throttled reports whether the server refused the request unseen because of
// a rate limit (HTTP 429).
func (e *Error) Throttled() bool { return e.StatusCode == http.StatusTooManyRequests }

// RetryAfter returns the delay the response's Retry-After header asks for
// (RFC 9110 §10.2.3), and false when there is none or it cannot be read.
// delay-seconds too large for a time.Duration (e.g. "9223372037") saturate
// at the largest Duration instead of overflowing; retry caps it at
// Policy.MaxDelay. An HTTP-date is measured from the response's Date header
// when it has one (the server's own clock, so client clock skew does not
// matter), else from now; a date in the past is a delay of 0.
func (e *Error) RetryAfter() (time.Duration, bool) {
	if e.Header == nil {
		return 0, false
	}
	return retryAfter(e.Header, time.Now())
}

func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil && !isRange(err) {
			return 0, false
		}
		if err != nil || s > uint64(math.MaxInt64/int64(time.Second)) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(s) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if date, derr := http.ParseTime(h.Get("Date")); derr == nil {
		now = date
	}
	return max(at.Sub(now), 0), true
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

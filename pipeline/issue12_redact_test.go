package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/hostile"
)

// Issue 12.3: a refused connection, a reset, a timeout or a cancelled
// context fails with a *url.Error whose text used to carry the whole signed
// query. The send step redacts it; errors.Is/As still work.
func TestIssue12TransportErrorsAreRedacted(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	refused := "http://" + l.Addr().String()
	l.Close()

	hang := hostile.New(t, nil)
	hang.Handle(func(_ int, _ http.ResponseWriter, r *http.Request) { hang.Hang(r, nil) })
	reset := hostile.New(t, func(_ int, w http.ResponseWriter, _ *http.Request) { hostile.Reset(w) })

	type check func(t *testing.T, err error)
	isOpError := func(t *testing.T, err error) {
		var op *net.OpError
		require.True(t, errors.As(err, &op), "a *net.OpError inside: %#v", err)
	}
	is := func(target error) check {
		return func(t *testing.T, err error) { require.ErrorIs(t, err, target) }
	}
	timeout := func(t *testing.T, err error) {
		var ne net.Error
		require.True(t, errors.As(err, &ne) && ne.Timeout(), "a net.Error that is a Timeout: %v", err)
	}
	cases := []struct {
		name  string
		base  string
		send  doer.Doer
		ctx   func() (context.Context, context.CancelFunc)
		check check
	}{
		{name: "refused", base: refused, check: isOpError},
		{name: "reset", base: reset.URL, check: isOpError},
		{name: "deadline", base: hang.URL, ctx: func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, check: is(context.DeadlineExceeded)},
		{name: "cancelled", base: hang.URL, ctx: func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(20*time.Millisecond, cancel)
			return ctx, cancel
		}, check: is(context.Canceled)},
		{name: "response header timeout", base: hang.URL, send: &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 50 * time.Millisecond}}, check: timeout},
		{name: "client timeout", base: hang.URL, send: &http.Client{Timeout: 50 * time.Millisecond}, check: timeout},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if c.ctx != nil {
				ctx, cancel = c.ctx()
			}
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/redis?Action=DescribeRegins", nil)
			require.NoError(t, err)
			resp, err := chain(c.send).Do(req)
			require.Nil(t, resp)
			require.Error(t, err)
			c.check(t, err)
			var ue *url.Error
			require.True(t, errors.As(err, &ue), "still a *url.Error: %#v", err)
			require.Contains(t, ue.URL, "Action=DescribeRegins", "the URL still says which call failed")
			require.Contains(t, ue.URL, "Signature=REDACTED")
			requireNoMarker(t, err)
			requireNoMarker(t, ue)
		})
	}
}

// requireNoMarker checks every way an error is commonly printed.
func requireNoMarker(t *testing.T, err error) {
	t.Helper()
	j, _ := json.Marshal(err)
	for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), string(j)} {
		require.NotContains(t, s, marker)
	}
}

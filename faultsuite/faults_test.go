package faultsuite

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/hostile"
)

// A burst of 5xx or 429 then a success: a read is retried until it
// succeeds, each attempt signed afresh; a create is retried only after 429
// (the server did not take it), never after a 5xx.
func TestBurstThenSuccess(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504, 429} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
				srv.Handle(func(n int, w http.ResponseWriter, _ *http.Request) {
					if n <= 2 {
						hostile.JSON(w, status, v.errBody)
						return
					}
					hostile.JSON(w, http.StatusOK, c.okBody)
				})
				ok, err := c.do(context.Background())
				reqs := srv.Requests()
				requireSigned(t, reqs)
				requireClean(t, err, reqs)
				if c.read || status == http.StatusTooManyRequests {
					require.NoError(t, err)
					require.True(t, ok, "a success has a typed result")
					require.Len(t, reqs, 3, "two failures, then the success")
					requireFreshNonces(t, v, reqs)
					return
				}
				var ae *apierror.Error
				require.ErrorAs(t, err, &ae)
				require.Equal(t, status, ae.StatusCode)
				require.Len(t, reqs, 1, "a create is not sent again after a %d", status)
			})
		})
	}
}

func requireFreshNonces(t *testing.T, v vendor, reqs []hostile.Request) {
	t.Helper()
	if v.nonce == nil {
		return
	}
	seen := map[string]bool{}
	for _, r := range reqs {
		n := v.nonce(r)
		require.NotEmpty(t, n)
		require.False(t, seen[n], "every attempt is signed afresh (nonce %q reused)", n)
		seen[n] = true
	}
}

// A connection reset: a read is retried; a create that reached the server
// is not, and its error keeps the network error while its text carries no
// signature or key.
func TestResets(t *testing.T) {
	each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
		srv.Handle(func(n int, w http.ResponseWriter, _ *http.Request) {
			if n <= 2 {
				hostile.Reset(w)
				return
			}
			hostile.JSON(w, http.StatusOK, c.okBody)
		})
		ok, err := c.do(context.Background())
		reqs := srv.Requests()
		requireSigned(t, reqs)
		requireClean(t, err, reqs)
		if c.read {
			require.NoError(t, err)
			require.True(t, ok)
			require.Len(t, reqs, 3)
			requireFreshNonces(t, v, reqs)
			return
		}
		require.Error(t, err)
		require.Len(t, reqs, 1, "a create that reached the server is not sent again")
		var ue *url.Error
		require.ErrorAs(t, err, &ue)
		var op *net.OpError
		require.ErrorAs(t, err, &op)
	})
}

// Retry-After in seconds is honoured (up to MaxDelay); a value that is not
// a number of seconds falls back to the backoff.
func TestRetryAfter(t *testing.T) {
	for value, want := range map[string]func(t *testing.T, d time.Duration){
		"2":    func(t *testing.T, d time.Duration) { require.Equal(t, 2*time.Second, d) },
		"0":    func(t *testing.T, d time.Duration) { require.Zero(t, d) },
		"soon": func(t *testing.T, d time.Duration) { require.True(t, d > 0 && d <= 5*time.Second, "%v", d) },
		"-1":   func(t *testing.T, d time.Duration) { require.True(t, d > 0 && d <= 5*time.Second, "%v", d) },
	} {
		t.Run(value, func(t *testing.T) {
			each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, rec *sleeps) {
				srv.Handle(func(n int, w http.ResponseWriter, _ *http.Request) {
					if n == 1 {
						hostile.Respond(w, http.StatusTooManyRequests, "application/json", v.errBody, map[string]string{"Retry-After": value})
						return
					}
					hostile.JSON(w, http.StatusOK, c.okBody)
				})
				ok, err := c.do(context.Background())
				require.NoError(t, err)
				require.True(t, ok)
				require.Equal(t, 2, srv.Count())
				waits := rec.all()
				require.Len(t, waits, 1)
				want(t, waits[0])
			})
		})
	}
}

// Bodies that are not what was announced: the call fails, never a nil error
// without a result, and the error prints no secret.
func TestBrokenBodies(t *testing.T) {
	cases := map[string]func(w http.ResponseWriter){
		"truncated": func(w http.ResponseWriter) { hostile.Truncate(w, `{"Code":"Succ`, 4096) },
		"502 html": func(w http.ResponseWriter) {
			hostile.Respond(w, http.StatusBadGateway, "text/html", "<html><body>Bad Gateway</body></html>", nil)
		},
		"500 empty": func(w http.ResponseWriter) { hostile.Respond(w, http.StatusInternalServerError, "", "", nil) },
	}
	for name, answer := range cases {
		t.Run(name, func(t *testing.T) {
			each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
				srv.Handle(func(_ int, w http.ResponseWriter, _ *http.Request) { answer(w) })
				ok, err := c.do(context.Background())
				reqs := srv.Requests()
				require.Error(t, err)
				require.False(t, ok)
				requireSigned(t, reqs)
				requireClean(t, err, reqs)
				require.NotEmpty(t, reqs)
				if !c.read {
					require.Len(t, reqs, 1, "a create is sent once")
				}
				if name != "truncated" {
					var ae *apierror.Error
					require.ErrorAs(t, err, &ae)
				}
			})
		})
	}
}

// A body that drips slower than the caller's deadline, and headers that
// never come: the call ends with the context's error, once.
func TestSlowAndHanging(t *testing.T) {
	for name, slow := range map[string]func(srv *hostile.Server, c call) hostile.Handler{
		"drip": func(srv *hostile.Server, c call) hostile.Handler {
			return func(_ int, w http.ResponseWriter, r *http.Request) { srv.Drip(w, r, c.okBody, 10*time.Millisecond) }
		},
		"no headers": func(srv *hostile.Server, _ call) hostile.Handler {
			return func(_ int, _ http.ResponseWriter, r *http.Request) { srv.Hang(r, nil) }
		},
	} {
		t.Run(name, func(t *testing.T) {
			each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
				srv.Handle(slow(srv, c))
				ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
				defer cancel()
				ok, err := c.do(ctx)
				require.False(t, ok)
				require.ErrorIs(t, err, context.DeadlineExceeded)
				reqs := srv.Requests()
				require.Len(t, reqs, 1, "a deadline is not retried")
				requireSigned(t, reqs)
				requireClean(t, err, reqs)
			})
		})
	}
}

// A call cancelled while the server holds it ends with context.Canceled,
// once, and prints no secret.
func TestCancellation(t *testing.T) {
	each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
		started := make(chan struct{}, 1)
		srv.Handle(func(_ int, _ http.ResponseWriter, r *http.Request) { srv.Hang(r, started) })
		ctx, cancel := context.WithCancel(context.Background())
		go func() { <-started; cancel() }()
		ok, err := c.do(ctx)
		require.False(t, ok)
		require.ErrorIs(t, err, context.Canceled)
		require.False(t, errors.Is(err, context.DeadlineExceeded))
		reqs := srv.Requests()
		require.Len(t, reqs, 1)
		requireSigned(t, reqs)
		requireClean(t, err, reqs)
	})
}

// A caller's *http.Client whose own Timeout fires: the *url.Error net/http
// returns names the URL, which is printed redacted.
func TestCallerClientTimeout(t *testing.T) {
	client := func() doer.Doer { return &http.Client{Timeout: 50 * time.Millisecond} }
	each(t, client, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
		srv.Handle(func(_ int, _ http.ResponseWriter, r *http.Request) { srv.Hang(r, nil) })
		ok, err := c.do(context.Background())
		require.False(t, ok)
		var ne net.Error
		require.True(t, errors.As(err, &ne) && ne.Timeout(), "a timeout: %v", err)
		var ue *url.Error
		require.ErrorAs(t, err, &ue)
		reqs := srv.Requests()
		require.NotEmpty(t, reqs)
		requireSigned(t, reqs)
		requireClean(t, err, reqs)
		requireClean(t, ue, reqs)
	})
}

// A refused connection: nothing reached a server, so every call (a create
// too) is tried MaxAttempts times; the error is the dial's *net.OpError
// inside a *url.Error whose text carries no signature or key.
func TestRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	base := "http://" + l.Addr().String()
	require.NoError(t, l.Close())
	for _, v := range vendors {
		p, rec := policy()
		for _, c := range v.build(t, base, options{retry: p}) {
			t.Run(v.name+"/"+c.name, func(t *testing.T) {
				before := len(rec.all())
				ok, err := c.do(context.Background())
				require.False(t, ok)
				var op *net.OpError
				require.ErrorAs(t, err, &op)
				require.Equal(t, "dial", op.Op)
				var ue *url.Error
				require.ErrorAs(t, err, &ue)
				require.Len(t, rec.all()[before:], 2, "three attempts: two waits")
				requireClean(t, err, nil)
				requireClean(t, ue, nil)
			})
		}
	}
}

package pipeline

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// Issue 15: with the default transport, 200 goroutines sharing a client reuse
// their connections at steady state (< 0.01 new connections per request).
// Counted, not timed.
func TestDefaultTransportReusesConnectionsUnder200Callers(t *testing.T) {
	const callers, rounds = 200, 6
	var conns, inflight atomic.Int64
	var warming atomic.Bool
	allIn := make(chan struct{})
	warming.Store(true)
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if warming.Load() {
			// the warm-up holds every answer until all callers are in,
			// so it opens one connection per caller whatever the load
			if inflight.Add(1) == callers {
				close(allIn)
			}
			<-allIn
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	ts.Start()
	defer ts.Close()
	c := &http.Client{Transport: defaultTransport(), CheckRedirect: NoRedirects}
	defer c.CloseIdleConnections()

	round := func() {
		var wg sync.WaitGroup
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := c.Get(ts.URL)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
		}
		wg.Wait()
	}
	round() // warm-up: one connection per caller
	warming.Store(false)
	warm := conns.Load()
	for range rounds - 1 {
		round()
	}
	requests := float64(callers * (rounds - 1))
	perRequest := float64(conns.Load()-warm) / requests
	require.Less(t, perRequest, 0.01, "new connections per request at steady state (%d opened after warm-up)", conns.Load()-warm)
}

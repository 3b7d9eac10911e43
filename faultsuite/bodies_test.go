// Bodies: a 200 without a usable JSON body, and huge bodies (issue 12 items
// 6 and 7; internal/httpbody, apierror, client-with-responses.tmpl).

package faultsuite

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/hostile"
)

// Content-Type is recognised.
func Test200WithoutJSON(t *testing.T) {
	for name, tc := range map[string]struct {
		answer  func(w http.ResponseWriter, c call)
		success bool
	}{
		"html":       {answer: func(w http.ResponseWriter, _ call) { hostile.Respond(w, 200, "text/html", "<html>ok</html>", nil) }},
		"text OK":    {answer: func(w http.ResponseWriter, _ call) { hostile.Respond(w, 200, "text/plain", "OK", nil) }},
		"no type":    {answer: func(w http.ResponseWriter, c call) { hostile.Respond(w, 200, "", c.okBody, nil) }, success: true},
		"upper case": {answer: func(w http.ResponseWriter, c call) { hostile.Respond(w, 200, "Application/JSON", c.okBody, nil) }, success: true},
	} {
		t.Run(name, func(t *testing.T) {
			each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
				srv.Handle(func(_ int, w http.ResponseWriter, _ *http.Request) { tc.answer(w, c) })
				ok, err := c.do(context.Background())
				if tc.success {
					require.NoError(t, err)
					require.True(t, ok)
					return
				}
				require.Error(t, err)
				require.False(t, ok)
				requireClean(t, err, srv.Requests())
			})
		})
	}
}

// Huge bodies: an endless body and 16 concurrent responses announcing
// 64 MiB but sending one byte end in an error with the heap bounded (the
// body limit is tens of MiB; preallocation never trusts Content-Length).
func TestHugeBodies(t *testing.T) {
	const bound = 256 << 20
	each(t, nil, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
		if !c.read {
			return
		}
		srv.Handle(func(_ int, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			chunk := strings.Repeat(" ", 1<<20)
			_, _ = io.WriteString(w, `{"pad":"`)
			for i := 0; i < 2048; i++ { // up to 2 GiB, until the client gives up
				if _, err := io.WriteString(w, chunk); err != nil || r.Context().Err() != nil {
					return
				}
			}
		})
		before := totalAlloc()
		_, err := c.do(context.Background())
		require.Error(t, err)
		require.Less(t, totalAlloc()-before, uint64(bound), "an endless body is cut at the limit")
		requireClean(t, err, srv.Requests())

		srv.Handle(func(_ int, w http.ResponseWriter, _ *http.Request) { hostile.Truncate(w, "{", 64<<20) })
		before = totalAlloc()
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.do(context.Background())
				require.Error(t, err)
			}()
		}
		wg.Wait()
		require.Less(t, totalAlloc()-before, uint64(bound), "Content-Length is not trusted for preallocation")
	})
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

package huaweicloud_test

// Issue 12 items 6 (memory) and 7 (success without a result), through the
// real DCS V2 client against 127.0.0.1.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
)

// Item 7: a 200 whose body is JSON decodes whatever the Content-Type says;
// a 200 whose documented body is missing or not JSON is a typed error, never
// err == nil with JSON200 == nil.
func TestIssue12SuccessNeedsAResult(t *testing.T) {
	const instance = `{"instance_id":"i-1","name":"dcs","port":6379}`
	for _, ct := range []string{"", "text/html", "Application/JSON", "APPLICATION/JSON; CHARSET=UTF-8", "text/plain"} {
		out, err := dcsv2Client(t, answerBody(t, 200, ct, instance)).ShowInstance(context.Background(), "i-1")
		require.NoError(t, err, "Content-Type %q", ct)
		require.NotNil(t, out.JSON200, "Content-Type %q", ct)
		require.Equal(t, int32(6379), *out.JSON200.Port)
	}
	for _, tc := range []struct {
		ct, body string
		kind     error
	}{
		{"", "", payload.ErrNoBody},
		{"application/json", "", payload.ErrNoBody},
		{"text/plain", "OK", payload.ErrNotJSON},
		{"", "OK", payload.ErrNotJSON},
		{"text/html", "<html><body>maintenance</body></html>", payload.ErrNotJSON},
		{"application/json", "<html><body>maintenance</body></html>", payload.ErrSyntax},
		{"application/json", `{"instance_id":"i-1"`, payload.ErrSyntax},
	} {
		out, err := dcsv2Client(t, answerBody(t, 200, tc.ct, tc.body)).ShowInstance(context.Background(), "i-1")
		var de *payload.DecodeError
		require.ErrorAs(t, err, &de, tc)
		require.ErrorIs(t, err, tc.kind, tc)
		require.Equal(t, "ShowInstance", de.Operation)
		require.NotNil(t, out, "the response comes back: %v", tc)
		require.Nil(t, out.JSON200, tc)
		require.Equal(t, tc.body, string(out.Body))
		require.NotContains(t, err.Error(), "maintenance")
		if tc.ct == "" {
			require.Empty(t, de.ContentType, "the server sent none")
		}
	}
	// An operation documented without a body (204) still succeeds without one.
	c := dcsv2Client(t, answerBody(t, 204, "", ""))
	out, err := c.DeleteSingleInstance(context.Background(), "i-1")
	require.NoError(t, err)
	require.Equal(t, 204, out.StatusCode())
}

// allocatedDuring returns the bytes allocated (all goroutines) while f ran.
func allocatedDuring(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// concurrently runs call 16 times at once and checks each fails with a
// *payload.TooLargeError inside an *apierror.Error.
func concurrently(t *testing.T, call func() error) {
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = call() }()
	}
	wg.Wait()
	for _, err := range errs {
		var tl *payload.TooLargeError
		require.ErrorAs(t, err, &tl)
		var ae *apierror.Error
		require.ErrorAs(t, err, &ae, "a typed failure of the call")
		require.Equal(t, "huaweicloud", ae.Vendor)
	}
}

// show returns a ShowInstance call through a client with the given limit,
// without retries.
func show(t *testing.T, endpoint string, limit int64) func() error {
	c := dcsv2Client(t, endpoint, func(cfg *huaweicloud.Config) {
		cfg.MaxResponseBytes = limit
		cfg.Retry = &retry.Policy{MaxAttempts: 1}
	})
	return func() error {
		_, err := c.ShowInstance(context.Background(), "i-1")
		return err
	}
}

// Item 6: Content-Length: 67108864 with one byte sent drove 16 concurrent
// calls to 64 MiB of preallocation each (1 GiB). The announced length over
// the limit (default 32 MiB) is refused before reading.
func TestIssue12AnnouncedHugeBodyAllocatesNothing(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(64<<20))
		_, _ = w.Write([]byte("{"))
	}))
	defer ts.Close()
	c := show(t, ts.URL, 0)
	n := allocatedDuring(func() { concurrently(t, c) })
	t.Logf("allocated %d KiB", n>>10)
	require.Less(t, n, uint64(100<<20), "allocated %d MiB", n>>20)
}

// Item 6: announcing 16 MiB (under the limit) and sending one byte: the
// announced length is trusted for 1 MiB of buffer at most.
func TestIssue12AnnouncedLengthIsNotPreallocated(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(16<<20))
		_, _ = w.Write([]byte("{"))
	}))
	defer ts.Close()
	c := dcsv2Client(t, ts.URL, func(cfg *huaweicloud.Config) { cfg.Retry = &retry.Policy{MaxAttempts: 1} })
	n := allocatedDuring(func() {
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.ShowInstance(context.Background(), "i-1")
				if err == nil {
					t.Error("a truncated body must fail the call")
				}
			}()
		}
		wg.Wait()
	})
	t.Logf("allocated %d KiB", n>>10)
	require.Less(t, n, uint64(100<<20), "allocated %d MiB", n>>20)
}

// stream serves an endless (2 GiB) body without a Content-Length.
func stream(t *testing.T) string {
	chunk := make([]byte, 32<<10)
	for i := range chunk {
		chunk[i] = ' '
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("["))
		for sent := 0; sent < 2<<30; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up at its limit
			}
		}
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// Item 6: a 2 GiB body is read up to the limit and no further: with the
// default limit (32 MiB) one call allocates well under 100 MiB.
func TestIssue12EndlessBodyStopsAtTheDefaultLimit(t *testing.T) {
	c := show(t, stream(t), 0)
	var err error
	n := allocatedDuring(func() { err = c() })
	var tl *payload.TooLargeError
	require.ErrorAs(t, err, &tl)
	require.Equal(t, payload.DefaultMaxBytes, tl.Limit)
	require.Contains(t, err.Error(), "32 MiB")
	t.Logf("allocated %d KiB", n>>10)
	require.Less(t, n, uint64(100<<20), "allocated %d MiB", n>>20)
}

// Item 6: 16 concurrent 2 GiB bodies with Config.MaxResponseBytes = 1 MiB:
// memory is bounded by the configured limit.
func TestIssue12ConcurrentEndlessBodiesAreBounded(t *testing.T) {
	c := show(t, stream(t), 1<<20)
	n := allocatedDuring(func() { concurrently(t, c) })
	t.Logf("allocated %d KiB", n>>10)
	require.Less(t, n, uint64(100<<20), "allocated %d MiB", n>>20)
}

func TestIssue12NegativeLimitIsAConstructionError(t *testing.T) {
	_, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: "https://127.0.0.1", Credentials: huaweicloud.Credentials{AccessKey: "a", SecretKey: secret.New("s"), ProjectID: "p"}, MaxResponseBytes: -1})
	require.ErrorContains(t, err, "MaxResponseBytes")
}

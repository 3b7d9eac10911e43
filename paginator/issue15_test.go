package paginator_test

// Issue 15: decoded ids are views of their page's body. A walk that kept
// the ids it had seen (to notice a server ignoring the offset) kept every
// page's body alive until the walk ended: 13 MiB for a 10,000-item list.

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/paginator"
)

func TestIssue15WalkDoesNotKeepEarlierPagesAlive(t *testing.T) {
	const pages, size = 20, 10
	var freed atomic.Int32
	sp := paginator.Spec[[]row, row]{
		Operation: "ListThings", Limit: size,
		Fetch: func(_ context.Context, offset int) ([]row, error) {
			if offset >= pages*size {
				return nil, nil
			}
			// One buffer per page (its "body"); the ids are views of it,
			// as the decoder makes them.
			body := make([]byte, 0, 8*size)
			for i := range size {
				body = fmt.Appendf(body, "%08d", offset+i)
			}
			runtime.AddCleanup(&body[0], func(struct{}) { freed.Add(1) }, struct{}{})
			rows := make([]row, size)
			for i := range rows {
				rows[i].ID = unsafe.String(&body[8*i], 8)
			}
			return rows, nil
		},
		Items: func(p []row) []row { return p },
		Key:   func(r *row) (string, bool) { return r.ID, r.ID != "" },
	}
	n := 0
	for _, err := range paginator.Items(context.Background(), sp) {
		require.NoError(t, err)
		if n++; n == pages*size-1 {
			// On the last page: the earlier pages' bodies must be
			// collectable (cleanups run on their own goroutine: poll).
			for i := 0; i < 100 && freed.Load() < pages-2; i++ {
				runtime.GC()
				runtime.Gosched()
			}
			require.GreaterOrEqual(t, freed.Load(), int32(pages-2), "earlier pages are still reachable from the walk")
		}
	}
	require.Equal(t, pages*size, n)
}

// Found by the second review: Items yields pointers into the page, so a
// caller changing each item made a server's repeated page (items without
// ids) look new, and the walk never ended. The page is fingerprinted before
// the caller sees it.
func TestIssue15RepeatedKeylessPageIsFoundWhateverTheCallerChanges(t *testing.T) {
	calls := 0
	sp := paginator.Spec[[]row, row]{
		Operation: "ListThings",
		Fetch: func(context.Context, int) ([]row, error) {
			calls++
			return []row{{"", 1}, {"", 2}}, nil // a fresh copy of the same page each time
		},
		Items: func(p []row) []row { return p },
		Key:   func(r *row) (string, bool) { return r.ID, r.ID != "" },
	}
	var err error
	for it, e := range paginator.Items(context.Background(), sp) {
		if e != nil {
			err = e
			break
		}
		it.Used += 100 * calls // the caller's own use of the item
		if calls > 5 {
			break
		}
	}
	require.ErrorIs(t, err, paginator.ErrOffsetIgnored)
	require.Equal(t, 2, calls)
}

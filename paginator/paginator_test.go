package paginator_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/paginator"
)

type page struct {
	items []int
	total int
}

// server pages through n items; ignoreOffset answers the first page always.
type server struct {
	n, limit     int
	withTotal    bool
	ignoreOffset bool
	pageNumbers  bool // offset is a 1-based page number
	calls        []int
}

func (s *server) fetch(_ context.Context, offset int) (page, error) {
	s.calls = append(s.calls, offset)
	start := offset
	if s.pageNumbers {
		start = (offset - 1) * s.limit
	}
	if s.ignoreOffset {
		start = 0
	}
	var p page
	for i := start; i < s.n && i < start+s.limit; i++ {
		p.items = append(p.items, i)
	}
	if s.withTotal {
		p.total = s.n
	}
	return p, nil
}

func spec(s *server, limit int) paginator.Spec[page, int] {
	sp := paginator.Spec[page, int]{
		Operation: "ListThings",
		Limit:     limit,
		Fetch:     s.fetch,
		Items:     func(p page) []int { return p.items },
	}
	if s.withTotal {
		sp.Total = func(p page) (int, bool) { return p.total, true }
	}
	if s.pageNumbers {
		sp.Mode, sp.Base = paginator.PageNumber, 1
	}
	return sp
}

func collect(t *testing.T, sp paginator.Spec[page, int]) ([]int, error) {
	t.Helper()
	var got []int
	for it, err := range paginator.Items(context.Background(), sp) {
		if err != nil {
			return got, err
		}
		got = append(got, *it)
	}
	return got, nil
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestWalks(t *testing.T) {
	for _, tc := range []struct {
		name      string
		s         server
		limit     int
		wantCalls []int
	}{
		{"total, exact pages", server{n: 20, limit: 10, withTotal: true}, 10, []int{0, 10}},
		{"total, short last page", server{n: 25, limit: 10, withTotal: true}, 10, []int{0, 10, 20}},
		{"no total, short last page", server{n: 25, limit: 10}, 10, []int{0, 10, 20}},
		{"no total, exact pages end on an empty page", server{n: 20, limit: 10}, 10, []int{0, 10, 20}},
		{"empty result", server{n: 0, limit: 10, withTotal: true}, 10, []int{0}},
		{"server default page size (limit unset)", server{n: 25, limit: 10}, 0, []int{0, 10, 20, 25}},
		{"page numbers", server{n: 25, limit: 10, withTotal: true, pageNumbers: true}, 10, []int{1, 2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.s
			got, err := collect(t, spec(&s, tc.limit))
			require.NoError(t, err)
			assert.Len(t, got, s.n)
			for i, v := range got {
				assert.Equal(t, i, v)
			}
			assert.Equal(t, tc.wantCalls, s.calls)
		})
	}
}

func TestServerIgnoringOffsetIsAnError(t *testing.T) {
	s := server{n: 100, limit: 10, ignoreOffset: true} // no total: would loop forever
	got, err := collect(t, spec(&s, 10))
	require.ErrorIs(t, err, paginator.ErrOffsetIgnored)
	var pe *paginator.Error
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "ListThings", pe.Operation)
	assert.Equal(t, 2, pe.Page)
	assert.Equal(t, seq(10), got, "the first page is still delivered")
	assert.Len(t, s.calls, 2)
}

func TestEarlyBreakSendsNoFurtherRequest(t *testing.T) {
	s := server{n: 100, limit: 10, withTotal: true}
	n := 0
	for _, err := range paginator.Items(context.Background(), spec(&s, 10)) {
		require.NoError(t, err)
		if n++; n == 15 {
			break
		}
	}
	assert.Equal(t, []int{0, 10}, s.calls)
}

func TestStartMidList(t *testing.T) {
	s := server{n: 25, limit: 10, withTotal: true}
	sp := spec(&s, 10)
	sp.Start = 10
	got, err := collect(t, sp)
	require.NoError(t, err)
	assert.Equal(t, seq(25)[10:], got)
	assert.Equal(t, []int{10, 20}, s.calls)
}

func TestFetchErrorAndContext(t *testing.T) {
	boom := errors.New("boom")
	sp := paginator.Spec[page, int]{Operation: "ListThings", Limit: 10,
		Fetch: func(context.Context, int) (page, error) { return page{}, boom },
		Items: func(p page) []int { return p.items }}
	_, err := collect(t, sp)
	require.ErrorIs(t, err, boom)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := server{n: 25, limit: 10}
	for _, err := range paginator.Pages(ctx, spec(&s, 10)) {
		require.ErrorIs(t, err, context.Canceled)
	}
	assert.Empty(t, s.calls, "a cancelled context sends nothing")
}

type row struct {
	ID   string
	Used int // changes between answers: the pages are never identical
}

// Found by a review: a server that ignores the offset but changes a field
// on every answer, or that alternates two pages, was walked forever. With
// a key, an item seen twice stops the walk.
func TestRepeatedItemsStopTheWalk(t *testing.T) {
	for name, pageAt := range map[string]func(call int) []row{
		"same ids, changing field": func(call int) []row { return []row{{"a", call}, {"b", call}} },
		"pages A, B, A":            func(call int) []row { return [][]row{{{"a", 0}, {"b", 0}}, {{"c", 0}, {"d", 0}}}[call%2] },
	} {
		t.Run(name, func(t *testing.T) {
			calls := 0
			sp := paginator.Spec[[]row, row]{
				Operation: "ListThings", Limit: 2,
				Fetch: func(context.Context, int) ([]row, error) { calls++; return pageAt(calls - 1), nil },
				Items: func(p []row) []row { return p },
				Total: func([]row) (int, bool) { return 1_000_000, true },
				Key:   func(r *row) (string, bool) { return r.ID, r.ID != "" },
			}
			var err error
			n := 0
			for _, e := range paginator.Items(context.Background(), sp) {
				if e != nil {
					err = e
					break
				}
				n++
			}
			require.ErrorIs(t, err, paginator.ErrOffsetIgnored)
			assert.LessOrEqual(t, calls, 3)
		})
	}
}

// Found by a second review: with a Key declared but items that carry no id,
// a server repeating the same page was walked forever.
func TestKeylessItemsFallBackToPageComparison(t *testing.T) {
	calls := 0
	sp := paginator.Spec[[]row, row]{
		Operation: "ListThings",
		Fetch:     func(context.Context, int) ([]row, error) { calls++; return []row{{"", 1}, {"", 2}}, nil },
		Items:     func(p []row) []row { return p },
		Key:       func(r *row) (string, bool) { return r.ID, r.ID != "" },
	}
	var err error
	for _, e := range paginator.Items(context.Background(), sp) {
		if e != nil {
			err = e
			break
		}
	}
	require.ErrorIs(t, err, paginator.ErrOffsetIgnored)
	assert.Equal(t, 2, calls)
}

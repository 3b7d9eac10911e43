package scale

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBig runs every big-response call once at every size, results
// checked, and its peak-heap measurement; it asserts no timing.
func TestBig(t *testing.T) {
	ctx := context.Background()
	for _, n := range Sizes {
		srv := NewServer(lists, n)
		c := newClients(t, srv.URL)
		for _, list := range AllLists {
			for _, im := range bigImpls(c, list, n) {
				t.Run(fmt.Sprintf("%s/n%d/%s", list, n, im.name), func(t *testing.T) {
					peak, err := peakOf(ctx, im.run, 1)
					require.NoError(t, err)
					if n == Sizes[len(Sizes)-1] {
						// Decoding thousands of items takes megabytes: a zero
						// would mean the sampler saw nothing.
						require.Greater(t, peak, uint64(1<<20))
					}
				})
			}
		}
		srv.Close()
	}
}

// TestIter walks every list through the paginator and the hand loop once.
func TestIter(t *testing.T) {
	srv := NewServer(lists, IterItems)
	defer srv.Close()
	c := newClients(t, srv.URL)
	for _, list := range iterLists {
		for _, page := range IterPages {
			for _, im := range iterImpls(c, list, IterItems, page) {
				t.Run(fmt.Sprintf("%s/p%d/%s", list, page, im.name), func(t *testing.T) {
					require.NoError(t, im.run(context.Background()))
				})
			}
		}
	}
}

// withID is l with the id of item i of every list changed.
func (l *Lists) withID(i int) *Lists {
	w := *l
	w.items, w.ids = maps.Clone(l.items), maps.Clone(l.ids)
	for list, items := range l.items {
		items = append([][]byte(nil), items...)
		old := l.ids[list][i]
		items[i] = bytes.Replace(items[i], []byte(`"`+old+`"`), []byte(`"`+old+`x"`), 1)
		w.items[list] = items
	}
	return &w
}

// TestChecksCatchWrongAnswers: against a server that drops the last item,
// and one that changes the last item's id, every big-response call and
// every walk must report a mismatch.
func TestChecksCatchWrongAnswers(t *testing.T) {
	ctx := context.Background()
	const n = 1000
	servers := map[string]*Server{
		"one item short":  NewServer(lists, n-1),
		"last id changed": NewServer(lists.withID(n-1), n),
	}
	walkServers := map[string]*Server{
		"one item short":  NewServer(lists, IterItems-1),
		"last id changed": NewServer(lists.withID(IterItems-1), IterItems),
	}
	for what, srv := range servers {
		defer srv.Close()
		c := newClients(t, srv.URL)
		for _, list := range AllLists {
			for _, im := range bigImpls(c, list, n) {
				err := im.run(ctx)
				require.Error(t, err, "%s: %s/%s accepted it", what, list, im.name)
				require.Contains(t, err.Error(), "decoded", "%s: %s/%s", what, list, im.name)
			}
		}
	}
	for what, srv := range walkServers {
		defer srv.Close()
		c := newClients(t, srv.URL)
		for _, list := range iterLists {
			for _, im := range iterImpls(c, list, IterItems, IterPages[0]) {
				err := im.run(ctx)
				require.Error(t, err, "%s: %s/%s accepted it", what, list, im.name)
				require.Contains(t, err.Error(), "decoded", "%s: %s/%s", what, list, im.name)
			}
		}
	}
}

// TestSynthesizedBodies: each body lists the items asked for, in order,
// with the total, and every id is distinct.
func TestSynthesizedBodies(t *testing.T) {
	for _, list := range AllLists {
		seen := map[string]bool{}
		for i := range lists.Max {
			id := lists.ID(list, i)
			require.False(t, seen[id], "%s: id %s twice", list, id)
			seen[id] = true
		}
		body := lists.Body(list, 2, 5, 7)
		require.Equal(t, 3, bytes.Count(body, []byte(`"`+idKey[list]+`"`)), "%s", list)
		require.Contains(t, string(body), lists.ID(list, 4))
		if list != CDS {
			require.Contains(t, string(body), `"instance_num":7`)
		}
	}
}

package httpbody_test

// Issue 15 item 2: a big body of announced length is read into one buffer
// of its length after the first MiB, not by doubling (a 13 MiB list cost
// 31 MiB of buffers and a peak of 24 MiB).

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/httpbody"
)

func TestIssue15AnnouncedBodyGrowsOnce(t *testing.T) {
	const size = 5 << 20
	body := strings.Repeat("x", size)
	var got []byte
	n := allocated(func() {
		var err error
		got, err = httpbody.Read(limited(strings.NewReader(body), size, 32<<20))
		require.NoError(t, err)
	})
	require.Equal(t, size, len(got))
	require.Equal(t, body, string(got))
	// The first buffer (1 MiB) and one of the body's length; doubling
	// would have cost 1+2+4+8 = 15 MiB.
	require.Less(t, n, uint64(size+(1<<20)+(64<<10)))
}

// A server that announces more than it sends cannot make Read allocate more
// than the first MiB and the announced length, which the limit bounds.
func TestIssue15AnnouncedButUnsentCostsAtMostTheLimit(t *testing.T) {
	const limit = 16 << 20
	n := allocated(func() {
		_, err := httpbody.Read(limited(strings.NewReader(strings.Repeat("x", 1<<20)), limit, limit))
		require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	})
	require.Less(t, n, uint64(limit+(2<<20)+(64<<10)))
}

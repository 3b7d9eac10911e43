package serverurl

import (
	"fmt"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseOncePerServer(t *testing.T) {
	a, err := Parse("https://dcs.cn-north-4.myhuaweicloud.com")
	require.NoError(t, err)
	b, err := Parse("https://dcs.cn-north-4.myhuaweicloud.com")
	require.NoError(t, err)
	assert.Same(t, a, b, "parsed once")
	_, err = Parse("://bad")
	require.Error(t, err)

	// concurrent resolution never changes the shared URL
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u, err := a.Parse(fmt.Sprintf("/v2/p/instances/%d", i))
			assert.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("/v2/p/instances/%d", i), u.Path)
		}()
	}
	wg.Wait()
	assert.Equal(t, "", a.Path)
	assert.Equal(t, &url.URL{Scheme: "https", Host: "dcs.cn-north-4.myhuaweicloud.com"}, a)

	for i := range 2 * maxCached {
		_, err := Parse(fmt.Sprintf("https://h%d.example", i))
		require.NoError(t, err)
	}
	mu.RLock()
	defer mu.RUnlock()
	assert.LessOrEqual(t, len(cache), maxCached, "bounded")
}

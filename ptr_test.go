package cachesdk_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cachesdk/cachesdk"
)

func TestPtrAndDeref(t *testing.T) {
	p := cachesdk.Ptr[int32](100)
	assert.Equal(t, int32(100), *p)
	q := cachesdk.Ptr[int32](100)
	assert.NotSame(t, p, q, "each call returns its own copy")
	assert.Equal(t, "", cachesdk.Deref[string](nil))
	assert.Equal(t, "web", cachesdk.Deref(cachesdk.Ptr("web")))
}

func ExamplePtr() {
	limit := cachesdk.Ptr[int32](100) // an optional *int32 field
	name := cachesdk.Ptr("web")       // an optional *string field
	fmt.Println(*limit, *name, cachesdk.Deref[string](nil) == "")
	// Output: 100 web true
}

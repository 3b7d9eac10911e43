package method_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/signer/internal/method"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"get": "GET", "Post": "POST", "": "GET", "DELETE": "DELETE", "m-search": "M-SEARCH"} {
		req := &http.Request{Method: in}
		got, err := method.Normalize(req)
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Equal(t, want, req.Method, "normalized in place: sent as signed")
	}
	for _, bad := range []string{"GET ", "G\nET", "GÉT", "a/b", "(x)"} {
		_, err := method.Normalize(&http.Request{Method: bad})
		require.ErrorIs(t, err, method.ErrInvalid, bad)
	}
}

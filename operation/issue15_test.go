package operation_test

// Issue 15 item 4: the request builders style string and integer query
// parameters and string path parameters without reflection; the text must
// be runtime.StyleParamWithOptions' whatever the value and the encoder.

import (
	"net/url"
	"testing"

	"github.com/oapi-codegen/runtime"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/operation"
)

var values = []string{"", "cn-north-4", "a b", "a+b&c=d", "中国", "a/b?c#d", "100%", "~._-", "'\"<>", "\x00\x7f"}

func TestIssue15QueryParamIsRuntimeStyling(t *testing.T) {
	for _, enc := range []runtime.QueryEncoder{runtime.NetURLQueryEncoder{}, runtime.RFC3986QueryEncoder{}} {
		prev := runtime.DefaultQueryEncoder
		runtime.DefaultQueryEncoder = enc
		for _, name := range []string{"Region", "a b", "limit"} {
			for _, v := range values {
				want, err := runtime.StyleParamWithOptions("form", true, name, v, runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationQuery, Type: "string"})
				require.NoError(t, err)
				require.Equal(t, want, operation.QueryParam(name, v), "%T %q=%q", enc, name, v)
			}
			for _, v := range []int64{0, 7, -1, 1000, 1 << 40, -1 << 63} {
				want, err := runtime.StyleParamWithOptions("form", true, name, v, runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationQuery, Type: "integer"})
				require.NoError(t, err)
				require.Equal(t, want, operation.QueryInt(name, v))
				want32, err := runtime.StyleParamWithOptions("form", true, name, int32(v), runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationQuery, Type: "integer"})
				require.NoError(t, err)
				require.Equal(t, want32, operation.QueryInt(name, int64(int32(v))))
			}
		}
		runtime.DefaultQueryEncoder = prev
	}
}

func TestIssue15PathEscapeIsRuntimeSimpleStyling(t *testing.T) {
	for _, v := range values {
		want, err := runtime.StyleParamWithOptions("simple", false, "instance_id", v, runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationPath, Type: "string"})
		require.NoError(t, err)
		require.Equal(t, want, url.PathEscape(v), "%q", v)
	}
}

func TestIssue15QueryParamAllocatesOnce(t *testing.T) {
	n := testing.AllocsPerRun(100, func() { _ = operation.QueryParam("Region", "cn-north-4") })
	require.Equal(t, 1.0, n)
}

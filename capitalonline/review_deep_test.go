package capitalonline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/secret"
)

// A hostile server nesting arrays two million deep: a typed error, not a
// crashed process (segmentio's recursion overflowed the stack).
func TestDeeplyNestedBodyIsAnError(t *testing.T) {
	const n = 2_000_000
	body := `{"Code":"Success","Data":[` + strings.Repeat("[", n) + strings.Repeat("]", n) + `]}`
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer ts.Close()
	c, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: ts.URL, Credentials: capitalonline.Credentials{AccessKeyID: "AK", SecretKey: secret.New("SK")}})
	require.NoError(t, err)
	_, err = c.DescribeDBInstancesWithResponse(context.Background(), &redis.DescribeDBInstancesParams{})
	require.ErrorIs(t, err, payload.ErrTooDeep)
}

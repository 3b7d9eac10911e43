package huaweicloud_test

// Issue 12 item 5: a path parameter that is empty, "." or ".." would name
// another resource once the URL's dot segments are resolved; the generated
// clients (V2 and V1, the project id too) refuse it before sending anything.

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/retry"
)

func requirePathSegmentError(t *testing.T, err error, op, param, value string) {
	t.Helper()
	require.ErrorIs(t, err, operation.ErrPathSegment)
	var pe *operation.PathSegmentError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, operation.PathSegmentError{Operation: op, Param: param, Value: value}, *pe)
	require.ErrorContains(t, err, param)
	require.ErrorContains(t, err, op)
}

func TestIssue12DotAndEmptyPathSegmentsAreRefusedV2(t *testing.T) {
	srv := newAttempts(t, ok200)
	c := v2(t, srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep})
	ctx := context.Background()

	_, err := c.DeleteBackupFile(ctx, "my-instance", "..")
	requirePathSegmentError(t, err, "DeleteBackupFile", "backup_id", "..")
	_, err = c.DeleteBackupFile(ctx, ".", "b-1")
	requirePathSegmentError(t, err, "DeleteBackupFile", "instance_id", ".")
	for _, id := range []string{"", ".", ".."} {
		_, err = c.DeleteSingleInstance(ctx, id)
		requirePathSegmentError(t, err, "DeleteSingleInstance", "instance_id", id)
		_, err = c.ShowInstance(ctx, id)
		requirePathSegmentError(t, err, "ShowInstance", "instance_id", id)
	}
	require.Zero(t, srv.hits.Load(), "nothing is sent")
}

func TestIssue12DotAndEmptyPathSegmentsAreRefusedV1(t *testing.T) {
	srv := newAttempts(t, ok200)
	c, err := huaweicloud.NewDCSV1(config(srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}))
	require.NoError(t, err)
	ctx := context.Background()

	_, err = c.DeleteBackupFile(ctx, "my-instance", "..")
	requirePathSegmentError(t, err, "DeleteBackupFile", "backup_id", "..")
	for _, id := range []string{"", ".", ".."} {
		_, err = c.DeleteSingleInstance(ctx, id)
		requirePathSegmentError(t, err, "DeleteSingleInstance", "instance_id", id)
	}
	require.Zero(t, srv.hits.Load(), "nothing is sent")
}

// The project id is a path parameter like any other: ".." must not climb out
// of the project, in V2 or V1, whether it comes from Config.ProjectID or
// Credentials.ProjectID. (Should the constructors come to refuse it first,
// the error must name the field.)
func TestIssue12ProjectIDCannotEscapeTheProject(t *testing.T) {
	srv := newAttempts(t, ok200)
	for _, pid := range []string{"..", "."} {
		cfg := config(srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep})
		cfg.ProjectID = pid
		c2, err := huaweicloud.NewDCSV2(cfg)
		if err != nil {
			require.ErrorContains(t, err, "ProjectID")
		} else {
			_, err = c2.ListInstances(context.Background(), nil)
			requirePathSegmentError(t, err, "ListInstances", "project_id", pid)
		}
		c1, err := huaweicloud.NewDCSV1(cfg)
		if err != nil {
			require.ErrorContains(t, err, "ProjectID")
		} else {
			_, err = c1.ListInstances(context.Background(), &dcsv1.ListInstancesParams{})
			requirePathSegmentError(t, err, "ListInstances", "project_id", pid)
		}
	}
	require.Zero(t, srv.hits.Load(), "nothing is sent")
}

// A "/" inside an id stays inside its segment: it is percent-escaped, and
// the request line on the wire carries the escaped form.
func TestIssue12SlashInAnIDIsEscapedOnTheWire(t *testing.T) {
	var requestURI, path string
	srv := newAttempts(t, func(w http.ResponseWriter, r *http.Request) {
		requestURI, path = r.RequestURI, r.URL.Path
		w.WriteHeader(204)
	})
	_, err := v2(t, srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}).DeleteBackupFile(context.Background(), "a/b", "c/../d")
	require.NoError(t, err)
	require.Equal(t, "/v2/pid/instances/a%2Fb/backups/c%2F..%2Fd", requestURI)
	require.Equal(t, "/v2/pid/instances/a/b/backups/c/../d", path, "what net/http decodes it to on the server")
}

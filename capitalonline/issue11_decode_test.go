package capitalonline_test

// Issue 11 item 10, the same rule for CapitalOnline's envelope: a mistyped
// field in one list item loses nothing else.

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/payload"
)

func TestIssue11MistypedFieldInAnEnvelopeList(t *testing.T) {
	body := `{"Code":"Success","Message":"ok","TaskId":"","Data":[{"InstanceUuid":"a","Port":6379},{"InstanceUuid":"b","Port":"6380","Ram":"2048","Status":"RUNNING"}]}`
	c, err := capitalonlineRedis(t, body)
	require.NoError(t, err)
	out, err := c.DescribeDBInstancesWithResponse(context.Background(), nil)
	var de *payload.DecodeError
	require.ErrorAs(t, err, &de)
	require.Equal(t, "DescribeDBInstances", de.Operation)
	require.Equal(t, "Data[1].Port", de.Path)
	require.Equal(t, 1, de.More, "Data[1].Ram too")
	require.NotNil(t, out.JSON200)
	require.Equal(t, "Success", out.JSON200.Code)
	items := *out.JSON200.Data
	require.Equal(t, 6379, *items[0].Port)
	require.EqualValues(t, "RUNNING", *items[1].Status)
	require.Nil(t, items[1].Port)
	require.Nil(t, items[1].Ram)
	require.Equal(t, body, string(out.Body))
	require.NotContains(t, err.Error(), "6380")
}

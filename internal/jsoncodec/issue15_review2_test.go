package jsoncodec_test

// Second review of issue 15 (the decode-amplification bound). The bound
// counted only array elements, each array costed by the Go type of the
// innermost container on a path of object members from the top; two faults
// followed from that:
//   - an object decoded into a map or an interface cost nothing: 11 MiB of
//     `"abcde":[]` members in CapitalOnline's TaskOutput.Data
//     (map[string]any) took 350 MiB (24 times the body live), and the same
//     inside DescribeDBInstances' items (DBInstance.MasterInfo, any) too;
//   - an array inside a list's items was costed at the widest slice element
//     reachable from the item type, even where the item type has no field
//     for it (the decoder skips it): an honest 1.4 MB BatchShowNodesInformation
//     body with one vendor-added list of numbers was refused.
// survey now follows the Go type of every container.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/internal/jsoncodec"
	"github.com/cachesdk/cachesdk/payload"
)

// members writes n members `"<hex i>":val` separated by commas.
func members(b *bytes.Buffer, n int, val string) {
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, `"%x":%s`, i, val)
	}
}

func TestIssue15Review2MapAndInterfaceMembersAreCosted(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"Code":"Success","Data":{`)
	members(&b, 1<<20, `[]`)
	b.WriteString(`}}`)
	var task redis.TaskOutput
	require.ErrorIs(t, jsoncodec.Unmarshal(b.Bytes(), &task), payload.ErrTooManyElements, "TaskOutput.Data is a map[string]any")
	require.Nil(t, task.Data, "nothing decoded")

	var failed redis.ErrorOutput
	require.ErrorIs(t, jsoncodec.Unmarshal(b.Bytes(), &failed), payload.ErrTooManyElements, "ErrorOutput.Data is an interface")

	// The same members inside the items of a list (DBInstance.MasterInfo
	// is an interface): no path of object members leads there.
	b.Reset()
	b.WriteString(`{"Code":"Success","Data":[`)
	for e := range 1000 {
		if e > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"InstanceUuid":"x","MasterInfo":{`)
		members(&b, 1000, `[]`)
		b.WriteString(`}}`)
	}
	b.WriteString(`]}`)
	var list redis.DescribeDBInstancesOutput
	require.ErrorIs(t, jsoncodec.Unmarshal(b.Bytes(), &list), payload.ErrTooManyElements)
	require.Nil(t, list.Data)

	// An honest map decodes: 20,000 configuration parameters.
	b.Reset()
	b.WriteString(`{"Code":"Success","Data":{"Configs":{`)
	members(&b, 20000, `"volatile-lru"`)
	b.WriteString(`}}}`)
	var cfg redis.DescribeRedisConfigOutput
	require.NoError(t, jsoncodec.Unmarshal(b.Bytes(), &cfg))
	require.Len(t, *cfg.Data.Configs, 20000)
}

func TestIssue15Review2ArraysInItemsTheTypeLacksCostNothing(t *testing.T) {
	body := []byte(`{"instances":[{"instance_id":"a","new_metrics":[` + strings.Repeat("0,", 700000) +
		`0],"nodes":[{"node_id":"n1"}]}]}`)
	var ours, std dcsv2.BatchShowNodesInformationOutput
	require.NoError(t, json.Unmarshal(body, &std))
	require.NoError(t, jsoncodec.Unmarshal(body, &ours), "the decoder skips new_metrics")
	require.Equal(t, std, ours)

}

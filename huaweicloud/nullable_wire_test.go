package huaweicloud_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/nullable"
)

// Issue 15: the generated nullable fields are nullable.Nullable (a struct),
// tagged omitzero from the specs' x-omitzero (specs/README.md rule 10). On
// the wire an unspecified field is absent, a null one is null, and a value
// (even "") is sent: SetOnlineMigrationTask through the real client.
func TestNullableFieldsOnTheWire(t *testing.T) {
	c, s := newV2(t)
	s.reply(http.StatusOK, `{"id":"90754308-a156-406f-a837-8f852f38a646","name":"dcs-migration-1db7","status":"FULLMIGRATING","error":""}`)
	out, err := c.SetOnlineMigrationTask(context.Background(), "b21989ec-2889-4b8e-99db-19c073425ec2", dcsv2.SetOnlineMigrationTaskInput{
		MigrationMethod: dcsv2.MigrationMethodIncremental,
		ResumeMode:      dcsv2.ResumeModeAuto,
		SourceInstance: dcsv2.ConfigMigrationInstanceBody{
			Addrs:    nullable.NewNullableWithValue("192.168.1.1:6379"),
			Password: nullable.NewNullNullable[string](),
		},
		TargetInstance: dcsv2.ConfigMigrationInstanceBody{
			Id:    nullable.NewNullableWithValue("cf4a05df-1c38-47c5-bb5a-0a7b3673b3bd"),
			Addrs: nullable.NewNullableWithValue(""),
		},
	})
	require.NoError(t, err)
	require.NotNil(t, out.JSON200)

	body := s.sent(t)
	src := obj(t, body, "source_instance")
	assert.Equal(t, map[string]any{"addrs": "192.168.1.1:6379", "password": nil}, src)
	assert.Contains(t, src, "password", "a null field is sent as null")
	assert.NotContains(t, src, "id", "an unspecified field is absent")
	dst := obj(t, body, "target_instance")
	assert.Equal(t, map[string]any{"id": "cf4a05df-1c38-47c5-bb5a-0a7b3673b3bd", "addrs": ""}, dst)
	assert.NotContains(t, dst, "password", "an unspecified field is absent")

	s.mu.Lock()
	raw := string(s.body)
	s.mu.Unlock()
	assert.Contains(t, raw, `"source_instance":{"addrs":"192.168.1.1:6379","password":null}`)
	assert.Contains(t, raw, `"target_instance":{"addrs":"","id":"cf4a05df-1c38-47c5-bb5a-0a7b3673b3bd"}`)
}

package fake_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/fake"
	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
	"github.com/cachesdk/cachesdk/waiter"
)

// quick makes waits and retries take milliseconds.
var quick = &waiter.Config{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxWait: 5 * time.Second}

var fastRetry = &retry.Policy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}

func ptr[T any](v T) *T { return &v }

func v2Create(t *testing.T, c *dcsv2.ProjectClient, name string) string {
	t.Helper()
	out, err := c.CreateInstance(context.Background(), dcsv2.CreateInstanceJSONRequestBody{
		Name: name, Engine: "Redis", EngineVersion: ptr(dcsv2.EngineVersionV50), Capacity: 1, SpecCode: "redis.ha.xu1.large.r2.1",
		AzCodes: []string{"region01"}, VpcId: "5e37b3be-950a-48e1-b498-65b63d336481", SubnetId: "a4112635-3ec0-471c-95c3-5cf49b9533af",
	})
	require.NoError(t, err)
	require.NotNil(t, out.JSON200)
	require.Len(t, *out.JSON200.Instances, 1)
	return *(*out.JSON200.Instances)[0].InstanceId
}

func TestDCSV2Lifecycle(t *testing.T) {
	srv := fake.NewDCSV2(t, fake.WithPollsToRunning(3))
	cfg := srv.HuaweiConfig()
	cfg.Retry = fastRetry
	c, err := huaweicloud.NewDCSV2(cfg)
	require.NoError(t, err)
	ctx := context.Background()

	id := v2Create(t, c, "cache-1")
	show, err := c.ShowInstance(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, dcsv2.InstanceStatusCreating, *show.JSON200.Status)
	assert.Equal(t, "cache-1", *show.JSON200.Name)

	var seen []string
	cfgWait := *quick
	cfgWait.OnPoll = func(p waiter.Poll) { seen = append(seen, p.State) }
	got, err := c.WaitInstanceRunning(ctx, id, &cfgWait)
	require.NoError(t, err)
	assert.Equal(t, dcsv2.InstanceStatusRunning, *got.JSON200.Status)
	assert.Equal(t, []string{"CREATING", "CREATING", "RUNNING"}, seen, "three polls in all, the first one above included")

	for i := 2; i <= 25; i++ {
		v2Create(t, c, fmt.Sprintf("cache-%d", i))
	}
	n := 0
	for inst, err := range c.ListInstancesItems(ctx, &dcsv2.ListInstancesParams{Limit: ptr[int32](10)}) {
		require.NoError(t, err)
		n++
		assert.Equal(t, fmt.Sprintf("cache-%d", n), *inst.Name)
	}
	assert.Equal(t, 25, n)
	pages := 0
	for _, r := range srv.Requests() {
		if r.Operation == "ListInstances" {
			pages++
		}
	}
	assert.Equal(t, 3, pages, "10 + 10 + 5")

	_, err = c.DeleteSingleInstance(ctx, id)
	require.NoError(t, err)
	require.NoError(t, c.WaitInstanceDeleted(ctx, id, quick))
	_, err = c.ShowInstance(ctx, id)
	var apiErr *apierror.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "DCS.3022", apiErr.Code)
	info, ok := huaweicloud.ErrorInfo(err)
	require.True(t, ok)
	assert.NotEmpty(t, info.Description)
}

func TestFaultsAndScripts(t *testing.T) {
	srv := fake.NewDCSV2(t)
	cfg := srv.HuaweiConfig()
	cfg.Retry = fastRetry
	c, err := huaweicloud.NewDCSV2(cfg)
	require.NoError(t, err)
	ctx := context.Background()

	// a retried read: one 503, then the answer
	srv.FailNext(fake.Fault{Operation: "ListInstances", Status: http.StatusServiceUnavailable})
	_, err = c.ListInstances(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, srv.Requests(), 2)

	// a typed error with the injected code, when retries run out
	for range 3 {
		srv.FailNext(fake.Fault{Status: http.StatusInternalServerError, Code: "DCS.5000", Message: "boom"})
	}
	_, err = c.ListInstances(ctx, nil)
	var apiErr *apierror.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "DCS.5000", apiErr.Code)

	// a reset
	cfg.Retry = &retry.Policy{MaxAttempts: 1}
	c1, err := huaweicloud.NewDCSV2(cfg)
	require.NoError(t, err)
	// net/http resends an idempotent request once by itself when a reused
	// connection breaks, so two resets reach the caller
	srv.FailNext(fake.Fault{Reset: true})
	srv.FailNext(fake.Fault{Reset: true})
	_, err = c1.ListInstances(ctx, nil)
	require.Error(t, err)

	// a delay longer than the caller's deadline
	srv.FailNext(fake.Fault{Delay: time.Second})
	dl, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	_, err = c1.ListInstances(dl, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// a scripted answer that sees the request
	var sawName string
	srv.Handle("ShowInstance", func(r *fake.Request) *fake.Response {
		sawName = r.PathParams["instance_id"]
		return &fake.Response{Body: map[string]any{"instance_id": sawName, "status": "FROZEN"}}
	})
	out, err := c.ShowInstance(ctx, "scripted-id")
	require.NoError(t, err)
	assert.Equal(t, "scripted-id", sawName)
	assert.Equal(t, dcsv2.InstanceStatus("FROZEN"), *out.JSON200.Status)
}

func TestSignatureAndValidation(t *testing.T) {
	srv := fake.NewDCSV2(t)
	cfg := srv.HuaweiConfig()
	cfg.Retry = &retry.Policy{MaxAttempts: 1}
	cfg.Credentials.SecretKey = secret.New("not-the-fakes-secret")
	c, err := huaweicloud.NewDCSV2(cfg)
	require.NoError(t, err)
	_, err = c.ListInstances(context.Background(), nil)
	var apiErr *apierror.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode, "a wrong signature is refused")
	assert.Equal(t, fake.CodeSignatureInvalid, apiErr.Code, "in the vendor's error format")

	c, err = huaweicloud.NewDCSV2(srv.HuaweiConfig())
	require.NoError(t, err)
	_, err = c.ListInstances(context.Background(), &dcsv2.ListInstancesParams{Limit: ptr[int32](100000)})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode, "a request the spec forbids (limit > 1000) is refused")
	assert.Equal(t, fake.CodeRequestInvalid, apiErr.Code)
	assert.Contains(t, apiErr.Message, "limit", "the message says which rule")
}

func TestDCSV1StartPaging(t *testing.T) {
	srv := fake.NewDCSV1(t, fake.WithPollsToRunning(-1))
	c, err := huaweicloud.NewDCSV1(srv.HuaweiConfig())
	require.NoError(t, err)
	ctx := context.Background()
	for i := 1; i <= 7; i++ {
		out, err := c.CreateInstance(ctx, dcsv1.CreateInstanceJSONRequestBody{
			Name: fmt.Sprintf("v1-%d", i), Engine: "Redis", EngineVersion: "3.0", Capacity: 2, Password: ptr("Secret-123"),
			SpecCode: ptr("dcs.master_standby"), VpcId: "27d99e17-42f2-4751-818f-5c8c6c03ff15", SecurityGroupId: ptr("1477393a-29c9-4de5-843f-18ef51257c7e"),
			SubnetId: "ec2f34b9-20ab-4cff-8e59-2e6e0bb0a9b1", AvailableZones: []string{"ae04cf9d61544df3806a3feeb401b204"},
		})
		require.NoError(t, err)
		require.NotNil(t, out.JSON200)
	}
	var names []string
	for inst, err := range c.ListInstancesItems(ctx, &dcsv1.ListInstancesParams{Limit: ptr(3)}) {
		require.NoError(t, err)
		names = append(names, *inst.Name)
	}
	assert.Equal(t, []string{"v1-1", "v1-2", "v1-3", "v1-4", "v1-5", "v1-6", "v1-7"}, names)
}

func TestCapitalOnlineRedisLifecycle(t *testing.T) {
	srv := fake.NewRedis(t)
	c, err := capitalonline.NewRedis(srv.CapitalOnlineConfig())
	require.NoError(t, err)
	ctx := context.Background()
	out, err := c.CreateDBInstanceWithResponse(ctx, redis.CreateDBInstanceJSONRequestBody{
		RegionId: "CN_Beijing_A", VdcId: "vdc-1", BasePipeId: "pipe-1", InstanceName: "r1", PaasGoodsId: 12188, Password: "Secret-123",
	})
	require.NoError(t, err)
	id := (*out.JSON200.Data.InstancesUuid)[0]
	got, err := c.WaitDBInstanceRunning(ctx, id, quick)
	require.NoError(t, err)
	require.Len(t, *got.JSON200.Data, 1)
	assert.Equal(t, "r1", *(*got.JSON200.Data)[0].InstanceName)

	_, err = c.DeleteDBInstanceWithResponse(ctx, redis.DeleteDBInstanceJSONRequestBody{InstanceUuid: &id})
	require.NoError(t, err)
	require.NoError(t, c.WaitDBInstanceDeleted(ctx, id, quick))
	_, err = c.DeleteDBInstanceWithResponse(ctx, redis.DeleteDBInstanceJSONRequestBody{InstanceUuid: &id})
	var apiErr *apierror.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "ResourceNotFound", apiErr.Code)
}

func TestCapitalOnlineMemcachedLifecycle(t *testing.T) {
	srv := fake.NewMemcached(t)
	c, err := capitalonline.NewMemcached(srv.CapitalOnlineConfig())
	require.NoError(t, err)
	ctx := context.Background()
	out, err := c.CreateMemcachedInstanceWithResponse(ctx, memcached.CreateMemcachedInstanceJSONRequestBody{
		ConfSize: memcached.ConfSize("1G"), VdcId: "vdc-1", PipeId: "pipe-1", RegionId: "CN_Beijing_H", InstanceName: ptr("m1"),
	})
	require.NoError(t, err)
	id := (*out.JSON200.Data.InstanceIds)[0]
	got, err := c.WaitMemcachedInstanceRunning(ctx, id, quick)
	require.NoError(t, err)
	assert.Equal(t, memcached.InstanceStatusRunning, *got.JSON200.Data.Status)
	_, err = c.DeleteMemcachedInstanceWithResponse(ctx, memcached.DeleteMemcachedInstanceJSONRequestBody{InstanceId: id})
	require.NoError(t, err)
	require.NoError(t, c.WaitMemcachedInstanceDeleted(ctx, id, quick))
}

func TestURedisBackups(t *testing.T) {
	srv := fake.NewURedis(t)
	c, err := ucloud.NewURedis(srv.UCloudConfig())
	require.NoError(t, err)
	ctx := context.Background()
	for i := range 5 {
		srv.AddURedisBackup("uredis-1", fmt.Sprintf("b-%d", i), "Success")
	}
	srv.AddURedisBackup("uredis-2", "other", "Success")
	var ids []string
	for b, err := range c.DescribeURedisBackupItems(ctx, &uredis.DescribeURedisBackupParams{Region: fake.UCloudRegion, GroupId: "uredis-1", Limit: ptr(2)}) {
		require.NoError(t, err)
		ids = append(ids, *b.BackupId)
	}
	assert.Equal(t, []string{"b-0", "b-1", "b-2", "b-3", "b-4"}, ids)

	srv.AddURedisBackup("uredis-1", "b-new", "Backuping")
	srv.Handle("DescribeURedisBackup", func(*fake.Request) *fake.Response {
		srv.AddURedisBackup("uredis-1", "b-new", "Success") // done on the next poll
		return nil
	})
	_, err = c.WaitBackupSucceeded(ctx, "uredis-1", "b-new", quick)
	require.NoError(t, err)
	require.False(t, errors.Is(err, waiter.ErrTimeout))
}

// Found by a review: concurrent calls raced on the resources the fake
// encodes (run with -race).
func TestConcurrentLifecycles(t *testing.T) {
	srv := fake.NewDCSV2(t, fake.WithPollsToRunning(1))
	c, err := huaweicloud.NewDCSV2(srv.HuaweiConfig())
	require.NoError(t, err)
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := v2Create(t, c, fmt.Sprintf("cache-%d", i))
			_, err := c.WaitInstanceRunning(ctx, id, quick)
			assert.NoError(t, err)
			for _, err := range c.ListInstancesItems(ctx, nil) {
				assert.NoError(t, err)
			}
			_, err = c.DeleteSingleInstance(ctx, id)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
}

// Found by a review: a misspelt operation name left a script that never
// ran and a fault that never fired.
func TestMisspeltOperationIsReported(t *testing.T) {
	srv := fake.NewDCSV2(t)
	assert.PanicsWithValue(t, `fake: Handle: the API has no operation "ShowInstances"`, func() {
		srv.Handle("ShowInstances", func(*fake.Request) *fake.Response { return nil })
	})
	assert.PanicsWithValue(t, `fake: FailNext: the API has no operation "Typo"`, func() {
		srv.FailNext(fake.Fault{Operation: "Typo"})
	})
	assert.NotPanics(t, func() { srv.FailNext(fake.Fault{}) }, "any operation")
}

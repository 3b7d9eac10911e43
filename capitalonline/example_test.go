package capitalonline_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/cachesdk/cachesdk"
	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/fake"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/waiter"
)

// A client for a real account: keys from CDS_SECRET_ID and CDS_SECRET_KEY.
func Example() {
	cfg, err := capitalonline.ConfigFromEnv()
	if err != nil {
		log.Fatal(err) // names every missing variable
	}
	cfg.Endpoint = capitalonline.EndpointAsia // default EndpointMainland
	c, err := capitalonline.NewRedis(cfg)
	if err != nil {
		log.Fatal(err)
	}
	out, err := c.DescribeDBInstancesWithResponse(context.Background(), &redis.DescribeDBInstancesParams{})
	if err != nil {
		log.Fatal(err)
	}
	for _, in := range cachesdk.Deref(out.JSON200.Data) {
		fmt.Println(cachesdk.Deref(in.InstanceName), cachesdk.Deref(in.Status))
	}
}

// Create a Redis instance and wait until it is RUNNING (polled by instance
// id: the document says task ids cannot be queried), then delete it and
// wait until it is gone.
func Example_createAndWait() {
	srv, err := fake.StartRedis()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := capitalonline.NewRedis(srv.CapitalOnlineConfig())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	out, err := c.CreateDBInstanceWithResponse(ctx, redis.CreateDBInstanceJSONRequestBody{
		RegionId: "CN_Beijing_A", VdcId: "vdc-1", BasePipeId: "pipe-1", InstanceName: "cache-1",
		PaasGoodsId: 12188, Password: "Example-Passw0rd",
	})
	if err != nil {
		log.Fatal(err)
	}
	id := cachesdk.Deref(out.JSON200.Data.InstancesUuid)[0]
	quick := &waiter.Config{MinDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}
	got, err := c.WaitDBInstanceRunning(ctx, id, quick)
	if err != nil {
		log.Fatal(err)
	}
	in := (*got.JSON200.Data)[0]
	fmt.Println(cachesdk.Deref(in.InstanceName), cachesdk.Deref(in.Status))
	if _, err := c.DeleteDBInstanceWithResponse(ctx, redis.DeleteDBInstanceJSONRequestBody{InstanceUuid: &id}); err != nil {
		log.Fatal(err)
	}
	if err := c.WaitDBInstanceDeleted(ctx, id, quick); err != nil {
		log.Fatal(err)
	}
	fmt.Println("deleted")

	// A second delete: the vendor's code in a typed error.
	_, err = c.DeleteDBInstanceWithResponse(ctx, redis.DeleteDBInstanceJSONRequestBody{InstanceUuid: &id})
	var apiErr *apierror.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Operation, apiErr.StatusCode, apiErr.Code)
	}
	// Output:
	// cache-1 RUNNING
	// deleted
	// DeleteDBInstance 404 ResourceNotFound
}

// A retry policy of your own, and a logger: a read (DescribeDBInstances) is
// retried on a 503; a create would not be (x-retry: non-idempotent).
func Example_retryAndLogging() {
	srv, err := fake.StartRedis()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	cfg := srv.CapitalOnlineConfig()
	cfg.Retry = &retry.Policy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}
	cfg.Logger = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{} // so the output is the same each run
			}
			return a
		},
	}))
	c, err := capitalonline.NewRedis(cfg)
	if err != nil {
		log.Fatal(err)
	}
	srv.FailNext(fake.Fault{Status: 503, Code: "InternalError"})
	srv.FailNext(fake.Fault{Status: 503, Code: "InternalError"})
	out, err := c.DescribeDBInstancesWithResponse(context.Background(), &redis.DescribeDBInstancesParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(cachesdk.Deref(out.JSON200.Data)), "instances")
	// Output:
	// level=INFO msg=call operation=DescribeDBInstances status=200 attempts=3
	// 0 instances
}

package huaweicloud_test

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
	"github.com/cachesdk/cachesdk/fake"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/waiter"
)

// A client for a real account, configured from the environment with the
// names of Huawei's SDK (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
// HUAWEICLOUD_SDK_PROJECT_ID) and the region from HW_REGION_NAME.
func Example() {
	cfg, err := huaweicloud.ConfigFromEnv()
	if err != nil {
		log.Fatal(err) // names every missing variable
	}
	c, err := huaweicloud.NewDCSV2(cfg)
	if err != nil {
		log.Fatal(err)
	}
	for inst, err := range c.ListInstancesItems(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(cachesdk.Deref(inst.Name), cachesdk.Deref(inst.Status))
	}
}

// newFake starts the package's fake DCS V2 server for an Example; a test
// would use fake.NewDCSV2(t).
func newFake() (*fake.Server, *dcsv2.ProjectClient) {
	srv, err := fake.StartDCSV2(fake.WithPollsToRunning(2))
	if err != nil {
		log.Fatal(err)
	}
	c, err := huaweicloud.NewDCSV2(srv.HuaweiConfig())
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}

// Create an instance and wait until it is RUNNING, then delete it and wait
// until it is gone: no polling loop of your own.
func Example_createAndWait() {
	srv, c := newFake()
	defer srv.Close()
	ctx := context.Background()

	out, err := c.CreateInstance(ctx, dcsv2.CreateInstanceJSONRequestBody{
		Name: "cache-1", Engine: "Redis", EngineVersion: cachesdk.Ptr(dcsv2.EngineVersionV50),
		Capacity: 1, SpecCode: "redis.ha.xu1.large.r2.1", AzCodes: []string{"cn-north-4a"},
		VpcId: "5e37b3be-950a-48e1-b498-65b63d336481", SubnetId: "a4112635-3ec0-471c-95c3-5cf49b9533af",
	})
	if err != nil {
		log.Fatal(err)
	}
	id := cachesdk.Deref((*out.JSON200.Instances)[0].InstanceId)

	// The defaults poll for up to an hour; a progress callback sees each poll.
	cfg := &waiter.Config{MinDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond,
		OnPoll: func(p waiter.Poll) {
			if !p.Found {
				p.State = "(gone)"
			}
			fmt.Println("poll", p.Attempt, p.State)
		}}
	inst, err := c.WaitInstanceRunning(ctx, id, cfg)
	if err != nil {
		var we *waiter.Error
		if errors.As(err, &we) {
			log.Fatalf("%s stopped in state %q: %s", we.Waiter, we.LastState, we.Reason)
		}
		log.Fatal(err)
	}
	fmt.Println(cachesdk.Deref(inst.JSON200.Name), "is", cachesdk.Deref(inst.JSON200.Status))

	if _, err := c.DeleteSingleInstance(ctx, id); err != nil {
		log.Fatal(err)
	}
	if err := c.WaitInstanceDeleted(ctx, id, cfg); err != nil {
		log.Fatal(err)
	}
	fmt.Println("deleted")
	// Output:
	// poll 1 CREATING
	// poll 2 CREATING
	// poll 3 RUNNING
	// cache-1 is RUNNING
	// poll 1 (gone)
	// deleted
}

// List every instance across pages: the paginator sends offset/limit and
// stops on the total; break out of the loop to stop early.
func Example_listAll() {
	srv, c := newFake()
	defer srv.Close()
	ctx := context.Background()
	for i := 1; i <= 5; i++ {
		_, err := c.CreateInstance(ctx, dcsv2.CreateInstanceJSONRequestBody{
			Name: fmt.Sprintf("web-%d", i), Engine: "Redis", Capacity: 1, SpecCode: "redis.ha.xu1.large.r2.1",
			AzCodes: []string{"cn-north-4a"}, VpcId: "5e37b3be-950a-48e1-b498-65b63d336481", SubnetId: "a4112635-3ec0-471c-95c3-5cf49b9533af",
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	params := &dcsv2.ListInstancesParams{Limit: cachesdk.Ptr[int32](2), Name: cachesdk.Ptr("web")}
	for inst, err := range c.ListInstancesItems(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(cachesdk.Deref(inst.Name))
	}
	// Pages, for the totals:
	for page, err := range c.ListInstancesPages(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("page of", len(*page.JSON200.Instances), "of", cachesdk.Deref(page.JSON200.InstanceNum))
	}
	// Output:
	// web-1
	// web-2
	// web-3
	// web-4
	// web-5
	// page of 2 of 5
	// page of 2 of 5
	// page of 1 of 5
}

// An error status comes back as *apierror.Error naming the operation, the
// HTTP status and the vendor's code; ErrorInfo gives the document's meaning
// and handling of the code.
func Example_typedError() {
	srv, c := newFake()
	defer srv.Close()
	_, err := c.ShowInstance(context.Background(), "no-such-instance")
	var apiErr *apierror.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Operation, apiErr.StatusCode, apiErr.Code)
	}
	if info, ok := huaweicloud.ErrorInfo(err); ok {
		fmt.Println(info.Message, "/", info.Description)
	}
	// Output:
	// ShowInstance 404 DCS.3022
	// This DCS instance does not exist. / 实例不存在。
}

// A retry policy of your own: reads are retried on network errors and on
// 429/5xx; calls that change something only when they provably did not
// reach the server, or on 429.
func Example_retryPolicy() {
	srv, err := fake.StartDCSV2()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	cfg := srv.HuaweiConfig()
	cfg.Retry = &retry.Policy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}
	c, err := huaweicloud.NewDCSV2(cfg)
	if err != nil {
		log.Fatal(err)
	}
	srv.FailNext(fake.Fault{Status: 503, Code: "DCS.5000"}) // one unavailable answer
	out, err := c.ListInstances(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("attempts:", len(srv.Requests()), "instances:", cachesdk.Deref(out.JSON200.InstanceNum))
	// Output:
	// attempts: 2 instances: 0
}

// Log every call with log/slog: operation, attempts, status, vendor code,
// request id and duration; never a header, a body or a secret. (The time
// and duration are left out here so that the output is the same each run.)
func Example_logging() {
	srv, err := fake.StartDCSV2()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	cfg := srv.HuaweiConfig()
	cfg.Logger = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{}
			}
			return a
		},
	}))
	c, err := huaweicloud.NewDCSV2(cfg)
	if err != nil {
		log.Fatal(err)
	}
	srv.FailNext(fake.Fault{Status: 503, Code: "DCS.5000"})
	if _, err := c.ListInstances(context.Background(), nil); err != nil {
		log.Fatal(err)
	}
	// Output:
	// level=DEBUG msg="attempt failed" operation=ListInstances status=503 code=DCS.5000 attempt=1
	// level=INFO msg=call operation=ListInstances status=200 attempts=2
}

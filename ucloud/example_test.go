package ucloud_test

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
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/ucloud"
	"github.com/cachesdk/cachesdk/waiter"
)

// A client for a real account, from the variables UCloud's SDK reads
// (UCLOUD_PUBLIC_KEY, UCLOUD_PRIVATE_KEY, UCLOUD_REGION, UCLOUD_ZONE,
// UCLOUD_PROJECT_ID, UCLOUD_API_BASE_URL); Region is sent when a call leaves
// it empty.
func Example() {
	cfg, err := ucloud.ConfigFromEnv()
	if err != nil {
		log.Fatal(err) // names every missing variable
	}
	c, err := ucloud.NewURedis(cfg)
	if err != nil {
		log.Fatal(err)
	}
	for b, err := range c.DescribeURedisBackupItems(context.Background(), &uredis.DescribeURedisBackupParams{GroupId: "uredis-xxxx"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(cachesdk.Deref(b.BackupId), cachesdk.Deref(b.State))
	}
}

// Page through a group's backups, then wait for a new one to succeed.
func Example_backups() {
	srv, err := fake.StartURedis()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	for i := 1; i <= 3; i++ {
		srv.AddURedisBackup("uredis-1", fmt.Sprintf("backup-%d", i), "Success")
	}
	c, err := ucloud.NewURedis(srv.UCloudConfig())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	params := &uredis.DescribeURedisBackupParams{Region: fake.UCloudRegion, GroupId: "uredis-1", Limit: cachesdk.Ptr(2)}
	for b, err := range c.DescribeURedisBackupItems(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(cachesdk.Deref(b.BackupId), cachesdk.Deref(b.State))
	}

	srv.AddURedisBackup("uredis-1", "backup-4", "Backuping")
	srv.Handle("DescribeURedisBackup", func(*fake.Request) *fake.Response {
		srv.AddURedisBackup("uredis-1", "backup-4", "Success") // done by the next poll
		return nil
	})
	quick := &waiter.Config{MinDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}
	if _, err := c.WaitBackupSucceeded(ctx, "uredis-1", "backup-4", quick); err != nil {
		log.Fatal(err)
	}
	fmt.Println("backup-4 Success")
	// Output:
	// backup-1 Success
	// backup-2 Success
	// backup-3 Success
	// backup-4 Success
}

// A failure is an *apierror.Error whose Code is UCloud's RetCode; a logger
// records each call.
func Example_typedErrorAndLogging() {
	srv, err := fake.StartURedis()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	cfg := srv.UCloudConfig()
	cfg.Retry = &retry.Policy{MaxAttempts: 1} // no retries
	cfg.Logger = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{} // so the output is the same each run
			}
			return a
		},
	}))
	c, err := ucloud.NewURedis(cfg)
	if err != nil {
		log.Fatal(err)
	}
	srv.FailNext(fake.Fault{Code: "230", Message: "Params [GroupId] not available"})
	_, err = c.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{GroupId: "uredis-1"})
	var apiErr *apierror.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Operation, apiErr.StatusCode, apiErr.Code)
	}
	// Output:
	// level=WARN msg="call failed" operation=DescribeURedisBackup status=200 code=230 attempts=1
	// DescribeURedisBackup 200 230
}

package ucloud_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/cachesdk/cachesdk"
	"github.com/cachesdk/cachesdk/fake"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/ucloud"
	"github.com/cachesdk/cachesdk/waiter"
)

// A client for a real account: keys from UCLOUD_PUBLIC_KEY and
// UCLOUD_PRIVATE_KEY; Region is sent when a call leaves it empty.
func Example() {
	creds, err := ucloud.CredentialsFromEnv()
	if err != nil {
		log.Fatal(err) // names the missing variable
	}
	c, err := ucloud.NewURedis(ucloud.Config{Credentials: creds, Region: "cn-bj2"})
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

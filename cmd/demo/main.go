// Command demo walks the CapitalOnline Redis lifecycle (regions → configs →
// create → list → backup → download link → config → delete) through the real
// signed, typed client, against a local server built from the embedded spec:
// the same mockserver the conformance tests use, which checks every request's
// signature and shape. No credentials, no network beyond 127.0.0.1.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"sort"
	"strings"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/mockserver"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/specs"
	"github.com/cachesdk/cachesdk/verifier"
)

// demoCreds exist only between this program and its own local server.
var demoCreds = capitalonline.Credentials{AccessKeyID: "AKDEMO", SecretKey: secret.New("SKDEMO-local-only")}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	data, err := specs.FS.ReadFile("capitalonline/redis.yaml")
	if err != nil {
		return err
	}
	doc, err := mockserver.Load(data)
	if err != nil {
		return err
	}
	srv := mockserver.New(doc, mockserver.Options{Verifier: verifier.CapitalOnline{
		Secret: func(ak string) (string, bool) { return demoCreds.SecretKey.Reveal(), ak == demoCreds.AccessKeyID },
	}})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	fmt.Printf("local CapitalOnline Redis API from specs/capitalonline/redis.yaml at %s\n\n", ts.URL)

	c, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: ts.URL, Credentials: demoCreds})
	if err != nil {
		return err
	}

	regions, err := c.DescribeReginsWithResponse(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("1. DescribeRegins: %d sites, e.g.\n", len(deref(regions.JSON200.Data)))
	for _, r := range deref(regions.JSON200.Data)[:3] {
		fmt.Printf("   %-18s %s / %s (on sale: %v)\n", str(r.RegionId), str(r.CityName), str(r.SiteName), r.IsSaling != nil && *r.IsSaling == redis.SaleOnSale)
	}

	site := "CN_Hongkong_A"
	cfg, err := c.DescribeAvailableDBConfigWithResponse(ctx, &redis.DescribeAvailableDBConfigParams{RegionId: site})
	if err != nil {
		return err
	}
	var goods int
	fmt.Printf("2. DescribeAvailableDBConfig(%s):\n", site)
	for _, p := range deref(cfg.JSON200.Data.Products) {
		for _, a := range deref(p.Architectures) {
			for _, role := range deref(a.ComputeRoles) {
				for _, cr := range deref(role.Standards.CpuRam) {
					fmt.Printf("   Redis %s %s, %s: PaasGoodsId %d (%d GB)\n", str(p.Version), str(a.SubProductName), str(cr.Name), *cr.PaasGoodsId, *cr.RAM)
					goods = *cr.PaasGoodsId
				}
			}
		}
	}

	port := 9736
	created, err := c.CreateDBInstanceWithResponse(ctx, redis.CreateDBInstanceInput{
		RegionId: site, VdcId: "vdc-demo", BasePipeId: "pipe-demo", InstanceName: "demo-redis",
		PaasGoodsId: goods, Password: "demo-Passw0rd", ServicePort: &port,
	})
	if err != nil {
		return err
	}
	ids := deref(created.JSON200.Data.InstancesUuid)
	fmt.Printf("3. CreateDBInstance: instances %v, task %s\n", ids, str(created.JSON200.TaskId))
	id := ids[0]

	ip := "66.66"
	list, err := c.DescribeDBInstancesWithResponse(ctx, &redis.DescribeDBInstancesParams{IP: &ip})
	if err != nil {
		return err
	}
	fmt.Println("4. DescribeDBInstances(IP=66.66):")
	for _, in := range deref(list.JSON200.Data) {
		fmt.Printf("   %s %s %s:%d, %d MB, %s (%s), created %s\n", str(in.SubProductName), str(in.Version), str(in.IP), *in.Port, *in.Ram, str(in.Status), str(in.StatusStr), str(in.CreatedTime))
	}

	desc := "demo backup"
	backup, err := c.CreateBackupWithResponse(ctx, redis.CreateBackupInput{InstanceUuid: id, Desc: &desc})
	if err != nil {
		return err
	}
	fmt.Printf("5. CreateBackup: task %s\n", str(backup.JSON200.TaskId))

	backups, err := c.DescribeBackupsWithResponse(ctx, &redis.DescribeBackupsParams{InstanceUuid: id})
	if err != nil {
		return err
	}
	fmt.Printf("6. DescribeBackups: %d backups\n", len(deref(backups.JSON200.Data)))
	for _, b := range deref(backups.JSON200.Data) {
		fmt.Printf("   %s %s %d bytes %s → %s (%s)\n", str(b.BackupMode), str(b.BackupType), *b.BackupSize, str(b.StartTime), str(b.EndTime), str(b.Status))
	}
	first := str(deref(backups.JSON200.Data)[0].BackupId)

	dl, err := c.DownloadBackupWithResponse(ctx, &redis.DownloadBackupParams{InstanceUuid: id, BackupId: first})
	if err != nil {
		return err
	}
	fmt.Printf("7. DownloadBackup: public %s, intranet %s\n", str(dl.JSON200.Data.BackupDownloadUrl), str(dl.JSON200.Data.BackupIntranetDownloadUrl))

	all := "*"
	conf, err := c.DescribeRedisConfigWithResponse(ctx, &redis.DescribeRedisConfigParams{InstanceUuid: id, Parameter: &all})
	if err != nil {
		return err
	}
	configs := deref(conf.JSON200.Data.Configs)
	fmt.Printf("8. DescribeRedisConfig: %d parameters, e.g.\n", len(configs))
	names := make([]string, 0, len(configs))
	for k := range configs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if k == "maxmemory" || k == "maxmemory-policy" || k == "requirepass" || k == "timeout" {
			fmt.Printf("   %-17s %s\n", k, redact(k, configs[k]))
		}
	}

	del, err := c.DeleteDBInstanceWithResponse(ctx, redis.DeleteDBInstanceInput{InstanceUuid: &id})
	if err != nil {
		return err
	}
	fmt.Printf("9. DeleteDBInstance: task %s\n", str(del.JSON200.TaskId))

	// A failure is a typed error, whatever the HTTP status.
	_, err = c.DescribeBackupsWithResponse(ctx, &redis.DescribeBackupsParams{InstanceUuid: ""})
	var apiErr *apierror.Error
	if errors.As(err, &apiErr) {
		fmt.Printf("10. DescribeBackups(InstanceUuid=\"\") is refused: *apierror.Error{StatusCode: %d}\n", apiErr.StatusCode)
	}

	fmt.Printf("\n%d requests, each signed and checked against the spec by the server.\n", len(srv.Received()))
	return nil
}

// redact keeps the instance's passwords out of the output.
func redact(name, value string) string {
	if strings.Contains(name, "pass") || strings.Contains(name, "auth") {
		return "<redacted>"
	}
	return value
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// Package cachesdk is a Go SDK for the managed cache (Redis, Memcached) APIs
// of CapitalOnline, Huawei Cloud (DCS) and UCloud (URedis). Each API is a
// hand-written OpenAPI 3 spec under specs/, transcribed from the vendor's
// document, from which oapi-codegen generates a typed client.
//
// Start from the vendor package, which builds a ready client: every request
// signed, retried when safe, and a failure returned as an *apierror.Error.
//
//   - capitalonline: NewRedis, NewMemcached (clients of gen/capitalonline/redis
//     and gen/capitalonline/memcached);
//   - huaweicloud: NewDCSV2, NewDCSV1, bound to one project (gen/huaweicloud/dcsv2
//     and gen/huaweicloud/dcsv1);
//   - ucloud: NewURedis (gen/ucloud/uredis).
//
// Each generated package's doc names its API, the vendor document and its
// edition, and lists the operations by document section; its API interface
// is what code that calls the client should take, so that tests can fake it.
// Package fake runs an in-memory, stateful server to point a real client at.
// Paginators (package paginator) and waiters (package waiter) are methods of
// the clients. The request chain is assembled by package pipeline from
// packages rpc, retry, signer and apierror.
//
// Every client is regenerated from its spec by go generate ./... (generate.go).
package cachesdk

// One line per spec; each config names its output file. Run from the module root.
// bindproject wraps a Huawei client in a project-bound one; loopgen writes the
// paginators and waiters the spec declares (x-paginator, x-waiters) on the
// client users get; apigen then writes the package doc (doc.gen.go) and the
// API interface of that client (api.gen.go).
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/capitalonline/redis/oapi-codegen.yaml specs/capitalonline/redis.yaml
//go:generate go run ./internal/loopgen -spec specs/capitalonline/redis.yaml -dir gen/capitalonline/redis
//go:generate go run ./internal/apigen -spec specs/capitalonline/redis.yaml -dir gen/capitalonline/redis -new capitalonline.NewRedis -example DescribeDBInstancesWithResponse
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/capitalonline/memcached/oapi-codegen.yaml specs/capitalonline/memcached.yaml
//go:generate go run ./internal/loopgen -spec specs/capitalonline/memcached.yaml -dir gen/capitalonline/memcached
//go:generate go run ./internal/apigen -spec specs/capitalonline/memcached.yaml -dir gen/capitalonline/memcached -new capitalonline.NewMemcached -example DescribeMemcachedInstanceWithResponse
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/ucloud/uredis/oapi-codegen.yaml specs/ucloud/uredis.yaml
//go:generate go run ./internal/loopgen -spec specs/ucloud/uredis.yaml -dir gen/ucloud/uredis
//go:generate go run ./internal/apigen -spec specs/ucloud/uredis.yaml -dir gen/ucloud/uredis -new ucloud.NewURedis -example DescribeURedisBackupWithResponse
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/huaweicloud/dcsv2/oapi-codegen.yaml specs/huaweicloud/dcs-v2.yaml
//go:generate go run ./internal/bindproject -spec specs/huaweicloud/dcs-v2.yaml -in gen/huaweicloud/dcsv2/dcsv2.gen.go -out gen/huaweicloud/dcsv2/project.gen.go
//go:generate go run ./internal/loopgen -spec specs/huaweicloud/dcs-v2.yaml -dir gen/huaweicloud/dcsv2
//go:generate go run ./internal/apigen -spec specs/huaweicloud/dcs-v2.yaml -dir gen/huaweicloud/dcsv2 -new huaweicloud.NewDCSV2 -example ShowInstance
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/huaweicloud/dcsv1/oapi-codegen.yaml specs/huaweicloud/dcs-v1.yaml
//go:generate go run ./internal/bindproject -spec specs/huaweicloud/dcs-v1.yaml -in gen/huaweicloud/dcsv1/dcsv1.gen.go -out gen/huaweicloud/dcsv1/project.gen.go
//go:generate go run ./internal/loopgen -spec specs/huaweicloud/dcs-v1.yaml -dir gen/huaweicloud/dcsv1
//go:generate go run ./internal/apigen -spec specs/huaweicloud/dcs-v1.yaml -dir gen/huaweicloud/dcsv1 -new huaweicloud.NewDCSV1 -example ShowInstance
//go:generate go run ./internal/errata

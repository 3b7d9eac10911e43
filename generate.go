// Package cachesdk is a Go SDK for the managed cache (Redis, Memcached) APIs
// of several clouds, generated from the OpenAPI specs under specs/.
//
// The generated clients live under gen/, request signing under signer/, and
// the ready-made constructors per vendor under capitalonline/ (and so on).
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

// Package faultsuite drives every vendor client of the SDK (CapitalOnline
// Redis and Memcached, UCloud URedis, Huawei DCS V2 with AK/SK and with an
// IAM token, Huawei DCS V1) against a hostile server on 127.0.0.1
// (internal/hostile): connection resets, 5xx and 429 bursts, Retry-After
// forms, redirects of every code to other origins, truncated, HTML and empty
// bodies, slow drips, hangs and cancellations.
//
// Every case asserts the number of attempts, that each attempt carries a
// signature the independent verifier accepts, the typed error, that nothing
// reaches a second "bystander" listener, and that no credential marker
// (SECRETMARKER…) or signature appears in the error's text, its %v, %+v and
// %#v forms or its JSON. The package has tests only; it runs in `go test
// ./...` and `make test`.
package faultsuite

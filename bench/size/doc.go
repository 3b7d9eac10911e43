// Package size holds nine minimal programs, one call each, that
// cmd/sizes builds to compare binary size and cold build time:
//
//	std/<vendor>   the standard library alone: a plain GET and a JSON decode
//	ours/<vendor>  the same call through this SDK
//	peer/<vendor>  the same call through the vendor's official Go SDK
//
// Every program reads BENCH_ENDPOINT (default http://127.0.0.1:1, which
// refuses), takes credentials from BENCH_AK and BENCH_SK (harmless defaults,
// never printed), prints one or two decoded fields and exits 1 on any error.
package size

// Package sign benchmarks request signing alone, ours against each vendor
// SDK's own signing code, on the request of one benchmarked call
// (bench/calls): BenchmarkSign/<Vendor>/<ours|peer>. Each side does the
// whole signing step its client does before sending (common parameters,
// canonical form, HMAC, attaching the result) and nothing else. Every
// iteration checks that a signature was attached; TestSignaturesVerify
// checks both sides' signatures with verifier/, so both do the same work.
package sign

// Package calls benchmarks one API call three ways against the same local
// server (bench/fixture) returning the same documented bytes:
//
//   - ours:  the cachesdk client (generated client → retry → sign → typed errors → send)
//   - peer:  the vendor's official Go SDK
//   - floor: plain net/http + encoding/json, no signing, decoding into the
//     same generated model types ours decodes into
//
// Every iteration checks the decoded result against values read from the
// fixture bytes, so a fast wrong answer fails instead of winning.
// TestCalls runs each once (part of make test); BenchmarkCall measures them.
package calls

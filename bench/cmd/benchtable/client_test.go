package main

// BenchmarkClient (issue 15): the calls measured with the server in its own
// process; their allocations decide the allocation target, their process
// CPU time is reported.

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const clientLines = `pkg: github.com/cachesdk/cachesdk/bench/calls
BenchmarkCall/UCloud.DescribeURedisBackup/ours-2   1000  35000 ns/op  11000 B/op  123 allocs/op
BenchmarkCall/UCloud.DescribeURedisBackup/peer-2   1000  48000 ns/op  19000 B/op  234 allocs/op
BenchmarkCall/UCloud.DescribeURedisBackup/floor-2  1000  32000 ns/op   9000 B/op  127 allocs/op
BenchmarkClient/UCloud.DescribeURedisBackup/ours-2   1000  87000 ns/op  62000 cpu-ns/op  7500 B/op   91 allocs/op
BenchmarkClient/UCloud.DescribeURedisBackup/peer-2   1000 108000 ns/op  82000 cpu-ns/op 15500 B/op  200 allocs/op
BenchmarkClient/UCloud.DescribeURedisBackup/floor-2  1000  87000 ns/op  61000 cpu-ns/op  5600 B/op   93 allocs/op
`

func TestClientAllocationsDecideTheTarget(t *testing.T) {
	f := t.TempDir() + "/b.txt"
	require.NoError(t, os.WriteFile(f, []byte(clientLines), 0o600))
	in, err := read([]string{f}, nil, os.Stderr)
	require.NoError(t, err)
	rep := build(in)
	require.Len(t, rep.client, 1)
	assert.InDelta(t, 62e-6, rep.client[0].rows[0].cpu.med, 1e-12)
	tg := rep.calls[0].targets[1]
	assert.Equal(t, "allocs ≤ 0.50× peer (the client's own)", tg.desc)
	assert.Equal(t, "PASS", tg.status, "91/200, not 123/234")
	assert.Equal(t, "0.46×", tg.detail)

	out, _, code := runBench(t, clientLines, "-md")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "| UCloud.DescribeURedisBackup | 62.0µs CPU ±0% · 7.32KiB · 91 allocs |")
	assert.Contains(t, out, "| 0.76× | 0.46× | 1.02× |")
}

package rfc3986

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAppend(t *testing.T) {
	for in, want := range map[string]string{
		"":                             "",
		"a-b_c.d~e09AZ":                "a-b_c.d~e09AZ",
		" */:一":                        "%20%2A%2F%3A%E4%B8%80",
		"2024-11-26T12:00:00Z":         "2024-11-26T12%3A00%3A00Z",
		"UZ5Y3xyIMzynRMbh5bZ6KqJqmV0=": "UZ5Y3xyIMzynRMbh5bZ6KqJqmV0%3D",
		"a+b&c=d%":                     "a%2Bb%26c%3Dd%25",
	} {
		require.Equal(t, want, string(Append(nil, in)), in)
		require.Equal(t, want, string(Append(nil, []byte(in))), in)
	}
	require.Equal(t, "x=%20", string(Append([]byte("x="), " ")), "appends to dst")
}

package payload_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/payload"
)

func TestDecodeErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  *payload.DecodeError
		want string
	}{
		{&payload.DecodeError{Operation: "ShowInstance", StatusCode: 200, Path: "instances[3].port", Want: "int32", Got: "string",
			Offset: 120, Length: 300, More: 2, Err: payload.ErrType, ContentType: "application/json"},
			"ShowInstance: HTTP 200: decoding the response body: JSON value of an unexpected type at instances[3].port (want int32, got JSON string) and 2 more, byte 120 of 300 bytes, Content-Type application/json"},
		{&payload.DecodeError{Operation: "ShowInstance", StatusCode: 200, Offset: -1, Length: 2, Err: payload.ErrNotJSON, ContentType: "text/plain"},
			"ShowInstance: HTTP 200: decoding the response body: body is not JSON; 2 bytes, Content-Type text/plain"},
		{&payload.DecodeError{Offset: -1, Err: payload.ErrNoBody},
			"decoding the response body: documented JSON body missing; 0 bytes"},
		{&payload.DecodeError{Offset: 7, Length: 9},
			"decoding the response body: failed, byte 7 of 9 bytes"},
	} {
		require.Equal(t, tc.want, tc.err.Error())
		if tc.err.Err != nil {
			require.True(t, errors.Is(tc.err, tc.err.Err))
		}
	}
}

func TestTooLargeErrorText(t *testing.T) {
	require.Equal(t, "response body exceeds the limit of 32 MiB (MaxResponseBytes)",
		(&payload.TooLargeError{Limit: payload.DefaultMaxBytes, Announced: -1}).Error())
	require.Equal(t, "response body exceeds the limit of 1000 bytes (MaxResponseBytes): Content-Length 5000",
		(&payload.TooLargeError{Limit: 1000, Announced: 5000}).Error())
	require.False(t, (&payload.TooLargeError{}).Retryable())
}

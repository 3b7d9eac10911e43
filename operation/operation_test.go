package operation_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/operation"
)

func TestContextCarriesTheOperation(t *testing.T) {
	ctx := context.Background()
	_, ok := operation.FromContext(ctx)
	require.False(t, ok)
	require.Equal(t, "", operation.Name(ctx))
	require.Equal(t, ctx, operation.NewContext(ctx, nil))

	info := &operation.Info{ID: "RestartOrFlushInstances", Safety: operation.NonIdempotent}
	ctx = operation.NewContext(ctx, info)
	got, ok := operation.FromContext(ctx)
	require.True(t, ok)
	require.Same(t, info, got)
	require.Equal(t, "RestartOrFlushInstances", operation.Name(ctx))

	inner := operation.NewContext(ctx, &operation.Info{ID: "ShowInstance", Safety: operation.Read})
	require.Equal(t, "ShowInstance", operation.Name(inner), "the innermost operation wins")
}

func TestParseSafety(t *testing.T) {
	for _, s := range operation.Safeties {
		got, err := operation.ParseSafety(string(s))
		require.NoError(t, err)
		require.Equal(t, s, got)
	}
	_, err := operation.ParseSafety("write")
	require.ErrorContains(t, err, `"write"`)
	require.ErrorContains(t, err, "non-idempotent")

	require.True(t, operation.Read.Repeatable())
	require.True(t, operation.Idempotent.Repeatable())
	require.False(t, operation.NonIdempotent.Repeatable())
	require.False(t, operation.Safety("").Repeatable(), "unknown is not repeatable")
}

func TestCheckPathSegment(t *testing.T) {
	for _, v := range []string{"", ".", ".."} {
		err := operation.CheckPathSegment("DeleteBackupFile", "backup_id", v)
		require.True(t, errors.Is(err, operation.ErrPathSegment), "%q", v)
		var pe *operation.PathSegmentError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, operation.PathSegmentError{Operation: "DeleteBackupFile", Param: "backup_id", Value: v}, *pe)
	}
	require.EqualError(t, operation.CheckPathSegment("DeleteSingleInstance", "instance_id", ""),
		`DeleteSingleInstance: path parameter instance_id is empty: a path segment must not be empty, "." or ".."`)
	require.EqualError(t, operation.CheckPathSegment("DeleteBackupFile", "backup_id", ".."),
		`DeleteBackupFile: path parameter backup_id is "..": a path segment must not be empty, "." or ".."`)
	for _, v := range []string{"...", "a", "a%2Fb", ".a", "..b", " "} {
		require.NoError(t, operation.CheckPathSegment("Op", "p", v), "%q", v)
	}
}

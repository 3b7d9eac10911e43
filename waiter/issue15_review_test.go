package waiter_test

// Review of issue 15: decoded strings are views of their response body, so
// a state kept by the waiter (Error.LastState) or handed to OnPoll (which a
// CLI may keep as a history) kept that whole body alive: a few bytes of
// state holding a list of tasks or backups.

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/waiter"
)

func TestIssue15ReviewStatesDoNotKeepBodiesAlive(t *testing.T) {
	const polls = 5
	var freed atomic.Int32
	sp := waiter.Spec[string]{
		Name: "TaskDone", Operation: "ListBackgroundTask",
		Poll: func(context.Context) (string, error) {
			// One "body" per poll, the state a view of it (as decoded).
			body := []byte(`{"tasks":[{"status":"RUNNING"}]}` + strings.Repeat(" ", 1<<16))
			runtime.AddCleanup(&body[0], func(struct{}) { freed.Add(1) }, struct{}{})
			return unsafe.String(&body[21], len("RUNNING")), nil
		},
		State:   func(s string) (string, bool) { return s, true },
		Success: []string{"SUCCESS"},
		Pending: []string{"RUNNING"},
	}
	c := &clock{now: time.Unix(0, 0)}
	var seen []string
	_, err := waiter.Wait(context.Background(), sp, &waiter.Config{
		MinDelay: time.Second, MaxDelay: time.Second, MaxWait: polls * time.Second,
		Sleep: c.Sleep, Now: c.Now,
		OnPoll: func(p waiter.Poll) { seen = append(seen, p.State) },
	})
	var we *waiter.Error
	require.True(t, errors.As(err, &we))
	require.Equal(t, "RUNNING", we.LastState)
	require.NotEmpty(t, seen)
	// Every body must be collectable while the error and the states live
	// (cleanups run on their own goroutine: poll).
	n := int32(we.Attempts)
	for i := 0; i < 100 && freed.Load() < n; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	require.Equal(t, n, freed.Load(), "bodies kept alive by the states")
	runtime.KeepAlive(we)
	runtime.KeepAlive(seen)
}

package waiter_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/waiter"
)

var errNotFound = errors.New("404")

// clock is a fake clock: Sleep advances it instead of sleeping.
type clock struct {
	now    time.Time
	slept  []time.Duration
	cancel context.CancelFunc // cancel after N sleeps when set
	after  int
}

func (c *clock) Now() time.Time { return c.now }
func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	if c.cancel != nil && len(c.slept) == c.after {
		c.cancel()
		return context.Canceled
	}
	return nil
}

// states answers one state per poll; "" answers not found.
func spec(states ...string) (waiter.Spec[string], *int) {
	n := 0
	return waiter.Spec[string]{
		Name: "InstanceRunning", Operation: "ShowInstance",
		Poll: func(context.Context) (string, error) {
			s := states[min(n, len(states)-1)]
			n++
			if s == "" {
				return "", errNotFound
			}
			return s, nil
		},
		State:      func(s string) (string, bool) { return s, true },
		IsNotFound: func(err error) bool { return errors.Is(err, errNotFound) },
		Success:    []string{"RUNNING"},
		Failure:    []string{"CREATEFAILED", "ERROR"},
		Pending:    []string{"CREATING"},
		Defaults:   waiter.Config{MinDelay: time.Second, MaxDelay: 8 * time.Second, MaxWait: time.Minute},
	}, &n
}

func cfg(c *clock, polls *[]waiter.Poll) *waiter.Config {
	return &waiter.Config{Sleep: c.Sleep, Now: c.Now, OnPoll: func(p waiter.Poll) { *polls = append(*polls, p) }}
}

func TestCreatingThenRunning(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	var polls []waiter.Poll
	s, n := spec("CREATING", "CREATING", "CREATING", "RUNNING")
	got, err := waiter.Wait(context.Background(), s, cfg(c, &polls))
	require.NoError(t, err)
	assert.Equal(t, "RUNNING", got)
	assert.Equal(t, 4, *n)
	require.Len(t, polls, 4)
	assert.Equal(t, waiter.Poll{Waiter: "InstanceRunning", State: "RUNNING", Found: true, Attempt: 4, Elapsed: polls[3].Elapsed}, polls[3])
	require.Len(t, c.slept, 3)
	for i, d := range c.slept { // jittered exponential: [base/2, base], base = 1s, 2s, 4s
		base := time.Second << i
		assert.GreaterOrEqual(t, d, max(base/2, time.Second), "delay %d", i)
		assert.LessOrEqual(t, d, base, "delay %d", i)
	}
}

func TestFailureStateCarriesLastState(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	var polls []waiter.Poll
	s, _ := spec("CREATING", "CREATEFAILED")
	_, err := waiter.Wait(context.Background(), s, cfg(c, &polls))
	var we *waiter.Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, waiter.ReasonFailureState, we.Reason)
	assert.Equal(t, "CREATEFAILED", we.LastState)
	assert.Equal(t, 2, we.Attempts)
	assert.Contains(t, err.Error(), `last state "CREATEFAILED"`)
}

func TestNotFoundWhereItShouldExist(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	var polls []waiter.Poll
	s, _ := spec("CREATING", "")
	_, err := waiter.Wait(context.Background(), s, cfg(c, &polls))
	var we *waiter.Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, waiter.ReasonNotFound, we.Reason)
	assert.Equal(t, "CREATING", we.LastState)
	assert.ErrorIs(t, err, errNotFound)
	assert.False(t, polls[1].Found)
}

func TestDeletedWaiterSucceedsOnNotFound(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	var polls []waiter.Poll
	s, _ := spec("DELETING", "")
	s.Name, s.Success, s.Pending, s.NotFound = "InstanceDeleted", nil, []string{"DELETING"}, waiter.Success
	_, err := waiter.Wait(context.Background(), s, cfg(c, &polls))
	require.NoError(t, err)
	assert.Len(t, polls, 2)
}

func TestMaxWaitBoundsTheWait(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	var polls []waiter.Poll
	s, n := spec("CREATING")
	_, err := waiter.Wait(context.Background(), s, cfg(c, &polls))
	require.ErrorIs(t, err, waiter.ErrTimeout)
	var we *waiter.Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, "CREATING", we.LastState)
	assert.LessOrEqual(t, we.Elapsed, time.Minute)
	assert.Greater(t, *n, 5)
	var total time.Duration
	for _, d := range c.slept {
		assert.LessOrEqual(t, d, 8*time.Second)
		total += d
	}
	assert.LessOrEqual(t, total, time.Minute)
}

func TestContextBoundsTheWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &clock{now: time.Unix(0, 0), cancel: cancel, after: 2}
	var polls []waiter.Poll
	s, _ := spec("CREATING")
	_, err := waiter.Wait(ctx, s, cfg(c, &polls))
	require.ErrorIs(t, err, context.Canceled)
	var we *waiter.Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, waiter.ReasonContext, we.Reason)
	assert.Equal(t, "CREATING", we.LastState)
}

func TestContextDeadlineWithRealTimer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	s, _ := spec("CREATING")
	s.Defaults = waiter.Config{MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxWait: time.Hour}
	_, err := waiter.Wait(ctx, s, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestPollErrorStops(t *testing.T) {
	boom := errors.New("boom")
	s, _ := spec("CREATING")
	s.Poll = func(context.Context) (string, error) { return "", boom }
	_, err := waiter.Wait(context.Background(), s, nil)
	var we *waiter.Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, waiter.ReasonPollFailed, we.Reason)
	assert.ErrorIs(t, err, boom)
}

func TestConfigChecked(t *testing.T) {
	s, n := spec("RUNNING")
	_, err := waiter.Wait(context.Background(), s, &waiter.Config{MaxWait: -1})
	require.ErrorContains(t, err, "MaxWait")
	_, err = waiter.Wait(context.Background(), s, &waiter.Config{MinDelay: 2 * time.Second, MaxDelay: time.Second})
	require.ErrorContains(t, err, "MinDelay")
	assert.Zero(t, *n, "nothing polled with a bad config")
}

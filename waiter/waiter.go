// Package waiter polls an operation until a resource reaches a state, for
// the generated waiters (gen/*/waiters.gen.go, from each spec's x-waiters):
//
//	inst, err := c.WaitInstanceRunning(ctx, id, nil) // nil: the spec's delays and maximum wait
//	var we *waiter.Error
//	if errors.As(err, &we) {
//		return fmt.Errorf("%s stopped in state %q: %s: %w", we.Waiter, we.LastState, we.Reason, err)
//	} else if err != nil {
//		return err
//	}
//	fmt.Println(*inst.JSON200.Status)
//
// Between polls it sleeps a jittered exponential backoff between MinDelay and
// MaxDelay. The caller's context and MaxWait bound the whole wait. A failure
// state, a resource that is gone where it should exist, a poll that fails or
// the end of the wait return an *Error carrying the last state seen. OnPoll,
// when set, observes every poll (state, attempt, elapsed), so a CLI can show
// progress.
package waiter

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/cachesdk/cachesdk/retry"
)

// Config tunes one wait. The zero value of a field takes the waiter's
// declared default (its spec's x-waiters entry).
type Config struct {
	MinDelay time.Duration // first delay between polls
	MaxDelay time.Duration // cap of one delay
	MaxWait  time.Duration // the whole wait, first poll included
	// OnPoll is called after every poll with what it saw.
	OnPoll func(Poll)
	// Sleep waits d or until ctx is done; tests replace it (default: a timer).
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock (default time.Now); tests replace it with Sleep.
	Now func() time.Time
}

// Poll is what one poll saw.
type Poll struct {
	Waiter  string        // e.g. "InstanceRunning"
	State   string        // the state read, "" when the resource was absent
	Found   bool          // the resource exists
	Attempt int           // 1-based
	Elapsed time.Duration // since the wait started
}

// Outcome is what a state (or the resource's absence) means to a waiter.
type Outcome int

const (
	Default Outcome = iota // the field's documented default
	Pending                // keep waiting
	Success                // done
	Failure                // stop with an error
)

// Spec declares one waiter. The generated waiters fill it from the spec.
type Spec[R any] struct {
	Name      string // the waiter, e.g. "InstanceRunning"
	Operation string // the operationId polled, e.g. "ShowInstance"
	// Poll sends one request.
	Poll func(ctx context.Context) (R, error)
	// State reads the state from a result; found is false when the result
	// says the resource does not exist (e.g. an empty list).
	State func(R) (state string, found bool)
	// IsNotFound reports whether a poll's error means the resource does not
	// exist (e.g. HTTP 404 or the vendor's "no such instance" code).
	IsNotFound func(error) bool
	Success    []string // states that end the wait
	Failure    []string // states that end it with an error
	Pending    []string // states to keep waiting on
	// NotFound is what a missing resource means: Success for a "deleted"
	// waiter, Failure (Default) where the resource should exist, Pending
	// where it may not be visible yet.
	NotFound Outcome
	// Unknown is what a state in none of the lists means (Default: Pending,
	// as vendors add states; OnPoll still sees it).
	Unknown  Outcome
	Defaults Config // MinDelay, MaxDelay, MaxWait declared for this waiter
}

// Reasons an *Error gives.
const (
	ReasonFailureState = "failure state"
	ReasonNotFound     = "resource not found"
	ReasonTimeout      = "maximum wait exceeded"
	ReasonContext      = "context done"
	ReasonPollFailed   = "poll failed"
	ReasonUnknownState = "unexpected state"
)

// Error ends a wait that did not succeed.
type Error struct {
	Waiter    string
	Operation string
	LastState string // the last state seen ("" if none)
	Attempts  int
	Elapsed   time.Duration
	Reason    string // one of the Reason constants
	Err       error  // the poll's error, the context's, or nil
}

func (e *Error) Error() string {
	s := fmt.Sprintf("waiter %s (%s): %s after %d polls in %s", e.Waiter, e.Operation, e.Reason, e.Attempts, e.Elapsed.Round(time.Millisecond))
	if e.LastState != "" {
		s += fmt.Sprintf(", last state %q", e.LastState)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the poll's or the context's error.
func (e *Error) Unwrap() error { return e.Err }

// ErrTimeout is matched (errors.Is) by an *Error whose wait ran out.
var ErrTimeout = errors.New("waiter: maximum wait exceeded")

// Is lets errors.Is(err, ErrTimeout) match a timed-out wait.
func (e *Error) Is(target error) bool { return target == ErrTimeout && e.Reason == ReasonTimeout }

// Check reports a negative or inverted configuration, naming the field.
func (c Config) Check() error {
	switch {
	case c.MinDelay < 0:
		return errors.New("waiter: Config.MinDelay is negative")
	case c.MaxDelay < 0:
		return errors.New("waiter: Config.MaxDelay is negative")
	case c.MaxWait < 0:
		return errors.New("waiter: Config.MaxWait is negative")
	case c.MinDelay > 0 && c.MaxDelay > 0 && c.MinDelay > c.MaxDelay:
		return errors.New("waiter: Config.MinDelay is greater than MaxDelay")
	}
	return nil
}

func (c Config) with(d Config) Config {
	if c.MinDelay == 0 {
		c.MinDelay = d.MinDelay
	}
	if c.MaxDelay == 0 {
		c.MaxDelay = d.MaxDelay
	}
	if c.MaxWait == 0 {
		c.MaxWait = d.MaxWait
	}
	if c.MinDelay <= 0 {
		c.MinDelay = 2 * time.Second
	}
	if c.MaxDelay < c.MinDelay {
		c.MaxDelay = max(c.MinDelay, 2*time.Minute)
	}
	if c.MaxWait <= 0 {
		c.MaxWait = 30 * time.Minute
	}
	if c.Sleep == nil {
		c.Sleep = retry.Sleep
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Wait polls s until success, failure, the end of MaxWait or of ctx. It
// returns the last result on success; cfg may be nil.
func Wait[R any](ctx context.Context, s Spec[R], cfg *Config) (R, error) {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	var zero R
	if err := c.Check(); err != nil {
		return zero, err
	}
	c = c.with(s.Defaults)
	start := c.Now()
	e := &Error{Waiter: s.Name, Operation: s.Operation}
	fail := func(reason string, err error) (R, error) {
		e.Reason, e.Err, e.Elapsed = reason, err, c.Now().Sub(start)
		return zero, e
	}
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return fail(ReasonContext, err)
		}
		r, err := s.Poll(ctx)
		e.Attempts = attempt
		var (
			state   string
			found   = true
			outcome Outcome
		)
		switch {
		case err != nil && s.IsNotFound != nil && s.IsNotFound(err):
			found, outcome = false, s.notFound()
		case err != nil:
			if ctx.Err() != nil {
				return fail(ReasonContext, err)
			}
			return fail(ReasonPollFailed, err)
		default:
			state, found = s.State(r)
			// A decoded state is a view of its response body (issue 15):
			// kept in the *Error or by OnPoll, it would keep the whole
			// body alive. A copy of a few bytes per poll.
			state = strings.Clone(state)
			if !found {
				outcome = s.notFound()
			} else {
				outcome = s.outcome(state)
				e.LastState = state
			}
		}
		elapsed := c.Now().Sub(start)
		if c.OnPoll != nil {
			c.OnPoll(Poll{Waiter: s.Name, State: state, Found: found, Attempt: attempt, Elapsed: elapsed})
		}
		switch outcome {
		case Success:
			return r, nil
		case Failure:
			switch {
			case !found:
				return fail(ReasonNotFound, err)
			case slices.Contains(s.Failure, state):
				return fail(ReasonFailureState, nil)
			default:
				return fail(ReasonUnknownState, nil)
			}
		}
		d := backoff(c.MinDelay, c.MaxDelay, attempt)
		if elapsed+d > c.MaxWait {
			// one last poll at the deadline if there is time for it
			if left := c.MaxWait - elapsed; left > 0 && left >= c.MinDelay {
				d = left
			} else {
				return fail(ReasonTimeout, nil)
			}
		}
		if err := c.Sleep(ctx, d); err != nil {
			return fail(ReasonContext, err)
		}
	}
}

func (s Spec[R]) notFound() Outcome {
	if s.NotFound == Default {
		return Failure // the resource should exist
	}
	return s.NotFound
}

func (s Spec[R]) outcome(state string) Outcome {
	switch {
	case slices.Contains(s.Success, state):
		return Success
	case slices.Contains(s.Failure, state):
		return Failure
	case slices.Contains(s.Pending, state):
		return Pending
	}
	if s.Unknown == Default {
		return Pending
	}
	return s.Unknown
}

// backoff is min·2^(attempt-1) capped at max, with full jitter over its
// upper half: between d/2 and d, never below min.
func backoff(minD, maxD time.Duration, attempt int) time.Duration {
	d := minD
	for i := 1; i < attempt && d < maxD; i++ {
		d *= 2
	}
	d = min(d, maxD)
	j := d / 2
	d = d - j + rand.N(j+1)
	return max(d, minD)
}

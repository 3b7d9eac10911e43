// Package paginator walks the list operations that page, for the generated
// paginators (gen/*/paginators.gen.go, from each spec's x-paginator): a page
// iterator for callers that need the totals, and an item iterator that hides
// the pages.
//
//	limit := int32(100) // the page size
//	for inst, err := range c.ListInstancesItems(ctx, &dcsv2.ListInstancesParams{Limit: &limit}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(*inst.Name)
//	}
//
// Both stop when the declared total is reached, on a short page or on an
// empty page. They return ErrOffsetIgnored, and stop, when the server sends
// an item a second time (by its id, the declaration's key) or a page
// identical to the previous one: it ignored the offset, and the walk would
// never end. The caller's context bounds the whole walk; breaking
// out of the range loop stops it before the next request is sent.
package paginator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
)

// ErrOffsetIgnored is returned (wrapped in *Error) when a page repeats the
// previous one: the server did not honour the offset or page number.
var ErrOffsetIgnored = errors.New("paginator: the server answered the same page twice (offset ignored)")

// Error reports which operation's walk failed, at which page.
type Error struct {
	Operation string // the operationId, e.g. "ListInstances"
	Page      int    // 1-based page of the walk
	Offset    int    // the offset (item index or page number) requested
	Err       error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: page %d (offset %d): %v", e.Operation, e.Page, e.Offset, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Mode says what the offset parameter counts.
type Mode int

const (
	// Offset: the parameter is the index of the first item (0-based unless
	// Base says otherwise); each page advances it by the items received.
	Offset Mode = iota
	// PageNumber: the parameter is the page number (Base is the first);
	// each page advances it by one.
	PageNumber
)

// Spec describes one list operation's walk. The generated paginators fill
// it from the spec's x-paginator declaration.
type Spec[R any, I any] struct {
	Operation string // operationId, for errors
	Mode      Mode
	Base      int // first offset: 0 for an item offset, 1 for a 1-based one
	Start     int // the caller's own offset, if set; else Base
	Limit     int // the caller's page size; 0: the server's default (short pages are then not detected)
	// Fetch sends one page request with the offset; limit is Limit as given.
	Fetch func(ctx context.Context, offset int) (R, error)
	// Items returns the page's items (nil for none).
	Items func(R) []I
	// Total returns the declared total of items, if the response has one.
	Total func(R) (int, bool)
	// Key returns an item's identity (its id), if it has one. An item seen
	// twice in one walk means the server did not honour the offset: the
	// walk stops with ErrOffsetIgnored, even when the pages are not
	// identical (a changing field) or repeat an older page (A, B, A).
	// Without Key, or for a page whose items have no id, a page identical
	// to the previous one is the sign. The walk remembers a 64-bit hash of
	// each id (8 bytes an item; never the id itself, which would keep every
	// page's body alive): two different ids of one walk share a hash with a
	// chance of about n²/2⁶⁵ (10⁻¹¹ for 10,000 items).
	Key func(*I) (string, bool)
}

// Pages returns an iterator over the responses of s. After an error it
// yields nothing more.
func Pages[R any, I any](ctx context.Context, s Spec[R, I]) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		var zero R
		offset := s.Start
		if offset < s.Base {
			offset = s.Base
		}
		seen := 0
		var prevSum uint64 // the previous page's fingerprint, for walks whose items have no id
		seenKeys := seenIDs{seed: maphash.MakeSeed()}
		for page := 1; ; page++ {
			if err := ctx.Err(); err != nil {
				yield(zero, &Error{Operation: s.Operation, Page: page, Offset: offset, Err: err})
				return
			}
			r, err := s.Fetch(ctx, offset)
			if err != nil {
				yield(zero, &Error{Operation: s.Operation, Page: page, Offset: offset, Err: err})
				return
			}
			items := s.Items(r)
			if page == 1 && s.Total != nil {
				seenKeys.expect, _ = s.Total(r) // sizes the set once, not by doubling
			}
			dup, keyed := repeated(&seenKeys, s.Key, items)
			var sum uint64
			if keyed == 0 && len(items) > 0 {
				sum = fingerprint(seenKeys.seed, items)
			}
			if dup || sum != 0 && page > 1 && sum == prevSum {
				yield(zero, &Error{Operation: s.Operation, Page: page, Offset: offset, Err: ErrOffsetIgnored})
				return
			}
			if !yield(r, nil) {
				return
			}
			seen += len(items)
			total, hasTotal := 0, false
			if s.Total != nil {
				total, hasTotal = s.Total(r)
			}
			switch {
			case len(items) == 0: // empty page: the end, whatever the total says
				return
			case hasTotal && s.skipped()+seen >= total:
				return
			case s.Limit > 0 && len(items) < s.Limit: // short page
				return
			}
			prevSum = sum
			if s.Mode == PageNumber {
				offset++
			} else {
				offset += len(items)
			}
		}
	}
}

// fingerprint hashes a page's items as JSON, taken before the caller sees
// them: Items yields pointers into the page, so a caller changing an item
// could otherwise make a repeated page look new. 0 when they do not encode.
func fingerprint[I any](seed maphash.Seed, items []I) uint64 {
	b, err := json.Marshal(items)
	if err != nil {
		return 0
	}
	return maphash.Bytes(seed, b) | 1
}

// seenIDs is the set of the item ids of one walk, as hashes.
type seenIDs struct {
	seed   maphash.Seed
	set    map[uint64]struct{}
	expect int // the declared total, if any: the set's first size (at most maxExpect)
}

// maxExpect bounds the set a declared total can make a walk allocate ahead.
const maxExpect = 1 << 16

// repeated records the keys of items and reports whether one was seen
// before in this walk, and how many items had a key (none: the caller
// falls back to comparing whole pages).
func repeated[I any](s *seenIDs, key func(*I) (string, bool), items []I) (dup bool, keyed int) {
	if key == nil {
		return false, 0
	}
	for i := range items {
		k, ok := key(&items[i])
		if !ok || k == "" {
			continue
		}
		keyed++
		h := maphash.String(s.seed, k)
		if _, d := s.set[h]; d {
			return true, keyed
		}
		if s.set == nil {
			s.set = make(map[uint64]struct{}, max(len(items), min(s.expect, maxExpect)))
		}
		s.set[h] = struct{}{}
	}
	return false, keyed
}

// skipped is the number of items before the walk's first one: a walk that
// starts mid-list compares what it saw with the total correctly.
func (s Spec[R, I]) skipped() int {
	if s.Start <= s.Base {
		return 0
	}
	if s.Mode == PageNumber {
		return (s.Start - s.Base) * s.Limit
	}
	return s.Start - s.Base
}

// Items returns an iterator over every item of every page of s, each a
// pointer into its page (the items are large generated structs: a copy per
// item cost a walk of 10,000 DCS instances 3–5% of its time, issue 15); a
// pointer kept keeps its page alive. After an error it yields nil.
func Items[R any, I any](ctx context.Context, s Spec[R, I]) iter.Seq2[*I, error] {
	return func(yield func(*I, error) bool) {
		for r, err := range Pages(ctx, s) {
			if err != nil {
				yield(nil, err)
				return
			}
			items := s.Items(r)
			for i := range items {
				if !yield(&items[i], nil) {
					return
				}
			}
		}
	}
}

// Package conformance replays every example of every spec under specs/
// through the generated clients against a local mockserver, and checks the
// wire both ways: the request the typed client sends equals the documented
// one (and carries a signature the independent verifier accepts), and the
// typed result re-encodes to the documented response, or comes back as the
// documented typed error.
//
// Cases are derived from the specs: a new example in a spec is a new case.
// A spec is wired in once, in targets_test.go (how to build its client and
// verify its signatures).
package conformance

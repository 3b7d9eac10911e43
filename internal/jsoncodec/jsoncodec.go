// Package jsoncodec is the JSON codec of the generated clients: gen/*/
// import it in place of encoding/json (an oapi-codegen template override,
// gen/templates/), so every typed result is decoded here.
//
// Why not encoding/json: on the documented DCS ShowInstance body it takes
// ~15 µs and ~100 allocations; github.com/segmentio/encoding/json, which is
// a drop-in for it, takes ~4.5 µs and ~65 (bench/ has the measurements).
// Most of the difference is strings: ASCII ones are decoded without a copy,
// as views of one immutable copy of the body. Non-ASCII strings take its
// slow path: on CapitalOnline's bodies, full of Chinese text, it is about as
// fast as encoding/json, with 40% fewer allocations. Unmarshal makes that copy itself,
// so no decoded string ever shares memory with a []byte the caller can
// change (the generated Response.Body, say).
package jsoncodec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unsafe"

	segjson "github.com/segmentio/encoding/json"
)

// RawMessage is encoding/json's: union types keep their raw member in one.
type RawMessage = json.RawMessage

// Marshal encodes v as encoding/json does (request bodies are few and small;
// the wire stays byte-for-byte what encoding/json writes).
func Marshal(v any) ([]byte, error) { return json.Marshal(v) }

// flags: strings and numbers are views of the body copy; raw messages are
// still copied, because the union types hand theirs to other decoders.
const flags = segjson.DontCopyString | segjson.DontCopyNumber

// Unmarshal decodes data into v with encoding/json's semantics (the
// conformance replay checks them on every documented example).
func Unmarshal(data []byte, v any) error {
	// One copy, never written again: the decoded strings point into it (and
	// keep it alive while any of them lives: a body's worth of memory).
	s := string(data)
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	rest, err := segjson.Parse(b, v, flags)
	if err != nil {
		return err
	}
	// Parse stops after the first value; Unmarshal must not.
	if rest = bytes.TrimLeft(rest, " \t\r\n"); len(rest) != 0 {
		return fmt.Errorf("invalid character %q after top-level value", rest[0])
	}
	return nil
}

// Package secret holds credentials so that nothing prints them by accident.
//
// A String is a secret (secret key, private key, security token, IAM token).
// Every way Go code commonly turns a value into text shows the redaction
// marker "[redacted]" instead of it:
//
//   - fmt: every verb (%v %+v %#v %s %q %x %X %d …), also inside structs,
//     slices and maps, as a field of Credentials or of a client Config;
//   - encoding/json and encoding.TextMarshaler ("[redacted]");
//   - log/slog (slog.LogValuer, and the JSON and text handlers, which use
//     the two above);
//   - encoding/gob (GobEncode sends the marker);
//   - reflection-based printers that ignore those methods (go-cmp, spew,
//     testify's diffs): the value is kept masked with a per-process random
//     pad, so they print bytes that are not the secret.
//
// The empty String shows as empty, so a missing secret is visible. Only
// Reveal (and AppendTo) give the value back: the signers call them once per
// signer, or per signing where the value goes on the wire.
//
// Construct one with New:
//
//	creds := capitalonline.Credentials{AccessKeyID: "AK…", SecretKey: secret.New(os.Getenv("CDS_SECRET_KEY"))}
//
// The mask is obfuscation against printing, not protection against a
// reader of the process memory.
package secret

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Redacted is what every printer shows for a non-empty String.
const Redacted = "[redacted]"

// pad masks every String of the process; it is random per process, so equal
// secrets have equal masked forms (== and reflect.DeepEqual keep working).
var pad = func() (p [256]byte) {
	_, _ = rand.Read(p[:]) // crypto/rand.Read never fails (Go 1.24+)
	return p
}()

// String is a secret. The zero value is the empty secret. Strings compare
// with == by value.
type String struct {
	masked string
}

// New returns s as a secret.
func New(s string) String {
	if s == "" {
		return String{}
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		b[i] = s[i] ^ pad[i%len(pad)]
	}
	return String{masked: string(b)}
}

// Reveal returns the secret itself: for signing, never for printing.
func (s String) Reveal() string {
	if s.masked == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s.masked))
	for i := 0; i < len(s.masked); i++ {
		b.WriteByte(s.masked[i] ^ pad[i%len(pad)])
	}
	return b.String()
}

// AppendTo appends the secret to dst without another allocation (a signer
// hashing it with other bytes); clear the bytes after use.
func (s String) AppendTo(dst []byte) []byte {
	for i := 0; i < len(s.masked); i++ {
		dst = append(dst, s.masked[i]^pad[i%len(pad)])
	}
	return dst
}

// IsZero reports whether the secret is empty (json's omitzero uses it).
func (s String) IsZero() bool { return s.masked == "" }

// Len is the length of the secret in bytes.
func (s String) Len() int { return len(s.masked) }

// ContainsAny reports whether the secret contains any of the bytes in chars
// (validation without revealing it).
func (s String) ContainsAny(chars string) bool {
	for i := 0; i < len(s.masked); i++ {
		if strings.IndexByte(chars, s.masked[i]^pad[i%len(pad)]) >= 0 {
			return true
		}
	}
	return false
}

func (s String) shown() string {
	if s.masked == "" {
		return ""
	}
	return Redacted
}

// String returns "[redacted]", or "" for the empty secret.
func (s String) String() string { return s.shown() }

// GoString returns the marker too, so %#v shows no secret.
func (s String) GoString() string { return `secret.String("` + s.shown() + `")` }

// Format prints the marker for every verb, with the verb's quoting for %q
// and %#v, so no verb (%x included) prints the secret.
func (s String) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'q':
		fmt.Fprintf(f, "%q", s.shown())
	case verb == 'v' && f.Flag('#'):
		_, _ = f.Write([]byte(s.GoString()))
	default:
		_, _ = f.Write([]byte(s.shown()))
	}
}

// MarshalText returns the marker (encoding.TextMarshaler).
func (s String) MarshalText() ([]byte, error) { return []byte(s.shown()), nil }

// MarshalJSON returns the marker as a JSON string.
func (s String) MarshalJSON() ([]byte, error) { return []byte(`"` + s.shown() + `"`), nil }

// LogValue returns the marker (slog.LogValuer).
func (s String) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// GobEncode sends the marker: a secret does not travel through gob.
func (s String) GobEncode() ([]byte, error) { return []byte(s.shown()), nil }

// ErrRedacted is returned when decoding meets the redaction marker: a
// secret that was printed and read back is not the secret.
var ErrRedacted = errors.New("secret: the value is the redaction marker, not a secret")

// UnmarshalText reads a secret from text (a configuration file); the
// marker itself is refused with ErrRedacted.
func (s *String) UnmarshalText(b []byte) error {
	if string(b) == Redacted {
		return ErrRedacted
	}
	*s = New(string(b))
	return nil
}

// GobDecode reads what GobEncode wrote: the marker is refused with ErrRedacted.
func (s *String) GobDecode(b []byte) error { return s.UnmarshalText(b) }

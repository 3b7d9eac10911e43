package secret_test

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/secret"
)

const marker = "MARKER-s3cr3t"

type holder struct {
	Key     secret.String
	Ptr     *secret.String
	List    []secret.String
	ByName  map[string]secret.String
	private secret.String
}

func newHolder() holder {
	k := secret.New(marker)
	return holder{Key: k, Ptr: &k, List: []secret.String{k}, ByName: map[string]secret.String{"k": k}, private: k}
}

// Verbs lists every fmt verb a caller might use on a value or a struct holding it.
var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s", "%-20q", "%T"}

func TestNoPrinterShowsTheSecret(t *testing.T) {
	s := secret.New(marker)
	h := newHolder()
	for _, v := range verbs {
		for _, x := range []any{s, &s, h, &h, []any{s}} {
			out := fmt.Sprintf(v, x)
			require.NotContains(t, out, marker, "verb %s on %T", v, x)
			require.NotContains(t, out, "s3cr3t", "verb %s on %T", v, x)
		}
	}
	require.Equal(t, "[redacted]", fmt.Sprint(s))
	require.Equal(t, `"[redacted]"`, fmt.Sprintf("%q", s))
	require.Equal(t, `secret.String("[redacted]")`, fmt.Sprintf("%#v", s))

	j, err := json.Marshal(h)
	require.NoError(t, err)
	require.NotContains(t, string(j), "s3cr3t")
	require.Contains(t, string(j), `"Key":"[redacted]"`)

	txt, err := s.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "[redacted]", string(txt))

	for _, handler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(handler(&buf)).Info("m", "secret", s, "holder", h, "ptr", &h)
		require.NotContains(t, buf.String(), "s3cr3t")
		require.Contains(t, buf.String(), "[redacted]")
	}

	var g bytes.Buffer
	require.NoError(t, gob.NewEncoder(&g).Encode(h))
	require.NotContains(t, g.String(), "s3cr3t")
}

func TestEmptyShowsEmpty(t *testing.T) {
	var s secret.String
	require.True(t, s.IsZero())
	require.Equal(t, "", fmt.Sprint(s))
	require.Equal(t, "", s.Reveal())
	j, _ := json.Marshal(s)
	require.Equal(t, `""`, string(j))
	require.Equal(t, secret.String{}, secret.New(""))
}

func TestRevealAndCompare(t *testing.T) {
	s := secret.New(marker)
	require.Equal(t, marker, s.Reveal())
	require.Equal(t, len(marker), s.Len())
	require.Equal(t, "x"+marker, string(s.AppendTo([]byte("x"))))
	require.True(t, s == secret.New(marker))
	require.False(t, s == secret.New(marker+"!"))
	require.True(t, reflect.DeepEqual(newHolder(), newHolder()))
	require.True(t, s.ContainsAny("3"))
	require.False(t, s.ContainsAny("\r\n"))

	long := string(bytes.Repeat([]byte("0123456789"), 100)) // longer than the pad
	require.Equal(t, long, secret.New(long).Reveal())
}

// The masked form is what reflection-based printers (go-cmp, spew, testify
// diffs with methods disabled) see.
func TestReflectionSeesNoSecret(t *testing.T) {
	v := reflect.ValueOf(secret.New(marker))
	for i := range v.NumField() {
		require.NotContains(t, v.Field(i).String(), "s3cr3t")
	}
}

func TestDecode(t *testing.T) {
	var cfg struct{ Key secret.String }
	require.NoError(t, json.Unmarshal([]byte(`{"Key":"from-file"}`), &cfg))
	require.Equal(t, "from-file", cfg.Key.Reveal())

	// A printed secret read back is refused, not used as a key.
	out, _ := json.Marshal(cfg)
	err := json.Unmarshal(out, &cfg)
	require.True(t, errors.Is(err, secret.ErrRedacted), "%v", err)
}

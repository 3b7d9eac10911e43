package jsoncodec_test

// Regressions found by a new user's review: a deeply nested body must not
// crash the process, and a decode error must not quote a map's keys (data
// from the body).

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/jsoncodec"
	"github.com/cachesdk/cachesdk/payload"
)

func TestDeepNestingIsAnErrorNotACrash(t *testing.T) {
	const n = 2_000_000 // segmentio's recursion overflowed the stack (a fatal error) here
	body := []byte(`{"name":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`)
	var v struct{ Name any }
	err := jsoncodec.Unmarshal(body, &v)
	var de *payload.DecodeError
	require.ErrorAs(t, err, &de)
	assert.ErrorIs(t, err, payload.ErrTooDeep)
	assert.Less(t, len(err.Error()), 200, "a short text, no body")

	ok := []byte(`{"name":` + strings.Repeat("[", 50) + strings.Repeat("]", 50) + `}`)
	require.NoError(t, jsoncodec.Unmarshal(ok, &v))
	// many brackets, shallow: counted fast, then scanned, and accepted
	many := []byte("[" + strings.Repeat(`{"a":[1]},`, 20000) + `{"a":[1]}]`)
	var list []struct{ A []int }
	require.NoError(t, jsoncodec.Unmarshal(many, &list))
	assert.Len(t, list, 20001)
	// brackets inside strings do not count
	quoted := []byte(`{"name":"` + strings.Repeat("[", 20000) + `"}`)
	var s struct{ Name string }
	require.NoError(t, jsoncodec.Unmarshal(quoted, &s))
}

func TestDecodeErrorsMaskMapKeys(t *testing.T) {
	var v struct {
		Data struct {
			Configs map[string]int `json:"Configs"`
		}
	}
	err := jsoncodec.Unmarshal([]byte(`{"Data":{"Configs":{"PW-AS-KEY-SECRET":"x"}}}`), &v)
	var de *payload.DecodeError
	require.True(t, errors.As(err, &de), "%v", err)
	assert.Equal(t, "Data.Configs[*]", de.Path)
	assert.NotContains(t, err.Error(), "SECRET")
	assert.False(t, bytes.Contains([]byte(err.Error()), []byte("PW-AS")))
}

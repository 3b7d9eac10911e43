package gocomment

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWrap(t *testing.T) {
	assert.Equal(t, "// a b\n// c\n", Wrap("a b c", 7))
	assert.Equal(t, "// one\n//\n// two\n", Wrap("one\n\ntwo", 80))
	assert.Equal(t, "// averyveryverylongword\n// x\n", Wrap("averyveryverylongword x", 10))
}

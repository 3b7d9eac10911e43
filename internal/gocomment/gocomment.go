// Package gocomment writes text as a Go doc comment, for the generators
// (internal/apigen, internal/bindproject, internal/loopgen).
package gocomment

import "strings"

// Wrap writes text as // comment lines of at most width columns; a blank
// line ("\n\n") separates paragraphs with an empty // line. A word longer
// than the width gets a line of its own.
func Wrap(text string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			b.WriteString("//\n")
		}
		line := "//"
		for _, w := range strings.Fields(para) {
			if len(line)+1+len(w) > width && line != "//" {
				b.WriteString(line + "\n")
				line = "//"
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

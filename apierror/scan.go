package apierror

// topLevel finds the raw JSON values of the named keys at the top level of a
// JSON object, without decoding the rest: the success path of every call
// runs it, so it allocates nothing. raw[i] is set to key i's value (nil when
// absent; an empty key name never matches). It reports whether body is a
// well-formed JSON object as far as it was read. Keys are compared as
// written, so an escaped key ("\u0043ode") does not match; vendors do not
// escape ASCII names.
func topLevel(body []byte, keys []string, raw [][]byte) bool {
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return false
	}
	i = skipSpace(body, i+1)
	if i < len(body) && body[i] == '}' {
		return true
	}
	for {
		if i >= len(body) || body[i] != '"' {
			return false
		}
		end := skipString(body, i)
		if end < 0 {
			return false
		}
		key := body[i+1 : end-1]
		i = skipSpace(body, end)
		if i >= len(body) || body[i] != ':' {
			return false
		}
		i = skipSpace(body, i+1)
		vend := skipValue(body, i)
		if vend < 0 {
			return false
		}
		for k, name := range keys {
			if name != "" && string(key) == name {
				raw[k] = body[i:vend]
			}
		}
		i = skipSpace(body, vend)
		if i >= len(body) {
			return false
		}
		switch body[i] {
		case ',':
			i = skipSpace(body, i+1)
		case '}':
			return true
		default:
			return false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the closing quote of the string at i, or -1.
func skipString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index after the JSON value at i, or -1. Nested
// objects and arrays are skipped by depth, strings by their quotes.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipString(b, j)
				if j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	default:
		j := i
		for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' && b[j] != '\r' && b[j] != '\t' {
			j++
		}
		if j == i {
			return -1
		}
		return j
	}
}

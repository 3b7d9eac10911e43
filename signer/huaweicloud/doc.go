// Package huaweicloud signs requests to Huawei Cloud APIs behind APIG: the
// SDK-HMAC-SHA256 AK/SK signature (AKSK) or an IAM token (Token).
//
// AKSK sets X-Sdk-Date (fresh on every signing), X-Project-Id when the
// credentials name a project, X-Security-Token with temporary credentials,
// and Authorization. Signing again replaces all of them.
//
// Decisions, where the vendor leaves room:
//
//   - Host is signed by default. The gateway verifies whatever SignedHeaders
//     lists; Huawei's Python SDK and APIG demo signers add host, its Go SDK
//     does not (its header map never holds Host). Signing it ties the
//     signature to the endpoint. WithUnsignedHost reproduces the Go SDK,
//     whose tests are the published vectors (SignedHeaders=x-sdk-date). The
//     value is req.Host, else req.URL.Host: what net/http sends.
//   - Every header in req.Header is signed, as the official SDKs sign every
//     header they send, except Content-Type, names containing "_",
//     Authorization, and Host, Content-Length, Transfer-Encoding and Trailer,
//     which net/http does not send from req.Header.
//   - User-Agent is signed only as net/http sends it: its first value, and
//     not at all when that is blank.
//   - Repeated values of a header are trimmed, then sorted, one line each
//     (the official SDK sorts them; the receiver sees them trimmed).
//   - The method is upper-cased in place before signing ("get" is signed
//     and sent as GET); a method that is not an HTTP token is refused.
//   - The canonical URI is built from the escaped path as sent
//     (req.URL.EscapedPath()): split on "/", each segment decoded and
//     RFC 3986-encoded again. An id holding "/" travels as "%2F" and is
//     canonicalised as "%2F", as the verifier (and any server) sees it; the
//     official SDKs split the unescaped path, which for ids without "/" is
//     the same. A URL with an opaque part is refused.
//   - Query pairs are sorted by decoded key, then decoded value (byte
//     order), as the official SDK sorts them, then RFC 3986-encoded.
//   - The body hash covers the exact bytes sent (signer.Body).
//   - When the raw query is not already canonical (unsorted, "+" for space,
//     lower-case escapes), Sign rewrites req.URL.RawQuery to the canonical
//     query, as the Python SDK does, so the gateway decodes exactly what was
//     signed.
package huaweicloud

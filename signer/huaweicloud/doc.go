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
//   - The body hash covers the exact bytes sent (signer.Body).
//   - When the raw query is not already canonical (unsorted, "+" for space,
//     lower-case escapes), Sign rewrites req.URL.RawQuery to the canonical
//     query, as the Python SDK does, so the gateway decodes exactly what was
//     signed.
package huaweicloud

// Package ucloud signs requests to the UCloud API (api.ucloud.cn, or a
// white-label deployment such as api.dezai.com): the SHA1 signature over the
// sorted parameters.
//
// The parameters are the operation's, plus Action (required), PublicKey,
// SecurityToken with temporary credentials, and the signer's default Region,
// Zone and ProjectId when the request leaves them out or empty. Empty
// parameters are dropped from both the signature and the request, so the
// server never sees a parameter that was not signed. The signer owns
// PublicKey, SecurityToken and Signature: values already in the request are
// replaced, so signing again changes nothing.
//
// Sign accepts the three transports UCloud accepts, and signs the same
// parameters the same way in each:
//   - no body (any method): parameters in the query string;
//   - Content-Type application/x-www-form-urlencoded: parameters in the body,
//     which is what UCloud's current SDKs send;
//   - Content-Type application/json: a JSON object, flattened for signing
//     (see Flatten). PublicKey, SecurityToken, Signature and the defaults are
//     written into the JSON object itself, at the top level, where UCloud's
//     Python SDK put them when it sent JSON (its later releases send forms;
//     prefer the form transport).
//
// The query and form bodies are rewritten sorted and RFC 3986-encoded. A form
// or JSON request that also carries a query string is refused: whether the
// server would merge the two is not documented, and a signature over half
// the parameters would fail.
package ucloud

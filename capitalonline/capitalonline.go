// Package capitalonline builds ready clients for CapitalOnline's cdsapi:
// the generated typed client of a service, sending through the SDK's chain
//
//	action (#Action= → ?Action=) → retry → sign → typed errors → send
//
// so every call is signed afresh on every attempt, and every failure, whether
// an HTTP error status or a body whose Code is not "Success", comes back as an
// *apierror.Error.
//
//	creds, err := capitalonline.CredentialsFromEnv() // CDS_SECRET_ID, CDS_SECRET_KEY
//	if err != nil {
//		return err
//	}
//	c, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: capitalonline.EndpointAsia, Credentials: creds})
//	if err != nil {
//		return err
//	}
//	out, err := c.DescribeReginsWithResponse(ctx)
//	if err != nil {
//		return err // errors.As(err, &apiErr) for the vendor's Code and Message
//	}
//	if out.JSON200.Data != nil {
//		for _, r := range *out.JSON200.Data { … }
//	}
//
// NewRedis and NewMemcached return the generated clients of gen/capitalonline/redis
// and gen/capitalonline/memcached, whose package docs list the operations by
// section of the vendor's document. Code that calls them can take a redis.API
// (memcached.API), the interface the client implements, so its tests can pass
// a fake; or the tests can point the real client at fake.NewRedis (package
// github.com/cachesdk/cachesdk/fake).
package capitalonline

import (
	"fmt"
	"log/slog"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/internal/cfgcheck"
	"github.com/cachesdk/cachesdk/pipeline"
	"github.com/cachesdk/cachesdk/retry"
	cdssigner "github.com/cachesdk/cachesdk/signer/capitalonline"
)

// The documented regional endpoints (访问地址).
const (
	EndpointMainland = "https://cdsapi.capitalonline.net"      // 中国大陆
	EndpointAsia     = "https://cdsapi-asia.capitalonline.net" // 亚太地区
	EndpointUS       = "https://cdsapi-us.capitalonline.net"   // 欧美地区
)

// Credentials are an access key pair; SecretKey is a secret.String, which
// no printer (fmt, json, slog) shows.
type Credentials = cdssigner.Credentials

// ConfigError is the error of a Config field refused at construction
// (errors.As): Field names it ("Config.Endpoint"), Reason says why.
type ConfigError = cfgcheck.Error

// CredentialsFromEnv reads CDS_SECRET_ID and CDS_SECRET_KEY.
func CredentialsFromEnv() (Credentials, error) { return cdssigner.CredentialsFromEnv() }

// Config configures a client. Only Credentials is required. NewRedis and
// NewMemcached check it before anything is sent and return a *ConfigError
// naming the field.
type Config struct {
	// Endpoint is the API host, one of the Endpoint constants or another
	// "https://host[:port]" (a test server); default EndpointMainland. No
	// path, query or user info (the client adds /redis, /memcached); plain
	// http only to a loopback host or with AllowInsecureHTTP.
	Endpoint    string
	Credentials Credentials
	// HTTPClient sends the requests; default pipeline.DefaultHTTPClient.
	HTTPClient doer.Doer
	// Retry is the retry policy; default retry.Default. MaxAttempts 1 disables retries.
	Retry *retry.Policy
	// SignerOptions fix the signer's clock or nonce (tests).
	SignerOptions []cdssigner.Option
	// MaxResponseBytes bounds every response body in bytes; a longer one
	// fails the call with an *apierror.Error wrapping *payload.TooLargeError.
	// 0: payload.DefaultMaxBytes (32 MiB); negative: a construction error.
	MaxResponseBytes int64
	// AllowInsecureHTTP admits an http:// Endpoint to a host that is not
	// loopback (the signed query then crosses the network in clear).
	AllowInsecureHTTP bool
	// Logger, when set, gets one record per call (Info; Warn when it
	// failed) and one per failed attempt (Debug): operation, attempt(s),
	// HTTP status, vendor code, request id, duration. Never a header, a
	// query, a body, a vendor message or a secret. nil: silent.
	Logger *slog.Logger
	// Middleware adds your own steps to the chain: PerCall once per call
	// (before retry: metrics, a tracing span), PerAttempt once per attempt
	// (after signing). See pipeline.Middleware.
	Middleware pipeline.Middleware
}

// Endpoint returns the checked base URL of cfg (EndpointMainland when empty).
func Endpoint(cfg Config) (string, error) {
	if cfg.Endpoint == "" {
		return EndpointMainland, nil
	}
	return cfgcheck.Endpoint("capitalonline", "Config.Endpoint", cfg.Endpoint, cfg.AllowInsecureHTTP)
}

// ErrorDecoder reads CapitalOnline's envelope: a call succeeded when its body's
// Code is "Success" (and the HTTP status is 2xx).
var ErrorDecoder = apierror.Envelope{
	Vendor: "capitalonline", CodeField: "Code", Success: `"Success"`, MessageField: "Message", TaskField: "TaskId",
}

// Doer returns the request chain for cfg, for any CapitalOnline service.
func Doer(cfg Config) (doer.Doer, error) {
	s, err := cdssigner.New(cfg.Credentials, cfg.SignerOptions...)
	if err != nil {
		return nil, err
	}
	return pipeline.New(pipeline.Config{Send: cfg.HTTPClient, Retry: cfg.Retry, Signer: s, Errors: ErrorDecoder, RPC: true, MaxResponseBytes: cfg.MaxResponseBytes, Logger: cfg.Logger, Middleware: cfg.Middleware})
}

// newClient builds a generated client of any CapitalOnline service: every
// generated package has the same constructor shape.
func newClient[C, O any](cfg Config, newC func(string, ...O) (C, error), withDoer func(d doer.Doer) O) (C, error) {
	var zero C
	ep, err := Endpoint(cfg)
	if err != nil {
		return zero, err
	}
	d, err := Doer(cfg)
	if err != nil {
		return zero, err
	}
	c, err := newC(ep, withDoer(d))
	if err != nil {
		return zero, fmt.Errorf("capitalonline: endpoint %q: %w", cfg.Endpoint, err)
	}
	return c, nil
}

// NewRedis returns the typed Redis client (gen/capitalonline/redis).
//
// It builds nothing and sends nothing when cfg is refused, and returns
// (errors.As for the typed ones):
//   - a *ConfigError naming the field, for Endpoint;
//   - an error naming the missing credential (Credentials.AccessKeyID and SecretKey);
//   - an error naming Config.Retry for an invalid policy (a negative
//     MaxAttempts or delay), and one naming Config.MaxResponseBytes when it
//     is negative.
//
// Any later failure is a call's, never the constructor's.
func NewRedis(cfg Config) (*redis.ClientWithResponses, error) {
	return newClient(cfg, redis.NewClientWithResponses, func(d doer.Doer) redis.ClientOption { return redis.WithHTTPClient(d) })
}

// NewMemcached returns the typed Memcached client (gen/capitalonline/memcached).
//
// It builds nothing and sends nothing when cfg is refused, and returns
// (errors.As for the typed ones):
//   - a *ConfigError naming the field, for Endpoint;
//   - an error naming the missing credential (Credentials.AccessKeyID and SecretKey);
//   - an error naming Config.Retry for an invalid policy (a negative
//     MaxAttempts or delay), and one naming Config.MaxResponseBytes when it
//     is negative.
//
// Any later failure is a call's, never the constructor's.
func NewMemcached(cfg Config) (*memcached.ClientWithResponses, error) {
	return newClient(cfg, memcached.NewClientWithResponses, func(d doer.Doer) memcached.ClientOption { return memcached.WithHTTPClient(d) })
}

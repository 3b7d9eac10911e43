// Package ucloud builds ready clients for UCloud's API: the generated typed
// client sending through the SDK's chain
//
//	action (#Action= → ?Action=) → retry → sign → typed errors → send
//
// A body whose RetCode is not 0 is an *apierror.Error (Code is the RetCode in
// decimal), even with HTTP 200.
//
//	c, err := ucloud.NewURedis(ucloud.Config{Credentials: creds, Region: "cn-bj2"})
//	if err != nil {
//		return err
//	}
//	for b, err := range c.DescribeURedisBackupItems(ctx, &uredis.DescribeURedisBackupParams{Region: "cn-bj2", GroupId: "uredis-2cwmyb"}) {
//		if err != nil {
//			return err // errors.As(err, &apiErr): apiErr.Code is the RetCode
//		}
//		fmt.Println(*b.BackupId)
//	}
//
// NewURedis returns the generated client of gen/ucloud/uredis. Code that
// calls it can take a uredis.API, the interface the client implements, so its
// tests can pass a fake; or the tests can point the real client at
// fake.NewURedis (package github.com/cachesdk/cachesdk/fake).
package ucloud

import (
	"fmt"
	"log/slog"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/internal/cfgcheck"
	"github.com/cachesdk/cachesdk/pipeline"
	"github.com/cachesdk/cachesdk/retry"
	ucsigner "github.com/cachesdk/cachesdk/signer/ucloud"
)

// The API hosts: UCloud's public endpoint, and the white-label host of the
// vendor document.
const (
	EndpointDefault = "https://api.ucloud.cn"
	EndpointDezai   = "https://api.dezai.com"
)

// Credentials are a UCloud key pair; PrivateKey and SecurityToken are
// secret.String, which no printer (fmt, json, slog) shows.
type Credentials = ucsigner.Credentials

// ConfigError is the error of a Config field refused at construction
// (errors.As): Field names it ("Config.Region"), Reason says why.
type ConfigError = cfgcheck.Error

// CredentialsFromEnv reads UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY (and
// UCLOUD_SECURITY_TOKEN when set).
func CredentialsFromEnv() (Credentials, error) { return ucsigner.CredentialsFromEnv() }

// Config configures a client. Only Credentials is required. NewURedis
// (and Doer, for Region, Zone and ProjectID) check it before anything is
// sent and return a *ConfigError naming the field.
type Config struct {
	// Endpoint is "https://host[:port]", default EndpointDefault: no path,
	// query or user info; plain http only to a loopback host or with
	// AllowInsecureHTTP.
	Endpoint    string
	Credentials Credentials
	// Region, Zone and ProjectID are sent when a call leaves them empty.
	// Region and Zone are DNS labels ("cn-bj2", "cn-bj2-04"); ProjectID is
	// 1–128 bytes of A-Z a-z 0-9 - _ . (UCloud publishes no fixed region
	// list, so only the form is checked).
	Region, Zone, ProjectID string
	HTTPClient              doer.Doer     // default: pipeline.DefaultHTTPClient
	Retry                   *retry.Policy // default retry.Default
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

// Endpoint returns the checked base URL of cfg (EndpointDefault when empty).
func Endpoint(cfg Config) (string, error) {
	if cfg.Endpoint == "" {
		return EndpointDefault, nil
	}
	return cfgcheck.Endpoint("ucloud", "Config.Endpoint", cfg.Endpoint, cfg.AllowInsecureHTTP)
}

// checkDefaults validates the Region, Zone and ProjectID defaults.
func checkDefaults(cfg Config) error {
	if cfg.Region != "" {
		if err := cfgcheck.Label("ucloud", "Config.Region", cfg.Region); err != nil {
			return err
		}
	}
	if cfg.Zone != "" {
		if err := cfgcheck.Label("ucloud", "Config.Zone", cfg.Zone); err != nil {
			return err
		}
	}
	if cfg.ProjectID != "" {
		return cfgcheck.Identifier("ucloud", "Config.ProjectID", cfg.ProjectID)
	}
	return nil
}

// ErrorDecoder reads UCloud's envelope: success is RetCode 0.
var ErrorDecoder = apierror.Envelope{Vendor: "ucloud", CodeField: "RetCode", Success: `0`, MessageField: "Message"}

// Doer returns the request chain for cfg.
func Doer(cfg Config) (doer.Doer, error) {
	if err := checkDefaults(cfg); err != nil {
		return nil, err
	}
	var opts []ucsigner.Option
	if cfg.Region != "" {
		opts = append(opts, ucsigner.WithRegion(cfg.Region))
	}
	if cfg.Zone != "" {
		opts = append(opts, ucsigner.WithZone(cfg.Zone))
	}
	if cfg.ProjectID != "" {
		opts = append(opts, ucsigner.WithProjectID(cfg.ProjectID))
	}
	s, err := ucsigner.New(cfg.Credentials, opts...)
	if err != nil {
		return nil, err
	}
	return pipeline.New(pipeline.Config{Send: cfg.HTTPClient, Retry: cfg.Retry, Signer: s, Errors: ErrorDecoder, RPC: true, MaxResponseBytes: cfg.MaxResponseBytes, Logger: cfg.Logger, Middleware: cfg.Middleware})
}

// NewURedis returns the typed URedis client (gen/ucloud/uredis).
//
// It builds nothing and sends nothing when cfg is refused, and returns
// (errors.As for the typed ones):
//   - a *ConfigError naming the field, for Endpoint, Region, Zone and ProjectID;
//   - an error naming the missing credential (Credentials.PublicKey and PrivateKey);
//   - an error naming Config.Retry for an invalid policy (a negative
//     MaxAttempts or delay), and one naming Config.MaxResponseBytes when it
//     is negative.
//
// Any later failure is a call's, never the constructor's.
func NewURedis(cfg Config) (*uredis.ClientWithResponses, error) {
	ep, err := Endpoint(cfg)
	if err != nil {
		return nil, err
	}
	d, err := Doer(cfg)
	if err != nil {
		return nil, err
	}
	c, err := uredis.NewClientWithResponses(ep, uredis.WithHTTPClient(d))
	if err != nil {
		return nil, fmt.Errorf("ucloud: endpoint %q: %w", ep, err)
	}
	return c, nil
}

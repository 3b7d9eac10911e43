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

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
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

// Credentials are a UCloud key pair; formatting them never prints the private key.
type Credentials = ucsigner.Credentials

// CredentialsFromEnv reads UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY (and
// UCLOUD_SECURITY_TOKEN when set).
func CredentialsFromEnv() (Credentials, error) { return ucsigner.CredentialsFromEnv() }

// Config configures a client. Only Credentials is required.
type Config struct {
	Endpoint    string // default EndpointDefault
	Credentials Credentials
	// Region, Zone and ProjectID are sent when a call leaves them empty.
	Region, Zone, ProjectID string
	HTTPClient              doer.Doer     // default: pipeline.DefaultHTTPClient
	Retry                   *retry.Policy // default retry.Default
	// MaxResponseBytes bounds every response body in bytes; a longer one
	// fails the call with an *apierror.Error wrapping *payload.TooLargeError.
	// 0: payload.DefaultMaxBytes (32 MiB); negative: a construction error.
	MaxResponseBytes int64
}

// ErrorDecoder reads UCloud's envelope: success is RetCode 0.
var ErrorDecoder = apierror.Envelope{Vendor: "ucloud", CodeField: "RetCode", Success: `0`, MessageField: "Message"}

// Doer returns the request chain for cfg.
func Doer(cfg Config) (doer.Doer, error) {
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
	return pipeline.New(pipeline.Config{Send: cfg.HTTPClient, Retry: cfg.Retry, Signer: s, Errors: ErrorDecoder, RPC: true, MaxResponseBytes: cfg.MaxResponseBytes})
}

// NewURedis returns the typed URedis client (gen/ucloud/uredis).
func NewURedis(cfg Config) (*uredis.ClientWithResponses, error) {
	d, err := Doer(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = EndpointDefault
	}
	c, err := uredis.NewClientWithResponses(cfg.Endpoint, uredis.WithHTTPClient(d))
	if err != nil {
		return nil, fmt.Errorf("ucloud: endpoint %q: %w", cfg.Endpoint, err)
	}
	return c, nil
}

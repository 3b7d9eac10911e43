// Package huaweicloud builds ready clients for Huawei Cloud DCS: the
// generated typed client, bound to one project, sending through the chain
//
//	retry → sign (AK/SK or token) → typed errors → send
//
// Every call is signed afresh on every attempt; an error status comes back as
// an *apierror.Error whose Code (e.g. "DCS.4001") ErrorInfo explains with the
// document's meaning and handling.
//
//	c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Region: "cn-north-4", Credentials: creds})
//	if err != nil {
//		return err
//	}
//	out, err := c.ListInstances(ctx, &dcsv2.ListInstancesParams{})
//	if info, ok := huaweicloud.ErrorInfo(err); ok {
//		return fmt.Errorf("%s: %s (what to do: %s): %w", info.Code, info.Description, info.Handling, err)
//	} else if err != nil {
//		return err
//	}
//	fmt.Println(*out.JSON200.InstanceNum, "instances")
//
// NewDCSV2 and NewDCSV1 return the *ProjectClient of gen/huaweicloud/dcsv2
// and gen/huaweicloud/dcsv1, whose package docs list the operations by
// section of the API reference (seed 003, chapters 4 and 5), and whose
// methods cite their section. Code that calls them can take a dcsv2.API
// (dcsv1.API), the interface *ProjectClient implements, so its tests can pass
// a fake; or the tests can point the real client at fake.NewDCSV2 (package
// github.com/cachesdk/cachesdk/fake).
package huaweicloud

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud/dcserrors"
	"github.com/cachesdk/cachesdk/internal/cfgcheck"
	"github.com/cachesdk/cachesdk/pipeline"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/signer"
	hwsigner "github.com/cachesdk/cachesdk/signer/huaweicloud"
)

// Credentials are an AK/SK pair (and the project id). SecretKey and
// SecurityToken are secret.String: no printer (fmt, json, slog) shows them.
type Credentials = hwsigner.Credentials

// ConfigError is the error of a Config field refused at construction
// (errors.As): Field names it ("Config.Region"), Reason says why.
type ConfigError = cfgcheck.Error

// Regions are the region ids with a DCS endpoint
// https://dcs.{region}.myhuaweicloud.com, as listed by Huawei's Go SDK
// (github.com/huaweicloud/huaweicloud-sdk-go-v3 v0.1.207,
// services/dcs/v2/region/region.go). A region newer than this list needs
// Config.AllowUnknownRegion or an explicit Config.Endpoint.
var Regions = []string{
	"af-south-1", "ae-ad-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
	"ap-southeast-5", "cn-east-2", "cn-east-3", "cn-east-4", "cn-east-5", "cn-north-1", "cn-north-12",
	"cn-north-2", "cn-north-4", "cn-north-9", "cn-south-1", "cn-south-2", "cn-southwest-2", "eu-west-0",
	"eu-west-101", "la-north-2", "la-south-2", "me-east-1", "my-kualalumpur-1", "na-mexico-1",
	"ru-moscow-1", "ru-northwest-2", "sa-brazil-1", "tr-west-1",
}

// CredentialsFromEnv reads HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and
// HUAWEICLOUD_SDK_PROJECT_ID.
func CredentialsFromEnv() (Credentials, error) { return hwsigner.CredentialsFromEnv() }

// Config configures a client: Region or Endpoint, AK/SK Credentials or a
// Token, and the project. NewDCSV2 and NewDCSV1 check it before anything is
// sent and return a *ConfigError naming the field:
//
//   - Region is a DNS label and one of Regions (AllowUnknownRegion admits a
//     newer one); it selects https://dcs.{Region}.myhuaweicloud.com.
//   - Endpoint, when set, replaces Region: "https://host[:port]" with no
//     path, query or user info (the client adds /v2/{project_id}/…); plain
//     http only to a loopback host or with AllowInsecureHTTP.
//   - The project id is Config.ProjectID when set, else
//     Credentials.ProjectID: the one value fills {project_id} in the path and
//     (AK/SK) the X-Project-Id header. It is 1–128 bytes of A-Z a-z 0-9 - _ .
//     and neither "." nor "..".
type Config struct {
	Region      string // e.g. "cn-north-4": https://dcs.{region}.myhuaweicloud.com
	Endpoint    string // "https://host[:port]"; overrides Region
	Credentials Credentials
	// Token is an IAM project-scoped token, used instead of Credentials:
	// huaweicloud.Config{Token: secret.New(tok), ProjectID: …}.
	Token      secret.String
	ProjectID  string    // the project, for path and header; default Credentials.ProjectID
	HTTPClient doer.Doer // default pipeline.DefaultHTTPClient
	Retry      *retry.Policy
	// AllowUnknownRegion admits a Region that is a DNS label but not in Regions.
	AllowUnknownRegion bool
	// AllowInsecureHTTP admits an http:// Endpoint to a host that is not
	// loopback (credentials and bodies then cross the network in clear).
	AllowInsecureHTTP bool
	// MaxResponseBytes bounds every response body in bytes; a longer one
	// fails the call with an *apierror.Error wrapping *payload.TooLargeError.
	// 0: payload.DefaultMaxBytes (32 MiB); negative: a construction error.
	MaxResponseBytes int64
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

// ErrorDecoder reads Huawei's error body on any non-2xx status.
var ErrorDecoder = apierror.Status{Vendor: "huaweicloud", CodeField: "error_code", MessageField: "error_msg", RequestIDHdr: "X-Request-Id"}

// ErrorInfo returns the documented meaning and handling of err's code.
func ErrorInfo(err error) (dcserrors.Info, bool) {
	var e *apierror.Error
	if !errors.As(err, &e) {
		return dcserrors.Info{}, false
	}
	return dcserrors.Lookup(e.Code)
}

// ProjectID is the project of cfg, the one rule for the path and the
// header: Config.ProjectID when set, else Credentials.ProjectID. It is
// checked as an id (a *ConfigError naming the field that gave it).
func ProjectID(cfg Config) (string, error) {
	field, project := "Config.ProjectID", cfg.ProjectID
	if project == "" {
		field, project = "Config.Credentials.ProjectID", cfg.Credentials.ProjectID
	}
	if project == "" {
		return "", &ConfigError{Vendor: "huaweicloud", Field: "Config.ProjectID", Reason: "is empty (set it, or Credentials.ProjectID)"}
	}
	if err := cfgcheck.Identifier("huaweicloud", field, project); err != nil {
		return "", err
	}
	return project, nil
}

// Doer returns the request chain for cfg. With AK/SK, X-Project-Id carries
// ProjectID(cfg) when one is set.
func Doer(cfg Config) (doer.Doer, error) {
	var s signer.Signer
	var err error
	if !cfg.Token.IsZero() {
		s, err = hwsigner.NewToken(cfg.Token)
	} else {
		creds := cfg.Credentials
		if cfg.ProjectID != "" || creds.ProjectID != "" {
			if creds.ProjectID, err = ProjectID(cfg); err != nil {
				return nil, err
			}
		}
		s, err = hwsigner.NewAKSK(creds)
	}
	if err != nil {
		return nil, err
	}
	return pipeline.New(pipeline.Config{Send: cfg.HTTPClient, Retry: cfg.Retry, Signer: s, Errors: ErrorDecoder, MaxResponseBytes: cfg.MaxResponseBytes, Logger: cfg.Logger, Middleware: cfg.Middleware})
}

// Endpoint returns the base URL cfg sends to: the checked Endpoint, else
// the endpoint of the checked Region.
func Endpoint(cfg Config) (string, error) {
	if cfg.Region != "" && cfg.Endpoint == "" {
		if err := cfgcheck.Region("huaweicloud", "Config.Region", cfg.Region, Regions, cfg.AllowUnknownRegion); err != nil {
			return "", err
		}
		return "https://dcs." + cfg.Region + ".myhuaweicloud.com", nil
	}
	if cfg.Region != "" { // not used, but a malformed one is a mistake worth reporting
		if err := cfgcheck.Label("huaweicloud", "Config.Region", cfg.Region); err != nil {
			return "", err
		}
	}
	if cfg.Endpoint == "" {
		return "", &ConfigError{Vendor: "huaweicloud", Field: "Config.Region", Reason: "is empty (set Region, e.g. \"cn-north-4\", or Endpoint)"}
	}
	return cfgcheck.Endpoint("huaweicloud", "Config.Endpoint", cfg.Endpoint, cfg.AllowInsecureHTTP)
}

// prepare resolves the endpoint, the project id and the chain of cfg.
func prepare(cfg Config) (endpointURL, project string, d doer.Doer, err error) {
	if endpointURL, err = Endpoint(cfg); err != nil {
		return "", "", nil, err
	}
	if project, err = ProjectID(cfg); err != nil {
		return "", "", nil, err
	}
	d, err = Doer(cfg)
	return endpointURL, project, d, err
}

// NewDCSV2 returns the DCS API V2 client bound to the project.
//
// It builds nothing and sends nothing when cfg is refused, and returns
// (errors.As for the typed ones):
//   - a *ConfigError naming the field, for Region, Endpoint, ProjectID (or Credentials.ProjectID);
//   - an error naming the missing credential (Credentials.AccessKey and SecretKey, unless Token is set);
//   - an error naming Config.Retry for an invalid policy (a negative
//     MaxAttempts or delay), and one naming Config.MaxResponseBytes when it
//     is negative.
//
// Any later failure is a call's, never the constructor's.
func NewDCSV2(cfg Config) (*dcsv2.ProjectClient, error) {
	ep, project, d, err := prepare(cfg)
	if err != nil {
		return nil, err
	}
	c, err := dcsv2.NewClientWithResponses(ep, dcsv2.WithHTTPClient(d))
	if err != nil {
		return nil, fmt.Errorf("huaweicloud: endpoint %q: %w", ep, err)
	}
	return dcsv2.NewProjectClient(c, project), nil
}

// NewDCSV1 returns the legacy DCS API V1 client bound to the project. Prefer
// V2: V1 is kept for instances and scripts that still use it (README).
//
// It builds nothing and sends nothing when cfg is refused, and returns
// (errors.As for the typed ones):
//   - a *ConfigError naming the field, for Region, Endpoint, ProjectID (or Credentials.ProjectID);
//   - an error naming the missing credential (Credentials.AccessKey and SecretKey, unless Token is set);
//   - an error naming Config.Retry for an invalid policy (a negative
//     MaxAttempts or delay), and one naming Config.MaxResponseBytes when it
//     is negative.
//
// Any later failure is a call's, never the constructor's.
func NewDCSV1(cfg Config) (*dcsv1.ProjectClient, error) {
	ep, project, d, err := prepare(cfg)
	if err != nil {
		return nil, err
	}
	c, err := dcsv1.NewClientWithResponses(ep, dcsv1.WithHTTPClient(d))
	if err != nil {
		return nil, fmt.Errorf("huaweicloud: endpoint %q: %w", ep, err)
	}
	return dcsv1.NewProjectClient(c, project), nil
}

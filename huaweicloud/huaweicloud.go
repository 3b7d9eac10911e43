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

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud/dcserrors"
	"github.com/cachesdk/cachesdk/pipeline"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/signer"
	hwsigner "github.com/cachesdk/cachesdk/signer/huaweicloud"
)

// Credentials are an AK/SK pair (and the project id); formatting them never
// prints the secret.
type Credentials = hwsigner.Credentials

// CredentialsFromEnv reads HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and
// HUAWEICLOUD_SDK_PROJECT_ID.
func CredentialsFromEnv() (Credentials, error) { return hwsigner.CredentialsFromEnv() }

// Config configures a client: Region or Endpoint, and AK/SK Credentials or a Token.
type Config struct {
	Region      string // e.g. "cn-north-4": https://dcs.{region}.myhuaweicloud.com
	Endpoint    string // any base URL; overrides Region
	Credentials Credentials
	Token       string    // an IAM project-scoped token, used instead of Credentials
	ProjectID   string    // fills {project_id}; default Credentials.ProjectID
	HTTPClient  doer.Doer // default pipeline.DefaultHTTPClient
	Retry       *retry.Policy
	// MaxResponseBytes bounds every response body in bytes; a longer one
	// fails the call with an *apierror.Error wrapping *payload.TooLargeError.
	// 0: payload.DefaultMaxBytes (32 MiB); negative: a construction error.
	MaxResponseBytes int64
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

// Doer returns the request chain for cfg.
func Doer(cfg Config) (doer.Doer, error) {
	var s signer.Signer
	var err error
	if cfg.Token != "" {
		s, err = hwsigner.NewToken(cfg.Token)
	} else {
		creds := cfg.Credentials
		if creds.ProjectID == "" {
			creds.ProjectID = cfg.ProjectID
		}
		s, err = hwsigner.NewAKSK(creds)
	}
	if err != nil {
		return nil, err
	}
	return pipeline.New(pipeline.Config{Send: cfg.HTTPClient, Retry: cfg.Retry, Signer: s, Errors: ErrorDecoder, MaxResponseBytes: cfg.MaxResponseBytes})
}

func endpoint(cfg Config) (string, error) {
	switch {
	case cfg.Endpoint != "":
		return cfg.Endpoint, nil
	case cfg.Region != "":
		return "https://dcs." + cfg.Region + ".myhuaweicloud.com", nil
	}
	return "", errors.New("huaweicloud: Config needs a Region or an Endpoint")
}

// prepare resolves the endpoint, the project id and the chain of cfg.
func prepare(cfg Config) (endpointURL, project string, d doer.Doer, err error) {
	if endpointURL, err = endpoint(cfg); err != nil {
		return "", "", nil, err
	}
	project = cfg.ProjectID
	if project == "" {
		project = cfg.Credentials.ProjectID
	}
	if project == "" {
		return "", "", nil, errors.New("huaweicloud: Config needs a ProjectID (or Credentials.ProjectID)")
	}
	d, err = Doer(cfg)
	return endpointURL, project, d, err
}

// NewDCSV2 returns the DCS API V2 client bound to the project.
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

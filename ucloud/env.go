package ucloud

import (
	"errors"
	"fmt"
	"os"
)

// The environment variables ConfigFromEnv reads: the names UCloud's own Go
// SDK and CLI use (github.com/ucloud/ucloud-sdk-go external/env.go).
const (
	EnvRegion    = "UCLOUD_REGION"
	EnvZone      = "UCLOUD_ZONE"
	EnvProjectID = "UCLOUD_PROJECT_ID"
	EnvBaseURL   = "UCLOUD_API_BASE_URL"
)

// ConfigFromEnv returns a Config from the environment: the key pair
// (UCLOUD_PUBLIC_KEY, UCLOUD_PRIVATE_KEY and, for temporary credentials,
// UCLOUD_SECURITY_TOKEN), the Region (UCLOUD_REGION, required: every
// URedis call sends one), Zone and ProjectID defaults (UCLOUD_ZONE,
// UCLOUD_PROJECT_ID) and the Endpoint (UCLOUD_API_BASE_URL, default
// EndpointDefault). The error names every missing variable; the values are
// checked by NewURedis.
func ConfigFromEnv() (Config, error) {
	creds, err := CredentialsFromEnv()
	cfg := Config{
		Credentials: creds,
		Region:      os.Getenv(EnvRegion),
		Zone:        os.Getenv(EnvZone),
		ProjectID:   os.Getenv(EnvProjectID),
		Endpoint:    os.Getenv(EnvBaseURL),
	}
	if cfg.Region == "" {
		err = errors.Join(err, fmt.Errorf("ucloud: environment variable %s is not set", EnvRegion))
	}
	return cfg, err
}

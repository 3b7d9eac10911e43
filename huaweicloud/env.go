package huaweicloud

import (
	"errors"
	"fmt"
	"os"
	"strings"

	hwsigner "github.com/cachesdk/cachesdk/signer/huaweicloud"
)

// EnvRegion is the environment variable ConfigFromEnv reads the region
// from: the name of Huawei's Terraform provider
// (huaweicloud/terraform-provider-huaweicloud, HW_REGION_NAME); Huawei's Go
// SDK has no region variable, only endpoint overrides
// (HUAWEICLOUD_SDK_REGION_DCS_<REGION>, read here too).
const EnvRegion = "HW_REGION_NAME"

// ConfigFromEnv returns a Config from the environment, with the names of
// Huawei's Go SDK: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
// HUAWEICLOUD_SDK_PROJECT_ID (required: the clients are bound to a project)
// and, for temporary AK/SK, HUAWEICLOUD_SDK_SECURITY_TOKEN; the Region from
// HW_REGION_NAME (required), and an Endpoint from
// HUAWEICLOUD_SDK_REGION_DCS_<REGION> (the region upper-cased, '-' as '_')
// when that is set. The error names every missing variable; the values are
// checked by NewDCSV2 and NewDCSV1.
func ConfigFromEnv() (Config, error) {
	creds, err := CredentialsFromEnv()
	cfg := Config{Credentials: creds, Region: os.Getenv(EnvRegion)}
	if creds.ProjectID == "" {
		err = errors.Join(err, fmt.Errorf("huaweicloud: environment variable %s is not set", hwsigner.EnvProjectID))
	}
	if cfg.Region == "" {
		err = errors.Join(err, fmt.Errorf("huaweicloud: environment variable %s is not set", EnvRegion))
	} else if ep := os.Getenv(endpointVar(cfg.Region)); ep != "" {
		cfg.Endpoint, _, _ = strings.Cut(ep, ",") // the SDK allows a list: the first
	}
	return cfg, err
}

func endpointVar(region string) string {
	b := []byte("HUAWEICLOUD_SDK_REGION_DCS_" + region)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c == '-':
			b[i] = '_'
		}
	}
	return string(b)
}

package huaweicloud

import (
	"errors"
	"fmt"
	"os"

	"github.com/cachesdk/cachesdk/secret"
)

// Environment variables read by CredentialsFromEnv: the names Huawei Cloud's
// own SDKs read.
const (
	EnvAccessKey     = "HUAWEICLOUD_SDK_AK"
	EnvSecretKey     = "HUAWEICLOUD_SDK_SK"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
)

// Credentials are a Huawei Cloud AK/SK pair. SecretKey and SecurityToken are
// secret.String: fmt (every verb), encoding/json, slog and gob show
// "[redacted]" for them; the access key and project id are shown.
//
//	huaweicloud.Credentials{AccessKey: "AK…", SecretKey: secret.New(sk), ProjectID: "0a1b…"}
type Credentials struct {
	AccessKey string
	SecretKey secret.String
	// ProjectID, when set, is sent as X-Project-Id (project-scoped AK/SK).
	// The client constructors of package huaweicloud replace it with
	// Config.ProjectID when that is set (one project for path and header).
	ProjectID string
	// SecurityToken comes with temporary AK/SK and is sent as X-Security-Token.
	SecurityToken secret.String
}

// CredentialsFromEnv reads HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK
// (required) and HUAWEICLOUD_SDK_PROJECT_ID and
// HUAWEICLOUD_SDK_SECURITY_TOKEN (optional). Errors name the missing
// variables, never a value.
func CredentialsFromEnv() (Credentials, error) {
	c := Credentials{
		AccessKey:     os.Getenv(EnvAccessKey),
		SecretKey:     secret.New(os.Getenv(EnvSecretKey)),
		ProjectID:     os.Getenv(EnvProjectID),
		SecurityToken: secret.New(os.Getenv(EnvSecurityToken)),
	}
	var missing []error
	if c.AccessKey == "" {
		missing = append(missing, fmt.Errorf("huaweicloud: environment variable %s is not set", EnvAccessKey))
	}
	if c.SecretKey.IsZero() {
		missing = append(missing, fmt.Errorf("huaweicloud: environment variable %s is not set", EnvSecretKey))
	}
	return c, errors.Join(missing...)
}

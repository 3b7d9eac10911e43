package huaweicloud

import (
	"errors"
	"fmt"
	"os"
)

// Environment variables read by CredentialsFromEnv: the names Huawei Cloud's
// own SDKs read.
const (
	EnvAccessKey     = "HUAWEICLOUD_SDK_AK"
	EnvSecretKey     = "HUAWEICLOUD_SDK_SK"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
)

// Credentials are a Huawei Cloud AK/SK pair. Formatting them with fmt (any
// verb) never prints the secret key or the security token.
type Credentials struct {
	AccessKey string
	SecretKey string
	// ProjectID, when set, is sent as X-Project-Id (project-scoped AK/SK).
	ProjectID string
	// SecurityToken comes with temporary AK/SK and is sent as X-Security-Token.
	SecurityToken string
}

// CredentialsFromEnv reads HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK
// (required) and HUAWEICLOUD_SDK_PROJECT_ID and
// HUAWEICLOUD_SDK_SECURITY_TOKEN (optional). Errors name the missing
// variables, never a value.
func CredentialsFromEnv() (Credentials, error) {
	c := Credentials{
		AccessKey:     os.Getenv(EnvAccessKey),
		SecretKey:     os.Getenv(EnvSecretKey),
		ProjectID:     os.Getenv(EnvProjectID),
		SecurityToken: os.Getenv(EnvSecurityToken),
	}
	var missing []error
	if c.AccessKey == "" {
		missing = append(missing, fmt.Errorf("huaweicloud: environment variable %s is not set", EnvAccessKey))
	}
	if c.SecretKey == "" {
		missing = append(missing, fmt.Errorf("huaweicloud: environment variable %s is not set", EnvSecretKey))
	}
	return c, errors.Join(missing...)
}

// String shows the access key and project only.
func (c Credentials) String() string {
	s := "huaweicloud.Credentials{AccessKey:" + c.AccessKey + " SecretKey:<redacted>"
	if c.ProjectID != "" {
		s += " ProjectID:" + c.ProjectID
	}
	if c.SecurityToken != "" {
		s += " SecurityToken:<redacted>"
	}
	return s + "}"
}

// GoString keeps %#v from printing the secret.
func (c Credentials) GoString() string { return c.String() }

// Format applies to every verb, so no verb prints the secret.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

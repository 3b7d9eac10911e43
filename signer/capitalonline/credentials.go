package capitalonline

import (
	"errors"
	"fmt"
	"os"

	"github.com/cachesdk/cachesdk/secret"
)

// Environment variables read by CredentialsFromEnv: the names CapitalOnline's
// own SDKs and Terraform provider use.
const (
	EnvAccessKeyID = "CDS_SECRET_ID"
	EnvSecretKey   = "CDS_SECRET_KEY"
)

// Credentials are a CapitalOnline access key pair. The secret key is a
// secret.String: fmt (every verb), encoding/json, slog and gob show
// "[redacted]" for it; the access key id is shown.
//
//	capitalonline.Credentials{AccessKeyID: "AK…", SecretKey: secret.New(sk)}
type Credentials struct {
	AccessKeyID string
	SecretKey   secret.String
}

// CredentialsFromEnv reads CDS_SECRET_ID and CDS_SECRET_KEY. Errors name the
// missing variables, never a value.
func CredentialsFromEnv() (Credentials, error) {
	c := Credentials{AccessKeyID: os.Getenv(EnvAccessKeyID), SecretKey: secret.New(os.Getenv(EnvSecretKey))}
	var missing []error
	if c.AccessKeyID == "" {
		missing = append(missing, fmt.Errorf("capitalonline: environment variable %s is not set", EnvAccessKeyID))
	}
	if c.SecretKey.IsZero() {
		missing = append(missing, fmt.Errorf("capitalonline: environment variable %s is not set", EnvSecretKey))
	}
	return c, errors.Join(missing...)
}

package capitalonline

import (
	"errors"
	"fmt"
	"os"
)

// Environment variables read by CredentialsFromEnv: the names CapitalOnline's
// own SDKs and Terraform provider use.
const (
	EnvAccessKeyID = "CDS_SECRET_ID"
	EnvSecretKey   = "CDS_SECRET_KEY"
)

// Credentials are a CapitalOnline access key pair. Formatting them with fmt
// (%v, %+v, %#v, %s) never prints the secret.
type Credentials struct {
	AccessKeyID string
	SecretKey   string
}

// CredentialsFromEnv reads CDS_SECRET_ID and CDS_SECRET_KEY.
func CredentialsFromEnv() (Credentials, error) {
	c := Credentials{AccessKeyID: os.Getenv(EnvAccessKeyID), SecretKey: os.Getenv(EnvSecretKey)}
	var missing []error
	if c.AccessKeyID == "" {
		missing = append(missing, fmt.Errorf("capitalonline: environment variable %s is not set", EnvAccessKeyID))
	}
	if c.SecretKey == "" {
		missing = append(missing, fmt.Errorf("capitalonline: environment variable %s is not set", EnvSecretKey))
	}
	return c, errors.Join(missing...)
}

// String shows the access key id only.
func (c Credentials) String() string {
	return "capitalonline.Credentials{AccessKeyID:" + c.AccessKeyID + " SecretKey:<redacted>}"
}

// GoString keeps %#v from printing the secret.
func (c Credentials) GoString() string { return c.String() }

// Format applies to every verb, so no verb prints the secret.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

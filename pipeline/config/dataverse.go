package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// The crm section holds either the five CSV exports or one dataverse
// entry, which reads all five through the Dataverse Web API:
//
//	crm:
//	  dataverse:
//	    url: https://contoso.crm.dynamics.com   # the organisation, https
//	    tenant_id_env: C360_DATAVERSE_TENANT    # env vars; all three required
//	    client_id_env: C360_DATAVERSE_CLIENT_ID
//	    client_secret_env: C360_DATAVERSE_SECRET
//	    token_url: https://login.microsoftonline.com/TENANT/oauth2/v2.0/token  # default from the tenant
//	    api_version: v9.2                       # default
//	    page_size: 5000                         # Prefer: odata.maxpagesize (1 to 5000)
//	    entity_sets:                            # defaults; tech_checks is a custom table
//	      accounts: accounts
//	      deals: opportunities
//	      tech_checks: contoso_techchecks
//	      leads: leads
//	      activities: activitypointers
//	    columns:                                # export column -> Web API property, where they differ
//	      tech_checks: {techcheckid: contoso_techcheckid}
//
// Columns default to the export's header names, with lookups read from
// their _name_value properties (see package dataverse).

// DefaultDataverseAPI and DefaultDataversePageSize are the dataverse defaults.
const (
	DefaultDataverseAPI      = "v9.2"
	DefaultDataversePageSize = 5000
)

// Dataverse is the crm section's Web API source. The client secret is read
// from the environment at load time and kept in an unexported field;
// String, GoString, LogValue and MarshalJSON never show it.
type Dataverse struct {
	// URL is the organisation, https://ORG.crm.dynamics.com, without a
	// trailing slash.
	URL string
	// TenantIDEnv, ClientIDEnv and ClientSecretEnv name the environment
	// variables the values were read from, for messages.
	TenantIDEnv, ClientIDEnv, ClientSecretEnv string
	// TokenURL is the OAuth 2.0 token endpoint; default Microsoft Entra
	// ID's for the tenant.
	TokenURL string
	// APIVersion is the Web API version in the path; default v9.2.
	APIVersion string
	// PageSize is sent as Prefer: odata.maxpagesize; default 5000.
	PageSize int
	// EntitySets maps each CRM export to its entity set (DefaultEntitySets,
	// with the config's entity_sets on top).
	EntitySets map[string]string
	// Columns maps, per export, a column header to the Web API property
	// it is read from, where it is not the default (see package dataverse).
	Columns map[string]map[string]string

	tenantID, clientID, clientSecret string
}

// TenantID returns the directory (tenant) id read from TenantIDEnv.
func (d *Dataverse) TenantID() string { return d.tenantID }

// ClientID returns the application (client) id read from ClientIDEnv.
func (d *Dataverse) ClientID() string { return d.clientID }

// ClientSecret returns the secret read from ClientSecretEnv. It is a
// secret: never log it.
func (d *Dataverse) ClientSecret() string { return d.clientSecret }

// String describes the source without its secret.
func (d *Dataverse) String() string {
	return fmt.Sprintf("dataverse %s (client %s, secret from $%s)", d.URL, d.clientID, d.ClientSecretEnv)
}

// GoString is String, so that %#v does not print the secret either.
func (d *Dataverse) GoString() string { return "config.Dataverse{" + d.String() + "}" }

// LogValue implements slog.LogValuer: the source without its secret.
func (d *Dataverse) LogValue() slog.Value {
	return slog.GroupValue(slog.String("url", d.URL), slog.String("client_id", d.clientID),
		slog.String("client_secret_env", d.ClientSecretEnv))
}

// MarshalJSON encodes the source without its secret.
func (d *Dataverse) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		URL             string            `json:"url"`
		TokenURL        string            `json:"token_url"`
		ClientSecretEnv string            `json:"client_secret_env"`
		EntitySets      map[string]string `json:"entity_sets"`
	}{d.URL, redactURL(d.TokenURL), d.ClientSecretEnv, d.EntitySets})
}

// dataverseDoc is the dataverse entry as written.
type dataverseDoc struct {
	URL             text                       `yaml:"url"`
	TenantIDEnv     text                       `yaml:"tenant_id_env"`
	ClientIDEnv     text                       `yaml:"client_id_env"`
	ClientSecretEnv text                       `yaml:"client_secret_env"`
	TokenURL        text                       `yaml:"token_url"`
	APIVersion      text                       `yaml:"api_version"`
	PageSize        count                      `yaml:"page_size"`
	EntitySets      map[string]text            `yaml:"entity_sets"`
	Columns         map[string]map[string]text `yaml:"columns"`
}

// crmDoc is the crm section as written: the CSV exports by name, or the
// dataverse entry.
type crmDoc struct {
	exports   map[string]sourceDoc
	dataverse *dataverseDoc
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (c *crmDoc) UnmarshalYAML(n ast.Node) error {
	out := crmDoc{exports: make(map[string]sourceDoc)}
	for _, e := range entries(n) {
		key := e.Key.GetToken().Value
		if key == "dataverse" {
			var d dataverseDoc
			if err := yaml.NodeToValue(e.Value, &d, yaml.Strict()); err != nil {
				return err
			}
			out.dataverse = &d
			continue
		}
		var s sourceDoc
		if err := yaml.NodeToValue(e.Value, &s, yaml.Strict()); err != nil {
			return err
		}
		out.exports[key] = s
	}
	*c = out
	return nil
}

// crm builds the crm section into cfg.CRM or cfg.Dataverse.
func (b builder) crm(cfg *Config, doc crmDoc) error {
	if doc.dataverse == nil {
		var err error
		cfg.CRM, err = b.sources("crm", doc.exports, crmExports(), false)
		return err
	}
	section := entry(b.root, "crm")
	for _, e := range entries(section.Value) {
		if key := e.Key.GetToken().Value; key != "dataverse" {
			return errorAt(e.Key, "crm: %q cannot be given with dataverse, which reads all five exports", key)
		}
	}
	d, err := buildDataverse(entry(section.Value, "dataverse"), *doc.dataverse, b.env)
	if err != nil {
		return err
	}
	cfg.Dataverse = d
	return nil
}

// buildDataverse checks the dataverse entry and reads its secrets.
func buildDataverse(key *ast.MappingValueNode, doc dataverseDoc, env func(string) (string, bool)) (*Dataverse, error) {
	if !doc.URL.set() {
		return nil, errorAt(key.Key, "dataverse needs url (https://ORG.crm.dynamics.com)")
	}
	u, err := url.Parse(strings.TrimSpace(doc.URL.value))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.User != nil {
		return nil, errorAt(doc.URL.node, "dataverse url %q: want https://ORG.crm.dynamics.com", doc.URL.value)
	}
	d := &Dataverse{URL: strings.TrimRight(u.String(), "/"), APIVersion: DefaultDataverseAPI, PageSize: DefaultDataversePageSize,
		EntitySets: DefaultEntitySets(), Columns: make(map[string]map[string]string)}
	for _, s := range []struct {
		v          text
		key        string
		name, dest *string
	}{
		{doc.TenantIDEnv, "tenant_id_env", &d.TenantIDEnv, &d.tenantID},
		{doc.ClientIDEnv, "client_id_env", &d.ClientIDEnv, &d.clientID},
		{doc.ClientSecretEnv, "client_secret_env", &d.ClientSecretEnv, &d.clientSecret},
	} {
		if !s.v.set() {
			return nil, errorAt(key.Key, "dataverse needs %s", s.key)
		}
		if *s.name, *s.dest, err = secret(s.v, s.key, "", env); err != nil {
			return nil, err
		}
	}
	d.TokenURL = "https://login.microsoftonline.com/" + url.PathEscape(d.tenantID) + "/oauth2/v2.0/token"
	if doc.TokenURL.set() {
		t, err := url.Parse(doc.TokenURL.value)
		if err != nil || t.Host == "" || (t.Scheme != "https" && t.Scheme != "http") {
			return nil, errorAt(doc.TokenURL.node, "token_url %q is not an http(s) URL", doc.TokenURL.value)
		}
		d.TokenURL = doc.TokenURL.value
	}
	if doc.APIVersion.set() {
		d.APIVersion = strings.TrimSpace(doc.APIVersion.value)
	}
	if doc.PageSize.set() {
		if doc.PageSize.value < 1 || doc.PageSize.value > 5000 {
			return nil, errorAt(doc.PageSize.node, "page_size must be 1 to 5000 (Dataverse's largest page)")
		}
		d.PageSize = doc.PageSize.value
	}
	for name, set := range doc.EntitySets {
		if !slices.Contains(crmExports(), name) {
			return nil, errorAt(set.node, "entity_sets: unknown export %q (want %s)", name, strings.Join(crmExports(), ", "))
		}
		if !isEnvName(set.value) {
			return nil, errorAt(set.node, "entity set %q: want a name of letters, digits and _", set.value)
		}
		d.EntitySets[name] = set.value
	}
	for name, cols := range doc.Columns {
		if !slices.Contains(crmExports(), name) {
			return nil, errorAt(key.Key, "dataverse columns: unknown export %q (want %s)", name, strings.Join(crmExports(), ", "))
		}
		d.Columns[name] = make(map[string]string)
		for col, prop := range cols {
			if !isEnvName(prop.value) {
				return nil, errorAt(prop.node, "property %q: want a name of letters, digits and _", prop.value)
			}
			d.Columns[name][col] = prop.value
		}
	}
	return d, nil
}

// DefaultEntitySets maps each CRM export to its Dataverse entity set.
// tech_checks is Contoso's custom table; name yours in entity_sets.
func DefaultEntitySets() map[string]string {
	return map[string]string{
		"accounts": "accounts", "deals": "opportunities", "tech_checks": "contoso_techchecks",
		"leads": "leads", "activities": "activitypointers",
	}
}

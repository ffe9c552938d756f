package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const dataverseYAML = `crm:
  dataverse:
    url: https://contoso.crm.dynamics.com/
    tenant_id_env: DV_TENANT
    client_id_env: DV_CLIENT
    client_secret_env: DV_SECRET
    entity_sets: {tech_checks: cr7a1_techchecks}
    columns: {tech_checks: {techcheckid: cr7a1_techcheckid}}
`

var dataverseEnv = map[string]string{"DV_TENANT": "tenant-guid", "DV_CLIENT": "client-guid", "DV_SECRET": "very-secret-value"}

func TestDataverseSection(t *testing.T) {
	cfg, err := parse([]byte(minimal+dataverseYAML), "c360.yaml", "/etc/c360", envOf(dataverseEnv), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	d := cfg.Dataverse
	if d == nil || cfg.CRM != nil {
		t.Fatalf("dataverse %v, crm %v", d, cfg.CRM)
	}
	checks := []struct{ name, got, want string }{
		{"url", d.URL, "https://contoso.crm.dynamics.com"},
		{"token url", d.TokenURL, "https://login.microsoftonline.com/tenant-guid/oauth2/v2.0/token"},
		{"client", d.ClientID(), "client-guid"},
		{"secret", d.ClientSecret(), "very-secret-value"},
		{"tech checks set", d.EntitySets["tech_checks"], "cr7a1_techchecks"},
		{"deals set", d.EntitySets["deals"], "opportunities"},
		{"column", d.Columns["tech_checks"]["techcheckid"], "cr7a1_techcheckid"},
		{"api", d.APIVersion, "v9.2"},
		{"page size", fmt.Sprint(d.PageSize), "5000"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "dataverse", d)
	for _, shown := range []string{d.String(), fmt.Sprintf("%v %+v %#v", d, d, d), string(js), logged.String()} {
		if strings.Contains(shown, "very-secret-value") {
			t.Errorf("the secret shows in %s", shown)
		}
	}
}

func TestDataverseErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"with a CSV export", dataverseYAML + "  deals: {url: crm/deals.csv}\n",
			`c360.yaml:16:3: crm: "deals" cannot be given with dataverse, which reads all five exports`},
		{"no url", strings.Replace(dataverseYAML, "    url: https://contoso.crm.dynamics.com/\n", "", 1),
			`c360.yaml:9:3: dataverse needs url (https://ORG.crm.dynamics.com)`},
		{"bad url", strings.Replace(dataverseYAML, "https://contoso.crm.dynamics.com/", "contoso", 1),
			`c360.yaml:10:10: dataverse url "contoso": want https://ORG.crm.dynamics.com`},
		{"secret env unset", strings.Replace(dataverseYAML, "DV_SECRET", "DV_NOPE", 1),
			`c360.yaml:13:24: environment variable DV_NOPE (client_secret_env) is not set or empty`},
		{"no secret env", strings.Replace(dataverseYAML, "    client_secret_env: DV_SECRET\n", "", 1),
			`c360.yaml:9:3: dataverse needs client_secret_env`},
		{"unknown key", dataverseYAML + "    pagesize: 10\n", `c360.yaml:16:5: unknown key "pagesize"`},
		{"page too large", dataverseYAML + "    page_size: 10000\n", `c360.yaml:16:16: page_size must be 1 to 5000 (Dataverse's largest page)`},
		{"unknown export", strings.Replace(dataverseYAML, "{tech_checks: cr7a1", "{checks: cr7a1", 1),
			`c360.yaml:14:27: entity_sets: unknown export "checks" (want accounts, deals, tech_checks, leads, activities)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse([]byte(minimal+tc.yaml), "c360.yaml", "/etc/c360", envOf(dataverseEnv), fixedNow)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}

package config_test

import (
	"fmt"

	"github.com/contoso/c360/pipeline/config"
)

func ExampleParse() {
	data := []byte(`database: out/c360.duckdb
work_dir: out/work
as_of: 2026-11-27
sources:
  contacts: {url: https://aka.ms/CI-ILT/Contacts}
  loyalty:  {url: https://aka.ms/CI-ILT/LoyaltySchemeCustomers}
  pos:      {url: https://aka.ms/CI-ILT/POSPurchases}
  online:   {url: exports/OnlinePurchases.csv}
fetch: {timeout: 10s, max_bytes: 512MiB}
`)
	cfg, err := config.Parse(data, "c360.yaml", "/srv/c360")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Database)
	fmt.Println(cfg.Report)
	fmt.Println(cfg.AsOf.Format("2006-01-02"))
	fmt.Println(cfg.Sources[3].URL)
	fmt.Println(cfg.Fetch.Timeout, cfg.Fetch.Stall, cfg.Fetch.MaxBytes)

	_, err = config.Parse([]byte("database: x\nwork_dir: y\nsources:\n  contacts: {urll: z}\n"), "c360.yaml", "/srv/c360")
	fmt.Println(err)
	// Output:
	// /srv/c360/out/c360.duckdb
	// /srv/c360/out/report.html
	// 2026-11-27
	// file:///srv/c360/exports/OnlinePurchases.csv
	// 10s 1m0s 536870912
	// c360.yaml:4:14: unknown key "urll"
}

module github.com/contoso/c360

go 1.26.8

// Direct dependencies, and why each is here (DESIGN.md lists the choices).
require (
	github.com/Shopify/toxiproxy/v2 v2.5.0 // tests: an in-process proxy that breaks downloads on purpose
	github.com/antzucaro/matchr v0.0.0-20221106193745-7bed6ef61ef9 // phonetic keys (metaphone, NYSIIS) for blocking
	github.com/apache/arrow-go/v18 v18.8.0 // large reads from DuckDB as Arrow batches (build tag duckdb_arrow)
	github.com/duckdb/duckdb-go/v2 v2.10506.0 // DuckDB 1.5.6; @latest needs modules the proxy refuses
	github.com/goccy/go-yaml v1.19.2 // strict config with line and column in every error
	github.com/gofrs/flock v0.13.2 // one run at a time per database
	github.com/google/uuid v1.6.0 // deterministic UUIDv5 customer ids
	github.com/hashicorp/go-retryablehttp v0.7.8 // downloads with backoff, jitter and Retry-After
	github.com/mattn/go-isatty v0.0.24 // bars and text logs on a terminal, JSON logs under cron
	github.com/nyaruka/phonenumbers v1.8.1 // E.164 phones and their validity
	github.com/rs/zerolog v1.28.0 // tests: the logger toxiproxy's server requires
	github.com/spf13/cobra v1.10.2 // the command line
	github.com/vbauerster/mpb/v8 v8.16.2 // progress bars
	golang.org/x/image v0.30.0 // font weights for the chart text gonum/plot draws
	golang.org/x/oauth2 v0.37.0 // Dataverse Web API: the OAuth 2.0 client-credentials token (clientcredentials)
	golang.org/x/text v0.44.0 // NFKC, then NFD and mark stripping, for names
	gonum.org/v1/plot v0.17.0 // the HTML report's inline SVG charts
)

require (
	codeberg.org/go-fonts/liberation v0.5.0 // indirect
	codeberg.org/go-latex/latex v0.2.0 // indirect
	codeberg.org/go-pdf/fpdf v0.11.1 // indirect
	git.sr.ht/~sbinet/gg v0.7.0 // indirect
	github.com/VividCortex/ewma v1.2.0 // indirect
	github.com/acarl005/stripansi v0.0.0-20180116102854-5a71ef0e047d // indirect
	github.com/ajstarks/svgo v0.0.0-20211024235047-1546f124cd8b // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/duckdb/duckdb-go-bindings v0.10506.0 // indirect
	github.com/duckdb/duckdb-go-bindings/lib/darwin-amd64 v0.10506.0 // indirect
	github.com/duckdb/duckdb-go-bindings/lib/darwin-arm64 v0.10506.0 // indirect
	github.com/duckdb/duckdb-go-bindings/lib/linux-amd64 v0.10506.0 // indirect
	github.com/duckdb/duckdb-go-bindings/lib/linux-arm64 v0.10506.0 // indirect
	github.com/duckdb/duckdb-go-bindings/lib/windows-amd64 v0.10506.0 // indirect
	github.com/go-viper/mapstructure/v2 v2.5.0 // indirect
	github.com/goccy/go-json v0.10.6 // indirect
	github.com/golang/freetype v0.0.0-20170609003504-e2365dfdc4a0 // indirect
	github.com/golang/protobuf v1.5.2 // indirect
	github.com/google/flatbuffers v25.12.19+incompatible // indirect
	github.com/gorilla/mux v1.8.0 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/klauspost/compress v1.19.2 // indirect
	github.com/klauspost/cpuid/v2 v2.4.0 // indirect
	github.com/mattn/go-colorable v0.1.13 // indirect
	github.com/mattn/go-runewidth v0.0.30 // indirect
	github.com/matttproud/golang_protobuf_extensions v1.0.1 // indirect
	github.com/pierrec/lz4/v4 v4.1.29 // indirect
	github.com/prometheus/client_golang v1.13.0 // indirect
	github.com/prometheus/client_model v0.2.0 // indirect
	github.com/prometheus/common v0.37.0 // indirect
	github.com/prometheus/procfs v0.8.0 // indirect
	github.com/rs/xid v1.4.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	github.com/vbauerster/cupwriter v0.0.5 // indirect
	github.com/zeebo/xxh3 v1.1.0 // indirect
	golang.org/x/exp v0.0.0-20260112195511-716be5621a96 // indirect
	golang.org/x/sys v0.49.0 // indirect
	google.golang.org/protobuf v1.36.12 // indirect
	gopkg.in/tomb.v1 v1.0.0-20141024135613-dd632973f1e7 // indirect
)

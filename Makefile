# c360 — see README.md. Every target works on a fresh machine with only Go and gcc.
#
# With the duckdb_arrow build tag, large reads from DuckDB arrive as Arrow
# record batches (pipeline/bulk); without it they are scanned row by row.
# make sets it for every go command; `test` also checks the tag-less path.
export GOFLAGS := -tags=duckdb_arrow
GO ?= go
CONFIG ?= testdata/sample/c360.yaml
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run test eval eval-large bench lint build clean build-beam test-beam

## build: compile the c360 command into ./c360
build:
	$(GO) build -o c360 ./cmd/c360

## build-beam: compile the Beam matching program (its own module, cmd/c360-beam)
## into ./c360-beam, where `c360 run --match-engine beam` finds it. Its first
## build fetches ~800 MB of modules and takes minutes; the main build never does.
build-beam:
	cd cmd/c360-beam && $(GO) build -o ../../c360-beam .

## test-beam: vet, staticcheck and test the Beam module; its same-answers test runs c360 in
## process and on Beam's prism runner, on the sample and on 100k generated
## persons (BEAM_TESTFLAGS=-short leaves the 100k run out)
BEAM_TESTFLAGS ?=
test-beam: build-beam
	cd cmd/c360-beam && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./... && $(GO) test -timeout 60m $(BEAM_TESTFLAGS) ./...

## run: run the whole pipeline on the bundled sample data, then say how to browse it
run: build
	./c360 run --config $(CONFIG)
	@echo
	@echo "Next, browse it: ./c360 serve --config $(CONFIG)   (then open http://127.0.0.1:8360/)"

## test: run every test
test:
	$(GO) test ./...
	GOFLAGS= $(GO) test ./pipeline/bulk/

## eval: score the default matching model on the labelled datasets and on generated data
## (20k and 200k persons): DATASETS=dir,
## else $$C360_DATASETS, else ../shared/datasets beside the repository
eval: build
	./c360 eval $(if $(DATASETS),--datasets $(DATASETS))

## eval-large: the generated rows at 1,000,000 persons, default and low-diversity
## populations (minutes and several GiB each; not in CI).
eval-large: build
	./c360 eval --only generated --large

## bench: the hot kernels, then whole runs at SIZES persons (default 10k, 100k and 1M; e.g.
## SIZES=10000000 for ten million, not in CI) into BENCHMARKS.md
## (generated inputs are cached in .bench; the 1M set takes ~750 MB)
SIZES ?= 10000,100000,1000000
bench: build
	$(GO) test -run '^$$' -bench '^Benchmark(Name|Person|Phone|ComparePair|ScoreBlock|UnionFind|Components)$$' -benchmem \
		./transform/ ./matching/...
	./c360 bench --sizes $(SIZES) --cache .bench --out BENCHMARKS.md

## lint: gofmt, go vet and staticcheck must be clean
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

clean:
	rm -rf c360 c360-beam out

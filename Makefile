# cachesdk: the commands a user and CI need. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go

.PHONY: help generate check-generated lint test demo bench bench-size bench-micro cover specdiff test-tools test-bench fuzz

# make fuzz: time per fuzz target, and extra flags (e.g. FUZZFLAGS=-parallel=1).
FUZZTIME ?= 60s
FUZZFLAGS ?=

# make bench: runs per benchmark (medians are taken over them) and time per run.
BENCH_COUNT ?= 6
BENCH_TIME ?= 0.5s

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

generate: ## regenerate gen/, specs/ERRATA.md and the error tables from the specs and data files
	$(GO) generate ./...

check-generated: generate ## fail when generated files differ from what is committed
	@if [ -n "$$(git status --porcelain --untracked-files=all -- . )" ]; then \
		echo "generated files are stale (run make generate and commit):"; git status --short; git diff --stat; exit 1; fi

lint: ## gofmt and go vet
	@out="$$(gofmt -l $$(git ls-files '*.go'))"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	cd tools/specdiff && $(GO) vet ./...
	cd bench && $(GO) vet ./...

test: lint check-generated test-tools test-bench ## lint, check generated code, run every test with -race, print the replay counts
	$(GO) test -race -count=1 ./...
	@$(GO) test -count=1 -run 'TestSpecs|TestReplay|TestWitness|TestPaginators|TestWaiters' -v ./conformance | grep -E 'replay |examples valid|witnesses:|corpus|unknown fields|paginators:|waiters:' | sed 's/^ *[a-z_]*\.go:[0-9]*: //'

demo: ## walk the Redis lifecycle through the signed client against a local server from the spec
	$(GO) run ./cmd/demo

bench: ## ours vs the vendors' SDKs vs plain net/http on local servers: a table per call, signer, concurrency, list size and walk, and plots in bench/out (bench/README.md)
	@mkdir -p bench/out
	cd bench && $(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) -benchtime $(BENCH_TIME) ./calls ./sign ./scale > out/bench.txt
	cd bench && $(GO) run ./cmd/benchtable -plot out out/bench.txt

bench-size: ## binary size and cold build time of a one-call program per vendor: ours, the vendor's SDK, std only
	cd bench && $(GO) run ./cmd/sizes

bench-micro: ## the main module's own microbenchmarks (signers, rpc), with allocations
	$(GO) test -run '^$$' -bench . -benchmem ./...

cover: ## test coverage per package
	$(GO) test -cover ./...

specdiff: ## compare every spec with its version at BASE (make specdiff BASE=HEAD): spec and Go API changes, fails on a breaking one
	@test -n "$(BASE)" || { echo "usage: make specdiff BASE=<git rev>"; exit 2; }
	@GO="$(GO)" tools/specdiff/against-rev.sh "$(BASE)"

test-tools: ## run the tests of the tools/specdiff module (its own go.mod)
	cd tools/specdiff && $(GO) test -count=1 ./...

test-bench: ## the bench module's tests: every benchmarked call and signer run once, results checked (no timing)
	cd bench && $(GO) test -count=1 ./...

fuzz: ## run every Fuzz* target of the module in turn for FUZZTIME each (default 60s); their seeds (testdata/fuzz) already run in make test
	@targets="$$($(GO) test -list '^Fuzz' ./... | awk '/^Fuzz/ { names[n++] = $$1; next } /^ok / { for (i = 0; i < n; i++) print $$2 " " names[i]; n = 0 }')"; \
	if [ -z "$$targets" ]; then echo "no fuzz targets found"; exit 1; fi; \
	echo "$$targets" | while read -r pkg fn; do \
		echo "== $$fn ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) $(FUZZFLAGS) "$$pkg" || exit 1; \
	done

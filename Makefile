# dockmcp. `make help` lists the targets.

GO       ?= go
# Guests are built with a pinned toolchain so that their bytes are
# reproducible; the go command fetches it when the local one differs.
GUEST_GO ?= go1.26.8
GUESTS   := tools secretfilter examplefilter
BIN      := bin/dockmcp
# Each fuzz target runs this long in `make fuzz` (a go test -fuzztime value).
FUZZTIME ?= 20s
FUZZ_TARGETS := \
	./runtime/tools:FuzzValidate \
	./runtime/abi:FuzzParseRecords \
	./runtime/abi:FuzzParseWindows \
	./runtime/anchors:FuzzWindows \
	./guests/secretfilter/redact:FuzzRedact \
	./guests/secretfilter/redact:FuzzMatchers \
	./hostfuncs/hostio:FuzzIOFunctions \
	./hostfuncs/docker:FuzzOperationRequests \
	./runtime/chain:FuzzSecretFilterStrings \
	./runtime/chain:FuzzSecretFilterMembers

GUEST_BUILD = GOTOOLCHAIN=$(GUEST_GO) GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 \
	$(GO) build -buildmode=c-shared -trimpath -buildvcs=false -ldflags=-buildid=

.PHONY: help guests build run test fuzz soak check bench sweep conformance

help:
	@echo "guests  rebuild guests/wasm/*.wasm and guests/wasm/SHA256SUMS"
	@echo "build   build $(BIN)"
	@echo "run     build and serve MCP over stdio"
	@echo "test    all tests with the race detector (Docker tests need a daemon)"
	@echo "fuzz    each fuzz target for FUZZTIME (default $(FUZZTIME)); a crash is saved"
	@echo "        under the package's testdata/fuzz and then runs in make test"
	@echo "soak    mixed calls over stdio for SOAK_DURATION (default 20m) against the"
	@echo "        daemon: errors, p50/p95 latency, the server's RSS every 30 s"
	@echo "check   gofmt, vet, go mod tidy diff, guests rebuilt with no diff, tests"
	@echo "bench   start-up and latency benchmarks"
	@echo "sweep   remove Docker objects left by a crashed test run"
	@echo "conformance  the official MCP conformance suite against serve --http"

guests:
	@for g in $(GUESTS); do \
		$(GUEST_BUILD) -o guests/wasm/$$g.wasm ./guests/$$g || exit 1; \
	done
	cd guests/wasm && sha256sum $(addsuffix .wasm,$(GUESTS)) > SHA256SUMS

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/dockmcp

run: build
	./$(BIN) serve

test:
	$(GO) test -race -count=1 ./...

# A crash leaves its input in the package's testdata/fuzz/NAME: commit it and
# it runs with the tests from then on, as a regression test. Go 1.26's fuzz
# coordinator can fail a target with a bare "context deadline exceeded" as
# -fuzztime ends (go.dev/issue/75804, fixed in Go 1.27): that failure, with
# no failing input written, is reported and not counted.
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t##*:} in $${t%%:*} for $(FUZZTIME)"; \
		out=$$($(GO) test -run='^$$' -fuzz="^$${t##*:}\$$" -fuzztime=$(FUZZTIME) \
			$${t%%:*} 2>&1); rc=$$?; echo "$$out"; \
		[ $$rc -eq 0 ] && continue; \
		if echo "$$out" | grep -q '^    context deadline exceeded$$' && \
			! echo "$$out" | grep -q 'Failing input written'; then \
			echo "fuzz: $${t##*:} stopped on Go's fuzztime race, no failing input: not counted"; \
			continue; \
		fi; \
		exit 1; \
	done

SOAK_DURATION ?= 20m
soak:
	SOAK_DURATION=$(SOAK_DURATION) DOCKMCP_REQUIRE_DOCKER=1 \
		$(GO) test -run='^TestSoak$$' -count=1 -timeout=0 -v ./cmd/dockmcp/

check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) build ./...
	$(GO) vet ./...
	GOOS=wasip1 GOARCH=wasm $(GO) vet ./guests/...
	$(GO) mod tidy -diff
	$(MAKE) guests
	git diff --exit-code -- guests/wasm
	$(MAKE) test

bench: build
	$(GO) test -run='^$$' -bench=. -benchtime=5s ./cmd/dockmcp/bench/

sweep:
	$(GO) run ./hostfuncs/dockertest/sweep

# The suite and a Node 22 to run it are installed into .cache/conformance
# by npm on first use; .ci/conformance-skip.txt lists what does not apply.
conformance: build
	.ci/conformance

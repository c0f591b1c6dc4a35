# Everything goes through CMake; this file is the short names for it.
BUILD ?= build
JOBS ?= $(shell nproc)
# Exported, so that the `make image` of tests/integration.sh builds with the same JOBS: podman's
# layer cache keys on build arguments, and reuses an image built with the same ones.
export JOBS
BIN := $(BUILD)/zero-downtime
# The CMake project version: what --version prints, the image's tag and label, the dist file names.
VERSION := $(shell sed -n 's/^project.zero-downtime VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
# The name the examples use, so they run unchanged on the locally built image.
IMAGE := ghcr.io/zero-downtime/zero-downtime:v$(VERSION)
# podman settings of our own (scripts/containers.conf), unless you point CONTAINERS_CONF elsewhere.
export CONTAINERS_CONF ?= $(CURDIR)/scripts/containers.conf

.PHONY: all deps test-deps image-deps build static image dist test format-check unit golden integration schema k8s-schema explain-test rollout prove bench bench-quick bench-compare properties bad-input security sanitize fuzz fuzz-smoke demo update-golden clean

all: build

deps:
	@scripts/install-deps build

test-deps:
	@scripts/install-deps test

image-deps:
	@scripts/install-deps image

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# A statically linked binary, as the Dockerfile builds it.
static: deps
	@cmake -S . -B $(BUILD)-static -DCMAKE_BUILD_TYPE=Release -DZD_STATIC=ON -DZD_TESTS=OFF >/dev/null
	@cmake --build $(BUILD)-static -j$(JOBS) --target zero-downtime

# The function image (Dockerfile), built with podman and tagged $(IMAGE). The build stage's
# base is made from Debian packages when it is absent (scripts/base-image). podman's layer
# cache makes a rebuild of unchanged sources take seconds.
image: image-deps
	@scripts/base-image
	@podman build --quiet --pull=never --network host --build-arg VERSION=$(VERSION) --build-arg JOBS=$(JOBS) \
	  -t $(IMAGE) . >/dev/null
	@echo "image: $(IMAGE) ($$(podman image inspect --format '{{.Size}}' $(IMAGE)) bytes)"

# Release files for $(VERSION) under dist/ (git-ignored; nothing is published): the image's static
# binary as a tarball, the image as an OCI archive, and SHA256SUMS of both.
dist: image
	@scripts/dist $(VERSION) $(IMAGE)

# Every test. The golden cases come last: their closing line is the summary CI reads.
test: test-deps format-check build unit integration schema k8s-schema explain-test rollout properties bad-input security sanitize fuzz-smoke bench-quick golden

# The layout of every C and C++ file, by the pinned clang-format (scripts/format applies it).
format-check: test-deps
	@scripts/format --check

unit: build
	@tests/corpus_dir.sh | grep -q . || echo "SKIP: unit tests over the corpus: no corpus of real-world manifests (set ZD_CORPUS_DIR)"
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

golden: build
	@tests/golden.sh $(BIN)

# Also builds the image (make image) and runs it; where no container runtime can, it says so and
# runs the binary in its place (under CI=true that fails).
integration: build
	@tests/integration.sh $(BIN)

# The JSON Schemas of the config, as the binary generates them (with the docs' key tables), then
# checked with ajv against presets, examples and the binary.
schema: build
	@tests/generated.sh $(BIN)
	@tests/schema/validate.sh $(BIN)

# Every output (golden, corpus through each preset, integration) against Kubernetes' own schemas.
k8s-schema: build
	@tests/k8s-schema/validate.sh $(BIN)

# explain's golden outputs, and its SVG rendered in headless Chromium.
explain-test: build
	@tests/explain.sh $(BIN)

# One rolling update per preset, one node drain behind alb-ip and one blue-green switch per ALB
# and App Gateway preset under load, before and after the function (~1.5 min).
rollout: build
	@ROLLOUT_QUICK=1 tests/rollout/run.sh $(BIN)

# The proof: 5 rolling updates per preset, 5 node drains per pod-IP preset (alb-ip, agic, agc,
# gke-neg) and 5 blue-green switches per ALB and App Gateway preset, before and after, real nginx
# and traffic (~13 min).
prove: build
	@tests/rollout/run.sh $(BIN)

# The benchmark; writes BENCHMARKS.md (25-30 min here: kustomize at N=1000 dominates).
# Measures the static binary, which the image and the Argo CD sidecar ship; make build's
# dynamic one is timed beside it at N = 10, where start-up (dynamic linking) shows.
bench: build static
	@BENCH_DIR=$(BUILD)/bench BENCH_ALSO_BIN=$(BIN) bench/run.sh $(BUILD)-static/zero-downtime

# Before/after in one run: BASE (a git revision, default main) and this tree, both Release builds,
# timed interleaved on the benchmark's inputs; prints the ratios (bench/compare.sh).
BASE ?= main
bench-compare: build
	@rm -rf $(BUILD)/base-src && mkdir -p $(BUILD)/base-src
	@git archive $(BASE) | tar -x -C $(BUILD)/base-src
	@cmake -S $(BUILD)/base-src -B $(BUILD)/base -DCMAKE_BUILD_TYPE=Release -DZD_TESTS=OFF >/dev/null
	@cmake --build $(BUILD)/base -j$(JOBS) --target zero-downtime >/dev/null
	@echo "bench-compare: base $(BASE) ($$(git rev-parse --short $(BASE))), new: this tree"
	@bench/compare.sh $(BUILD)/base/zero-downtime $(BIN)

# The short mode CI runs so the benchmark cannot rot (N=10,100, 3 runs, ~30 s; reports, never
# enforces the targets; writes $(BUILD)/bench/BENCHMARKS-quick.md).
bench-quick: build
	@BENCH_QUICK=1 BENCH_DIR=$(BUILD)/bench bench/run.sh $(BIN)

# Idempotence, check-after-mutate and out-of-scope equality over golden cases and the corpus.
properties: build
	@tests/properties.sh $(BIN)

# The bad-input catalogue (with the generated 200 MB and 200,000-item inputs), the
# unit tests, golden cases and catalogue again under ASan+UBSan, and the libFuzzer target.
bad-input: build
	@tests/bad_input.sh $(BIN)

# No program run, no network call, no file written: the binary's imports, and strace of every golden case.
# The self-test first: planted binaries that each check must fail, so a check that passes all is caught.
security: build
	@tests/security/selftest.sh
	@tests/security.sh $(BIN)

sanitize: test-deps
	@tests/sanitize.sh

# `make fuzz FUZZ_SECONDS=3600` for a campaign; CI runs fuzz-smoke (one minute).
FUZZ_SECONDS ?= 600
fuzz: test-deps
	@fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke: test-deps
	@fuzz/run.sh 60

# Rewrites every golden expectation, and the schemas and docs tables generated from the knob
# table, after a deliberate change; review the diff.
update-golden: build
	@UPDATE=1 tests/golden.sh $(BIN)
	@UPDATE=1 tests/generated.sh $(BIN)
	@UPDATE=1 tests/integration.sh $(BIN)
	@UPDATE=1 tests/explain.sh $(BIN)

demo: build
	@echo "--- input: examples/demo/resources.yaml (stream mode, preset alb-ip)" >&2
	@$(BIN) --preset alb-ip < examples/demo/resources.yaml

clean:
	rm -rf $(BUILD) dist

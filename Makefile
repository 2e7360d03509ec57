# ssl-quality — the two commands a new user runs: `make demo` and `make test`.

SWIFT ?= swift
# The benchmarks' Python needs numpy, scikit-learn and Pillow: `make bench PYTHON=/path/to/venv/bin/python`.
PYTHON ?= python3
APT_PACKAGES = libopenblas-dev liblapacke-dev libpng-dev libjpeg62-turbo-dev zlib1g-dev libssl-dev pkg-config time
# Only the test suite needs these: headless Chromium opens the HTML report.
TEST_APT_PACKAGES = chromium
BIN = .build/release/ssl-quality
# Release builds use AVX2/FMA where the CPU has them (the binary is built where it runs).
CPU_FLAGS := $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo "-Xswiftc -target-cpu -Xswiftc haswell")
# Release builds link the Swift runtime and Foundation into the binary: it starts in about
# 11 ms instead of 17 ms (far fewer symbols for the dynamic loader to bind and conformance
# records to scan) and runs on machines without the Swift toolchain's libraries.
RELEASE_FLAGS = $(CPU_FLAGS) -Xswiftc -static-stdlib
DEMO = fixtures/demo
PREFIX ?= /usr/local
FIGURES = docs/figures

.PHONY: all deps test-deps build install uninstall demo finetune-demo figures test test-kernels bench fuzz clean

all: build

# Installs the Debian packages of $(1) that are missing (as root), or prints the command to run.
define apt_install
	@missing=""; \
	for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing system packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_APT_PACKAGES))

build: deps
	$(SWIFT) build -c release --product ssl-quality $(RELEASE_FLAGS)

# Copies the release binary to $(DESTDIR)$(PREFIX)/bin (PREFIX=$$HOME/.local for a user install).
install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/ssl-quality"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/ssl-quality"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/ssl-quality"

# The main job on the demo data: Q-Score of the test split and how well it predicts the
# linear probe's mistakes; writes demo-output/ (scores, JSON, figure).
demo: build
	@mkdir -p demo-output
	$(BIN) score $(DEMO)/test.npy --labels $(DEMO)/test_labels.npy \
	  --predictions $(DEMO)/test_predictions.npy --probabilities $(DEMO)/test_probabilities.npy \
	  --scores-out demo-output/q.npy --plot demo-output/q.svg
	@$(BIN) score $(DEMO)/test.npy --labels $(DEMO)/test_labels.npy \
	  --predictions $(DEMO)/test_predictions.npy --probabilities $(DEMO)/test_probabilities.npy \
	  --json > demo-output/score.json
	@echo "wrote demo-output/q.npy, demo-output/q.svg, demo-output/score.json"

# Redraws the figures shown in the README from the demo data: each command writes its SVG,
# rsvg-convert (Debian librsvg2-bin) renders it to $(FIGURES)/<command>.png.
figures: build
	@command -v rsvg-convert >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq librsvg2-bin >/dev/null; } \
	  || { echo "rsvg-convert missing; run: sudo apt-get install -y librsvg2-bin"; exit 1; }
	@mkdir -p $(FIGURES) demo-output
	$(BIN) features $(DEMO)/train.npy --plot demo-output/features.svg > /dev/null
	$(BIN) score $(DEMO)/test.npy --labels $(DEMO)/test_labels.npy \
	  --predictions $(DEMO)/test_predictions.npy --probabilities $(DEMO)/test_probabilities.npy \
	  --plot demo-output/score.svg > /dev/null
	$(BIN) compress --train $(DEMO)/train.npy --train-labels $(DEMO)/train_labels.npy \
	  --test $(DEMO)/test.npy --test-labels $(DEMO)/test_labels.npy --plot demo-output/compress.svg > /dev/null
	$(BIN) interpret --heatmaps fixtures/interpret/salient_heatmaps.npy --images fixtures/interpret/salient_images.txt \
	  --salient-imagenet fixtures/interpret/salient --mturk fixtures/interpret/mturk.csv \
	  --predictions fixtures/interpret/salient_predictions.npy --labels fixtures/interpret/salient_labels.npy \
	  --plot demo-output/interpret.svg > /dev/null
	$(BIN) score $(DEMO)/test.npy --labels $(DEMO)/test_labels.npy \
	  --predictions $(DEMO)/test_predictions.npy --probabilities $(DEMO)/test_probabilities.npy \
	  --plot demo-output/score-column.svg --plot-width 320 > /dev/null
	$(BIN) spectrum $(DEMO)/test.npy --plot demo-output/spectrum.svg > /dev/null
	for f in features score compress interpret score-column spectrum; do rsvg-convert demo-output/$$f.svg -o $(FIGURES)/$$f.png; done
	@echo "wrote $(FIGURES)/{features,score,compress,interpret,score-column,spectrum}.png"

# Fine-tunes a residual adapter on the demo encoder's features of two augmented (global) views
# of its 5000 training images with SimCLR + the Q-Score regulariser and the same run without
# it, and compares the test split before / without R / with R, on 2 threads as the README's
# figures were measured (the thread count can change the last bits); writes
# demo-output/finetune/.
finetune-demo: build
	@mkdir -p demo-output/finetune
	$(BIN) finetune --views $(DEMO)/train_view0.npy $(DEMO)/train_view1.npy \
	  --train $(DEMO)/train.npy --train-labels $(DEMO)/train_labels.npy \
	  --test $(DEMO)/test.npy --test-labels $(DEMO)/test_labels.npy \
	  --objective simclr --control --threads 2 --out demo-output/finetune

# Tests run one at a time. OpenBLAS's thread count no longer changes once set, so tests could
# run in parallel; that stays off until whole-suite parallel runs have been shown stable.
# Then the kernel pass (below).
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel
	@$(MAKE) --no-print-directory test-kernels

# The suites whose tests promise the same bits across a knob (--threads, --block-rows, resume,
# row ranges) or compare with reference values (their type names; docs/determinism.md says
# what each promises), and the README's examples, whose printed digits must not depend on the kernel. The kernel pass joins them into one `swift test --filter` pattern.
KERNEL_SUITES = BLASKernelTests AlignedRowBlocksTests ProductBlocksTests GramAccumulatorTests \
  ExecutionContextTests MatrixStatisticsTests QScorePropertyTests QScoreReferenceTests \
  EpsilonCalibrationTests ProbeProtocolTests KNNClassifierTests SpectrumReferenceTests \
  DeterminismTests HeadReferenceTests ObjectiveReferenceTests MultiViewObjectiveReferenceTests \
  OptimizerTests QScoreRegularizerTests FinetuneStepReferenceTests FinetuneCheckpointTests \
  AdapterFileTests ResidualAdapterEmbeddingsTests AdaptReproducesFinetuneTests ReadmeExamplesTests
empty :=
space := $(empty) $(empty)
KERNEL_FILTER = $(subst $(space),|,$(strip $(KERNEL_SUITES)))
# OpenBLAS core types the kernel pass runs those suites under (a CPU without AVX2 skips Haswell).
SECOND_KERNELS = Haswell Sandybridge

# The kernel pass: KERNEL_SUITES again under each of SECOND_KERNELS, so a promise that holds on
# this CPU's own kernel only fails here rather than on a user's machine. OpenBLAS core types
# are x86-64 ones: elsewhere the pass is skipped, saying so.
test-kernels:
	@if [ "$$(uname -m)" != x86_64 ]; then echo "test-kernels: skipped (OpenBLAS core types are x86-64's; this is $$(uname -m))"; exit 0; fi; \
	for kernel in $(SECOND_KERNELS); do \
	  case $$kernel in Haswell|Zen) needs=avx2;; Sandybridge) needs=avx;; *) needs=sse2;; esac; \
	  if ! grep -qw $$needs /proc/cpuinfo; then echo "test-kernels: $$kernel skipped (this CPU has no $$needs)"; continue; fi; \
	  echo "test-kernels: OPENBLAS_CORETYPE=$$kernel"; \
	  OPENBLAS_CORETYPE=$$kernel $(SWIFT) test --skip-build --no-parallel --filter '$(KERNEL_FILTER)' || exit 1; \
	done

# Side-by-side benchmarks against numpy / scikit-learn (not part of `make test`).
bench: build
	$(SWIFT) build -c release --product train-step-bench $(RELEASE_FLAGS)
	$(PYTHON) benchmarks/run.py

# libFuzzer targets; FUZZ_SECONDS each (see README).
FUZZ_SECONDS ?= 600
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build

# qpyconv: build, test and interop targets. `make test` is what CI runs (.ci/run).
SWIFT ?= swift
SWIFT_FLAGS ?=
VENV_DIR ?= .venv
QPYCONV = .build/debug/qpyconv
# Debian packages the build and the tests need (installed by `make deps` when missing).
APT_PACKAGES = zlib1g-dev libyaml-dev pkg-config
# The Qiskit venvs `make test` checks against (all writers: `make venvs-all`).
TEST_VENVS = qiskit-1.4.6 qiskit-2.6

.PHONY: all build release test unit mutation interop demo deps venvs venvs-all fixtures bench fuzz clean

all: build

## deps: install the Debian packages the build needs, if any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

## build: debug build of the library and the qpyconv executable.
build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

## release: optimized qpyconv with the Swift runtime and Foundation linked in (.build/release/qpyconv);
## static linking halves the start-up, which dominates small conversions.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product qpyconv $(SWIFT_FLAGS)

## test: everything CI runs: unit and golden tests, the mutation suite, then the real-Qiskit interop checks.
test: build venvs
	python3 Tests/FixtureGenerator/gen_decimal_powers.py --check
	$(SWIFT) test $(SWIFT_FLAGS)
	$(MAKE) --no-print-directory mutation
	$(MAKE) --no-print-directory interop

## unit: the Swift test suites only.
unit: build
	$(SWIFT) test $(SWIFT_FLAGS)

## mutation: damaged copies of the fixtures through the qpyconv binary (Tests/Mutation/README.md).
MUTATION_COUNT ?= 3200
mutation: build
	python3 Tests/Mutation/mutate.py $(QPYCONV) --count $(MUTATION_COUNT) --jobs 2

## venvs: the Python venvs with real Qiskit that the interop checks use.
venvs:
	Tests/FixtureGenerator/make_venvs.sh $(TEST_VENVS)

venvs-all:
	Tests/FixtureGenerator/make_venvs.sh

## interop: what qpyconv writes, checked by real symengine/sympy/Qiskit and the JSON Schema.
PYTHON_1_4 = $(VENV_DIR)/qiskit-1.4.6/bin/python
interop: build venvs
	$(PYTHON_1_4) Tests/Interop/check_expression_interop.py $(QPYCONV)
	$(PYTHON_1_4) Tests/Interop/schedule_interop.py $(QPYCONV)
	$(PYTHON_1_4) Tests/Interop/text_interop.py $(QPYCONV)
	$(PYTHON_1_4) Tests/Interop/circuit_interop.py $(QPYCONV)
	$(PYTHON_1_4) Tests/Interop/validate_json.py $(QPYCONV)
	$(PYTHON_1_4) Tests/Interop/validate_yaml.py $(QPYCONV)
	$(PYTHON_1_4) Tests/Interop/schedule_times_interop.py $(QPYCONV)

## fixtures: regenerate the committed real-Qiskit fixtures (needs every venv).
fixtures: venvs-all
	Tests/FixtureGenerator/generate_all.sh

## demo: run qpyconv on the examples.
demo: build
	$(QPYCONV) inspect Examples/schedules/calibration_set.qpy
	$(QPYCONV) Examples/schedules/calibration_set.qpy /tmp/qpyconv-demo.json
	head -n 40 /tmp/qpyconv-demo.json
	$(QPYCONV) /tmp/qpyconv-demo.json /tmp/qpyconv-demo.qpy
	cmp Examples/schedules/calibration_set.qpy /tmp/qpyconv-demo.qpy && echo "JSON -> QPY: byte-identical"
	$(QPYCONV) expr --from srepr --to infix "$$(cat Examples/expressions/gaussian-envelope.srepr)"

## bench: benchmarks against Qiskit in one run (nested package Tests/Benchmarks) -> Tests/Benchmarks/RESULTS.md.
bench: deps venvs
	Tests/Benchmarks/run.sh

## fuzz: libFuzzer targets for every decoder (nested package Tests/Fuzzing); SECONDS per target.
SECONDS ?= 60
fuzz:
	Tests/Fuzzing/run.sh $(SECONDS)

clean:
	rm -rf .build Tests/Benchmarks/.build Tests/Fuzzing/.build

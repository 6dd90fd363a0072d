# Calcinosis Guide. `make serve` and `make test` install what they need on first use.
SHELL := /bin/bash
TOOLS ?= $(HOME)/.cache/calcinosis-guide/tools
export CALCINOSIS_TOOLS := $(TOOLS)
export PATH := $(TOOLS)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT := 120
PORT ?= 8080
# Release wasm builds name dependency sources relative to cargo's registry folder, not this
# machine's home (which a panic location would otherwise carry into the download): the same
# bytes on every machine, and a few hundred fewer.
CARGO_HOME ?= $(HOME)/.cargo
RELEASE_RUSTFLAGS := --remap-path-prefix=$(CARGO_HOME)/registry/src=crates
PYTHON := $(TOOLS)/venv/bin/python

.PHONY: setup setup-test dist floor serve test test-native test-exports test-wasm test-wasm-firefox test-content test-e2e test-engines lint fmt bench clean

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

## dist: the deployable files, built for release into dist/ (Trunk builds the whole widget, then
## scripts/build-learn.sh the guide alone), CSS and JS minified, with .br and .gz siblings
dist floor: export RUSTFLAGS := $(RELEASE_RUSTFLAGS)
dist: setup
	cargo fetch --locked
	trunk build --release --offline
	scripts/build-learn.sh dist
	node scripts/minify.mjs dist
	node scripts/compress.mjs dist

## floor: the minimal Yew app the bench compares against (bench/floor), into target/floor-dist/
floor: setup
	cd bench/floor && cargo fetch --locked
	cd bench/floor && CARGO_TARGET_DIR=$(CURDIR)/target/floor trunk build --release --offline
	node scripts/minify.mjs target/floor-dist
	node scripts/compress.mjs target/floor-dist

## serve: build, then serve the demo page on http://127.0.0.1:$(PORT)
serve: dist
	node e2e/server.mjs --root dist --port $(PORT)

## test: every layer; fails if any fails
test: setup-test lint test-native test-exports test-content test-wasm test-wasm-firefox dist test-e2e test-engines
	@echo "make test: all layers passed"

lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --locked

## test-exports: the files `cargo test --test exports` wrote, checked by FHIR and iCalendar validators
test-exports:
	$(PYTHON) scripts/validate_exports.py target/exports

test-content:
	$(PYTHON) scripts/readability.py --max 8 --target 6 content/en/sections
	$(PYTHON) scripts/readability.py --pt-min 50 content/pt-PT/sections

test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test '*'

## test-wasm-firefox: the same browser tests in headless Firefox ESR (the runner takes GECKODRIVER
## before CHROMEDRIVER)
test-wasm-firefox:
	GECKODRIVER=$(TOOLS)/bin/geckodriver cargo test --locked --target wasm32-unknown-unknown --test '*'

## test-e2e: the Playwright tests in Chromium (e2e/engines/ is test-engines' own)
test-e2e:
	node --test --test-concurrency=1 e2e/*.test.mjs

## test-engines: the cross-engine suite through WebDriver in Firefox ESR and WebKitGTK (against dist/)
test-engines:
	node --test --test-concurrency=1 e2e/engines/

## bench: sizes, the download against the floor app, diary scale, embed and start-up timings
bench: setup-test dist floor
	node e2e/bench.mjs

fmt:
	cargo fmt

clean:
	rm -rf dist target/wasm32-unknown-unknown target/floor target/floor-dist

# Vitrina — the two commands are `make demo` and `make test`; both install what is missing.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: setup build demo test bench clean prerender

## Install the toolchain (idempotent: skips what is already at the right version).
setup:
	@bash scripts/setup.sh

## Release build of the app into dist/ and of the stub backends.
build: setup
	@bash scripts/build.sh

## Build, start the stub backends on 127.0.0.1:8081 and serve dist/ on 127.0.0.1:8080.
demo: build
	@bash scripts/demo.sh

## Every check and test layer; ends with one line `N passed, N failed`.
test: setup
	@bash scripts/test.sh

## Size and speed numbers (not assertions).
bench: build
	@bash scripts/bench.sh

## Pages as HTML at deploy time (issue 23): walks the API named in $(DIST)/config.json
## (or CONFIG=file) and writes $(DIST)/home, catalog, categories, category/*, product/*,
## sitemap.xml, robots.txt. `make prerender DIST=dist ORIGIN=https://shop.example`.
DIST ?= dist
ORIGIN ?= http://127.0.0.1:8080
prerender:
	@cargo build -q --features prerender --bin prerender
	@target/debug/prerender --dist $(DIST) $(if $(CONFIG),--config $(CONFIG)) --origin $(ORIGIN)

clean:
	cargo clean
	rm -rf dist dist-sub tests/e2e/artifacts

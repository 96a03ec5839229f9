# cyberportal: `make run` starts the portal, `make test` runs every test.
# Both set up what they need on a fresh Debian machine (chromium, npm packages).

SHELL := /bin/bash
GO    ?= go
ADDR  ?= 127.0.0.1:8080
DB    ?= ./var/cyberportal.db
BROWSER_NPM := server/testdata/browser

# apt-get needs root; use sudo when we are not root and it is there.
SUDO := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)

.PHONY: run build test vet unit setup-browser setup-nginx check-bundle bench screenshots check-format clean

## run: build and start the portal at http://localhost:8080 on $(DB)
run: build
	./cyberportal serve -addr $(ADDR) -db $(DB)

## build: compile the single binary ./cyberportal (cgo for SQLite)
build:
	CGO_ENABLED=1 $(GO) build -o cyberportal .

## test: vet, format check, bundle check, unit, HTTP, browser and nginx tests (installs chromium, axe-core and nginx if missing)
test: setup-browser setup-nginx vet check-format check-bundle
	CGO_ENABLED=1 CI=$${CI:-true} $(GO) test -race -count=1 -timeout 30m ./...

vet:
	$(GO) vet ./...

check-format:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

## check-bundle: rebuild the ECharts bundle (charts.js, draw.js) from the pinned npm packages and fail if it differs from the committed one
check-bundle:
	npm ci --prefix charts/assets --no-audit --no-fund --loglevel=error
	@committed=$$(mktemp -d); cp charts/static/*.js $$committed/; \
	npm run --prefix charts/assets --silent build >/dev/null || exit 1; \
	diff -rq charts/static $$committed >/dev/null || { \
	  cp $$committed/*.js charts/static/; rm -rf $$committed; \
	  echo "charts/static does not match what charts/assets builds: rebuild and commit it"; exit 1; }; \
	rm -rf $$committed

## setup-browser: Debian's chromium and the pinned npm packages for the browser tests
setup-browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@[ -f $(BROWSER_NPM)/node_modules/axe-core/axe.min.js ] || npm ci --prefix $(BROWSER_NPM) --no-audit --no-fund

## setup-nginx: Debian's nginx, for the test of the shipped nginx site in front of the binary
setup-nginx:
	@[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light >/dev/null; }

## bench: load the portal and nginx serving the same bytes with wrk, side by side, and score every page type with Lighthouse (ONLY=Article runs one)
bench: build setup-browser
	@command -v nginx >/dev/null && command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light wrk >/dev/null; }
	npm ci --prefix server/testdata/lighthouse --no-audit --no-fund --loglevel=error
	CGO_ENABLED=1 BENCH=1 CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(GO) test -count=1 -run '^TestBench$(ONLY)' -v -timeout 60m ./server/

## screenshots: full-page PNGs of every page type in every language, into ./var/screenshots
screenshots: setup-browser
	SCREENSHOTS=$(CURDIR)/var/screenshots $(GO) test -count=1 -run 'TestBrowser(EveryPage|PhoneWidth)' ./server/
	@echo "screenshots in var/screenshots"

clean:
	rm -rf cyberportal var/screenshots

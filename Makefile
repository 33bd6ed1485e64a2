# opsctl — build, test and try it out. Every target that needs system packages runs `deps` first.
SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= release
BINARY       := .build/$(CONFIG)/opsctl
# Debian packages the build and the tests need: pkg-config finds the C libraries, and the
# static Foundation networking library links against the system libcurl; PostgreSQL runs the
# Supabase connector's tests and demo in a throwaway cluster; curl is what the GitHub Action's
# install script downloads with, and its tests run it; openssh-client's ssh-keygen signs
# approvals (approve --sign) and makes the keys and signatures the SSH signature tests verify.
APT_PACKAGES := pkg-config libyaml-dev libssl-dev libcurl4-openssl-dev libpq-dev postgresql curl openssh-client
PKG_MODULES  := yaml-0.1 libcrypto libcurl libpq

.PHONY: all build deps test demo install clean bench dist man fuzz

all: build

build: deps
	$(SWIFT) build -c $(CONFIG) --product opsctl --static-swift-stdlib
	@echo "built $(BINARY)"

# Installs what is missing with apt-get when run as root; otherwise prints the command and fails.
deps:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "opsctl needs these Debian packages:$$missing"; \
	    echo "install them with: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi; \
	pkg-config --exists $(PKG_MODULES) || { echo "pkg-config cannot find $(PKG_MODULES)"; exit 1; }

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	@OPSCTL=$(BINARY) sh examples/demo.sh

# Figures against the bounds of SPEC section 12; writes bench/results.json.
bench: build
	$(SWIFT) build -c $(CONFIG) --product opsctl-test-appender --static-swift-stdlib
	bash bench/run.sh

# The release tarball the GitHub Action installs, with its checksum, in dist/: the static-stdlib
# binary, README, licence (when there is one), man page, completions and BUILD-INFO, which
# records the glibc of this machine, the oldest the binary runs with.
dist: build
	bash scripts/dist/package.sh $(BINARY) dist

# The manual page, generated from the same command table as 'opsctl help'.
man: build
	mkdir -p dist
	$(BINARY) help --man > dist/opsctl.1
	@echo "wrote dist/opsctl.1 (view it with: man ./dist/opsctl.1)"

# libFuzzer with AddressSanitizer over the parsers, FUZZ_SECONDS (default 60) per target, in
# .build-fuzz; fails on any crash, leak or timeout. Options are described in Fuzz/README.md.
fuzz: deps
	SWIFT=$(SWIFT) sh Fuzz/run-fuzz.sh

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 $(BINARY) "$(DESTDIR)$(PREFIX)/bin/opsctl"

clean:
	rm -rf .build .build-fuzz dist

# opsctl — build, test and try it out. Every target that needs system packages runs `deps` first.
SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= release
BINARY       := .build/$(CONFIG)/opsctl
# Debian packages the build and the tests need: pkg-config finds the C libraries (libcurl and
# libpq are compiled against here and opened at run time by the commands that use them,
# Sources/OpsConnectors/SharedLibrary.swift); PostgreSQL runs the
# Supabase connector's tests and demo in a throwaway cluster; curl is what the GitHub Action's
# install script downloads with, and its tests run it; zlib compresses export bundles, and the
# tests check their diffs with the system's patch. Python's venv and pip install moto, the AWS
# emulator the SSM connector's end-to-end test runs against. openssh-client's ssh-keygen signs
# approvals (approve --sign) and makes the keys and signatures the SSH signature tests verify.
APT_PACKAGES := pkg-config libyaml-dev libssl-dev libcurl4-openssl-dev libpq-dev zlib1g-dev postgresql curl patch python3 python3-venv python3-pip openssh-client
PKG_MODULES  := yaml-0.1 libcrypto libcurl libpq zlib

.PHONY: all build link-setup deps test demo install clean bench dist man fuzz moto

all: build

# How the release binary is linked, for a shorter start (docs/performance.md, "What the profiles
# showed" on `opsctl version`, and "Twenty-first round"):
# - not position-independent: the executable's own ~86,000 relative relocations go, and with
#   them the copy-on-write faults of the pages they patch (libraries still load at random
#   addresses; the executable's code and data do not move);
# - libstdc++ (which the static Swift runtime needs) linked in from libstdc++.a rather than
#   loaded: its ~1,700 symbol bindings at every start go. The Swift toolchain's own link line
#   asks for -lstdc++, so a linker script named libstdc++.so, found first on the search path,
#   points the linker at the archive. Without libstdc++.a (clang cannot find it), the shared
#   library is linked as before.
# - libgcc's unwinder linked in from libgcc_eh.a (-static-libgcc) rather than loaded as
#   libgcc_s.so.1: loading it, binding it and running its constructor, which asks the processor
#   what it supports with `cpuid` (an exit to the hypervisor on a virtual machine), were about a
#   fifth of `opsctl version`. None of the libraries opened at run time needs libgcc_s. Without
#   libgcc_eh.a (clang cannot find it), libgcc_s is linked as before.
# - no symbol exported: the static Swift runtime's link arguments ask for -export-dynamic,
#   which put the public symbols of opsctl's own modules (about 9,400) in the dynamic symbol
#   table, where the loader and `dladdr` search them at every start; nothing looks them up.
LINK_DIR     := .build/link
STDCXX_A     := $(shell clang -print-file-name=libstdc++.a 2>/dev/null)
GCC_EH_A     := $(shell clang -print-file-name=libgcc_eh.a 2>/dev/null)
LINK_FLAGS   := -Xlinker -no-pie -Xlinker --version-script=$(CURDIR)/$(LINK_DIR)/no-exports.map \
                $(if $(filter /%,$(STDCXX_A)),-Xswiftc -L$(CURDIR)/$(LINK_DIR)) \
                $(if $(filter /%,$(GCC_EH_A)),-Xswiftc -Xclang-linker -Xswiftc -static-libgcc)

build: deps link-setup
	$(SWIFT) build -c $(CONFIG) --product opsctl --static-swift-stdlib $(LINK_FLAGS)
	@echo "built $(BINARY)"

link-setup:
	@mkdir -p $(LINK_DIR)
	@printf '{\n  local: *;\n};\n' > $(LINK_DIR)/no-exports.map
	@if [ -f "$(STDCXX_A)" ]; then echo 'INPUT ( $(STDCXX_A) )' > $(LINK_DIR)/libstdc++.so; else rm -f $(LINK_DIR)/libstdc++.so; fi

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

# moto (PyPI `moto[server]`, pinned) in a venv of its own: Debian refuses global pip installs.
# A failed install does not stop `make test`: the log is handed to the moto test, which then
# fails quoting it instead of passing without having run.
MOTO_VERSION := 5.2.1
MOTO_VENV    := .build/moto-venv
MOTO_SERVER  := $(MOTO_VENV)/bin/moto_server
MOTO_LOG     := .build/moto-install.log

moto: deps
	@mkdir -p .build; \
	if [ -x "$(MOTO_SERVER)" ] && [ "$$(cat $(MOTO_VENV)/.moto-version 2>/dev/null)" = "$(MOTO_VERSION)" ]; then exit 0; fi; \
	echo "installing moto[server]==$(MOTO_VERSION) into $(MOTO_VENV)"; \
	rm -rf $(MOTO_VENV); \
	if python3 -m venv $(MOTO_VENV) > $(MOTO_LOG) 2>&1 && \
	   $(MOTO_VENV)/bin/pip install --quiet "moto[server]==$(MOTO_VERSION)" >> $(MOTO_LOG) 2>&1; then \
	  echo "$(MOTO_VERSION)" > $(MOTO_VENV)/.moto-version; \
	else \
	  echo "warning: installing moto failed (see $(MOTO_LOG)); the moto test will fail"; \
	  rm -f $(MOTO_SERVER); \
	fi

test: deps moto
	$(SWIFT) build --build-tests
	OPSCTL_MOTO_SERVER="$(CURDIR)/$(MOTO_SERVER)" OPSCTL_MOTO_INSTALL_LOG="$(CURDIR)/$(MOTO_LOG)" $(SWIFT) test --skip-build

demo: build
	@OPSCTL=$(BINARY) sh examples/demo.sh

# Figures against the bounds of SPEC section 12; writes bench/results.json.
bench: build
	$(SWIFT) build -c $(CONFIG) --product opsctl-test-appender --static-swift-stdlib $(LINK_FLAGS)
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

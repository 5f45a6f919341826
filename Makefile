# The two commands of the README:
#   make demo   install what is missing (apt-get as root, else print the
#               sudo line), build, run pacprobe on the built-in example,
#               then `pacprobe check` in the proxy lab (tools/demo-check.sh)
#   make test   build and run the whole suite with ctest
#   make bench  pacprobe against pactester and pac-resolver (bench/run.sh)
#               and `check` concurrency (bench/check-parallel.sh;
#               not part of make test; root for the DNS benchmark)
#   make windows       cross-build pacprobe.exe and its zip with mingw-w64
#                      into build-windows/ (BUILD=DIR overrides; the
#                      libraries from Debian's sources: tools/windows-deps.sh)
#   make test-windows  make windows, then its tests under Wine
#                      (tests/windows/run.sh, docs/windows.md)
#   make test-browsers  the case files through the real Chromium and
#               Firefox against pacprobe (tests/browsers/run.sh, root;
#               installs the browsers: tools/browser-packages.txt)
#   make fuzz   build the libFuzzer targets with clang in build-fuzz/ and run
#               each for FUZZ_SECONDS (default 60), FUZZ_JOBS at a time
#               (docs/fuzzing.md; needs clang and libclang-rt-14-dev)
#   make install  build and install under PREFIX (default /usr/local), into
#               DESTDIR when given: pacprobe, libpacprobe.so.0 + .a,
#               <pacprobe.h>, libpacprobe.pc, man pages (pacprobe(1),
#               pacprobe-COMMAND(1), libpacprobe(3)), bash/zsh/fish
#               completions, target profiles (cmake/install.cmake)
#   make deb    the Debian packages pacprobe, libpacprobe0, libpacprobe-dev
#               in build-deb/, checked by lintian (debian/, tools/deb.sh;
#               tools/deb-packages.txt lists what it needs)
# BUILD and CMAKE_FLAGS select the build (CI: a second, sanitized one).
BUILD ?= build
CMAKE_FLAGS ?=
PACKAGE_LISTS ?= tools/debian-packages.txt
PACKAGES = $(shell sed -e 's/\#.*//' $(PACKAGE_LISTS))
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

PREFIX ?= /usr/local

.PHONY: install deb all deps build demo test bench fuzz clean test-browsers deps-browsers windows test-windows deps-windows

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: $$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing packages; run:"; echo "  sudo apt-get install -y" $$missing; exit 1; \
	  fi; \
	fi

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

install: deps
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)
	DESTDIR=$(DESTDIR) cmake --install $(BUILD)

deb:
	@$(MAKE) --no-print-directory deps PACKAGE_LISTS="tools/debian-packages.txt tools/deb-packages.txt"
	JOBS=$(JOBS) tools/deb.sh

demo: build
	@echo
	@echo '$$ pacprobe eval -p pacscripts/examples/corporate.pac -f pacscripts/examples/corporate.urls'
	@$(BUILD)/pacprobe eval -p pacscripts/examples/corporate.pac -f pacscripts/examples/corporate.urls
	@echo
	@echo '$$ pacprobe eval -p pacscripts/examples/corporate.pac --format json https://user:pw@Login.Example.NET/sso/start#x'
	@$(BUILD)/pacprobe eval -p pacscripts/examples/corporate.pac --format json 'https://user:pw@Login.Example.NET/sso/start#x'
	@bash tools/demo-check.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The real-browser differential run (tests/browsers/, docs/browsers.md):
# Debian's chromium and firefox-esr (tools/browser-packages.txt) at the same
# time, each in network namespaces of its own with no route out; needs root
# and iproute2. Prints "chromium: N agree, M disagree" and "firefox: ...";
# fails on a disagreement not in tests/browsers/known-disagreements.txt.
# Groups that need a pinned clock (@now) are skipped.
# Then the --report pages in Chromium (tests/browsers/reports.sh, docs/report.md;
# screenshots in $(BUILD)/test-output/browser-reports).
deps-browsers:
	@$(MAKE) --no-print-directory deps PACKAGE_LISTS="tools/debian-packages.txt tools/browser-packages.txt"

test-browsers: deps-browsers build
	tests/browsers/run.sh $(BUILD)/pacprobe tests/cases/*.cases tests/cases/*.fcases
	tests/browsers/reports.sh $(BUILD)/pacprobe $(BUILD)/test-output/browser-reports

bench: build
	BUILD=$(abspath $(BUILD)) bash bench/run.sh
	BUILD=$(abspath $(BUILD)) bash bench/check-parallel.sh

FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang: apt-get install -y clang libclang-rt-14-dev"; exit 1; }
	CC=clang cmake -S . -B build-fuzz -DPP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_FLAGS="$(FUZZ_FLAGS)"
	cmake --build build-fuzz -j$(JOBS) --target pp_fuzz
	FUZZ_JOBS=$(FUZZ_JOBS) tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

# The Windows build lives in its own directory: build-windows unless BUILD
# is given on the command line; the native build for the comparisons in
# test-windows is NATIVE_BUILD (default build).
WBUILD := $(if $(filter command line,$(origin BUILD)),$(BUILD),build-windows)
NATIVE_BUILD ?= build

deps-windows:
	@$(MAKE) --no-print-directory deps PACKAGE_LISTS="tools/debian-packages.txt tools/windows-packages.txt"

windows: deps-windows
	JOBS=$(JOBS) tools/windows-deps.sh $(WBUILD)/deps
	cmake -S . -B $(WBUILD) -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/mingw-w64-x86_64.cmake \
	  -DPP_WIN_DEPS=$(abspath $(WBUILD))/deps/prefix -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build $(WBUILD) -j$(JOBS) --target pacprobe
	tools/windows-dist.sh $(WBUILD)

test-windows: windows
	cmake -S . -B $(NATIVE_BUILD) >/dev/null
	cmake --build $(NATIVE_BUILD) -j$(JOBS) --target pacprobe
	tests/windows/run.sh $(WBUILD) $(NATIVE_BUILD)

clean:
	rm -rf $(BUILD)

# SPDX-License-Identifier: GPL-2.0
#
# The project's two commands and the steps they are made of. Everything is
# built in O= (default: build/, ignored by git). See README.
#
#   make demo        build, boot, show a remote processor's lifecycle
#   make check       every test and gate; ends with "N passed, N failed"
#
#   make deps        install the Debian packages the rig needs (once)
#   make kernel      unpack + overlay linux-source-6.1, build the test kernel
#   make user        tools, selftests, firmware and the initramfs
#   make test        boot the test kernel and run KUnit + selftests
#   make gates       checkpatch --strict, sparse, W=1, kernel-doc
#   make docs        Sphinx build of our guides (warnings fail), ABI files
#   make arm         ARM cross builds (omap2plus, davinci_all), -Werror
#   make compat      ARM and arm64 builds of every 6.1 user of the two APIs
#   make vm-run SCRIPT=path [FILES=dir]   run a script in the test kernel
#   make bench       our rpmsg bus against mainline 6.1's, same QEMU and remote
#   make bench-m3    messages and instructions per second of the emulated
#                    Cortex-M3 running the OMAP4 IPU image
#   make fuzz        libFuzzer harnesses of the parsers, FUZZ_SECONDS each
#   make abi-diff    what userspace sees, on our kernel and on mainline 6.1
#   make series      the repository as a patch series against 6.1, in O/series
#   make series-bisect  build the objects after every patch of the series
#   make soak        SOAK_CYCLES (1000) crash/recovery cycles under traffic

O ?= $(CURDIR)/build
export O
RIG := $(CURDIR)/scripts/rig

.PHONY: all check demo deps kernel user test gates docs arm compat vm-run bench bench-m3 fuzz abi-diff \
	soak series series-bisect clean
all: check

deps:
	@$(RIG)/deps.sh

kernel: deps
	@$(RIG)/build-kernel.sh

user: kernel
	@$(RIG)/build-user.sh

test: user
	@$(RIG)/test.sh

gates: deps
	@$(RIG)/gates.sh

docs: deps
	@$(RIG)/docs.sh

arm: deps
	@$(RIG)/arm.sh

compat: deps
	@$(RIG)/compat.sh

vm-run: user
	@test -n "$(SCRIPT)" || { echo "usage: make vm-run SCRIPT=path [FILES=dir]"; exit 2; }
	@$(RIG)/vm-run.sh "$(SCRIPT)" "$(FILES)"

bench: user
	@$(RIG)/bench.sh

bench-m3: user
	@$(RIG)/vm-run.sh "$(CURDIR)/scripts/bench/m3.sh" ""

fuzz: deps
	@$(RIG)/fuzz.sh

abi-diff: user
	@$(RIG)/abi-diff.sh

series: deps
	@$(RIG)/series.sh

series-bisect: kernel
	@$(RIG)/series.sh bisect

soak: user
	@$(RIG)/soak.sh

demo: user
	@$(RIG)/demo.sh

check: deps
	@$(RIG)/check.sh

clean:
	rm -rf "$(O)"

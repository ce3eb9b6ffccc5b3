# The two commands a newcomer needs (see README.md):
#   make run    set up and run Thước Đo (the desktop application)
#   make test   set up and run every test
.PHONY: run test deps ui build cli demo bench e2e lint windows windows-test

CARGO ?= cargo
export PATH := $(HOME)/.cargo/bin:$(PATH)
THUOCDO = target/release/thuocdo

deps:
	@bash scripts/install-deps.sh

ui: deps
	cd ui && npm run check && npm run build

build: ui
	$(CARGO) build --release --locked -p thuocdo-desktop -p thuocdo-cli

run: build
	target/release/thuocdo-desktop

cli: deps
	$(CARGO) build --release --locked -p thuocdo-cli

demo: cli
	$(THUOCDO) demo --scale province

test: ui
	$(CARGO) test --workspace --locked
	$(CARGO) build --locked -p thuocdo-desktop -p thuocdo-cli
	node --test tests/e2e/
	bash tests/windows/run.sh

# The Windows installer (README, "Windows"): target/windows/release/ThuocDo-<version>-setup.exe.
windows: ui
	bash scripts/build-windows.sh release

# The Windows build under Wine: install, an office's flow, the window without WebView2, uninstall, the CLI's tests.
windows-test: ui
	bash tests/windows/run.sh

e2e: ui
	$(CARGO) build --locked -p thuocdo-desktop -p thuocdo-cli
	node --test tests/e2e/

bench: cli
	$(THUOCDO) bench

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

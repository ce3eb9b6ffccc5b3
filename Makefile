# The two commands a newcomer needs (see README.md):
#   make run    set up and run Thước Đo
#   make test   set up and run every test
.PHONY: run test deps build demo bench lint

CARGO ?= cargo
THUOCDO = target/release/thuocdo

deps:
	@bash scripts/install-deps.sh

build: deps
	$(CARGO) build --release --locked -p thuocdo-cli

run: build
	@db="$$($(THUOCDO) path)"; \
	if [ -f "$$db" ]; then \
		$(THUOCDO) status; \
	else \
		echo "Thước Đo: chưa có văn phòng tại $$db (no office yet)."; \
		echo "  Dữ liệu mẫu cả tỉnh (demo data):  make demo    → đăng nhập admin / thuocdo-demo"; \
		echo "  Thiết lập văn phòng (set up):     $(THUOCDO) init --unit-name \"Đảng ủy xã Tân Lập\" --unit-code XA-TANLAP --level commune --parent-code SL --admin admin"; \
		echo "  Mọi lệnh (all commands):          $(THUOCDO) --help"; \
	fi

demo: build
	$(THUOCDO) demo --scale province

test: deps
	$(CARGO) test --workspace --locked

bench: build
	$(THUOCDO) bench

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

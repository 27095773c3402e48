# warta — set-up, demo and tests. `make demo` and `make test` create .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint install bench clean vendor serve eval model

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f .demo.duckdb
	$(BIN)/warta ingest examples --db .demo.duckdb
	$(BIN)/warta actors --top 8 --db .demo.duckdb
	$(BIN)/warta events --with JPN --db .demo.duckdb --format csv
	$(BIN)/warta timeline IDN JPN --db .demo.duckdb
	@echo
	@echo "Dashboard on the demo store (then open http://127.0.0.1:8000/):"
	@echo "  $(BIN)/warta serve --db .demo.duckdb"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

test: lint
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/warta eval --by-type --learning-curve

model: $(STAMP)
	$(BIN)/warta train

bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python bench/compare.py

# Front-end libraries: installed from npm (web/package.json, pinned in web/package-lock.json) and copied
# into the package with their licences; the copies are committed, so neither CI nor a user needs npm.
VENDOR := src/warta/api/static/vendor
vendor:
	cd web && npm ci --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp web/node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	cp web/node_modules/echarts/LICENSE $(VENDOR)/LICENSE-echarts
	cp web/node_modules/echarts/NOTICE $(VENDOR)/NOTICE-echarts
	cp web/node_modules/echarts/licenses/LICENSE-d3 $(VENDOR)/LICENSE-d3
	cp web/node_modules/zrender/LICENSE $(VENDOR)/LICENSE-zrender
	cp web/node_modules/tslib/LICENSE.txt $(VENDOR)/LICENSE-tslib
	cp web/node_modules/swagger-ui-dist/swagger-ui-bundle.js web/node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	cp web/node_modules/swagger-ui-dist/LICENSE $(VENDOR)/LICENSE-swagger-ui
	cp web/node_modules/swagger-ui-dist/NOTICE $(VENDOR)/NOTICE-swagger-ui
	cp web/node_modules/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt $(VENDOR)/LICENSE-swagger-ui-bundle-parts
	cd web && node -p "['echarts','zrender','swagger-ui-dist'].map(n => n + ' ' + require(n + '/package.json').version).join('\\n')" > ../$(VENDOR)/VERSIONS

serve: $(STAMP)
	$(BIN)/warta serve --db warta.duckdb

clean:
	rm -rf $(VENV) .demo.jsonl .demo.duckdb .pytest_cache .ruff_cache

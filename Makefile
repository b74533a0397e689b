# The two commands a secretariat needs: `make site` and `make test`.
# Both first install what is missing: Debian packages (when run as root), then .venv.
PY := .venv/bin/python

.PHONY: site serve test lint check setup setup-test setup-lint system system-test clean
site: setup
	$(PY) build.py

# live preview: build, serve site/ on http://127.0.0.1:8000/ and rebuild on every edit (Ctrl-C stops)
serve: setup
	$(PY) build.py serve

test: setup-test
	$(PY) -m pytest -n 2 -q

check: setup
	$(PY) build.py check

# ruff (style, import order, likely bugs) and mypy (types) over the package, as CI runs them
lint: system setup-lint
	$(PY) -m ruff check shuchi tests bench
	$(PY) -m mypy

setup-lint: .venv/.installed-lint

setup: system .venv/.installed
setup-test: system-test .venv/.installed-test

system:
	@bash scripts/setup-system.sh site

system-test:
	@bash scripts/setup-system.sh test

.venv/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $@

.venv/.installed-test: .venv/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

.venv/.installed-lint: .venv/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[lint]'
	@touch $@

clean:
	rm -rf site .shuchi-cache .venv

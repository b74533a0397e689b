# The two commands a secretariat needs: `make site` and `make test`.
# Both set up what is missing first (system packages when run as root, then .venv).
PY := .venv/bin/python

.PHONY: site test check setup clean
site: setup
	$(PY) build.py

test: setup setup-test
	$(PY) -m pytest -n 2 -q

check: setup
	$(PY) build.py check

setup: .venv/.installed
	@bash scripts/setup-system.sh site

setup-test: .venv/.installed-test
	@bash scripts/setup-system.sh test

.venv/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $@

.venv/.installed-test: .venv/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

clean:
	rm -rf site .venv

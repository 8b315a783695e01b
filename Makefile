# Set-up is automatic: every target first makes .venv/ and installs what it needs.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8866
STAMP  := $(VENV)/.installed

.PHONY: venv serve test bench chromium libreoffice hub-proxy validate clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Need $(PYTHON) on PATH (or run: make PYTHON=python3 ...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

serve: venv
	$(PY) -m mbc_edu serve --host $(HOST) --port $(PORT) $(if $(LEARNERS),--learners $(LEARNERS)) \
	  $(if $(LESSON),--lesson $(LESSON)) $(if $(MAX_KERNELS),--max-kernels $(MAX_KERNELS))

# Browser tests drive Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium for the browser tests (apt-get)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The spreadsheet tests save every table with LibreOffice Calc; install it when it is missing.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing LibreOffice Calc for the spreadsheet tests (apt-get)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null; }

# The JupyterHub test needs the Hub's proxy, configurable-http-proxy, from npm (Node.js 18+).
HUB_PROXY := $(VENV)/hub/node_modules/.bin/configurable-http-proxy
hub-proxy: $(HUB_PROXY)

$(HUB_PROXY):
	@command -v npm >/dev/null 2>&1 || { echo "Need npm (Node.js) for the JupyterHub test: apt-get install nodejs npm"; exit 1; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/hub configurable-http-proxy@5.3.0

test: venv chromium libreoffice hub-proxy
	$(PY) -m mbc_edu validate
	$(PY) -m pytest

bench: venv chromium
	$(PY) -m benchmarks

validate: venv
	$(PY) -m mbc_edu validate

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache

# The two commands of the README: `make demo` (build everything and serve) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: demo test browser translations messages clean

# Demo mode: the generated samples stand in for the clusters' sources, and pages say so.
demo: export CLUSTERHUB_DEMO = 1
demo: $(VENV)/.installed translations
	$(BIN)/clusterhub db upgrade
	$(BIN)/clusterhub demo load
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py 'clusterhub:create_app()'

# The login tests run a real OIDC provider (npm oidc-provider) on Node.js; npm ci again only when
# the lock file changes.
OIDC_PROVIDER := tests/clusterhub/auth/oidc_provider

# The browser tests check every page with axe-core (npm axe-core), installed the same way.
AXE := tests/clusterhub/web/browser/axe

test: $(VENV)/.installed-dev translations browser $(OIDC_PROVIDER)/node_modules/.package-lock.json \
      $(AXE)/node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(AXE)/node_modules/.package-lock.json: $(AXE)/package-lock.json
	npm ci --no-audit --no-fund --prefix $(AXE)

$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package-lock.json
	npm ci --no-audit --no-fund --prefix $(OIDC_PROVIDER)

# Pages are tested in Debian's Chromium (Playwright's own browser download cannot work here);
# the CJK fonts make Korean legible in the screenshots.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && fc-list | grep -qi "noto sans cjk" || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk; }

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel

$(VENV)/.installed: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d platform/clusterhub/translations

# The message template after changing texts: _() and _l() in code and pages, N_() in raised errors.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract --no-location --omit-header -F platform/clusterhub/babel.cfg -k _l -k N_ \
	  -o platform/clusterhub/translations/messages.pot platform/clusterhub

clean:
	rm -rf $(VENV) instance test-artifacts

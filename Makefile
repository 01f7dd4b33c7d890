# `make run` and `make test` install what they need into .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test bench clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m newsmap gazetteer build
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m streamlit run dashboard.py --server.address 127.0.0.1 --browser.gatherUsageStats false

test: install
	$(PY) -m pytest

clean:
	rm -rf $(VENV) data/cache

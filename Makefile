# `make run` and `make test` install what they need into .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test bench clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# so that `.venv/bin/python -m newsmap` works from any folder, not only from this one
	$(PY) -c "import pathlib, sys, sysconfig; pathlib.Path(sysconfig.get_path('purelib'), 'newsmap-repository.pth').write_text(sys.argv[1] + '\n')" "$(CURDIR)"
	$(PY) -m newsmap gazetteer build
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m streamlit run dashboard.py --server.address 127.0.0.1 --browser.gatherUsageStats false

test: install
	$(PY) -m pytest

clean:
	rm -rf $(VENV) data/cache

# Two commands are the contract: `make serve` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Two builds of one commit must be identical: MkDocs stamps sitemap.xml.gz with the build day
# unless SOURCE_DATE_EPOCH is set, so it is pinned to the commit time (0 outside a git checkout).
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: setup wheelhouse lock serve build pdf check lint schema new-checklist edition impact publish test system-packages clean bench a11y-report

# Every dependency is installed from the hash-locked requirements-dev.txt (pip's --require-hashes mode).
# `make setup WHEELHOUSE=dir` installs from a folder made by `make wheelhouse` and never contacts an index
# (so do `make serve WHEELHOUSE=dir` and `make test WHEELHOUSE=dir` when they have to set up first).
WHEELHOUSE ?=
PIP := $(BIN)/python -m pip --disable-pip-version-check
PIP_SOURCE := $(if $(WHEELHOUSE),--no-index --find-links "$(WHEELHOUSE)")

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(if $(WHEELHOUSE),@test -d "$(WHEELHOUSE)" || { echo "WHEELHOUSE=$(WHEELHOUSE) がありません: make wheelhouse WHEELHOUSE=$(WHEELHOUSE) で作ってください" >&2; exit 2; })
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes $(PIP_SOURCE) -r requirements-dev.txt
	$(PIP) install --quiet --no-index --no-build-isolation --no-deps -e .
	touch $(STAMP)

# Downloads every locked distribution (hash-checked) into WHEELHOUSE (default wheelhouse/, git-ignored) for
# a machine without internet. The wheels fit this machine's Python version and platform (the locks hold
# the hashes of every platform's files, so a wheelhouse for another platform is made on a machine of it).
WHEELHOUSE_DIR = $(or $(WHEELHOUSE),wheelhouse)
wheelhouse:
	$(PYTHON) -m pip --disable-pip-version-check download --quiet --require-hashes --no-deps \
		-r requirements-dev.txt -d "$(WHEELHOUSE_DIR)"
	@echo "$(WHEELHOUSE_DIR)/ に $$(ls "$(WHEELHOUSE_DIR)" | wc -l) 個のファイル。オフラインのマシンでは make setup WHEELHOUSE=$(WHEELHOUSE_DIR)"

# Maintainers only (needs the package index): rewrites the locks requirements*.txt from requirements*.in
# with uv (pinned and hash-locked in requirements-lock.txt). Versions already in a lock are kept unless
# UPGRADE=1; change a version by editing its == pin in the .in file.
LOCK_VENV := .venv-lock
UV_COMPILE = $(LOCK_VENV)/bin/uv pip compile --quiet --universal --python-version 3.11.5 --generate-hashes \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock:
	test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements-lock.txt; }
	$(UV_COMPILE) -o requirements-lock.txt requirements-lock.in
	$(UV_COMPILE) -o requirements.txt requirements.in
	$(UV_COMPILE) -c requirements.txt -o requirements-dev.txt requirements-dev.in

serve: $(STAMP)
	$(BIN)/python scripts/check_config.py
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT) --livereload

# Builds into a temporary folder next to site/ and swaps it in only on success: a failed build
# keeps the last good site (scripts/build_site.py).
build: $(STAMP)
	$(BIN)/python scripts/check_config.py
	$(BIN)/python scripts/build_site.py site

# PDFs take Chromium and several seconds per checklist, so the ordinary build leaves them out
# (its 「PDFをダウンロード」 links stay hidden); `make pdf` is the build plus the PDFs.
pdf: build
	$(BIN)/python scripts/make_pdf.py --site site $(if $(PUBLIC_URL),--public-url $(PUBLIC_URL))

check: $(STAMP)
	$(BIN)/python scripts/check.py

# Consistency warnings for editors (exit 0); `make lint STRICT=1` fails on any warning.
lint: $(STAMP)
	$(BIN)/python scripts/lint_content.py $(if $(STRICT),--strict)

# Regenerates schemas/ from the FieldSpec tables and puts the schema comment on every data file.
schema: $(STAMP)
	$(BIN)/python scripts/make_schema.py
	$(BIN)/python scripts/add_schema_comment.py

# make new-checklist ID=keikaku TITLE=企画段階の留意事項 [PREFIX=KK]
# The values go to the script in the environment, unexpanded ($(value …)) and never through the
# shell, so a title keeps its quotes, `$` and backticks exactly as typed.
new-checklist: export KB_NEW_ID = $(value ID)
new-checklist: export KB_NEW_TITLE = $(value TITLE)
new-checklist: export KB_NEW_PREFIX = $(value PREFIX)
new-checklist: $(STAMP)
	$(BIN)/python scripts/new_checklist.py

# make edition VERSION=1.1 [FROM_GIT=コミット]: records the published edition's content in data/editions/
# (its entry in data/changelog.yml comes first); commit both files together.
edition: $(STAMP)
	@test -n "$(VERSION)" || { echo "使い方: make edition VERSION=1.1 [FROM_GIT=コミット]" >&2; exit 2; }
	$(BIN)/python scripts/make_edition.py "$(VERSION)" $(if $(FROM_GIT),--from-git "$(FROM_GIT)")

# make impact CITE="市民活動推進条例第9条第1項第4号": every caution, flow outcome and page an amendment touches.
impact: $(STAMP)
	@test -n "$(CITE)" || { echo '使い方: make impact CITE="市民活動推進条例第9条第1項第4号"' >&2; exit 2; }
	$(BIN)/python scripts/impact.py "$(CITE)"

# Builds into a temporary folder next to DEST, checks it, then swaps it in (previous site kept as DEST.prev).
publish: $(STAMP)
	@test -n "$(DEST)" || { echo "使い方: make publish DEST=/公開/フォルダ" >&2; exit 2; }
	$(BIN)/python scripts/publish.py "$(DEST)"

system-packages:
	@sh scripts/ensure_system_packages.sh

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

# Runs the accessibility tests (Chromium, several minutes) and writes data/a11y-results.json, from
# which the build renders the 試験結果 page; commit the file with the change it tested.
a11y-report: $(STAMP) system-packages
	$(BIN)/python scripts/a11y_report.py

clean:
	rm -rf site $(VENV) $(LOCK_VENV) .pytest_cache

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

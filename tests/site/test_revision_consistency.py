"""The revision printed on every checklist (mkdocs.yml extra.kb_revision) and the newest entry
of the 改定履歴 (data/changelog.yml) must name the same date, or paper and site disagree."""
from pathlib import Path

import yaml

from kyodo_kb.formats.changelog import load_changelog

from support import ROOT


def test_printed_revision_date_is_the_newest_changelog_date():
    errors = []
    revisions = load_changelog(ROOT, errors)
    assert errors == [] and revisions
    newest = max(revision.date for revision in revisions)
    config_text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # mkdocs.yml carries !!python tags for MkDocs itself; only the extra block is read here.
    extra = config_text[config_text.index("\nextra:"):].split("\nhooks:")[0]
    printed = yaml.safe_load(extra)["extra"]["kb_revision"]["date"]
    assert printed == newest, "mkdocs.yml の extra.kb_revision.date を data/changelog.yml の最新の日付に合わせてください"

"""The 編集ガイド's example checklists are valid as written: an editor who copies one gets a
checklist that passes `make check` and builds into a page whose citations link to the provisions."""
from __future__ import annotations

import re

from kyodo_kb.tooling.project import PROJECT_ROOT as ROOT, copy_project, run_mkdocs_build
from support import load_script

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/checklist.schema.json"


def example_checklists() -> dict:
    """id -> YAML text of every fenced YAML block in docs/editing/ that is a whole checklist file."""
    examples = {}
    for page in sorted((ROOT / "docs" / "editing").glob("*.md")):
        for block in re.findall(r"^```yaml\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.S | re.M):
            if block.startswith(SCHEMA_LINE):
                examples[re.search(r"^id: (\S+)", block, flags=re.M).group(1)] = block
    return examples


def test_the_guide_has_the_walkthrough_example_with_three_cautions_and_two_provisions():
    walkthrough = example_checklists()["furikaeri"]
    assert walkthrough.count("\n  - id: ") == 3
    assert len(set(re.findall(r"^      - (\S+)$", walkthrough, flags=re.M))) == 2


def test_every_example_checklist_of_the_guide_passes_check_and_builds(tmp_path, capsys):
    examples = example_checklists()
    assert len(examples) >= 2
    project = copy_project(tmp_path / "project")
    for checklist_id, text in examples.items():
        (project / "checklists" / f"{checklist_id}.yml").write_text(text, encoding="utf-8")
    assert load_script("check").main(["--root", str(project)]) == 0, capsys.readouterr().out
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "checklists" / "furikaeri" / "index.html").read_text(encoding="utf-8")
    assert 'id="FR-01"' in html and 'id="FR-03"' in html
    assert 'href="../../ordinances/shimin-katsudo/#art9-para1-item4"' in html
    assert 'href="../../ordinances/shimin-katsudo/#art9-para2"' in html

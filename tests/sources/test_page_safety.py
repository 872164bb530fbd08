"""Pages of docs/, includes/, mkdocs.yml and symbolic links: what `make check` refuses, with the
file and line, and what the strict build refuses the same way (never a traceback)."""
import os
from pathlib import Path

import pytest
import yaml

from kyodo_kb.sources.page_safety import check_site_sources
from kyodo_kb.sources.site_config import mkdocs_yml_errors
from kyodo_kb.sources.site_markdown import EXTENSIONS, SNIPPETS_CONFIG
from kyodo_kb.tooling.project import copy_project, run_mkdocs_build

from support import ROOT


def messages(errors):
    return [str(error) for error in errors]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("pages") / "project")


def test_the_shipped_pages_pass():
    assert messages(check_site_sources(ROOT)) == []


def test_mkdocs_yml_lists_the_extensions_the_checks_render_with():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = []
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        listed.append((name, options or {}))
    assert listed == list(EXTENSIONS) + [("pymdownx.snippets", SNIPPETS_CONFIG)]


@pytest.mark.parametrize("text, expected", [
    ("x: !!python/object/apply:os.system [\"echo x\"]\n",
     "mkdocs.yml:1: mkdocs.yml に YAML のタグ「!!python/object/apply:os.system」は書けません（MkDocs はタグから Python のオブジェクトを作り、"
     "任意のプログラムを動かせてしまうため）。タグを削除して値だけを書いてください"),
    ("a: 1\nb: !ENV HOME\n", "mkdocs.yml:2: mkdocs.yml に YAML のタグ「!ENV」は書けません"),
    ("extra:\n  date: 2026-02-30\n", "mkdocs.yml:2: mkdocs.yml の日付「2026-02-30」はありえない日付です。正しい日付を YYYY-MM-DD で書いてください"),
    ("a: [\n", "mkdocs.yml:2: mkdocs.yml の YAML の書き方に誤りがあります"),
])
def test_mkdocs_yml_may_hold_only_plain_values(tmp_path, text, expected):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    found = messages(mkdocs_yml_errors(tmp_path))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_the_shipped_mkdocs_yml_has_no_tag():
    assert mkdocs_yml_errors(ROOT) == []


def test_unsafe_markup_snippets_and_symlinks_in_docs_are_located_errors(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "guideline" / "keii.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8")
                    + '\n<img alt=">" onload="window.__pwned=1" src="x.png">\n\n--8<-- "../.git/config"\n', encoding="utf-8")
    os.symlink("../mkdocs.yml", project / "docs" / "leak.md")
    found = messages(check_site_sources(project))
    assert found == [
        "docs/leak.md:0: シンボリックリンクは使えません（リンク先のファイルがサイトに公開されてしまうため）。リンクを削除し、ファイルそのものを置いてください [file-symlink]",
        f"docs/guideline/keii.md:{lines + 4}: 差し込むファイル「../.git/config」が includes/ にありません。差し込めるのは includes/ のファイルだけです。ファイル名を確かめてください [page-snippet]",
    ]
    (project / "docs" / "leak.md").unlink()
    page.write_text(page.read_text(encoding="utf-8").replace('--8<-- "../.git/config"', ""), encoding="utf-8")
    found = messages(check_site_sources(project))
    assert found == [f"docs/guideline/keii.md:{lines + 2}: HTML の属性「onload=」は使えません（操作に応じてスクリプトを動かす属性のため）。属性を削除してください [markdown-html-attribute]"]
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert found[0] in result.stderr


def test_a_missing_include_fails_the_build_with_its_line_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "guideline" / "keii.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "nai.md"\n', encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"docs/guideline/keii.md:{line}: 差し込むファイル「nai.md」が includes/ にありません。" in result.stderr), result.stderr


@pytest.mark.parametrize("title", ["<img src=x onerror=window.__pwned=1>", "&lt;img src=x onerror=window.__pwned=1&gt;",
                                   "&#60;img src=x onerror=window.__pwned=1&#62;"])
def test_glossary_titles_are_plain_text(tmp_path, title):
    project = copy_project(tmp_path / "project")
    with open(project / "includes" / "abbreviations.md", "a", encoding="utf-8") as file:
        file.write(f"*[協働ラボ]: {title}\n")
    line = (project / "includes" / "abbreviations.md").read_text(encoding="utf-8").count("\n")
    assert messages(check_site_sources(project)) == [
        f"includes/abbreviations.md:{line}: 略語「協働ラボ」の説明に「<」「>」は書けません（説明は、語にマウスを重ねたときに HTML として表示されるため）。文字だけで書いてください [abbreviation-markup]"]


def test_a_symlink_in_a_data_folder_is_refused_by_check_and_build(tmp_path):
    project = copy_project(tmp_path / "project")
    os.symlink("../.git/config", project / "checklists" / "leak.yml")
    assert messages(check_site_sources(project)) == [
        "checklists/leak.yml:0: シンボリックリンクは使えません（リンク先のファイルがサイトに公開されてしまうため）。リンクを削除し、ファイルそのものを置いてください [file-symlink]"]
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "checklists/leak.yml:0: シンボリックリンクは使えません" in result.stderr

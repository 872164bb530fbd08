"""Checks of what editors write outside the data files: the pages in docs/, the includes/ that
snippets append, mkdocs.yml, and symbolic links anywhere the build reads.

`make check` runs `check_site_sources` (so a passing check means the build will not stop on
these); the build runs the same checks page by page in hooks/page_safety.py.
"""
from __future__ import annotations

import html
from pathlib import Path
import re

import markdown

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation
from kyodo_kb.sources.markdown_safety import HtmlProblem, check_html, locate
from kyodo_kb.sources.site_markdown import ABBREVIATIONS, EXTENSIONS, INCLUDES_DIR, SNIPPETS_CONFIG, heading_slugify

DOCS_DIR = "docs"
DATA_DIRS = ("checklists", "ordinances", "flows", "data", INCLUDES_DIR, DOCS_DIR)
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# pymdownx.snippets: a marker line (`--8<-- "file"`), or a block marker (`--8<--` alone).
_SNIPPET_LINE = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+(?:[ \t]+(?P<name>"(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?'))?[ \t]*\r?$""",
                           re.MULTILINE)
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[(?P<term>[^\]]*)\][ ]?:[ ]*(?P<title>.*)$")


def symlink_errors(root: Path) -> list:
    """A symbolic link in a folder the build reads would publish (or load) whatever it points to."""
    errors = []
    for folder in DATA_DIRS:
        base = root / folder
        if base.is_symlink():
            errors.append(_symlink_error(folder))
            continue
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_symlink():
                errors.append(_symlink_error(path.relative_to(root).as_posix()))
    return errors


def _symlink_error(display: str) -> DataError:
    return DataError(SourceLocation(display, 0),
                     "シンボリックリンクは使えません（リンク先のファイルがサイトに公開されてしまうため）。"
                     "リンクを削除し、ファイルそのものを置いてください", rules.FILE_SYMLINK)


def snippet_errors(text: str, display: str, root: Path) -> list:
    """Snippet markers of a page: only `--8<-- "name"` of an existing file in includes/."""
    errors = []
    includes = (root / INCLUDES_DIR).resolve()
    for match in _SNIPPET_LINE.finditer(text):
        if match.group("escape"):
            continue
        line = text.count("\n", 0, match.start()) + 1
        name = match.group("name")
        if name is None:
            errors.append(DataError(SourceLocation(display, line),
                                    "差し込み（--8<--）は1行に「--8<-- \"ファイル名\"」の形で書いてください（複数行の形は使えません）", rules.PAGE_SNIPPET))
            continue
        name = name[1:-1]
        file_name = re.sub(r"(?::-?[0-9]*){1,2}$|:[A-Za-z0-9_-]+$", "", name) or name
        target = (includes / file_name).resolve()
        if "://" in name or not target.is_relative_to(includes) or not target.is_file():
            errors.append(DataError(SourceLocation(display, line),
                                    f"差し込むファイル「{name}」が {INCLUDES_DIR}/ にありません。"
                                    f"差し込めるのは {INCLUDES_DIR}/ のファイルだけです。ファイル名を確かめてください", rules.PAGE_SNIPPET))
    return errors


def abbreviation_errors(root: Path) -> list:
    """Glossary abbreviations become `title` attributes that the theme shows as HTML on hover.
    Python-Markdown writes an entity of the definition (`&lt;`) into the attribute unchanged,
    so the browser decodes it: entities are decoded before looking for `<` and `>`."""
    path = root / INCLUDES_DIR / ABBREVIATIONS
    if not path.is_file() or path.is_symlink():
        return []
    errors = []
    display = f"{INCLUDES_DIR}/{ABBREVIATIONS}"
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        match = _ABBREVIATION.match(line)
        if match and re.search(r"[<>]", html.unescape(match.group("title") + match.group("term"))):
            errors.append(DataError(SourceLocation(display, number),
                                    f"略語「{match.group('term')}」の説明に「<」「>」は書けません（説明は、語にマウスを重ねたときに HTML として表示されるため）。"
                                    "文字だけで書いてください", rules.ABBREVIATION_MARKUP))
    return errors


def located_problems(problems: list, display: str, source: str, root: Path) -> list:
    """DataErrors for HTML problems of a page, each at the line of `source` (the page file, with its
    front matter) where its hint is found, or in the include it came from."""
    errors = []
    for problem in problems:
        where, text = display, source
        position = _position(source, problem)
        if position is None:
            for include in sorted((root / INCLUDES_DIR).glob("*.md")):
                include_text = include.read_text(encoding="utf-8", errors="replace")
                position = _position(include_text, problem)
                if position is not None:
                    where, text = include.relative_to(root).as_posix(), include_text
                    break
        line = text.count("\n", 0, position) + 1 if position is not None else 0
        errors.append(DataError(SourceLocation(where, line), problem.message, problem.rule))
    return errors


def _position(text: str, problem: HtmlProblem) -> int | None:
    found = locate(text, problem)
    fragments = [hint[0] if isinstance(hint, tuple) else hint for hint in problem.hints]
    if found == 0 and not any(hint and text.lower().startswith(hint.lower()) for hint in fragments):
        return None
    return found


def page_markdown_converter(root: Path) -> markdown.Markdown:
    """Python-Markdown set up like the site's page renderer (snippets from includes/ included)."""
    configs = {name: dict(config) for name, config in EXTENSIONS}
    configs["toc"]["slugify"] = heading_slugify
    configs["pymdownx.snippets"] = snippets_config(root)
    return markdown.Markdown(extensions=[name for name, _ in EXTENSIONS] + ["pymdownx.snippets"],
                             extension_configs=configs)


def snippets_config(root: Path) -> dict:
    config = dict(SNIPPETS_CONFIG)
    config["base_path"] = [str((root / INCLUDES_DIR).resolve())]
    return config


def check_docs_pages(root: Path) -> list:
    """Every page in docs/ rendered as the site renders it and judged by the allowlist."""
    errors: list = []
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return errors
    converter = None
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue  # reported by symlink_errors
        display = path.relative_to(root).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(DataError(SourceLocation(display, 0), f"ファイルを読み込めません（{type(exc).__name__}）。UTF-8 で保存し直してください", rules.FILE_UNREADABLE))
            continue
        page_errors = snippet_errors(source, display, root)
        if page_errors:
            errors += page_errors
            continue
        converter = converter or page_markdown_converter(root)
        converter.reset()
        body = _FRONT_MATTER.sub("", source, count=1)
        try:
            rendered = converter.convert(body)
        except Exception as exc:  # a page the renderer cannot read is reported, not raised
            errors.append(DataError(SourceLocation(display, 0), f"ページを Markdown として読めません（{type(exc).__name__}: {str(exc)[:200]}）", rules.PAGE_UNREADABLE))
            continue
        errors += located_problems(check_html(rendered, field=False), display, source, root)
    return errors


def check_site_sources(root: Path) -> list:
    """Everything `make check` verifies outside the data files."""
    from kyodo_kb.sources.site_config import mkdocs_yml_errors
    errors = symlink_errors(root)
    errors += mkdocs_yml_errors(root)
    errors += abbreviation_errors(root)
    errors += check_docs_pages(root)
    return errors

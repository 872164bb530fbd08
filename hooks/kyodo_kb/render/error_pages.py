"""How data errors are reported: the one terminal report (`make check`, `make build`, `make
serve`, `make lint` print the same block), and while `make serve` runs, a page in the browser
and a banner on every page, so an editor sees them where they look.
"""
from __future__ import annotations

import html
import posixpath

ERROR_PAGE_TITLE = "データに誤りがあります"


def error_lines(errors) -> list[str]:
    return [str(error) for error in sorted(set(errors))]


def error_report(errors, what: str = "データ") -> str:
    """The terminal block: a count, then one `path:line: message [rule-id]` line per error."""
    lines = error_lines(errors)
    return f"{what}に {len(lines)} 件の誤りがあります:\n" + "\n".join(lines)


def render_error_list(errors) -> list[str]:
    return [f"    - <code>{html.escape(line, quote=False)}</code>" for line in error_lines(errors)]


def rebuild_summary(errors, built: str) -> str:
    """The last lines of a rebuild with errors while serving: MkDocs' own `built` line (it would
    otherwise be the last word, and read like success), then the errors once more."""
    return f"{built}\n{error_report(errors)}\n誤りのページを表示しています。上の「ファイル名:行番号」の行を直して保存してください"


def render_error_banner(errors) -> str:
    """A Material admonition; its lines are indented so the list stays inside it."""
    count = len(set(errors))
    lines = [f'!!! danger "データに {count} 件の誤りがあります（プレビュー中だけの表示です）"', "",
             "    次の「ファイル名:行番号」の行を直して保存すると、このページは自動で更新されます。"
             "誤りが直るまで、チェックリストと条例のページは表示されません。", ""]
    return "\n".join(lines + render_error_list(errors)) + "\n"


def render_error_page(errors, page_src: str) -> str:
    guide = posixpath.relpath("editing/errors.md", posixpath.dirname(page_src) or ".")
    return "\n".join(["---", f"title: {ERROR_PAGE_TITLE}", "kb_error_page: true", "---", "",
                      f"# {ERROR_PAGE_TITLE}", "", render_error_banner(errors),
                      f"直し方は、編集ガイドの「[エラーメッセージと直し方]({guide})」を参照してください。", ""])


# data folder -> the generated pages of one file (by its stem; ids usually equal file names),
# and the folder's index page if it has one
GENERATED_PAGES = {
    "checklists": (("checklists/{}.md",), "checklists/index.md"),
    "ordinances": (("ordinances/{}.md",), "ordinances/index.md"),
    "flows": (("chooser/{}/index.md", "flows/{}.md"), None),
    "paperwork": (("paperwork/{}.md",), "paperwork/index.md"),
    "training": (("training/{}.md",), "training/index.md"),
}
# generated from data/ (tags, changelog, editions): shown as error pages too
DATA_PAGES = ("changelog.md", "tags/index.md", "editions/index.md")


def error_page_sources(data_files: dict) -> list[str]:
    """Virtual pages that stand in for the generated ones: {folder: [file stems]} -> src_uris."""
    sources = list(DATA_PAGES) if data_files else []
    for folder, stems in data_files.items():
        templates, index = GENERATED_PAGES[folder]
        if index:
            sources.append(index)
        sources += [template.format(stem) for stem in stems for template in templates]
    return sources

"""The 版の比較 page, its embedded edition data, and the per-checklist revision notes.

The page works without JavaScript: it shows the newest comparison (the newest edition against
the one before, or the unpublished data against the newest edition) with a character-level
diff, and every checklist's history. editions.js lets the reader pick any two editions or a
date, and redoes the diff in the browser from `editions-data.js` (loaded by a script element,
so it works from file:// too). The data stores each distinct text once, by fingerprint.
"""
from __future__ import annotations

import difflib
import html
import json

from kyodo_kb.formats.editions import Edition, compare_editions, item_histories
from kyodo_kb.render.pages import escape_attr, escape_text, json_data_element, relative_link
from kyodo_kb.render.wareki import format_both

PAGE_SRC = "editions/index.md"
DATA_SRC = "editions/editions-data.js"
REVISED_DAYS = 180  # 「改定」 is shown this many days after the edition that changed the item


def version_label(edition: Edition) -> str:
    if edition.draft:
        return "現在の内容（未公開）"
    return f"{edition.version}版（{format_both(edition.date)}）"


def char_diff_html(old: str, new: str) -> str:
    """`new` with the removed parts of `old` in <del> and the added parts in <ins> (by character)."""
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(html.escape(new[j1:j2], quote=False))
            continue
        if i2 > i1:
            parts.append(f"<del>{html.escape(old[i1:i2], quote=False)}</del>")
        if j2 > j1:
            parts.append(f"<ins>{html.escape(new[j1:j2], quote=False)}</ins>")
    return "".join(parts)


_KIND_CLASS = {"追加": "added", "改定": "changed", "削除": "removed"}
FIELDS = (("check", "確認すること"), ("caution", "留意事項"), ("basis", "根拠"))


def _field_text(item, field: str) -> str:
    return "、".join(item.basis) if field == "basis" else getattr(item, field)


def edition_change_lines(editions: list, old: Edition, new: Edition, revisions: dict) -> list[str]:
    """The major/minor label and change note of every published edition after `old` up to `new`
    (either way round), from data/changelog.yml."""
    versions = [e.version for e in editions]
    if old.version not in versions or new.version not in versions:
        return []
    low, high = sorted((versions.index(old.version), versions.index(new.version)))
    lines = []
    for edition in editions[low + 1: high + 1]:
        revision = revisions.get(edition.version)
        if edition.draft or revision is None:
            continue
        note = f"　変更の要点: {revision.change_note}" if revision.change_note else ""
        lines.append(f'<li data-version="{escape_attr(edition.version)}" data-change="{escape_attr(revision.change or "")}">'
                     f"{escape_attr(edition.version)}版: {escape_attr(revision.change_phrase)}{escape_attr(note)}</li>")
    return ['<ul class="kb-comparison-changes">', *lines, "</ul>"] if lines else []


def render_comparison(old: Edition, new: Edition, current_pages: dict, src: str = PAGE_SRC,
                      editions: list = (), revisions: dict | None = None) -> list[str]:
    """The changes from `old` to `new`, per checklist (raw HTML; links to current items)."""
    changes = compare_editions(old, new)
    total = sum(c.count for c in changes)
    lines = [f'<div class="kb-comparison" data-from="{escape_attr(old.version)}" data-to="{escape_attr(new.version)}">',
             f'<p class="kb-comparison-summary">{escape_attr(version_label(old))} から {escape_attr(version_label(new))} への変更: '
             f'{total} 件</p>']
    lines += edition_change_lines(list(editions), old, new, revisions or {})
    if not changes:
        lines.append("<p>変更はありません。</p>")
    for checklist in changes:
        lines.append(f'<section class="kb-comparison-checklist" data-checklist="{escape_attr(checklist.id)}">')
        lines.append(f"<h2>{escape_attr(checklist.title)}（追加 {len(checklist.added)}・改定 {len(checklist.changed)}・"
                     f"削除 {len(checklist.removed)}）</h2>")
        for kind, items in (("追加", checklist.added), ("改定", [n for _, n in checklist.changed]), ("削除", checklist.removed)):
            pairs = checklist.changed if kind == "改定" else [(None, i) for i in items]
            for before, item in pairs:
                page = current_pages.get(item.id)
                name = escape_attr(item.id)
                heading = (f'<a href="{escape_attr(_page_url(src, page, item.id))}">{name}</a>'
                           if page and kind != "削除" else name)
                lines.append(f'<div class="kb-change kb-change-{_KIND_CLASS[kind]}" '
                             f'data-item="{name}">')
                lines.append(f'<p class="kb-change-head"><span class="kb-change-kind">{kind}</span> {heading}</p>')
                lines.append("<dl>")
                for field, label in FIELDS:
                    if before is not None:
                        old_text, new_text = _field_text(before, field), _field_text(item, field)
                        if old_text == new_text:
                            continue
                        body = char_diff_html(old_text, new_text)
                    else:
                        body = html.escape(_field_text(item, field), quote=False) or "（なし）"
                    lines.append(f'<dt>{label}</dt><dd class="kb-diff">{body}</dd>')
                lines.append("</dl></div>")
        lines.append("</section>")
    lines.append("</div>")
    return lines


def _page_url(src: str, page_src: str, anchor: str | None = None) -> str:
    # Raw HTML links are not rewritten by MkDocs: directory URLs, relative to the page's folder.
    link = relative_link(src, page_src)
    link = link[: -len(".md")] + "/" if link.endswith(".md") else link
    return f"{link}#{anchor}" if anchor else link


def render_editions_page(editions: list[Edition], checklists: list, revisions: dict | None = None) -> str:
    """`editions`: published editions oldest first, then the draft if the data differ from the newest.
    `revisions`: version -> changelog Revision (major/minor and the change note)."""
    revisions = revisions or {}
    current_pages = {item.id: c.page_src for c in checklists for item in c.items}
    lines = ["---", "title: 版の比較", "---", "", "# 版の比較", "",
             "公開した版どうし、または版と現在の内容を比べて、チェックリストごとに追加・改定・削除された確認項目と、"
             "変わった文字（<del>削除</del>・<ins>追加</ins>）を示します。", ""]
    published = [e for e in editions if not e.draft]
    lines += ["公開した版: " + ("、".join(version_label(e) + (f"・{revisions[e.version].change_phrase}" if e.version in revisions else "")
                                    for e in published) or "まだありません") + "。", ""]
    lines += ['<form class="kb-editions-form" hidden>',
              '<p><label>比べる元の版 <select class="kb-edition-from"></select></label>　',
              '<label>比べる先の版 <select class="kb-edition-to"></select></label></p>',
              '<p><label>日付で選ぶ（その日に公開されていた版を元にします） <input type="date" class="kb-edition-date"></label></p>',
              '</form>', '<div class="kb-editions-result" aria-live="polite">', ""]
    if len(editions) >= 2:
        lines += render_comparison(editions[-2], editions[-1], current_pages, PAGE_SRC, editions, revisions)
    else:
        only = version_label(editions[0]) if editions else "なし"
        lines.append(f'<p class="kb-comparison-summary">比べられる版はまだ1つだけです（{escape_attr(only)}）。次の版を公開すると、ここで違いを確かめられます。</p>')
    lines += ["", "</div>", "", "## チェックリストごとの改定履歴 { #history }", ""]
    per_checklist: dict = {}
    for before, after in zip(published, published[1:]):
        for changes in compare_editions(before, after):
            described = ([f"追加 {i.id}" for i in changes.added] + [f"改定 {n.id}" for _, n in changes.changed]
                         + [f"削除 {i.id}" for i in changes.removed])
            per_checklist.setdefault(changes.id, []).append((after, "、".join(described)))
    titles = {c.id: (c.title, c.page_src) for c in checklists}
    for edition in reversed(published):  # checklists no longer in the data keep their history
        for c in edition.checklists:
            titles.setdefault(c.id, (c.title, None))
    for checklist_id, (title, page_src) in titles.items():
        lines += [f"### {escape_text(title)} {{ #history-{checklist_id} }}", ""]
        if page_src:
            lines += [f"[チェックリストを開く]({relative_link(PAGE_SRC, page_src)})", ""]
        if not published:
            lines.append("- まだ版は公開されていません。")
        elif any(c.id == checklist_id for c in published[0].checklists):
            lines.append(f"- {format_both(published[0].date)}　{escape_text(published[0].version)}版: 初版として公開")
        for edition, described in per_checklist.get(checklist_id, []):
            lines.append(f"- {format_both(edition.date)}　{escape_text(edition.version)}版: {escape_text(described)}")
        lines.append("")
    lines += [f'<script src="editions-data.js"></script>', ""]
    return "\n".join(lines) + "\n"


def render_editions_data(editions: list[Edition], checklists: list, revisions: dict | None = None) -> str:
    """`window.kbEditions`: the editions (item id + fingerprint per checklist, major/minor and the
    change note) and each text once."""
    revisions = revisions or {}
    texts: dict = {}
    listed = []
    for edition in editions:
        for checklist in edition.checklists:
            for item in checklist.items:
                texts.setdefault(item.fingerprint, [item.check, item.caution, list(item.basis)])
        revision = revisions.get(edition.version) if not edition.draft else None
        listed.append({"version": edition.version, "label": version_label(edition),
                       "change": revision.change_phrase if revision else None,
                       "note": revision.change_note if revision else None,
                       "date": edition.date.isoformat() if edition.date else None, "draft": edition.draft,
                       "checklists": [[c.id, c.title, [[i.id, i.fingerprint] for i in c.items]] for c in edition.checklists]})
    pages = {item.id: _page_url(PAGE_SRC, c.page_src, item.id) for c in checklists for item in c.items}
    data = {"editions": listed, "texts": texts, "pages": pages}
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    # Under Material's instant navigation the page's scripts run after editions.js has looked
    # for the data: the data then tells it that it has arrived.
    return f"window.kbEditions={encoded};\nif(window.kb&&window.kb.editionsLoaded)window.kb.editionsLoaded();\n"


# Every checklist page of a build asks for the same editions' histories: computing them once per
# build (not once per page) took the 1,000-checklist benchmark's edition hook from 278 s to under 1 s.
_HISTORIES_OF: list = [None, None]


def _published_histories(editions: list[Edition]) -> tuple[list, dict]:
    """(the published editions, their item histories), cached for the editions list of the build."""
    if _HISTORIES_OF[0] is not editions:
        published = [e for e in editions if not e.draft]
        _HISTORIES_OF[:] = [editions, (published, item_histories(published))]
    return _HISTORIES_OF[1]


def item_revision_marks(editions: list[Edition], checklist) -> dict:
    """item id -> {"fp": fingerprint now, "revised": date, "edition": version} for one checklist's
    items, the last two only for items changed or added after the first edition."""
    from kyodo_kb.formats.editions import fingerprint_of

    published, histories = _published_histories(editions)
    first = published[0].version if published else None
    marks = {}
    for item in checklist.items:
        mark = {"fp": fingerprint_of(item)}
        history = [r for r in histories.get(item.id, []) if r.version != first and r.kind != "削除"]
        if history:
            mark["revised"] = history[-1].date.isoformat()
            mark["edition"] = history[-1].version
            mark["label"] = format_both(history[-1].date)
        marks[item.id] = mark
    return marks


def render_revision_marks(editions: list[Edition], checklist) -> str:
    """The data a checklist page carries for editions.js (raw HTML, no visible text), and the
    link to the checklist's own history."""
    marks = json_data_element("kb-item-revisions", {"checklist": checklist.id, "revisedDays": REVISED_DAYS,
                                                    "items": item_revision_marks(editions, checklist)})
    link = relative_link(checklist.page_src, PAGE_SRC, f"history-{checklist.id}")
    return (f'{marks}\n\n'
            f'[このチェックリストの改定履歴と版の比較]({link}){{ .kb-history-link }}\n')

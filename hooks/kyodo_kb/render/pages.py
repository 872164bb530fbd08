"""Renders the knowledge base into Markdown pages (checklists, ordinances, indexes).

Output is Markdown for MkDocs to convert, so internal links are written as relative links
to the virtual `.md` sources: MkDocs then checks them and rewrites them for any sub-path.
Plain-text fields are escaped here; Markdown fields are passed through.
"""
from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from urllib.parse import quote

from kyodo_kb.render.cited_provisions import render_cited_texts, render_provision_appendix
from kyodo_kb.render.feedback import item_marker
from kyodo_kb.formats.tags import tag_anchor
from kyodo_kb.render.cjk_soft_breaks import join_soft_breaks_text
from kyodo_kb.formats.checklist import Checklist, ChecklistItem, content_version, item_fingerprint
from kyodo_kb.formats.conditions import condition_labels, conditions_as_data
from kyodo_kb.formats.ordinance import Ordinance, provision_anchor, reference_date, text_on
from kyodo_kb.render.wareki import format_wareki

# HTML's three characters as entities, then a backslash before every character Markdown
# could read as markup (in one pass: a translation table is many times faster than re.sub,
# and rendering escapes hundreds of thousands of strings at 20,000 cautions).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                          **{char: "\\" + char for char in "\\`*_{}[]()#+-.!|~"}})


def escape_text(text: str) -> str:
    """Plain text -> Markdown that shows exactly that text and can carry no markup."""
    return text.translate(_ESCAPES)


def escape_attr(text: str) -> str:
    return html.escape(text, quote=True)


def json_data_element(css_class: str, data) -> str:
    """Data for a page's script, as an empty hidden element's attribute. Not a
    <script type="application/json">: Material's instant navigation re-runs every inline script of
    the new page as JavaScript, whatever its type, and JSON there is a syntax error."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<div class="{css_class}" hidden data-kb-json="{escape_attr(text)}"></div>'


def relative_link(from_src: str, to_src: str, anchor: str | None = None) -> str:
    link = _relative_path(from_src, to_src)
    return f"{link}#{anchor}" if anchor else link


@functools.lru_cache(maxsize=65536)
def _relative_path(from_src: str, to_src: str) -> str:
    # Every caution links to a few shared pages (ordinances, tags): the same few pairs again
    # and again, and posixpath.relpath was half the rendering time at 20,000 cautions.
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def render_checklist_page(checklist: Checklist, pending: dict | None = None, after_items: list | tuple = (),
                          ordinances: dict | None = None) -> str:
    """A decision page: complete without JavaScript (every item, caution and basis shown,
    conditions as labels); decision.js adds the answers, the summary and the filtering.
    `after_items`: Markdown lines between the last item and the editors' details (次の段階へ).
    With `ordinances` ({id: Ordinance}) each citation opens its provision's text in place, and the
    page ends with the appendix of cited provisions that print.js prints on request."""
    src = checklist.page_src
    lines = [
        "---",
        f"title: {front_matter_title(checklist.title)}",
        "---",
        "",
        f"# {escape_text(checklist.title)}",
        "",
    ]
    if checklist.summary:
        lines += [join_soft_breaks_text(checklist.summary.strip()), ""]
    lines += render_decision_summary(checklist)
    if checklist.profile:
        lines += render_profile_form(checklist)
    for item in checklist.items:
        lines += render_checklist_item(item, src, checklist.profile, (pending or {}).get(item.id, ()), ordinances)
    lines += list(after_items)
    if ordinances:
        lines += render_provision_appendix(ordinances, checklist)
    # For editors, after the items: staff reach the first question without scrolling past it.
    lines += [f'<p class="kb-source">編集者向け: チェックリスト ID <code>{escape_attr(checklist.id)}</code>　'
              f'確認項目 {len(checklist.items)} 件　元データ <code>{escape_attr(checklist.path)}</code></p>', ""]
    return "\n".join(lines) + "\n"


def render_decision_summary(checklist: Checklist) -> list[str]:
    """The sticky summary, filled in by decision.js; `hidden` keeps it out of pages read
    without JavaScript, where it could never change."""
    total = len(checklist.items)
    return [
        f'<section class="kb-summary" data-checklist="{escape_attr(checklist.id)}" '
        f'data-version="{content_version(checklist)}" aria-label="回答の状況" hidden>',
        '<div class="kb-summary-bar">',
        f'<p class="kb-summary-count" role="status" aria-live="polite">回答 <span class="kb-answered">0</span> / '
        f'<span class="kb-total">{total}</span>　未対応の留意事項 <span class="kb-open-count">{total}</span> 件</p>',
        f'<progress class="kb-progress" max="{total}" value="0" aria-label="回答の進み具合"></progress>',
        '<button type="button" class="kb-copy-share md-button">共有リンクをコピー</button>',
        '<button type="button" class="kb-reset md-button">回答をリセット</button>',
        "</div>",
        '<p class="kb-copy-status" role="status"></p>',
        '<details class="kb-open-cautions"><summary>未対応の留意事項（いいえ・未回答）の一覧と共有リンク</summary>',
        '<ul class="kb-open-list"></ul>',
        '<p><a class="kb-share-link" href="#">この回答を共有するリンク</a>（上司や同僚に送ると、受け取った人の画面に'
        'この回答を表示します。受け取った人が保存している回答は、その人が選ばない限り変わりません）</p>',
        '<p><label class="kb-sharer">共有リンクに載せる名前（任意）<input class="kb-sharer-name" type="text" '
        'maxlength="40" autocomplete="name"></label></p>',
        '<p class="kb-privacy">回答はこのブラウザの中にだけ保存され、どこにも送信されません。共有するリンクには回答だけが含まれます。</p>',
        "</details>",
        "</section>",
        "",
    ]


def render_profile_form(checklist: Checklist) -> list[str]:
    lines = ['<div class="kb-profile" hidden>',
             '<p class="kb-profile-intro">次の質問に答えると、当てはまる項目だけを表示します（答えないときはすべて表示します）。</p>']
    for question in checklist.profile:
        name = f"kb-profile-{question.id}"
        lines.append(f'<fieldset class="kb-profile-question" data-question="{escape_attr(question.id)}">'
                     f"<legend>{escape_attr(question.question)}</legend>")
        choices = [("", "指定しない")] + [(o.id, o.label) for o in question.options]
        for value, label in choices:
            checked = " checked" if value == "" else ""
            lines.append(f'<label><input type="radio" name="{name}" value="{escape_attr(value)}"{checked}> {escape_attr(label)}</label>')
        lines.append("</fieldset>")
    lines += ['<p class="kb-filter-note" role="status"></p>', "</div>", ""]
    return lines


ANSWERS = (("yes", "はい"), ("no", "いいえ"), ("na", "該当しない"))
TAG_PAGE_URL = "../../tags/"  # from checklists/<id>/ (use_directory_urls); raw HTML links are not rewritten


@functools.lru_cache(maxsize=4096)  # a few dozen tags, on every caution
def tag_link(tag: str) -> str:
    return (f' <a class="kb-tag" href="{TAG_PAGE_URL}#{escape_attr(quote(tag_anchor(tag)))}" '
            f'title="タグ「{escape_attr(tag)}」の留意事項の一覧">{escape_attr(tag)}</a>')


def render_checklist_item(item: ChecklistItem, src: str, profile: tuple = (), pending: tuple = (),
                          ordinances: dict | None = None) -> list[str]:
    applies = ""
    if item.applies_when:
        data = json.dumps(conditions_as_data(item.applies_when), ensure_ascii=False, separators=(",", ":"))
        applies = f' data-applies="{escape_attr(data)}"'
    meta = (f'<p class="kb-item-meta"><span class="kb-item-id">{escape_attr(item.id)}</span>'
            + "".join(tag_link(tag) for tag in item.tags)
            + "".join(f' <span class="kb-condition">{escape_attr(label)}</span>'
                      for label in condition_labels(item.applies_when, profile))
            + "</p>")
    radios = "".join(
        f'<label><input type="radio" name="kb-answer-{escape_attr(item.id)}" value="{value}"> {label}</label>'
        for value, label in ANSWERS)
    lines = [
        f'<div class="kb-item" data-item="{escape_attr(item.id)}" data-fingerprint="{item_fingerprint(item)}"{applies} markdown>',
        "",
        f"## {escape_text(item.check)} {{ #{item.id} }}",
        "",
        meta,
        "",
        # The group is named by the question (what a screen reader announces on entering it);
        # sighted readers see the question as the heading just above, and 「回答」 here.
        f'<fieldset class="kb-answer"><legend><span class="kb-sr-only">{escape_attr(item.check)}</span>'
        f'<span aria-hidden="true">回答</span></legend>{radios}</fieldset>',
        "",
        '<div class="kb-caution" markdown>',
        "",
        join_soft_breaks_text(item.caution),
        "",
        "</div>",
        "",
    ]
    if item.basis:
        links = "、".join(
            f"[{escape_text(c.ref.label)}]({relative_link(src, c.ref.page_src, c.ref.anchor)})" for c in item.basis
        )
        lines += [f"**根拠**: {links}", "{ .kb-basis }", ""]
        if ordinances:
            lines += render_cited_texts(ordinances, item.basis)
    if pending:
        lines += render_amendment_notice(pending, src)
    if item.sources:
        labels = "、".join(escape_text(source.label) for source in item.sources)
        lines += [f"**出典**: {labels}", "{ .kb-sources }", ""]
    lines += [item_marker(item.id), "", "</div>", ""]
    return lines


def amendment_notice_title(pending: tuple) -> str:
    """根拠の規定が改正されました（令和9年4月1日施行）: 内容を確認中"""
    dates = "・".join(dict.fromkeys(format_wareki(a.version.in_force) + "施行" for a in pending))
    return f"根拠の規定が改正されました（{dates}）: 内容を確認中"


def render_amendment_notice(pending: tuple, src: str) -> list[str]:
    """The notice on a caution whose basis was amended after the caution was last reviewed
    (formats/amendments.py): shown on screen and on paper until an editor records the review."""
    lines = ['<div class="kb-amended" role="note" markdown>', "",
             f"**{escape_text(amendment_notice_title(pending))}**", "{ .kb-amended-title }", ""]
    for amendment in pending:
        version = amendment.version
        link = relative_link(src, amendment.page_src, amendment.anchor)
        lines += [f"- [{escape_text(amendment.label)}]({link}): {escape_text(format_wareki(version.in_force))}施行"
                  f"（{escape_text(version.amended_by)}による改正）"]
    lines += ["", "この留意事項は、改正後の規定に照らして見直しているところです。改正後の条文は、リンク先で確認してください。",
              "{ .kb-amended-help }", "", "</div>", ""]
    return lines


def _version_label(version) -> str:
    if version.amended_by:
        return f"{format_wareki(version.in_force)}施行（{version.amended_by}による改正）"
    if version.in_force:
        return f"{format_wareki(version.in_force)}施行（このサイトに収録した最初の本文）"
    return "施行日 要確認（このサイトに収録した最初の本文）"


def _provision_texts(number: str, versions: tuple, today) -> list[str]:
    """The text of one provision: with one version, that text; with several, each version as its own
    paragraph (data-from / data-until, the one in force on `today` visible) and the history of all."""
    if len(versions) <= 1:
        text = versions[0].text if versions else ""
        return [f'<p class="kb-provision-text"><span class="kb-provision-number">{number}</span> {escape_attr(text)}</p>', ""]
    current = text_on(versions, today)
    lines = []
    for index, version in enumerate(versions):
        until = versions[index + 1].in_force.isoformat() if index + 1 < len(versions) else ""
        since = version.in_force.isoformat() if version.in_force else ""
        hidden = "" if version is current else " hidden"
        lines.append(f'<div class="kb-version" data-from="{since}" data-until="{until}"{hidden}>'
                     f'<p class="kb-provision-text"><span class="kb-provision-number">{number}</span> {escape_attr(version.text)}</p>'
                     f'<p class="kb-version-note">{escape_attr(_version_label(version))}の本文</p></div>')
    if current is None:
        lines.append('<p class="kb-version-none" data-before="1">この日には、まだ施行されていない規定です。</p>')
    else:
        lines.append('<p class="kb-version-none" data-before="1" hidden>この日には、まだ施行されていない規定です。</p>')
    lines.append(f'<details class="kb-version-history"><summary>この規定の改正の履歴（本文 {len(versions)} 件）</summary><ol>')
    for version in versions:
        lines.append(f'<li><p class="kb-version-note">{escape_attr(_version_label(version))}</p>'
                     f'<p class="kb-version-text">{escape_attr(version.text)}</p></li>')
    lines += ["</ol></details>", ""]
    return lines


def render_as_of(ordinance: Ordinance, today) -> list[str]:
    """The line 「令和…までの改正を反映」 and, when a provision has amendments, the date control."""
    checked = (f"{format_wareki(ordinance.amendments_checked)}までの改正を反映" if ordinance.amendments_checked
               else "反映している改正の時点: 要確認（例規集で改正を確かめた日が記録されていません）")
    lines = [f'<p class="kb-amendments-checked">{escape_attr(checked)}</p>', ""]
    if not any(len(p.versions) > 1 for _, _, p in ordinance.provisions()):
        return lines + ['<p class="kb-as-of-none">収録した規定には、改正の記録がありません。</p>', ""]
    shown = format_wareki(today)
    lines += [
        '<div class="kb-as-of" data-build-date="' + today.isoformat() + '">',
        f'<p class="kb-as-of-status" role="status" aria-live="polite">{shown}に施行されている条文を表示しています。'
        "改正前・改正後の条文は、各規定の「改正の履歴」で読めます。</p>",
        '<p class="kb-as-of-control" hidden><label for="kb-as-of-date">表示する日（この日に施行されている条文を表示します）</label> '
        f'<input type="date" id="kb-as-of-date" class="kb-as-of-date" min="1873-01-01" max="2099-12-31" value="{today.isoformat()}"> '
        '<button type="button" class="kb-as-of-today md-button">今日</button></p>',
        "</div>",
        "",
    ]
    return lines


def render_ordinance_page(ordinance: Ordinance, citing_items: dict) -> str:
    src = ordinance.page_src
    lines = [
        "---",
        f"title: {front_matter_title(ordinance.title + '（抄）')}",
        "---",
        "",
        f"# {escape_text(ordinance.title)}（抄）",
        "",
        '!!! note "抄録です"',
        "",
        "    このページは条例の一部の規定だけを収録した抄録（抄）です。条例の全文は茅ヶ崎市例規集で確認してください。",
        "    各規定の下に、その規定を根拠とする留意事項を示しています。",
        "",
    ]
    facts = []
    if ordinance.promulgated:
        facts.append(("公布", ordinance.promulgated))
    if ordinance.in_force:
        facts.append(("施行", ordinance.in_force))
    if facts:
        lines += ["| 項目 | 内容 |", "| --- | --- |"]
        lines += [f"| {name} | {escape_text(value)} |" for name, value in facts]
        lines += [""]
    if ordinance.purpose:
        lines += [ordinance.purpose.strip(), ""]
    today = reference_date()
    lines += render_as_of(ordinance, today)
    for article in ordinance.articles:
        caption = f"（{escape_text(article.caption)}）" if article.caption else ""
        article_anchor = provision_anchor(article.number)
        lines += [f"## 第{escape_text(article.number)}条{caption} {{ #{article_anchor} .kb-article }}", ""]
        if article.chapter:
            lines += [f'<p class="kb-chapter">{escape_attr(article.chapter)}</p>', ""]
        lines += _backlinks(citing_items.get((ordinance.id, article_anchor), []), src)
        for paragraph in article.paragraphs:
            p_anchor = provision_anchor(article.number, paragraph.number)
            # numbers and the space after them as the source prints them (「第26条 」「2 」「(1) 」),
            # so that the page and the quotations in the guideline pages read the same
            number = f"第{escape_attr(article.number)}条" if paragraph.number == 1 else str(paragraph.number)
            lines += [f'<div class="kb-provision kb-paragraph" id="{p_anchor}" markdown>']
            lines += _provision_texts(number, paragraph.versions or (_Plain(paragraph.text),), today)
            lines += _backlinks(citing_items.get((ordinance.id, p_anchor), []), src)
            for item in paragraph.items:
                i_anchor = provision_anchor(article.number, paragraph.number, item.number)
                lines += [f'<div class="kb-provision kb-item-provision" id="{i_anchor}" markdown>']
                lines += _provision_texts(f"({item.number})", item.versions or (_Plain(item.text),), today)
                lines += _backlinks(citing_items.get((ordinance.id, i_anchor), []), src)
                lines += ["</div>", ""]
            if paragraph.note:
                lines += [f'<p class="kb-note">注: {escape_attr(paragraph.note.strip())}</p>', ""]
            lines += ["</div>", ""]
        if article.note:
            lines += [f'<p class="kb-note">注: {escape_attr(article.note.strip())}</p>', ""]
    lines += ["## 出典 { #source }", "", ordinance.source.strip(), ""]
    return "\n".join(lines) + "\n"


class _Plain:
    """A provision built without versions (tests that make the model by hand)."""
    def __init__(self, text: str):
        self.text, self.in_force, self.amended_by = text, None, None


def _backlinks(citing: list, src: str) -> list[str]:
    if not citing:
        return []
    lines = ['<div class="kb-backlinks" markdown>', "", "この規定を根拠とする留意事項:", ""]
    for checklist, item in citing:
        link = relative_link(src, checklist.page_src, item.id)
        lines.append(f"- [{escape_text(item.check)}]({link})（{escape_text(checklist.title)}・{item.id}）")
    lines += ["", "</div>", ""]
    return lines


def render_checklist_index(checklists: list) -> str:
    lines = [
        "---",
        "title: チェックリスト一覧",
        "---",
        "",
        "# チェックリスト一覧",
        "",
        "協働の場面ごとに、職員が確認する留意事項をまとめています。チェックリストを開き、各項目の問いに答えながら進めてください。",
        "",
        "| チェックリスト | 項目数 |",
        "| --- | ---: |",
    ]
    for checklist in checklists:
        link = relative_link("checklists/index.md", checklist.page_src)
        lines.append(f"| [{escape_text(checklist.title)}]({link}) | {len(checklist.items)} |")
    return "\n".join(lines) + "\n"


def render_ordinance_index(ordinances: list) -> str:
    lines = ["---", "title: 条例（抄）", "---", "", "# 条例（抄）", "",
             "留意事項の根拠となる条例の規定です。各規定の下に、その規定を根拠とする留意事項を示しています。", ""]
    for ordinance in ordinances:
        link = relative_link("ordinances/index.md", ordinance.page_src)
        recorded = "、".join(a.label for a in ordinance.articles)
        lines.append(f"- [{escape_text(ordinance.title)}]({link})（収録: {recorded}）")
    return "\n".join(lines) + "\n"


def front_matter_title(text: str) -> str:
    """The `title:` value of a generated page's front matter. The theme writes page.title into
    <title>, the header and the nav without escaping it (MkDocs' Jinja has no autoescape), so it
    is escaped here, once, as HTML; every generated page with an editor's title uses this."""
    return _yaml_string(html.escape(text, quote=True))


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

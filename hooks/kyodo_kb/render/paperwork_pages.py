"""Renders the paperwork sheets (役割分担表, 協定書に書くこと, 振り返り（評価）シート) and their
index into Markdown pages at paperwork/<kind>/.

Each sheet page is a complete form without JavaScript (inputs, the cautions, provisions and
sources of every row, the sign-off block for paper); paperwork.js keeps what staff write in the
browser, prefills the role table from the chosen form (marked as a suggestion), prints on A4 and
downloads CSV and XLSX, reading the sheet's data from the JSON block the page carries.
"""
from __future__ import annotations

import json

from kyodo_kb.formats.paperwork import SCALE, WHO, form_options
from kyodo_kb.outputs.print_blocks import render_print_header, render_signoff
from kyodo_kb.render.cjk_soft_breaks import join_soft_breaks_text
from kyodo_kb.render.pages import escape_attr, escape_text, front_matter_title, json_data_element, relative_link

INDEX_SRC = "paperwork/index.md"
STATUS = (("yes", "書面に書いた"), ("no", "まだ"), ("na", "この事業では書かない"))
ORIENTATION = {"role-table": "landscape", "agreement": "portrait", "evaluation": "landscape"}
LEAD = {
    "role-table": "事業で分担する事柄ごとに、市・相手方・共同のどれが担うかと、具体的に何をするかを記入します。",
    "agreement": "協定書などの書面に入れる事柄と、相手方と決めておくことの一覧です。条文の案ではありません。",
    "evaluation": "市と相手方がそれぞれ同じ項目を5段階で振り返り、結果を持ち寄って話し合うためのシートです。",
}


def render_paperwork_pages(kb, revision, public_url: str | None = None) -> dict:
    """{virtual src: Markdown} for the index and every sheet present; {} without sheets."""
    if not kb.paperwork:
        return {}
    items = {item.id: (checklist, item) for checklist in kb.checklists for item in checklist.items}
    forms = form_options(kb.checklists) or {}
    pages = {INDEX_SRC: render_index(kb.paperwork, kb.flows)}
    for sheet in kb.paperwork:
        page_path = sheet.page_src.removesuffix(".md") + "/"
        pages[sheet.page_src] = render_sheet(sheet, items, forms, kb, revision, page_path, public_url)
    return pages


def render_index(sheets, flows) -> str:
    lines = ["---", "title: 書式（役割分担表・協定書・振り返り）", "---", "",
             "# 書式（役割分担表・協定書・振り返り）", "",
             "留意事項のチェックリストで「書面にしてください」「振り返りの様式」とされているものを、"
             "このブラウザで記入し、印刷（A4）や表計算用のファイル（CSV・Excel）で持ち出せるようにしたページです。"
             "記入した内容はこのブラウザの中だけに保存され、ほかへは送られません。", ""]
    if flows:
        flow = flows[0]
        lines += [f"先に[{escape_text(flow.title)}]({relative_link(INDEX_SRC, flow.page_src)})で形態を選んでおくと、"
                  "役割分担表にその形態の出典のある担い手を「提案」として入れ、協定書に書くことに形態ごとの補足を示します。", ""]
    lines += ["| 書式 | 内容 | 使う段階 |", "| --- | --- | --- |"]
    stage = {"role-table": "役割分担・協定", "agreement": "役割分担・協定", "evaluation": "評価・公開・振り返り"}
    for sheet in sheets:
        lines.append(f"| [{escape_text(sheet.title)}]({relative_link(INDEX_SRC, sheet.page_src)}) | "
                     f"{escape_text(LEAD[sheet.kind])} | {stage[sheet.kind]} |")
    lines += ["", "茅ヶ崎市の協定書や評価の様式は、調査した資料からは見つかっていません（確かめることは各ページの「要確認」と、編集ガイドの要確認の一覧にあります）。"
              "これらのページの行の立て方は、他の自治体の例と、このサイトの留意事項・条例の規定に基づきます。出典は各ページに示しています。", ""]
    return "\n".join(lines) + "\n"


def _json_block(data: dict) -> str:
    return json_data_element("kb-pw-data", data)


def _caution_links(entry, items: dict, src: str) -> str:
    links = []
    for ref in entry.cautions:
        checklist, item = items[ref.text]
        links.append(f"[{escape_text(ref.text)} {escape_text(item.check)}]({relative_link(src, checklist.page_src, item.id)})")
    return "、".join(links)


def _basis_links(basis, src: str) -> str:
    return "、".join(f"[{escape_text(c.ref.label)}]({relative_link(src, c.ref.page_src, c.ref.anchor)})" for c in basis)


def _meta_fields(forms: dict) -> list[str]:
    options = "".join(f'<option value="{escape_attr(k)}">{escape_attr(v)}</option>' for k, v in forms.items())
    return [
        '<div class="kb-pw-meta">',
        '<label class="kb-pw-meta-field">事業名 <input type="text" data-field="_meta.jigyo" autocomplete="off"></label>',
        '<label class="kb-pw-meta-field">相手方（団体名） <input type="text" data-field="_meta.aite" autocomplete="off"></label>',
        f'<label class="kb-pw-meta-field">協働の形態 <select class="kb-pw-form" data-field="_meta.form">'
        f'<option value="">選んでいない</option>{options}</select></label>',
        "</div>",
        '<p class="kb-pw-form-status" role="status" aria-live="polite"></p>',
    ]


def _tools(sheet) -> list[str]:
    landscape = ORIENTATION[sheet.kind] == "landscape"
    return [
        '<div class="kb-pw-tools" data-search-exclude="true" hidden>',
        '<fieldset class="kb-pw-orientation"><legend>用紙（A4）</legend>',
        f'<label><input type="radio" name="kb-pw-orientation" value="portrait"{"" if landscape else " checked"}> 縦</label>',
        f'<label><input type="radio" name="kb-pw-orientation" value="landscape"{" checked" if landscape else ""}> 横</label>',
        "</fieldset>",
        '<button type="button" class="md-button md-button--primary kb-pw-print-button">印刷する</button>',
        '<button type="button" class="md-button kb-pw-csv">CSVをダウンロード</button>',
        '<button type="button" class="md-button kb-pw-xlsx">Excel（XLSX）をダウンロード</button>',
        '<button type="button" class="md-button kb-pw-clear">記入を消す</button>',
        '<p class="kb-pw-tools-status" role="status" aria-live="polite"></p>',
        "</div>",
    ]


def render_sheet(sheet, items: dict, forms: dict, kb, revision, page_path: str, public_url: str | None) -> str:
    src = sheet.page_src
    # The wide tables need the width of the table of contents; the agreement's matters use it.
    hide = ["hide:", "  - toc"] if sheet.kind != "agreement" else []
    lines = ["---", f"title: {front_matter_title(sheet.title)}", *hide, "---", "", f"# {escape_text(sheet.title)}", ""]
    if revision is not None:
        lines += [render_print_header(revision, page_path, public_url)]
    lines += [join_soft_breaks_text(sheet.intro), ""]
    lines += [f"[書式の一覧]({relative_link(src, INDEX_SRC)})　"
              + "　".join(f"[{escape_text(other.title)}]({relative_link(src, other.page_src)})"
                         for other in kb.paperwork if other is not sheet), "{ .kb-pw-nav }", ""]
    data = {"sheet": sheet.kind, "title": sheet.title, "forms": forms, "who": WHO,
            "orientation": ORIENTATION[sheet.kind], "entries": []}
    body = {"role-table": _role_table, "agreement": _agreement, "evaluation": _evaluation}[sheet.kind]
    sheet_lines, refs = body(sheet, items, forms, src, data, kb)
    lines += _tools(sheet)
    lines += ["", f'<div class="kb-pw-sheet" data-sheet="{sheet.kind}" data-version="{sheet.version}" markdown>', "",
              _json_block(data), "", "\n".join(_meta_fields(forms)), "", *sheet_lines, "", "</div>", ""]
    lines += refs
    lines += [render_signoff()]
    return "\n".join(lines) + "\n"


def _entry_data(entry, items: dict) -> dict:
    return {"id": entry.id, "name": entry.name,
            "cautions": [f"{r.text} {items[r.text][1].check}" for r in entry.cautions],
            "sources": [source.label for source in entry.sources],
            "basis": [c.ref.label for c in getattr(entry, "basis", ())]}


def _role_table(sheet, items, forms, src, data, kb):
    head = ('<table class="kb-pw-table kb-pw-roles"><caption>役割分担表（○を付けた側が担います）</caption><thead><tr>'
            '<th scope="col">分担する事柄</th><th scope="col">市</th><th scope="col">相手方</th><th scope="col">共同</th>'
            '<th scope="col">備考（具体的に何をするか）</th></tr></thead><tbody>')
    rows = ["", head]
    refs = ["## 行ごとの留意事項と出典 { #kb-pw-sources }", "",
            "表の行ごとに、それを尋ねている留意事項、出典、形態ごとの提案とその出典を示します。", ""]
    for entry in sheet.entries:
        suggest = {s.form: {"who": s.who, "source": s.source.label} for s in entry.suggestions}
        data["entries"].append({**_entry_data(entry, items), "question": entry.question, "suggest": suggest})
        cells = "".join(
            f'<td class="kb-pw-choice" data-who="{who}"><label><input type="radio" name="kb-pw-{entry.id}-who" '
            f'value="{who}" data-field="{entry.id}.who"><span class="kb-pw-choice-label">{label}</span></label></td>'
            for who, label in WHO.items())
        rows.append(
            f'<tr class="kb-pw-row" data-row="{entry.id}">'
            f'<th scope="row"><span class="kb-pw-name">{escape_attr(entry.name)}</span>'
            f'<span class="kb-pw-question">{escape_attr(entry.question)}</span>'
            f'<a class="kb-pw-ref-link" href="#row-{entry.id}">留意事項と出典</a></th>'
            f'{cells}<td class="kb-pw-note"><textarea rows="2" data-field="{entry.id}.note" '
            f'aria-label="{escape_attr(entry.name)}の備考"></textarea>'
            f'<p class="kb-pw-suggestion" hidden></p></td></tr>')
        refs += [f"### {escape_text(entry.name)} {{ #row-{entry.id} }}", "",
                 f"{escape_text(entry.question)}", ""]
        refs += _ref_list(entry, items, src)
        if entry.suggestions:
            refs += ["形態ごとの提案:", ""]
            refs += [f"- {escape_text(forms.get(s.form, s.form))}: {WHO[s.who]}（出典: {escape_text(s.source.label)}）"
                     for s in entry.suggestions]
            refs.append("")
        else:
            refs += ["形態ごとの提案: なし（担い手を示す出典がありません。相手方と話し合って決めてください）", ""]
        if entry.note:
            refs += [join_soft_breaks_text(entry.note), ""]
    rows.append("</tbody></table>")
    rows = ["", "".join(rows[1:]), ""]
    return rows, ['<div class="kb-pw-refs" markdown>', "", *refs, "</div>", ""]


def _ref_list(entry, items, src) -> list[str]:
    lines = []
    if entry.cautions:
        lines.append(f"- 留意事項: {_caution_links(entry, items, src)}")
    if getattr(entry, "basis", ()):
        lines.append(f"- 根拠: {_basis_links(entry.basis, src)}")
    lines.append("- 出典: " + "／".join(escape_text(s.label) for s in entry.sources))
    return lines + [""]


def _agreement(sheet, items, forms, src, data, kb):
    lines = ['<div class="kb-pw-kakunin" markdown>', "", f"**要確認**　{join_soft_breaks_text(sheet.kakunin)}", "", "</div>", "",
             '<p class="kb-pw-filter-note" role="status"></p>', ""]
    for number, entry in enumerate(sheet.entries, start=1):
        notes = {n.form: n.note for n in entry.form_notes}
        data["entries"].append({**_entry_data(entry, items), "questions": list(entry.questions),
                                "forms": [r.text for r in entry.forms], "formNotes": notes,
                                "kakunin": entry.kakunin or ""})
        form_attr = escape_attr(json.dumps([r.text for r in entry.forms])) if entry.forms else ""
        lines += [f'<section class="kb-pw-matter" data-row="{entry.id}"'
                  + (f' data-forms="{form_attr}"' if form_attr else "") + " markdown>", "",
                  f"## {number}. {escape_text(entry.name)} {{ #{entry.id} }}", "",
                  "決めて書面に残すこと:", ""]
        lines += [f"- {escape_text(q)}" for q in entry.questions] + [""]
        if entry.form_notes:
            lines += ['<ul class="kb-pw-form-notes">']
            lines += [f'<li data-form="{escape_attr(n.form)}"><strong>{escape_attr(forms.get(n.form, n.form))}</strong>: '
                      f"{escape_attr(n.note)}</li>" for n in entry.form_notes]
            lines += ["</ul>", ""]
        if entry.kakunin:
            lines += ['<div class="kb-pw-kakunin" markdown>', "", f"**要確認**　{join_soft_breaks_text(entry.kakunin)}", "", "</div>", ""]
        radios = "".join(f'<label><input type="radio" name="kb-pw-{entry.id}-status" value="{v}" data-field="{entry.id}.status"> {label}</label>'
                         for v, label in STATUS)
        lines += [f'<fieldset class="kb-pw-status"><legend>{escape_attr(entry.name)}: 書面に書いたか</legend>{radios}</fieldset>',
                  f'<label class="kb-pw-memo">決めた内容の要点（{escape_attr(entry.name)}）'
                  f'<textarea rows="3" data-field="{entry.id}.memo"></textarea></label>', ""]
        lines += _ref_list(entry, items, src)
        lines += ["</section>", ""]
    return lines, []


def _provision_text(kb, ref) -> str:
    ordinance = kb.ordinance(ref.ordinance_id)
    article = ordinance.article(ref.article)
    if ref.paragraph is None:
        return "\n".join(p.text for p in article.paragraphs)
    paragraph = article.paragraph(ref.paragraph)
    if ref.item is None:
        return paragraph.text
    return f"（{ref.item}）{paragraph.item(ref.item).text}"


def _evaluation(sheet, items, forms, src, data, kb):
    options = '<option value="">—</option>' + "".join(f'<option value="{n}">{n}</option>' for n in SCALE)
    head = ('<table class="kb-pw-table kb-pw-criteria"><caption>評点は1〜5（5がよくできた）。市と相手方がそれぞれ記入します</caption>'
            '<thead><tr><th scope="col">評価の項目</th><th scope="col">市の評点</th><th scope="col">市の所見</th>'
            '<th scope="col">相手方の評点</th><th scope="col">相手方の所見</th></tr></thead><tbody>')
    rows = ['<div class="kb-pw-scale" markdown>', "", join_soft_breaks_text(sheet.scale), "", "</div>", "", head]
    refs = ["## 評価の項目の出典 { #kb-pw-sources }", ""]
    for entry in sheet.entries:
        data["entries"].append({**_entry_data(entry, items), "question": entry.question})
        cells = []
        for side, label in (("shi", "市"), ("aite", "相手方")):
            # The cell labels show only on phones, where the table's column headings are gone.
            cells.append(f'<td class="kb-pw-score"><span class="kb-pw-cell-label" aria-hidden="true">{label}の評点</span>'
                         f'<select data-field="{entry.id}.{side}_score" '
                         f'aria-label="{escape_attr(entry.name)}: {label}の評点">{options}</select></td>')
            cells.append(f'<td class="kb-pw-note"><span class="kb-pw-cell-label" aria-hidden="true">{label}の所見</span>'
                         f'<textarea rows="2" data-field="{entry.id}.{side}_comment" '
                         f'aria-label="{escape_attr(entry.name)}: {label}の所見"></textarea></td>')
        rows.append(f'<tr class="kb-pw-row" data-row="{entry.id}"><th scope="row"><span class="kb-pw-name">{escape_attr(entry.name)}</span>'
                    f'<span class="kb-pw-question">{escape_attr(entry.question)}</span>'
                    f'<a class="kb-pw-ref-link" href="#crit-{entry.id}">出典</a></th>{"".join(cells)}</tr>')
        refs += [f"### {escape_text(entry.name)} {{ #crit-{entry.id} }}", "", escape_text(entry.question), ""]
        refs += _ref_list(entry, items, src)
        if entry.note:
            refs += [join_soft_breaks_text(entry.note), ""]
    rows.append("</tbody></table>")
    rows = rows[:6] + ["".join(rows[6:]), ""]
    quotes = []
    for citation in sheet.disclosure_basis:
        link = relative_link(src, citation.ref.page_src, citation.ref.anchor)
        quotes += [f"> {escape_text(_provision_text(kb, citation.ref))}", ">", f"> [{escape_text(citation.ref.label)}]({link})", ""]
    data["disclosure"] = [c.ref.label for c in sheet.disclosure_basis]
    rows += ['<section class="kb-pw-disclosure" markdown>', "", "## 振り返りの結果の公開 { #kb-pw-disclosure }", "",
             join_soft_breaks_text(sheet.disclosure), "", *quotes,
             '<div class="kb-pw-fields">',
             '<label class="kb-pw-memo">公開の方法（市のウェブページ、団体の会報、報告会など）<textarea rows="2" data-field="_kokai.hoho"></textarea></label>',
             '<label class="kb-pw-memo">公開の時期<textarea rows="1" data-field="_kokai.jiki"></textarea></label>',
             '<label class="kb-pw-memo">公開の担当<textarea rows="1" data-field="_kokai.tanto"></textarea></label>',
             '<label class="kb-pw-memo">今後について（相手方による継続、形を変えた協働、終了）<textarea rows="3" data-field="_kongo.memo"></textarea></label>',
             "</div>", ""]
    related = [items[i] for i in ("HY-05", "HY-06", "KT-09") if i in items]
    if related:
        rows += ["関連する留意事項: " + "、".join(f"[{item.id}]({relative_link(src, checklist.page_src, item.id)})"
                                          for checklist, item in related), ""]
    rows += ["</section>", ""]
    return rows, ['<div class="kb-pw-refs" markdown>', "", *refs, "</div>", ""]


def render_checklist_notice(sheets, checklist_id: str, checklist_src: str) -> str:
    """A short box on a checklist page pointing at the sheets that list it; '' when none."""
    linked = [s for s in sheets if checklist_id in {r.text for r in s.checklists}]
    if not linked:
        return ""
    links = "、".join(f"[{escape_text(s.title)}]({relative_link(checklist_src, s.page_src)})" for s in linked)
    return "\n".join(['<div class="kb-pw-notice" data-search-exclude="true" markdown>', "",
                      f"**書式**: {links}（このブラウザで記入し、印刷・CSV・Excel で持ち出せます）", "", "</div>", ""])

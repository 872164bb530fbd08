"""The tag index page (tags/): every tag with the cautions that carry it, one anchor per tag.

Tags come from the checklists; their order and one-line descriptions from data/tags.yml
(KnowledgeBase.tags, read by the loader) when it is there (tags not listed there follow in 五十音 order of their text). The page is
Markdown for MkDocs, so its links are checked by the strict build and its sections become
search records of their own: searching a tag's name finds its section.
"""
from __future__ import annotations

from kyodo_kb.render.pages import escape_text, relative_link, tag_anchor

PAGE_SRC = "tags/index.md"


def tagged_items(checklists) -> dict:
    """Tag -> [(checklist, item)] in checklist and item order."""
    tags: dict = {}
    for checklist in checklists:
        for item in checklist.items:
            for tag in item.tags:
                tags.setdefault(tag, []).append((checklist, item))
    return tags


def render_tag_index(checklists, descriptions: dict | None = None) -> str:
    descriptions = descriptions or {}
    tags = tagged_items(checklists)
    order = [t for t in descriptions if t in tags] + sorted(t for t in tags if t not in descriptions)
    lines = [
        "---",
        "title: タグ一覧",
        "---",
        "",
        "# タグ一覧",
        "",
        "留意事項につけたタグごとに、その留意事項を並べています。検索欄にタグの名前を入れても探せます。",
        "",
    ]
    if not order:
        return "\n".join(lines + ["タグのついた留意事項はまだありません。", ""])
    lines += ['<nav class="kb-tag-list" aria-label="タグ" markdown>', ""]
    lines += [" ".join(f"[{escape_text(t)}（{len(tags[t])}）](#{tag_anchor(t)})" for t in order), "", "</nav>", ""]
    for tag in order:
        lines += [f"## {escape_text(tag)} {{ #{tag_anchor(tag)} .kb-tag-section }}", ""]
        if descriptions.get(tag):
            lines += [escape_text(descriptions[tag].strip()), ""]
        for checklist, item in tags[tag]:
            link = relative_link(PAGE_SRC, checklist.page_src, item.id)
            lines.append(f"- [{escape_text(item.check)}]({link})（{escape_text(checklist.title)}・{item.id}）")
        lines.append("")
    return "\n".join(lines) + "\n"

"""The first-timer's path through the stages of 協働の進め方, from one source: each stage
checklist's `stage` number (checklists/*.yml). It orders the stage list on the home page
(the `<!-- kb:stages -->` marker under 「はじめて協働に取り組むとき」), the 「次の段階へ」 block at the
end of each stage checklist, and the stage links of the chooser's outcomes.
"""
from __future__ import annotations

import re

from kyodo_kb.render.pages import escape_text, relative_link

GUIDE_SRC = "guideline/susumekata.md"  # 協働の進め方: what each stage is for


def stage_checklists(checklists) -> list:
    """The stage checklists in stage order; a tie keeps the given (navigation) order."""
    return sorted((c for c in checklists if c.stage is not None), key=lambda c: c.stage)


def stage_label(checklist) -> str:
    """The stage's short name: 「関係づくり」 for 「関係づくりの留意事項」."""
    return checklist.title.removesuffix("の留意事項") or checklist.title


def _join(parts: list) -> str:
    return parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "と" + parts[-1]


def render_stage_list(checklists, sheets, from_src: str, indent: str = "") -> str:
    """The ordered list of stage checklists, with the paperwork sheets that name each stage."""
    stages = stage_checklists(checklists)
    if not stages:
        return f"{indent}（段階のチェックリストがありません）\n"
    lines = []
    for number, checklist in enumerate(stages, start=1):
        line = f"{indent}{number}. [{escape_text(stage_label(checklist))}]({relative_link(from_src, checklist.page_src)})"
        linked = [s for s in sheets if checklist.id in {r.text for r in s.checklists}]
        if linked:
            links = [f"[{escape_text(s.title)}]({relative_link(from_src, s.page_src)})" for s in linked]
            line += f"（{_join(links)}も使えます）"
        lines.append(line)
    return "\n".join(lines) + "\n"


def render_next_stage(checklists, checklist) -> list[str]:
    """「次の段階へ」 at the end of a stage checklist (Markdown lines); [] for other checklists."""
    stages = stage_checklists(checklists)
    if checklist not in stages:
        return []
    position = stages.index(checklist)
    src = checklist.page_src
    here = f"「{escape_text(stage_label(checklist))}」（段階 {position + 1} / {len(stages)}）"
    lines = ['<nav class="kb-next-stage" aria-label="次の段階へ" data-search-exclude="true" markdown>', "",
             "**次の段階へ**", "{ .kb-next-stage-title }", ""]
    if position + 1 < len(stages):
        following = stages[position + 1]
        lines += [f"{here}が済んだら、次の段階のチェックリストに進んでください。", "",
                  f"[段階 {position + 2}「{escape_text(stage_label(following))}」へ進む]"
                  f"({relative_link(src, following.page_src)}){{ .md-button .md-button--primary .kb-next-stage-link }}", ""]
    else:
        first = stages[0]
        lines += [f"{here}は、最後の段階です。振り返りの結果を公開し、次の事業や関係づくりに生かします"
                  f"（[協働の進め方]({relative_link(src, GUIDE_SRC, checklist.id)})）。", "",
                  f"次の事業では、最初の段階から進めてください: [段階 1「{escape_text(stage_label(first))}」へ]"
                  f"({relative_link(src, first.page_src)}){{ .md-button .kb-next-stage-link }}", ""]
    lines += ["</nav>", ""]
    return lines


STAGES_MARKER = "<!-- kb:stages -->"
_MARKER_LINE = re.compile(r"^(?P<indent>[ \t]*)<!-- kb:stages -->[ \t]*$", re.MULTILINE)


def replace_stage_markers(markdown: str, kb, page_src: str) -> str:
    """Every `<!-- kb:stages -->` line -> the stage list at the marker's indentation (with data
    errors while serving, a short note: the error pages say what is wrong)."""
    def replace(match: re.Match) -> str:
        indent = match.group("indent")
        if kb is None:
            return f"{indent}（データに誤りがあるため、段階の一覧を作れませんでした）"
        return render_stage_list(kb.checklists, kb.paperwork, page_src, indent).rstrip("\n")
    return _MARKER_LINE.sub(replace, markdown)

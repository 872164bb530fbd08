"""The 編集ガイド's field tables, rendered from the same FieldSpec tables the validator reads.

Pages of the guide write a marker such as `<!-- kb:fields checklist-item -->`; the
editing_guide hook replaces it with the table below, so the guide cannot drift from the format.
"""
from __future__ import annotations

from kyodo_kb.formats import changelog as changelog_model
from kyodo_kb.formats import checklist as checklist_model
from kyodo_kb.formats import conditions
from kyodo_kb.formats import flow as flow_model
from kyodo_kb.formats import ordinance as ordinance_model
from kyodo_kb.formats import notation
from kyodo_kb.formats import paperwork as paperwork_model
from kyodo_kb.formats import provenance
from kyodo_kb.formats import tags as tag_list
from kyodo_kb.formats import training as training_model
from kyodo_kb.render.pages import escape_text

KIND_LABELS = {
    "line": "1行の文字列",
    "markdown": "文章（Markdown、複数行可）",
    "slug": "半角英小文字・数字・ハイフン",
    "item_id": "半角英数字とハイフン",
    "string_list": "文字列のリスト",
    "list": "リスト",
    "mapping": "「キー: 値」のまとまり",
    "integer": "整数",
    "date": "日付（西暦の年-月-日）",
}

# table name used in the markers -> (what it describes, FieldSpecs)
FIELD_TABLES = {
    "checklist": ("チェックリスト（ファイルの一番外側）", checklist_model.CHECKLIST_FIELDS),
    "checklist-item": ("確認項目（items の1件ずつ）", checklist_model.ITEM_FIELDS),
    "source": ("出典（sources の1件ずつ）", provenance.SOURCE_FIELDS),
    "profile-question": ("最初に尋ねる質問（profile の1件ずつ）", conditions.PROFILE_QUESTION_FIELDS),
    "profile-option": ("質問の選択肢（options の1件ずつ）", conditions.PROFILE_OPTION_FIELDS),
    "flow": ("質問の流れ（ファイルの一番外側）", flow_model.FLOW_FIELDS),
    "flow-question": ("質問（questions の1件ずつ）", flow_model.QUESTION_FIELDS),
    "flow-answer": ("答え（answers の1件ずつ）", flow_model.ANSWER_FIELDS),
    "flow-outcome": ("結果（outcomes の1件ずつ）", flow_model.OUTCOME_FIELDS),
    "ordinance": ("条例（ファイルの一番外側）", ordinance_model.ORDINANCE_FIELDS),
    "article": ("条（articles の1件ずつ）", ordinance_model.ARTICLE_FIELDS),
    "paragraph": ("項（paragraphs の1件ずつ）", ordinance_model.PARAGRAPH_FIELDS),
    "ordinance-item": ("号（項の items の1件ずつ）", ordinance_model.ITEM_FIELDS),
    "amendment": ("改正後の本文（項・号の amendments の1件ずつ）", ordinance_model.AMENDMENT_FIELDS),
    "changelog": ("改定履歴（ファイルの一番外側）", changelog_model.CHANGELOG_FIELDS),
    "revision": ("改定の記録（revisions の1件ずつ）", changelog_model.REVISION_FIELDS),
    "tag-list": ("タグの一覧（ファイルの一番外側）", tag_list.TAG_LIST_FIELDS),
    "tag": ("タグ（tags の1件ずつ）", tag_list.TAG_FIELDS),
    "notation": ("表記のルール（ファイルの一番外側）", notation.NOTATION_FIELDS),
    "notation-rule": ("表記のルール（rules の1件ずつ）", notation.NOTATION_RULE_FIELDS),
    "role-table": ("役割分担表（paperwork/role-table.yml の一番外側）", paperwork_model.ROLE_TABLE_FIELDS),
    "role-row": ("役割分担表の行（rows の1件ずつ）", paperwork_model.ROLE_ROW_FIELDS),
    "role-suggestion": ("担い手の提案（suggestions の1件ずつ）", paperwork_model.SUGGESTION_FIELDS),
    "agreement": ("協定書に書くこと（paperwork/agreement.yml の一番外側）", paperwork_model.AGREEMENT_FIELDS),
    "agreement-matter": ("協定書に書く事柄（matters の1件ずつ）", paperwork_model.MATTER_FIELDS),
    "form-note": ("形態ごとの補足（form_notes の1件ずつ）", paperwork_model.FORM_NOTE_FIELDS),
    "evaluation": ("振り返り（評価）シート（paperwork/evaluation.yml の一番外側）", paperwork_model.EVALUATION_FIELDS),
    "evaluation-criterion": ("評価の項目（criteria の1件ずつ）", paperwork_model.CRITERION_FIELDS),
    "training": ("研修の道筋（ファイルの一番外側）", training_model.PATH_FIELDS),
    "training-step": ("ステップ（steps の1件ずつ）", training_model.STEP_FIELDS),
    "training-question": ("セルフチェックの問い（questions の1件ずつ）", training_model.QUESTION_FIELDS),
}


def _cell(text: str) -> str:
    return escape_text(text).replace("\n", " ")


def render_field_table(name: str) -> str:
    """A Markdown table of one FieldSpec list; raises KeyError for an unknown table name."""
    _, specs = FIELD_TABLES[name]
    lines = ["| キー | 必須 | 書くもの | 説明 | 例 |", "| --- | :---: | --- | --- | --- |"]
    for spec in specs:
        kind = KIND_LABELS[spec.kind]
        example = f"`{spec.example}`" if spec.example else ""
        lines.append(f"| `{spec.name}` | {'必須' if spec.required else '任意'} | {kind} | {_cell(spec.description)} | {example} |")
    return "\n".join(lines) + "\n"


def render_source_kinds() -> str:
    """The closed list of source kinds (kyodo_kb.formats.provenance.SOURCE_KINDS) as a table."""
    lines = ["| kind | ページでの表示 | 使うとき |", "| --- | --- | --- |"]
    lines += [f"| `{kind.id}` | {_cell(kind.label)} | {_cell(kind.description)} |" for kind in provenance.SOURCE_KINDS]
    return "\n".join(lines) + "\n"


def render_notation_rules(notation_rules: list) -> str:
    """The 表記 rules of data/hyoki.yml as the table of the 編集ガイド."""
    if not notation_rules:
        return "（data/hyoki.yml に表記のルールがありません）\n"
    lines = ["| 使う書き方 | 使わない書き方 | 理由 |", "| --- | --- | --- |"]
    for rule in notation_rules:
        lines.append(f"| {_cell(rule.expected)} | {_cell('、'.join(rule.patterns))} | {_cell(rule.note or '')} |")
    return "\n".join(lines) + "\n"

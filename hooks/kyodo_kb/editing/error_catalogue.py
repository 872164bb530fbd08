"""What each error and warning message means and how to fix it, for the 編集ガイド.

Each entry names a `signature`: a fragment that the message contains word for word. A test reads
the messages out of the code (hooks/*.py) and fails when one is covered by no entry, or when an
entry's signature no longer occurs in the code, so the guide's table cannot fall behind.
"""
from __future__ import annotations

from dataclasses import dataclass

from kyodo_kb.render.pages import escape_text


@dataclass(frozen=True)
class MessageKind:
    signature: str  # occurs word for word in the message
    example: str  # a message as editors see it (after `path:line: `)
    fix: str  # meaning and fix, Japanese, Markdown


ERRORS = (
    # reading the file (hooks/yaml_source.py)
    MessageKind("文字コードが UTF-8 ではありません", "文字コードが UTF-8 ではありません（Shift_JIS などで保存された可能性があります）…",
                "メモ帳や Excel で保存すると Shift_JIS になることがあります。VS Code の右下の文字コード表示から「エンコード付きで保存」→「UTF-8」を選んで保存し直してください。"),
    MessageKind("ファイルを読み込めません", "ファイルを読み込めません（Permission denied）",
                "ファイルが開かれたまま固定されているか、権限がありません。ほかのアプリで閉じてから保存し直してください。"),
    MessageKind("ファイルが空です", "ファイルが空です。少なくとも id, title, items を書いてください",
                "中身のないファイルです。`make new-checklist` で雛形を作るか、不要ならファイルを削除してください。"),
    MessageKind("タブ文字は使えません", "タブ文字は使えません。字下げには半角スペースを使ってください",
                "字下げにタブが入っています。その行の字下げを半角スペースで打ち直してください（VS Code では右下の「タブのサイズ」の表示から「スペースによるインデント」を選ぶと、以後はタブが入りません）。"),
    MessageKind("ここに「:」は書けません", "ここに「:」は書けません。値の中に「: 」を含めるときは…",
                "値の途中に「: 」（コロンと空白）があります。値全体を `\"…\"` で囲むか、全角の「：」にしてください。例: `check: \"「対等」: 言葉を工夫しているか\"`"),
    MessageKind("「キー: 値」の形になっていません", "「キー: 値」の形になっていません。「:」の後に半角スペースがあるか…",
                "`check:値` のように「:」の後の半角スペースが抜けているか、全角の「：」になっています。`check: 値` と書いてください。"),
    MessageKind("の位置がずれています。同じ階層の行は", "字下げ（行頭の半角スペースの数）がそろっていないか、「- 」の位置がずれています。同じ階層の行は…",
                "同じ項目のキー（id, check, caution など）は左端をそろえます。表示された行と、その前の行の字下げ（半角スペースの数）を見比べてください。"),
    MessageKind("字下げがそろっていません。同じ階層の行", "字下げがそろっていません。同じ階層の行（同じリストの「- 」や、同じ項目のキー）は…",
                "同じリストの「- 」、同じ項目のキーは、同じ数の半角スペースで始めます。表示された行とその前後の行を見比べてください。"),
    MessageKind("ここに「- 」は書けません", "ここに「- 」は書けません。リストは「キー:」の次の行から、字下げして「- 」で始めてください",
                "リストの「- 」が、キーの値を書く場所以外に書かれています。`items:` のようなキーの次の行から、字下げして書いてください。"),
    MessageKind("この行で始まる引用符", "この行で始まる引用符（\"…\" または '…'）が閉じられていません…",
                "表示された行で開いた `\"` や `'` が閉じていません。値の終わりに同じ引用符を書いてください。値の中の引用符は全角（”’）にします。"),
    MessageKind("に対応する「]」がないか", "この行で始まる「[」に対応する「]」がないか、項目の区切りの「,」が抜けています",
                "`[会計, 保険]` の閉じかっこ `]` か、区切りの `,` が抜けています。"),
    MessageKind("に対応する「}」がないか", "この行で始まる「{」に対応する「}」がないか、項目の区切りの「,」が抜けています",
                "`{keitai: [kyosai]}` の閉じかっこ `}` か、区切りの `,` が抜けています。"),
    MessageKind("書けるチェックリスト（文書）は1つです", "1つのファイルに書けるチェックリスト（文書）は1つです。「---」や「...」の行と…",
                "ファイルの途中に `---` や `...` の行があります。その行と、後に続く2つ目の内容を削除してください（1ファイルに1つのチェックリストです）。"),
    MessageKind("入れ子（字下げやかっこ）が深すぎます", "入れ子（字下げやかっこ）が深すぎます。字下げのくずれや、かっこの閉じ忘れがないか確かめてください",
                "字下げやかっこが異常に深くなっています。字下げの崩れか、閉じかっこの抜けがないか確かめてください。"),
    MessageKind("安全のため、タグの付いた値は読み込みません", "YAML のタグ「!!python/object」は使えません（安全のため、タグの付いた値は読み込みません）…",
                "`!` で始まる記法は使えません。削除して、値だけを書いてください。値が `!` で始まるときは `\"…\"` で囲みます。"),
    MessageKind("制御文字（U+", "制御文字（U+0007）が含まれています。ほかの文書からコピーしたときに紛れ込む見えない文字です…",
                "目に見えない制御文字が入っています。表示された行を削除して打ち直してください。"),
    MessageKind("UTF-16（「Unicode」）で保存されています", "文字コードが UTF-16（「Unicode」）で保存されています…",
                "メモ帳の「Unicode」で保存されたファイルです。VS Code で「エンコード付きで保存」→「UTF-8」を選んで保存し直してください。"),
    MessageKind("予期しない誤りが発生しました", "このファイルの読み込み中に予期しない誤りが発生しました（…）。直前に変更した箇所を見直してください…",
                "プログラムが想定していない書き方に出会いました。直前に変えた箇所を元に戻して確かめ、解決しないときはメッセージ全体を管理担当者に伝えてください。"),
    MessageKind("長すぎます（", "items[1].check: 長すぎます（230文字、200文字まで）。長い説明は Markdown の欄（caution など）に書いてください",
                "1行の欄（問い・題名）は200文字まで、ID は64文字までです。問いは短くし、説明は caution に移してください。"),
    MessageKind("」は使えません（", "id: 「Bad Id」は使えません（空白が含まれています）。半角英小文字・数字・ハイフンの文字列で書いてください…",
                "ID や番号に使えない文字（大文字、空白、全角文字など）があります。かっこ内の理由と例を見て、半角で書き直してください。"),
    MessageKind("YAML の記法として解釈されました", "「*」「&」「\\」などの記号が YAML の記法として解釈されました…",
                "値が `*` `&` `!` `%` `@` などで始まっています。値全体を `\"…\"` で囲んでください。"),
    MessageKind("YAML の書き方に誤りがあります", "YAML の書き方に誤りがあります（…）",
                "上のどれにも当てはまらない書き方の誤りです。表示された行とその前の行の字下げ・記号を確認してください。分からないときは、かっこ内の英文とあわせて担当者に相談してください。"),
    MessageKind("アンカー（&）とエイリアス（*）は使えません", "アンカー（&）とエイリアス（*）は使えません。同じ内容をそのまま書いてください",
                "`&名前` と `*名前` による使い回しはできません。同じ内容を、それぞれの場所にそのまま書いてください。"),
    MessageKind("（マージキー）は使えません", "「<<」（マージキー）は使えません。項目をそのまま書いてください",
                "`<<:` による取り込みはできません。キーと値をそのまま書いてください。"),
    # the format (hooks/field_specs.py and the models)
    MessageKind("の形で書いてください（", "確認項目を「キー: 値」の形で書いてください（文字列が書かれています）",
                "キーと値のまとまりを書くべき場所に、文字列やリストが書かれています。雛形や上の書式の例と字下げを見比べてください。"),
    MessageKind("不明なキーです", "items[1].chek: 不明なキーです（もしかして: check）。使えるキー: id、check、caution、basis、tags",
                "キーの名前の書き間違いです。「もしかして」の名前に直してください。使えるキーは上の表のとおりです。"),
    MessageKind("必須の項目がありません", "items[1].check: 必須の項目がありません。職員が答える確認の問いです…",
                "必ず書くキーが抜けています。上の表の「必須」のキーを書き足してください。キーの書き間違いで抜けたことになっている場合もあります。"),
    MessageKind("が書かれています）", "items[1].check: 1行の文字列を書いてください（真偽値（true）が書かれています）…",
                "値の種類が違います。YAML では `yes` `no` `on` `off` `true` `false`、数字、日付は文字列になりません。値全体を `\"…\"` で囲んでください（例: `version: \"1.0\"`）。"),
    MessageKind(": 空です。", "title: 空です。チェックリストの題名です",
                "キーだけがあり、値がありません。値を書くか、任意の項目なら行ごと削除してください。"),
    MessageKind("1行で書いてください", "items[1].check: 1行で書いてください（改行が含まれています）",
                "問い（check）や題名（title）は1行で書きます。長い説明は caution に書いてください。"),
    MessageKind("整数を書いてください", "articles[1].paragraphs[1].number: 整数を書いてください（文字列が書かれています）",
                "項・号の番号は `1` のような半角の整数で書きます（「第」「項」は付けません）。"),
    MessageKind("リストを書いてください", "items[1].tags: リストを書いてください（文字列が書かれています）。例: tags: [会計]",
                "リストは `[会計, 保険]` のように角かっこで囲むか、次の行から「- 」で始めて1件ずつ書きます。"),
    MessageKind("空のリストです", "items: 空のリストです。少なくとも1件書いてください",
                "少なくとも1件が必要なリストが空です。1件以上書いてください。"),
    MessageKind("文字列を書いてください", "items[1].basis[1]: 文字列を書いてください（数値（9）が書かれています）",
                "リストの1件に文字列以外（数字だけ、空など）が書かれています。文字列を書くか、その行を削除してください。"),
    MessageKind("重複しています", "キー「title」が重複しています（2行目にもあります）。どちらか一方を削除してください",
                "同じもの（キー、項目 ID、条・項・号の番号、タグ、版）が2回書かれています。メッセージの2つの行を見比べ、一方を削除するか別の値にしてください。"),
    MessageKind("でも使われています", "id: 項目 ID「KG-01」は checklists/keikaku.yml:12 でも使われています…",
                "ID はすべてのファイルを通して一意です。別の ID にしてください（`make new-checklist` は空いている番号を使います）。"),
    MessageKind("が1件もありません", "条例のデータ（ordinances/*.yml）が1件もありません",
                "ordinances フォルダに条例のファイルがありません。削除してしまった場合は元に戻してください。"),
    MessageKind("日付を「2026-11-27」のように", "revisions[1].date: 日付を「2026-11-27」のように西暦の年-月-日で書いてください…",
                "改定履歴の日付は西暦で `2026-11-27` の形に書きます（和暦や「/」は使えません）。"),
    # citations (hooks/citations.py)
    MessageKind("を読み取れません", "引用「協働の原則」を読み取れません。「条例名 第N条 第N項 第N号」の形で書いてください…",
                "basis には規定の引用だけを書きます（説明文は caution へ）。[引用の書き方](citations.md)のとおりに書いてください。"),
    MessageKind("に条例名がありません", "引用「第9条第1項」に条例名がありません。条例名から書いてください…",
                "「市民活動推進条例第9条第1項」のように、条例名から書いてください。"),
    MessageKind("収録されていません", "引用「市民活動推進条例第10条」の第10条は市民活動推進条例に収録されていません（収録されている条: …）",
                "条例名・条・項・号のどれかが、このサイトに収録されていません。番号の誤りならかっこ内の一覧から選び直してください。"
                "収録が必要な規定なら、[条例の規定の追加](ordinances.md)のとおりに追加します。"),
    MessageKind("号の前に第N項を書いてください", "引用「市民活動推進条例第9条第1号」: 第9条には項が複数あるため、号の前に第N項を書いてください…",
                "項が2つ以上ある条では、号の前に項を書きます（例: 第9条第1項第1号）。"),
    # conditional items and question flows (hooks/conditions.py, hooks/flow_model.py)
    MessageKind("がないため、条件を書けません", "items[3].applies_when: このチェックリストには profile（最初に尋ねる質問）がないため、条件を書けません…",
                "applies_when は、同じファイルの profile の質問への答えで項目を絞る条件です。profile を書くか、applies_when を削除してください。"),
    MessageKind("不明な質問 ID「", "items[3].applies_when.keitei: 不明な質問 ID「keitei」です（もしかして: keitai）…",
                "applies_when のキーは、profile に書いた質問の id です。「もしかして」の id に直してください。"),
    MessageKind("に選択肢「", "items[3].applies_when.keitai: 質問「keitai」に選択肢「itku」はありません（もしかして: itaku）…",
                "その質問の options にない選択肢の id です。「使える選択肢」から選んでください。"),
    MessageKind("」に質問「", "outcomes[1].profile.keitai: チェックリスト「keitai-betsu」に質問「keitai」はありません…",
                "結果の profile には、開くチェックリストの profile にある質問の id を書きます。"),
    MessageKind("「質問 ID: ", "outcomes[1].profile: 「質問 ID: 選択肢 ID」の形で書いてください。例: profile: {keitai: kyosai}",
                "`{質問 ID: 選択肢 ID}` の形で書きます。applies_when では選択肢 ID をリスト（`[itaku, hojo]`）にもできます。"),
    MessageKind("選択肢 ID を1つ", "outcomes[1].profile.keitai: 選択肢 ID を1つ、文字列で書いてください",
                "結果の profile では、質問ごとに選択肢 ID を1つだけ書きます。"),
    MessageKind("start には最初に尋ねる質問", "start: 質問「jigyo」がありません…。start には最初に尋ねる質問の id を書いてください",
                "start には questions にある質問の id を書きます。"),
    MessageKind("質問または結果「", "questions[1].answers[2].next: 質問または結果「kikan」がありません…。使える id: …",
                "next には、次に尋ねる質問か、たどり着く結果の id を書きます。「使える id」から選んでください。"),
    MessageKind("にあるファイルの id を書いてください", "outcomes[1].checklist: チェックリスト「keitai」がありません。checklists/ にあるファイルの id を書いてください",
                "結果から開くチェックリストの id（ファイルの `id:`）を書きます。"),
    MessageKind("質問が循環しています", "questions[2].answers[1].next: 前の質問「jigyo」に戻るため、質問が循環しています…",
                "答えをたどると同じ質問に戻ってしまいます。結果か、まだ尋ねていない質問に進めてください。"),
    MessageKind("には最初の質問からたどり着けません", "outcomes[3]: 「hojo」には最初の質問からたどり着けません…",
                "どの答えの next にも書かれていない質問・結果です。どこかの答えの next に書くか、削除してください。"),
    # paperwork sheets (kyodo_kb/formats/paperwork.py)
    MessageKind("このフォルダに置けるのは", "shorui.yml: このフォルダに置けるのは role-table.yml、agreement.yml、evaluation.yml だけです…",
                "paperwork/ フォルダには、決まった名前の3つのファイルだけを置きます。ファイル名を直すか、別のフォルダに移してください。"),
    MessageKind("はどのチェックリストにもありません", "rows[1].cautions[1]: 留意事項「KT-99」はどのチェックリストにもありません（もしかして: KT-09）…",
                "cautions には、チェックリストの項目 ID（`KT-01` など）を書きます。「もしかして」の ID に直してください。"),
    MessageKind("使える形態", "rows[2].suggestions[1].form: 形態「kyousai」はありません（もしかして: kyosai）。使える形態: …",
                "形態の id は、チェックリスト keitai-betsu の質問 keitai の選択肢の id です。「使える形態」から選んでください。"),
    MessageKind("形態の選択肢を読むチェックリスト", "rows[2].suggestions[1].form: 形態の選択肢を読むチェックリスト「keitai-betsu」の質問「keitai」がありません…",
                "形態の id は keitai-betsu の質問 keitai から読みます。そのチェックリストか質問を消したときは、形態ごとの提案・補足も消してください。"),
    MessageKind("aite（相手方）、kyodo（共同）のどれか", "rows[1].suggestions[1].who: 「city」は使えません。shi（市）、aite（相手方）、kyodo（共同）のどれかを書いてください",
                "担い手の提案は、`shi`（市）、`aite`（相手方）、`kyodo`（共同）のどれかで書きます。"),
    MessageKind("1つの形態に提案は1つです", "rows[1].suggestions[2].form: 形態「kyosai」の提案は12行目にもあります。1つの形態に提案は1つです",
                "同じ形態への提案が2つあります。出典を見比べて、一方を削除してください。"),
    MessageKind("数字として読めません", "数字として読めません: …",
                "条・項・号の番号に、数字として読めない文字があります。半角数字か漢数字で書いてください。"),
    # pages, includes, mkdocs.yml and links to other files (kyodo_kb/sources/page_safety.py, site_config.py)
    MessageKind("シンボリックリンクは使えません", "docs/leak.md:0: シンボリックリンクは使えません（リンク先のファイルがサイトに公開されてしまうため）…",
                "docs/ やデータのフォルダに、ほかのファイルを指すシンボリックリンクがあります。リンクを削除し、公開してよいファイルそのものを置いてください。"),
    MessageKind("の説明に「<」「>」は書けません", "略語「NPO」の説明に「<」「>」は書けません（説明は、語にマウスを重ねたときに HTML として表示されるため）…",
                "includes/abbreviations.md の説明は文字だけで書きます。「<」「>」を使わずに書き直してください。"),
    MessageKind("ページを Markdown として読めません", "ページを Markdown として読めません（…）",
                "ページの Markdown を読み取る途中で止まりました。直前に変えた箇所を元に戻して確かめ、解決しないときはメッセージ全体を管理担当者に伝えてください。"),
    MessageKind("mkdocs.yml をシンボリックリンクにはできません", "mkdocs.yml をシンボリックリンクにはできません。ファイルそのものを置いてください",
                "mkdocs.yml をほかのファイルへのリンクにはできません。ファイルそのものを置いてください。"),
    MessageKind("mkdocs.yml がありません", "mkdocs.yml がありません", "プロジェクトのフォルダで実行しているか確かめてください。"),
    MessageKind("mkdocs.yml を読み込めません", "mkdocs.yml を読み込めません（UnicodeDecodeError）。UTF-8 で保存し直してください",
                "mkdocs.yml を UTF-8 で保存し直してください。"),
    MessageKind("mkdocs.yml に YAML のタグ", "mkdocs.yml に YAML のタグ「!!python/object/apply:os.system」は書けません（MkDocs はタグから Python のオブジェクトを作り…）",
                "`!!` や `!` で始まるタグは、mkdocs.yml に書けません（MkDocs はファイルを読むときにタグのプログラムを動かすため、make check と make build が先に確かめます）。タグを削除してください。"),
    MessageKind("はありえない日付です", "mkdocs.yml の日付「2026-02-30」はありえない日付です。正しい日付を YYYY-MM-DD で書いてください",
                "カレンダーにない日付です。正しい日付に直してください。"),

)

WARNINGS = (  # `make lint` (hooks/content_lint.py)
    MessageKind("で終わる形にしてください", "items[1].check（KG-01）: 確認の問いは「…しているか」のように「か」で終わる形にしてください…",
                "問いは「はい／いいえ」で答えられる「…しているか」の形にそろえます。"),
    MessageKind("根拠（basis）がありません", "items[4]（KG-04）: 根拠（basis）がありません…",
                "根拠となる規定があれば basis に書いてください。実務上の留意事項で根拠となる規定がないときは、そのままで構いません（確認のための一覧です）。"),
    MessageKind("にありません", "items[1].tags（KG-01）: タグ「役割分坦」は data/tags.yml にありません（もしかして: 役割分担）…",
                "タグの書き間違いなら「もしかして」のタグに直します。新しいタグなら、[タグの追加](tags.md)のとおり data/tags.yml に加えてください。"),
    MessageKind("問いです。まとめるか", "items[2].check（KK-02）: checklists/teian.yml:30（TA-03）と同じ問いです。まとめるか、違いが分かるように書き分けてください",
                "同じか、ほとんど同じ問いが2か所にあります。1つにまとめるか、違いが分かるように書き分けてください。"),
    MessageKind("のままです", "summary: 「要記入」のままです。内容を書いてください",
                "`make new-checklist` の雛形の文が残っています。内容を書いてください。"),
)


def _row(kind: MessageKind) -> str:
    return f"| {escape_text(kind.example)} | {kind.fix} |"


def render_message_table(kinds) -> str:
    lines = ["| メッセージ（例） | 意味と直し方 |", "| --- | --- |"]
    return "\n".join(lines + [_row(kind) for kind in kinds]) + "\n"

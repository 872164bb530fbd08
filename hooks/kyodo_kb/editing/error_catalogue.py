"""What each error and warning means and how to fix it, for the 編集ガイド, keyed by rule id.

Every message names its rule (kyodo_kb/sources/rules.py) and prints it after the text
(`path:line: message [rule-id]`); the guide's table shows the id, and each row carries the id as
its anchor (errors.md#yaml-tab). tests/editing/test_editing_guide.py fails when a rule raised in
the code has no entry here, or an entry names a rule no code raises.
"""
from __future__ import annotations

from dataclasses import dataclass

from kyodo_kb.render.pages import escape_text
from kyodo_kb.sources import rules


@dataclass(frozen=True)
class MessageKind:
    example: str  # a message as editors see it (after `path:line: `, without the rule id)
    fix: str  # meaning and fix, Japanese, Markdown


ERRORS = {
    # reading the file (sources/yaml_source.py)
    rules.FILE_NOT_UTF8: MessageKind("文字コードが UTF-8 ではありません（Shift_JIS などで保存された可能性があります）…",
                "メモ帳や Excel で保存すると Shift_JIS になることがあります。VS Code の右下の文字コード表示から「エンコード付きで保存」→「UTF-8」を選んで保存し直してください。"),
    rules.FILE_UNREADABLE: MessageKind("ファイルを読み込めません（Permission denied）",
                "ファイルが開かれたまま固定されているか、権限がないか、UTF-8 で保存されていません。ほかのアプリで閉じ、UTF-8 で保存し直してください。"),
    rules.FILE_EMPTY: MessageKind("ファイルが空です。少なくとも id, title, items を書いてください",
                "中身のないファイルです。`make new-checklist` で雛形を作るか、不要ならファイルを削除してください。"),
    rules.YAML_TAB: MessageKind("タブ文字は使えません。字下げには半角スペースを使ってください",
                "字下げにタブが入っています。その行の字下げを半角スペースで打ち直してください（VS Code では右下の「タブのサイズ」の表示から「スペースによるインデント」を選ぶと、以後はタブが入りません）。"),
    rules.YAML_COLON_IN_VALUE: MessageKind("ここに「:」は書けません。値の中に「: 」を含めるときは…",
                "値の途中に「: 」（コロンと空白）があります。値全体を `\"…\"` で囲むか、全角の「：」にしてください。例: `check: \"「対等」: 言葉を工夫しているか\"`"),
    rules.YAML_MISSING_COLON: MessageKind("「キー: 値」の形になっていません。「:」の後に半角スペースがあるか…",
                "`check:値` のように「:」の後の半角スペースが抜けているか、全角の「：」になっています。`check: 値` と書いてください。"),
    rules.YAML_INDENTATION: MessageKind("字下げ（行頭の半角スペースの数）がそろっていないか、「- 」の位置がずれています。同じ階層の行は…",
                "同じ項目のキー（id, check, caution など）は左端をそろえます。表示された行と、その前の行の字下げ（半角スペースの数）を見比べてください。"),
    rules.YAML_LIST_INDENTATION: MessageKind("字下げがそろっていません。同じ階層の行（同じリストの「- 」や、同じ項目のキー）は…",
                "同じリストの「- 」、同じ項目のキーは、同じ数の半角スペースで始めます。表示された行とその前後の行を見比べてください。"),
    rules.YAML_MISPLACED_DASH: MessageKind("ここに「- 」は書けません。リストは「キー:」の次の行から、字下げして「- 」で始めてください",
                "リストの「- 」が、キーの値を書く場所以外に書かれています。`items:` のようなキーの次の行から、字下げして書いてください。"),
    rules.YAML_UNCLOSED_QUOTE: MessageKind("この行で始まる引用符（\"…\" または '…'）が閉じられていません…",
                "表示された行で開いた `\"` や `'` が閉じていません。値の終わりに同じ引用符を書いてください。値の中の引用符は全角（”’）にします。"),
    rules.YAML_UNCLOSED_BRACKET: MessageKind("この行で始まる「[」に対応する「]」がないか、項目の区切りの「,」が抜けています",
                "`[会計, 保険]` の閉じかっこ `]` か、区切りの `,` が抜けています。"),
    rules.YAML_UNCLOSED_BRACE: MessageKind("この行で始まる「{」に対応する「}」がないか、項目の区切りの「,」が抜けています",
                "`{keitai: [kyosai]}` の閉じかっこ `}` か、区切りの `,` が抜けています。"),
    rules.YAML_MULTIPLE_DOCUMENTS: MessageKind("1つのファイルに書けるチェックリスト（文書）は1つです。「---」や「...」の行と…",
                "ファイルの途中に `---` や `...` の行があります。その行と、後に続く2つ目の内容を削除してください（1ファイルに1つのチェックリストです）。"),
    rules.YAML_TOO_DEEP: MessageKind("入れ子（字下げやかっこ）が深すぎます。字下げのくずれや、かっこの閉じ忘れがないか確かめてください",
                "字下げやかっこが異常に深くなっています。字下げの崩れか、閉じかっこの抜けがないか確かめてください。"),
    rules.YAML_TAG: MessageKind("YAML のタグ「!!python/object」は使えません（安全のため、タグの付いた値は読み込みません）…",
                "`!` で始まる記法は使えません（mkdocs.yml でも同じです。MkDocs はタグのプログラムを動かすため、make check と make build が先に確かめます）。削除して、値だけを書いてください。値が `!` で始まるときは `\"…\"` で囲みます。"),
    rules.YAML_CONTROL_CHARACTER: MessageKind("制御文字（U+0007）が含まれています。ほかの文書からコピーしたときに紛れ込む見えない文字です…",
                "目に見えない制御文字が入っています。表示された行を削除して打ち直してください。"),
    rules.FILE_UTF16: MessageKind("文字コードが UTF-16（「Unicode」）で保存されています…",
                "メモ帳の「Unicode」で保存されたファイルです。VS Code で「エンコード付きで保存」→「UTF-8」を選んで保存し直してください。"),
    rules.UNEXPECTED: MessageKind("このファイルの読み込み中に予期しない誤りが発生しました（…）。直前に変更した箇所を見直してください…",
                "プログラムが想定していない書き方に出会いました。直前に変えた箇所を元に戻して確かめ、解決しないときはメッセージ全体を管理担当者に伝えてください。"),
    rules.FIELD_TOO_LONG: MessageKind("items[1].check: 長すぎます（230文字、200文字まで）。長い説明は Markdown の欄（caution など）に書いてください",
                "1行の欄（問い・題名）は200文字まで、ID は64文字までです。問いは短くし、説明は caution に移してください。"),
    rules.FIELD_INVALID_CHARACTERS: MessageKind("id: 「Bad Id」は使えません（空白が含まれています）。半角英小文字・数字・ハイフンの文字列で書いてください…",
                "ID や番号に使えない文字（大文字、空白、全角文字など）があります。かっこ内の理由と例を見て、半角で書き直してください。"),
    rules.MARKDOWN_HTML_TAG: MessageKind("caution: HTML のタグ「<script>」は使えません（使えるのは文章のためのタグだけです。…）…",
                "Markdown の欄とページには、文章のためのタグ（強調、表、リストなど）だけを書けます。スクリプトや埋め込み、フォームなどのタグを削除し、Markdown の文章で書いてください。"),
    rules.MARKDOWN_HTML_SYNTAX: MessageKind("caution: HTML のタグの書き方が正しくありません（属性は半角スペースで区切り、値は \"…\" で囲んでください）…",
                "ブラウザーによって読み方が変わる HTML の書き方です（閉じられていない「<」、同じ属性の2回書き、宣言、壊れたコメントなど）。「<」を文字として書くときは `&lt;` と書きます。"),
    rules.MARKDOWN_HTML_ATTRIBUTE: MessageKind("caution: HTML の属性「onclick=」は使えません（操作に応じてスクリプトを動かす属性のため）…",
                "使えない HTML の属性（`on…=`、`style=`、テーマの画面部品のクラスなど）です。属性を削除してください。見た目はサイトの用意したスタイルに任せます。"),
    rules.MARKDOWN_HTML_COMMENT: MessageKind("caution: HTML のコメント（<!-- … -->）は、データの欄には書けません。削除してください",
                "データの欄にはコメントを書けません。メモは YAML のコメント（`# …` の行）に書いてください。"),
    rules.MARKDOWN_URL: MessageKind("caution: サイトの外のファイル「https://example.jp/a.png」は読み込めません…",
                "このサイトはサイトの外へリクエストをしません。画像などは docs/assets/ に置き、相対パスで参照してください。リンク先には `https://…` か `mailto:…`、またはサイト内のページへの相対リンクを書けます（`javascript:` などは使えません）。"),
    rules.MARKDOWN_ID: MessageKind("caution: ID「kb-x」（{ #… } や id=）は、データの欄には書けません…",
                "データの欄には ID を書けません（項目のアンカーと重なるおそれがあるため）。ページでは、「_」や「kb-」で始まらない、重ならない ID にしてください。"),
    rules.MARKDOWN_SNIPPET: MessageKind("caution: 「--8<--」（ファイルの差し込み）は使えません…",
                "データの欄にはファイルを差し込めません。文章をそのまま書いてください。"),
    rules.MARKDOWN_ABBREVIATION: MessageKind("caution: 略語の定義（*[語]: 説明）は、データの欄には書けません…",
                "略語の説明はページ全体に効くため、データの欄には書けません。includes/abbreviations.md と用語集に書いてください。"),
    rules.MARKDOWN_REFERENCE_LINK: MessageKind("caution: 参照形式のリンク定義「[1]: …」は使えません…",
                "`[文字][1]` と `[1]: URL` に分けて書く形は、ほかの欄にも効いてしまうため使えません。`[文字](リンク先)` の形で書いてください。"),
    rules.YAML_SPECIAL_CHARACTER: MessageKind("「*」「&」「\\」などの記号が YAML の記法として解釈されました…",
                "値が `*` `&` `!` `%` `@` などで始まっています。値全体を `\"…\"` で囲んでください。"),
    rules.YAML_SYNTAX: MessageKind("YAML の書き方に誤りがあります（…）",
                "上のどれにも当てはまらない書き方の誤りです。表示された行とその前の行の字下げ・記号を確認してください。分からないときは、かっこ内の英文とあわせて担当者に相談してください。"),
    rules.YAML_ALIAS: MessageKind("アンカー（&）とエイリアス（*）は使えません。同じ内容をそのまま書いてください",
                "`&名前` と `*名前` による使い回しはできません。同じ内容を、それぞれの場所にそのまま書いてください。"),
    rules.YAML_MERGE_KEY: MessageKind("「<<」（マージキー）は使えません。項目をそのまま書いてください",
                "`<<:` による取り込みはできません。キーと値をそのまま書いてください。"),
    rules.YAML_FULL_WIDTH_SPACE: MessageKind("字下げに全角スペースが使われています。字下げには半角スペースを使ってください",
                "日本語入力のまま字下げすると全角スペースが入ります。表示された行の行頭の空白を消し、半角スペースで打ち直してください。"),
    rules.YAML_FULL_WIDTH_COLON: MessageKind("全角のコロン「：」が使われています。「キー: 値」のコロンは半角の「:」にして、後ろに半角スペースを入れてください",
                "日本語入力のままキーを書くと、コロンが全角の「：」になります。`id：a` を `id: a` のように直してください。"),
    rules.YAML_COLLECTION_KEY: MessageKind("キーには名前（id、check など）を書いてください（リストが書かれています）…",
                "「キー: 値」のキーの位置に `[…]` や `{…}` が書かれています。値が `[` や `{` で始まるときは、値全体を `\"…\"` で囲んでください。"),
    # the format (sources/field_specs.py, sources/markdown_safety.py and the formats)
    rules.FIELD_NOT_MAPPING: MessageKind("確認項目を「キー: 値」の形で書いてください（文字列が書かれています）",
                "キーと値のまとまりを書くべき場所に、文字列やリストが書かれています。雛形や上の書式の例と字下げを見比べてください。"),
    rules.FIELD_UNKNOWN_KEY: MessageKind("items[1].chek: 不明なキーです（もしかして: check）。使えるキー: id、check、caution、basis、tags",
                "キーの名前の書き間違いです。「もしかして」の名前に直してください。使えるキーは上の表のとおりです。"),
    rules.FIELD_MISSING: MessageKind("items[1].check: 必須の項目がありません。職員が答える確認の問いです…",
                "必ず書くキーが抜けています。上の表の「必須」のキーを書き足してください。キーの書き間違いで抜けたことになっている場合もあります。"),
    rules.FIELD_WRONG_TYPE: MessageKind("items[1].check: 1行の文字列を書いてください（真偽値（true）が書かれています）…",
                "値の種類が違います。YAML では `yes` `no` `on` `off` `true` `false`、数字、日付は文字列になりません。値全体を `\"…\"` で囲んでください（例: `version: \"1.0\"`）。"),
    rules.FIELD_EMPTY: MessageKind("title: 空です。チェックリストの題名です",
                "キーだけがあり、値がありません。値を書くか、任意の項目なら行ごと削除してください。"),
    rules.FIELD_MULTILINE: MessageKind("items[1].check: 1行で書いてください（改行が含まれています）",
                "問い（check）や題名（title）は1行で書きます。長い説明は caution に書いてください。"),
    rules.FIELD_NOT_INTEGER: MessageKind("articles[1].paragraphs[1].number: 整数を書いてください（文字列が書かれています）",
                "項・号の番号は `1` のような半角の整数で書きます（「第」「項」は付けません）。"),
    rules.FIELD_NOT_LIST: MessageKind("items[1].tags: リストを書いてください（文字列が書かれています）。例: tags: [会計]",
                "リストは `[会計, 保険]` のように角かっこで囲むか、次の行から「- 」で始めて1件ずつ書きます。"),
    rules.FIELD_EMPTY_LIST: MessageKind("items: 空のリストです。少なくとも1件書いてください",
                "少なくとも1件が必要なリストが空です。1件以上書いてください。"),
    rules.FIELD_NOT_STRING: MessageKind("items[1].basis[1]: 文字列を書いてください（数値（9）が書かれています）",
                "リストの1件に文字列以外（数字だけ、空など）が書かれています。文字列を書くか、その行を削除してください。"),
    rules.YAML_DUPLICATE_KEY: MessageKind("キー「title」が重複しています（2行目にもあります）。どちらか一方を削除してください",
                "同じキーが、同じまとまりの中に2回書かれています。メッセージの2つの行を見比べ、一方を削除してください。"),
    rules.DUPLICATE_ENTRY: MessageKind("items[2].id: 項目 ID「KG-01」が重複しています（12行目にもあります）。別の ID にしてください",
                "同じもの（項目 ID、質問や選択肢の ID、条・項・号の番号、タグ、版）が1つのファイルに2回書かれています。メッセージの2つの行を見比べ、一方を削除するか別の値にしてください。"),
    rules.ID_NOT_UNIQUE: MessageKind("id: 項目 ID「KG-01」は checklists/keikaku.yml:12 でも使われています…",
                "ID はすべてのファイルを通して一意です。別の ID にしてください（`make new-checklist` は空いている番号を使います）。"),
    rules.NO_ORDINANCES: MessageKind("条例のデータ（ordinances/*.yml）が1件もありません",
                "ordinances フォルダに条例のファイルがありません。削除してしまった場合は元に戻してください。"),
    rules.CHANGELOG_DATE: MessageKind("revisions[1].date: 日付を「2026-11-27」のように西暦の年-月-日で書いてください…",
                "改定履歴の日付は西暦で `2026-11-27` の形に書きます（和暦や「/」は使えません）。"),
    # editions (data/editions/*.json, written by make edition; formats/editions.py)
    rules.EDITION_DAMAGED: MessageKind("JSON として読めません（Expecting ',' delimiter）。版のファイルは手で編集せず、make edition で作り直してください",
                "版の記録 data/editions/*.json が壊れています（手で編集したか、git のマージで混ざった可能性があります）。"
                "git で元に戻すか、その版の時点のコミットを指定して `make edition VERSION=1.0 FROM_GIT=コミット` で作り直してください。"
                "data/editions/ には `make edition` が書いたファイルだけを置きます。"),
    rules.EDITION_FINGERPRINT: MessageKind("項目「KT-01」の fingerprint（0123456789ab）が内容と一致しません（内容からは …）…",
                "公開した版の記録は、その版で印刷した紙と照らし合わせる基準なので、手で書き換えることはできません。"
                "内容を直すときは checklists/ を直し、次の版として公開してください（[版の公開](preview.md#edition)）。"),
    rules.EDITION_FILE_NAME: MessageKind("ファイル名は版の番号と同じ 1.1.json にしてください",
                "版の記録のファイル名は、中に書かれた版の番号と同じにします。ファイル名を直してください。"),
    rules.EDITION_NOT_IN_CHANGELOG: MessageKind("版「1.1」の記録が data/changelog.yml にありません。改定の記録を追加するか、このファイルを削除してください",
                "公開した版には、改定履歴（data/changelog.yml）の記録が必要です。revisions の先頭に、その版の date・version・summary を書いてください。"),
    rules.EDITION_DATE: MessageKind("日付 2027-04-01 が data/changelog.yml の版「1.1」の日付 2027-04-02 と違います…",
                "改定履歴の日付を直したときは、`make edition VERSION=1.1` で版の記録を作り直してください。"),
    rules.EDITION_MISSING: MessageKind("版「1.1」の内容の記録 data/editions/1.1.json がありません。make edition VERSION=1.1 で作ってください",
                "改定履歴に版を足したら、その版の内容を `make edition VERSION=…` で記録し、両方をコミットします（[版の公開](preview.md#edition)）。"),
    # citations (formats/citations.py)
    rules.CITATION_UNREADABLE: MessageKind("引用「協働の原則」を読み取れません。「条例名 第N条 第N項 第N号」の形で書いてください…",
                "basis には規定の引用だけを書きます（説明文は caution へ）。[引用の書き方](citations.md)のとおりに書いてください。"),
    rules.CITATION_NO_ORDINANCE_NAME: MessageKind("引用「第9条第1項」に条例名がありません。条例名から書いてください…",
                "「市民活動推進条例第9条第1項」のように、条例名から書いてください。"),
    rules.CITATION_UNKNOWN_ORDINANCE: MessageKind("引用「協働推進条例第3条」の条例名「協働推進条例」は収録されていません。収録されている条例: …",
                "条例名の書き間違いなら「もしかして」や「収録されている条例」の名前に直します。"
                "収録が必要な条例なら、[条例の規定の追加](ordinances.md)のとおりに追加します。"),
    rules.CITATION_UNKNOWN_PROVISION: MessageKind("引用「市民活動推進条例第10条」の第10条は市民活動推進条例に収録されていません（収録されている条: …）",
                "条・項・号のどれかが、このサイトに収録されていません。番号の誤りならかっこ内の一覧から選び直してください。"
                "収録が必要な規定なら、[条例の規定の追加](ordinances.md)のとおりに追加します。"),
    rules.CITATION_PARAGRAPH_REQUIRED: MessageKind("引用「市民活動推進条例第9条第1号」: 第9条には項が複数あるため、号の前に第N項を書いてください…",
                "項が2つ以上ある条では、号の前に項を書きます（例: 第9条第1項第1号）。"),
    # conditional items and question flows (formats/conditions.py, formats/flow.py)
    rules.CONDITION_NOT_LIST: MessageKind("profile: 質問のリストを書いてください（文字列が書かれています）。各質問を「- id: …」で始めます",
                "profile には質問を1件ずつ「- id: …」で始めて並べます。[質問の流れと条件付きの項目](flows.md)の例と見比べてください。"),
    rules.CONDITION_NO_PROFILE: MessageKind("items[3].applies_when: このチェックリストには profile（最初に尋ねる質問）がないため、条件を書けません…",
                "applies_when は、同じファイルの profile の質問への答えで項目を絞る条件です。profile を書くか、applies_when を削除してください。"),
    rules.CONDITION_UNKNOWN_QUESTION: MessageKind("items[3].applies_when.keitei: 不明な質問 ID「keitei」です（もしかして: keitai）…",
                "applies_when のキーは、profile に書いた質問の id です。「もしかして」の id に直してください。"),
    rules.CONDITION_UNKNOWN_OPTION: MessageKind("items[3].applies_when.keitai: 質問「keitai」に選択肢「itku」はありません（もしかして: itaku）…",
                "その質問の options にない選択肢の id です。「使える選択肢」から選んでください。"),
    rules.CONDITION_FORM: MessageKind("items[3].applies_when: 「質問 ID: [選択肢 ID, …]」の形で書いてください（文字列が書かれています）…",
                "applies_when は `{質問 ID: [選択肢 ID, …]}` の形で書きます。例: `applies_when: {keitai: [itaku, hojo]}`。選択肢 ID は文字列で書きます。"),
    rules.FLOW_UNKNOWN_QUESTION: MessageKind("outcomes[1].profile.keitai: チェックリスト「keitai-betsu」に質問「keitai」はありません…",
                "結果の profile には、開くチェックリストの profile にある質問の id を書きます。"),
    # where a caution comes from, and the form of a check (formats/provenance.py)
    rules.CAUTION_WITHOUT_SOURCE: MessageKind("items[3]: 留意事項の根拠も出典もありません。根拠となる条例の規定を basis に書くか、出典を sources に書いてください…",
                "どの留意事項も、根拠となる条例の規定（basis）か出典（sources）を持ちます。規定の文言がその留意事項を支えるときは basis に、そうでないときは sources に、委員会資料（seed）・茅ヶ崎市の資料（chigasaki）・他自治体の例（other）・要確認（youkakunin）のどれかを書きます。書き方は[チェックリストの書式](checklists.md#sources)にあります。"),
    rules.SOURCES_NOT_LIST: MessageKind("items[3].sources: 出典のリストを書いてください（文字列が書かれています）…",
                "sources は「- kind: …」で始まる出典のリストです。1件だけでもリストにします。"),
    rules.SOURCE_UNKNOWN_KIND: MessageKind("items[3].sources[1].kind: 出典の種類「seeds」はありません（もしかして: seed）…",
                "kind に書けるのは seed（委員会資料）、chigasaki（茅ヶ崎市の資料）、other（他自治体の例）、youkakunin（要確認）だけです。"),
    rules.SOURCE_FIELD_MISSING: MessageKind("items[3].sources[1].body: 出典の種類が other（他自治体の例）のときは body が必須です…",
                "種類ごとに書くキーが決まっています。seed・chigasaki は title、other は title と body（自治体名）、youkakunin は confirm（確かめること）と shokan（所管）です。"),
    rules.SOURCE_FIELD_NOT_ALLOWED: MessageKind("items[3].sources[1].body: 出典の種類が seed（委員会資料）のときは body は書けません。書けるキー: kind、title",
                "その種類では使わないキーです。種類が違っていないか確かめ、不要なキーを削除してください。"),
    rules.SOURCE_OTHER_UNLABELLED: MessageKind("items[3].sources[2]: 他の自治体の例なのに、留意事項の本文に「他自治体の例（高松市）」の表示がありません…",
                "他の自治体の取組を述べる文に「他自治体の例（自治体名）」と書き、茅ヶ崎市の決まりではなく、検討する例として書きます。自治体名は sources の body と同じ書き方にします。"),
    rules.YOUKAKUNIN_WITHOUT_SOURCE: MessageKind("items[3]: 留意事項の本文に「要確認」がありますが、sources に kind: youkakunin の出典がありません…",
                "「要確認」と書いた留意事項は、確かめること（confirm）と所管（shokan）を sources に書きます。[要確認の一覧](youkakunin.md)に載り、所管課に確かめたら本文と sources を直します。"),
    rules.YOUKAKUNIN_WITHOUT_MARK: MessageKind("items[3]: sources に要確認（youkakunin）がありますが、留意事項の本文に「要確認」の表示がありません…",
                "確かめていない内容を述べる文に「（要確認）」と書きます。確かめ終わったときは、sources の youkakunin を、確かめた資料の出典に書き換えます。"),
    rules.CHECK_NEGATIVE: MessageKind("items[3].check: 問いが否定の形（「…ていないか」）で終わっています…",
                "問いの「はい」が「できている・問題ない」の意味になるよう、望ましい状態を尋ねる形にします。例: 「自主性を損なう進め方になっていないか」→「自主性を尊重した進め方にしているか」、「了解なく使っていないか」→「使うときは了解を得ているか」。"
                "判定は問いの終わりだけを見ます（「…がないか確かめているか」は肯定の問いなので通ります。「少ないか」「危ないか」のような形容詞も通ります）。"),
    rules.FLOW_PROFILE_FORM: MessageKind("outcomes[1].profile: 「質問 ID: 選択肢 ID」の形で書いてください。例: profile: {keitai: kyosai}",
                "結果の profile は `{質問 ID: 選択肢 ID}` の形で、質問ごとに選択肢 ID を1つだけ書きます。"),
    rules.FLOW_UNKNOWN_OPTION: MessageKind("outcomes[1].profile.keitai: 質問「keitai」に選択肢「itku」はありません（もしかして: itaku）…",
                "開くチェックリストのその質問の options にない選択肢の id です。「使える選択肢」から選んでください。"),
    rules.FLOW_UNKNOWN_START: MessageKind("start: 質問「jigyo」がありません…。start には最初に尋ねる質問の id を書いてください",
                "start には questions にある質問の id を書きます。"),
    rules.FLOW_UNKNOWN_NEXT: MessageKind("questions[1].answers[2].next: 質問または結果「kikan」がありません…。使える id: …",
                "next には、次に尋ねる質問か、たどり着く結果の id を書きます。「使える id」から選んでください。"),
    rules.FLOW_UNKNOWN_CHECKLIST: MessageKind("outcomes[1].checklist: チェックリスト「keitai」がありません。checklists/ にあるファイルの id を書いてください",
                "結果から開くチェックリストの id（ファイルの `id:`）を書きます。"),
    rules.FLOW_LOOP: MessageKind("questions[2].answers[1].next: 前の質問「jigyo」に戻るため、質問が循環しています…",
                "答えをたどると同じ質問に戻ってしまいます。結果か、まだ尋ねていない質問に進めてください。"),
    rules.FLOW_UNREACHABLE: MessageKind("outcomes[3]: 「hojo」には最初の質問からたどり着けません…",
                "どの答えの next にも書かれていない質問・結果です。どこかの答えの next に書くか、削除してください。"),
    # paperwork sheets (formats/paperwork.py)
    rules.PAPERWORK_UNKNOWN_FILE: MessageKind("shorui.yml: このフォルダに置けるのは role-table.yml、agreement.yml、evaluation.yml だけです…",
                "paperwork/ フォルダには、決まった名前の3つのファイルだけを置きます。ファイル名を直すか、別のフォルダに移してください。"),
    rules.PAPERWORK_UNKNOWN_CAUTION: MessageKind("rows[1].cautions[1]: 留意事項「KT-99」はどのチェックリストにもありません（もしかして: KT-09）…",
                "cautions には、チェックリストの項目 ID（`KT-01` など）を書きます。「もしかして」の ID に直してください。"),
    rules.PAPERWORK_UNKNOWN_CHECKLIST: MessageKind("checklists[2]: チェックリスト「kyoteii」がありません（もしかして: kyotei）…",
                "案内を表示するチェックリストの id（ファイルの `id:`）を書きます。"),
    rules.PAPERWORK_UNKNOWN_FORM: MessageKind("rows[2].suggestions[1].form: 形態「kyousai」はありません（もしかして: kyosai）。使える形態: …",
                "形態の id は、チェックリスト keitai-betsu の質問 keitai の選択肢の id です。「使える形態」から選んでください。"),
    rules.PAPERWORK_NO_FORM_QUESTION: MessageKind("rows[2].suggestions[1].form: 形態の選択肢を読むチェックリスト「keitai-betsu」の質問「keitai」がありません…",
                "形態の id は keitai-betsu の質問 keitai から読みます。そのチェックリストか質問を消したときは、形態ごとの提案・補足も消してください。"),
    rules.PAPERWORK_WHO: MessageKind("rows[1].suggestions[1].who: 「city」は使えません。shi（市）、aite（相手方）、kyodo（共同）のどれかを書いてください",
                "担い手の提案は、`shi`（市）、`aite`（相手方）、`kyodo`（共同）のどれかで書きます。"),
    rules.CITATION_BAD_NUMBER: MessageKind("数字として読めません: …",
                "条・項・号の番号に、数字として読めない文字があります。半角数字か漢数字で書いてください。"),
    # pages, includes, mkdocs.yml and links to other files (sources/page_safety.py, sources/site_config.py)
    rules.FILE_SYMLINK: MessageKind("docs/leak.md:0: シンボリックリンクは使えません（リンク先のファイルがサイトに公開されてしまうため）…",
                "docs/ やデータのフォルダに、ほかのファイルを指すシンボリックリンクがあります（mkdocs.yml も同じです）。リンクを削除し、公開してよいファイルそのものを置いてください。"),
    rules.PAGE_SNIPPET: MessageKind("差し込むファイル「x.md」が includes/ にありません…",
                "差し込み（`--8<-- \"ファイル名\"`）は1行に書き、includes/ にあるファイルだけを差し込めます。ファイル名を確かめてください。"),
    rules.ABBREVIATION_MARKUP: MessageKind("略語「NPO」の説明に「<」「>」は書けません（説明は、語にマウスを重ねたときに HTML として表示されるため）…",
                "includes/abbreviations.md の説明は文字だけで書きます。「<」「>」を使わずに書き直してください。"),
    rules.PAGE_UNREADABLE: MessageKind("ページを Markdown として読めません（…）",
                "ページの Markdown を読み取る途中で止まりました。直前に変えた箇所を元に戻して確かめ、解決しないときはメッセージ全体を管理担当者に伝えてください。"),
    rules.CONFIG_MISSING: MessageKind("mkdocs.yml がありません", "プロジェクトのフォルダで実行しているか確かめてください。"),
    rules.CONFIG_DATE: MessageKind("mkdocs.yml の日付「2026-02-30」はありえない日付です。正しい日付を YYYY-MM-DD で書いてください",
                "カレンダーにない日付です。正しい日付に直してください。"),
}

WARNINGS = {  # `make lint` (editing/content_lint.py)
    rules.LINT_QUESTION_FORM: MessageKind("items[1].check（KG-01）: 確認の問いは「…しているか」のように「か」で終わる形にしてください…",
                "問いは「はい／いいえ」で答えられる「…しているか」の形にそろえます。"),
    rules.LINT_UNKNOWN_TAG: MessageKind("items[1].tags（KG-01）: タグ「役割分坦」は data/tags.yml にありません（もしかして: 役割分担）…",
                "タグの書き間違いなら「もしかして」のタグに直します。新しいタグなら、[タグの追加](tags.md)のとおり data/tags.yml に加えてください。"),
    rules.LINT_SIMILAR_CHECK: MessageKind("items[2].check（KK-02）: checklists/teian.yml:30（TA-03）と同じ問いです。まとめるか、違いが分かるように書き分けてください",
                "同じか、ほとんど同じ問いが2か所にあります。1つにまとめるか、違いが分かるように書き分けてください。"),
    rules.LINT_PLACEHOLDER: MessageKind("summary: 「要記入」のままです。内容を書いてください",
                "`make new-checklist` の雛形の文が残っています。内容を書いてください。"),
}


def _row(rule: str, kind: MessageKind) -> str:
    # The id is the row's anchor, so `errors.md#yaml-tab` opens the row of a printed [yaml-tab].
    return f'| <code id="{rule}">{rule}</code> | {escape_text(kind.example)} | {kind.fix} |'


def render_message_table(kinds: dict) -> str:
    lines = ["| ID | メッセージ（例） | 意味と直し方 |", "| --- | --- | --- |"]
    return "\n".join(lines + [_row(rule, kind) for rule, kind in kinds.items()]) + "\n"

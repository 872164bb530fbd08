"""Loading editor YAML: positions kept, and what PyYAML would silently accept is rejected."""
import time

from kyodo_kb.sources.yaml_source import YamlMapping, YamlScalar, YamlSequence, load_yaml_bytes, load_yaml_text


def messages(result):
    return [str(error) for error in result.errors]


def test_load_keeps_the_line_of_every_key_and_value():
    result = load_yaml_text("id: a\nitems:\n  - id: X\n    check: 問い\n", "x.yml")
    assert result.errors == []
    root = result.root
    assert isinstance(root, YamlMapping)
    assert root.key_lines == {"id": 1, "items": 2}
    item = root.entries["items"].items[0]
    assert isinstance(root.entries["items"], YamlSequence)
    assert item.entries["check"] == YamlScalar("問い", 4, "tag:yaml.org,2002:str")


def test_load_rejects_duplicate_keys_naming_both_lines():
    result = load_yaml_text("a: 1\nb: 2\na: 3\n", "x.yml")
    assert messages(result) == ["x.yml:3: キー「a」が重複しています（1行目にもあります）。どちらか一方を削除してください [yaml-duplicate-key]"]


def test_load_rejects_python_tags_without_constructing_them():
    result = load_yaml_text("a: !!python/object/apply:os.system [echo hacked]\n", "x.yml")
    assert messages(result) == ["x.yml:1: YAML のタグ「!!python/object/apply:os.system」は使えません（安全のため、タグの付いた値は読み込みません）。「!!python/object/apply:os.system」を削除して、値をそのまま書いてください [yaml-tag]"]


def test_load_rejects_custom_tags_on_mappings():
    result = load_yaml_text("a: !custom {b: 1}\n", "x.yml")
    assert messages(result) == ["x.yml:1: YAML のタグ「!custom」は使えません（安全のため、タグの付いた値は読み込みません）。「!custom」を削除して、値をそのまま書いてください [yaml-tag]"]


def test_load_rejects_an_alias_bomb_quickly_with_one_message():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    result = load_yaml_text("\n".join(levels) + "\n", "bomb.yml")
    assert time.perf_counter() - started < 5  # 9**10 strings if it were expanded
    assert messages(result) == ["bomb.yml:2: アンカー（&）とエイリアス（*）は使えません。同じ内容をそのまま書いてください [yaml-alias]"]


def test_load_accepts_a_utf8_bom():
    result = load_yaml_bytes("\ufeffid: a\n".encode("utf-8"), "x.yml")
    assert result.errors == [] and result.root.entries["id"].value == "a"


def test_load_asks_for_utf8_when_the_file_is_shift_jis():
    result = load_yaml_bytes("id: a\ntitle: 協働\n".encode("cp932"), "x.yml")
    assert messages(result) == ["x.yml:2: 文字コードが UTF-8 ではありません（Shift_JIS などで保存された可能性があります）。エディタで文字コードを「UTF-8」にして保存し直してください [file-not-utf8]"]


def test_load_translates_syntax_errors_to_japanese_with_the_line():
    result = load_yaml_text("id: a\ntitle: 協働: とは\n", "x.yml")
    assert messages(result) == ["x.yml:2: ここに「:」は書けません。値の中に「: 」を含めるときは値全体を引用符（\"…\"）で囲んでください [yaml-colon-in-value]"]


def test_load_reports_an_empty_file():
    assert messages(load_yaml_text("", "x.yml")) == ["x.yml:1: ファイルが空です。少なくとも id, title, items を書いてください [file-empty]"]


def test_load_reads_yes_as_a_boolean_so_validation_can_reject_it():
    result = load_yaml_text("check: yes\n", "x.yml")
    assert result.root.entries["check"].value is True


def test_load_rejects_deep_nesting_with_a_message_instead_of_a_recursion_error():
    for depth in (60, 999):  # 999 is within libyaml's own limit but beyond Python's recursion limit
        result = load_yaml_text("a: " + "[" * depth + "]" * depth + "\n", "x.yml")
        assert messages(result) == ["x.yml:1: 入れ子（字下げやかっこ）が深すぎます。字下げのくずれや、かっこの閉じ忘れがないか確かめてください [yaml-too-deep]"]


def test_load_names_the_line_of_a_control_character():
    result = load_yaml_text("id: a\ntitle: 協\x07働\n", "x.yml")
    assert messages(result) == ["x.yml:2: 制御文字（U+0007）が含まれています。ほかの文書からコピーしたときに紛れ込む見えない文字です。この行を打ち直してください [yaml-control-character]"]


def test_load_points_an_unclosed_quote_at_the_line_where_it_opens():
    result = load_yaml_text('id: a\ntitle: "協働\nitems: []\nsummary: x\n', "x.yml")
    assert [e.location.line for e in result.errors] == [2]


def test_load_rejects_a_second_document():
    result = load_yaml_text("id: a\n---\nid: b\n", "x.yml")
    assert [e.location.line for e in result.errors] == [2] and "文書" in result.errors[0].message


def test_load_keeps_the_style_of_block_scalars_so_lines_inside_them_can_be_located():
    root = load_yaml_text("a: |\n  one\n  two\nb: plain\n", "x.yml").root
    assert (root.entries["a"].style, root.entries["a"].first_text_line) == ("|", 2)
    assert root.entries["b"].first_text_line == 4


def test_load_accepts_ten_thousand_items():
    lines = ["id: big", "title: 大きなチェックリスト", "items:"]
    for n in range(10_000):
        lines += [f"  - id: BIG-{n}", f"    check: 確認{n}をしているか", "    caution: |", f"      注意{n}です。"]
    result = load_yaml_text("\n".join(lines) + "\n", "big.yml")
    assert result.errors == [] and len(result.root.entries["items"].items) == 10_000
    assert result.root.entries["items"].items[-1].entries["check"].line == 5 + 4 * 9_999


def test_load_accepts_a_very_long_line():
    text = "caution: " + "長い文章です。" * 150_000 + "\n"  # about 1 million characters on one line
    result = load_yaml_text(text, "x.yml")
    assert result.errors == [] and len(result.root.entries["caution"].value) == 7 * 150_000


def test_load_asks_for_utf8_when_the_file_is_utf16():
    result = load_yaml_bytes("id: a\n".encode("utf-16"), "x.yml")
    assert messages(result) == ["x.yml:1: 文字コードが UTF-16（「Unicode」）で保存されています。エディタで文字コードを「UTF-8」にして保存し直してください [file-utf16]"]


def test_an_alias_bomb_is_rejected_within_bounded_memory():
    import tracemalloc
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefghijklmnopqrstuvwxy", "bcdefghijklmnopqrstuvwxyz"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    tracemalloc.start()
    result = load_yaml_text("\n".join(levels) + "\n", "bomb.yml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000  # 9**26 strings if it were expanded
    assert [e.location.line for e in result.errors] == [2]


def test_load_names_full_width_slips_of_the_input_method():
    assert messages(load_yaml_text("id：a\ntitle: x\n", "x.yml")) == [
        "x.yml:1: 全角のコロン「：」が使われています。「キー: 値」のコロンは半角の「:」にして、後ろに半角スペースを入れてください [yaml-full-width-colon]"]
    assert messages(load_yaml_text("id: a\nitems:\n\u3000- id: A\n", "x.yml")) == [
        "x.yml:3: 字下げに全角スペースが使われています。字下げには半角スペースを使ってください [yaml-full-width-space]"]


def test_load_keeps_full_width_spaces_and_colons_inside_text():
    result = load_yaml_text("caution: |\n  \u3000段落です。\n  NPO：特定非営利活動法人\ntitle: 注意：本文\n", "x.yml")
    assert result.errors == [] and result.root.entries["caution"].value.startswith("\u3000段落です。")

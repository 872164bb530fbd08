"""Loading editor YAML: positions kept, and what PyYAML would silently accept is rejected."""
import time

from yaml_source import YamlMapping, YamlScalar, YamlSequence, load_yaml_bytes, load_yaml_text


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
    assert messages(result) == ["x.yml:3: キー「a」が重複しています（1行目にもあります）。どちらか一方を削除してください"]


def test_load_rejects_python_tags_without_constructing_them():
    result = load_yaml_text("a: !!python/object/apply:os.system [echo hacked]\n", "x.yml")
    assert messages(result) == ["x.yml:1: YAML のタグ「!!python/object/apply:os.system」は使えません。「!」で始まる記法を削除してください"]


def test_load_rejects_custom_tags_on_mappings():
    result = load_yaml_text("a: !custom {b: 1}\n", "x.yml")
    assert messages(result) == ["x.yml:1: YAML のタグ「!custom」は使えません。「!」で始まる記法を削除してください"]


def test_load_rejects_an_alias_bomb_quickly_with_one_message():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    result = load_yaml_text("\n".join(levels) + "\n", "bomb.yml")
    assert time.perf_counter() - started < 5  # 9**10 strings if it were expanded
    assert messages(result) == ["bomb.yml:2: アンカー（&）とエイリアス（*）は使えません。同じ内容をそのまま書いてください"]


def test_load_accepts_a_utf8_bom():
    result = load_yaml_bytes("\ufeffid: a\n".encode("utf-8"), "x.yml")
    assert result.errors == [] and result.root.entries["id"].value == "a"


def test_load_asks_for_utf8_when_the_file_is_shift_jis():
    result = load_yaml_bytes("id: a\ntitle: 協働\n".encode("cp932"), "x.yml")
    assert messages(result) == ["x.yml:2: 文字コードが UTF-8 ではありません（Shift_JIS などで保存された可能性があります）。エディタで文字コードを「UTF-8」にして保存し直してください"]


def test_load_translates_syntax_errors_to_japanese_with_the_line():
    result = load_yaml_text("id: a\ntitle: 協働: とは\n", "x.yml")
    assert messages(result) == ["x.yml:2: ここに「:」は書けません。値の中に「: 」を含めるときは値全体を引用符（\"…\"）で囲んでください"]


def test_load_reports_an_empty_file():
    assert messages(load_yaml_text("", "x.yml")) == ["x.yml:1: ファイルが空です。少なくとも id, title, items を書いてください"]


def test_load_reads_yes_as_a_boolean_so_validation_can_reject_it():
    result = load_yaml_text("check: yes\n", "x.yml")
    assert result.root.entries["check"].value is True

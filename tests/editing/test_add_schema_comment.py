"""scripts/add_schema_comment.py: every data file opens with the schema comment; the script is idempotent."""
from __future__ import annotations

import pytest

from support import load_script

tool = load_script("add_schema_comment")
COMMENT = "# yaml-language-server: $schema=../schemas/checklist.schema.json"


def test_every_shipped_data_file_carries_its_schema_comment(capsys):
    assert tool.data_files(tool.ROOT), "no data files found"
    assert tool.main(["--check"]) == 0, capsys.readouterr().out + "\n→ python scripts/add_schema_comment.py を実行してください"


def test_the_comment_points_to_the_schema_relative_to_the_file():
    assert tool.schema_comment("checklists/a.yml", "checklist.schema.json") == COMMENT
    assert tool.schema_comment("data/tags.yml", "tags.schema.json") == "# yaml-language-server: $schema=../schemas/tags.schema.json"


@pytest.mark.parametrize("before, after", [
    ("id: a\n", f"{COMMENT}\nid: a\n"),
    ("# 説明\nid: a\n", f"{COMMENT}\n# 説明\nid: a\n"),
    (f"{COMMENT}\nid: a\n", f"{COMMENT}\nid: a\n"),
    ("# yaml-language-server: $schema=old.json\nid: a\n", f"{COMMENT}\nid: a\n"),
    (f"# 説明\n{COMMENT}\nid: a\n", f"{COMMENT}\n# 説明\nid: a\n"),
    ("id: a\r\ntitle: t\r\n", f"{COMMENT}\r\nid: a\r\ntitle: t\r\n"),
    ("\ufeffid: a\n", f"\ufeff{COMMENT}\nid: a\n"),
])
def test_with_schema_comment_puts_exactly_one_comment_first_and_keeps_line_endings(before, after):
    assert tool.with_schema_comment(before, COMMENT) == after
    assert tool.with_schema_comment(after, COMMENT) == after


def test_main_adds_missing_comments_once_and_check_reports_them(tmp_path, capsys):
    (tmp_path / "checklists").mkdir()
    target = tmp_path / "checklists" / "a.yml"
    target.write_text("id: a\n", encoding="utf-8")
    assert tool.main(["--root", str(tmp_path), "--check"]) == 1
    assert "checklists/a.yml:1: 1行目に" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == "id: a\n"
    assert tool.main(["--root", str(tmp_path)]) == 0
    first = target.read_bytes()
    assert tool.main(["--root", str(tmp_path)]) == 0
    assert target.read_bytes() == first and first.startswith(COMMENT.encode())
    assert tool.main(["--root", str(tmp_path), "--check"]) == 0


def test_main_reports_a_file_that_is_not_utf8_and_exits_2_on_usage_errors(tmp_path, capsys):
    (tmp_path / "checklists").mkdir()
    (tmp_path / "checklists" / "sjis.yml").write_bytes("id: a\ntitle: 題名\n".encode("shift_jis"))
    assert tool.main(["--root", str(tmp_path)]) == 1
    assert "checklists/sjis.yml:1: 文字コードが UTF-8 ではない" in capsys.readouterr().out
    assert tool.main(["--root", str(tmp_path / "missing")]) == 2
    assert tool.main(["--bogus"]) == 2

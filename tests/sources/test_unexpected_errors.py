"""An unexpected exception while loading data (a bug, or an input nobody foresaw) reaches
editors as a Japanese message naming the file, never as a traceback; exit code stays 1."""
import sys
from pathlib import Path

import pytest

from kyodo_kb.formats import checklist as checklist_model
from kyodo_kb.formats import ordinance as ordinance_model
from kyodo_kb.knowledge_base import load_knowledge_base
from kyodo_kb.sources.errors import DataErrors
from support import make_project

from support import ROOT


def explode(*args, **kwargs):
    raise RuntimeError("想定外")


GOOD = "id: good\ntitle: 題\nitems:\n  - id: G-1\n    check: 確認しているか\n    caution: 注意\n".encode("utf-8")


def test_an_exception_while_reading_a_checklist_names_that_file(tmp_path, monkeypatch):
    monkeypatch.setattr(checklist_model, "read_checklist", explode)
    project = make_project(tmp_path, {"good.yml": GOOD})
    with pytest.raises(DataErrors) as raised:
        load_knowledge_base(project)
    assert [str(e) for e in raised.value.errors] == [
        "checklists/good.yml:0: このファイルの読み込み中に予期しない誤りが発生しました（RuntimeError: 想定外）。"
        "直前に変更した箇所を見直してください。解決しないときは、このメッセージをサイトの管理担当者に伝えてください [unexpected-error]"]


def test_an_exception_while_reading_an_ordinance_names_that_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ordinance_model, "read_ordinance", explode)
    with pytest.raises(DataErrors) as raised:
        load_knowledge_base(make_project(tmp_path, {}))
    assert [e.location.path for e in raised.value.errors] == ["ordinances/jichi-kihon.yml", "ordinances/shimin-katsudo.yml"]


def test_check_script_reports_an_unexpected_exception_in_japanese_with_exit_1(monkeypatch, capsys):
    from support import load_script
    check = load_script("check")
    monkeypatch.setattr(check, "validate_project", explode)
    assert check.main([]) == 1
    out = capsys.readouterr()
    assert out.out.startswith("データ（checklists/・ordinances/）の読み込み中に予期しない誤りが発生しました（RuntimeError: 想定外）")
    assert "Traceback" not in out.out + out.err


def test_build_glue_turns_an_unexpected_exception_into_a_plugin_error(monkeypatch):
    from mkdocs.exceptions import PluginError
    from support import load_hook
    import kyodo_kb.build_state
    loading = load_hook("knowledge_base_loading")
    monkeypatch.setattr(kyodo_kb.build_state, "load_knowledge_base", explode)

    class Config(dict):
        config_file_path = str(ROOT / "mkdocs.yml")

    config = loading.on_config(Config())
    with pytest.raises(PluginError) as raised:
        loading.on_files([], config)
    assert str(raised.value).startswith("データ（checklists/・ordinances/）の読み込み中に予期しない誤りが発生しました（RuntimeError: 想定外）")

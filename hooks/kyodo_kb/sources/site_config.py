"""mkdocs.yml as a file that may only hold plain values.

MkDocs reads mkdocs.yml with PyYAML's full loader, which builds Python objects from tags such as
`!!python/object/apply:os.system` while the file is being read, before any hook could object;
MkDocs offers no setting to change its loader. So `make check`, and `make build`/`make serve`
before they start MkDocs (scripts/check_config.py), read the file first without building
anything (`yaml.compose`) and refuse any tag, and any date the calendar does not have.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from kyodo_kb.sources import rules
from kyodo_kb.sources.errors import DataError, SourceLocation

CONFIG_FILE = "mkdocs.yml"
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


def mkdocs_yml_errors(root: Path) -> list:
    path = root / CONFIG_FILE
    if path.is_symlink():
        return [DataError(SourceLocation(CONFIG_FILE, 0), "mkdocs.yml をシンボリックリンクにはできません。ファイルそのものを置いてください", rules.FILE_SYMLINK)]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [DataError(SourceLocation(CONFIG_FILE, 0), "mkdocs.yml がありません", rules.CONFIG_MISSING)]
    except (OSError, UnicodeDecodeError) as exc:
        return [DataError(SourceLocation(CONFIG_FILE, 0), f"mkdocs.yml を読み込めません（{type(exc).__name__}）。UTF-8 で保存し直してください", rules.FILE_UNREADABLE)]
    try:
        root_node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return [DataError(SourceLocation(CONFIG_FILE, line), f"mkdocs.yml の YAML の書き方に誤りがあります（{exc.problem}）", rules.YAML_SYNTAX)]
    except yaml.YAMLError as exc:
        return [DataError(SourceLocation(CONFIG_FILE, 0), f"mkdocs.yml の YAML の書き方に誤りがあります（{str(exc)[:200]}）", rules.YAML_SYNTAX)]
    errors: list = []
    stack = [root_node] if root_node is not None else []
    seen: set = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            errors.append(DataError(SourceLocation(CONFIG_FILE, line),
                                    f"mkdocs.yml に YAML のタグ「{tag}」は書けません（MkDocs はタグから Python のオブジェクトを作り、"
                                    "任意のプログラムを動かせてしまうため）。タグを削除して値だけを書いてください", rules.YAML_TAG))
            continue
        if node.tag.endswith(":timestamp"):
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                errors.append(DataError(SourceLocation(CONFIG_FILE, line),
                                        f"mkdocs.yml の日付「{node.value}」はありえない日付です。正しい日付を YYYY-MM-DD で書いてください", rules.CONFIG_DATE))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(errors)

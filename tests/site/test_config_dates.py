"""mkdocs.yml has no unquoted date: MkDocs reads `2027-05-05` as a date, the successor generators
(docs/maintainers/migration.md) as a string, so a date there is written "2027-05-05"."""
from __future__ import annotations

import datetime

import yaml

from support import ROOT


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that accepts MkDocs' tags (!ENV, !!python/name:…) without running them."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def unquoted_dates(value, where: str = "mkdocs.yml") -> list[str]:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return [f"{where}: {value}"]
    if isinstance(value, dict):
        return [found for key, entry in value.items() for found in unquoted_dates(entry, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for index, entry in enumerate(value) for found in unquoted_dates(entry, f"{where}[{index}]")]
    return []


def test_the_site_config_has_no_unquoted_date():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    assert unquoted_dates(config) == []


def test_an_unquoted_date_is_found_and_a_quoted_one_is_not():
    found = yaml.load("extra:\n  eol: 2027-05-05\n  quoted: \"2027-05-05\"\n", Loader=_ConfigLoader)
    assert unquoted_dates(found) == ["mkdocs.yml.extra.eol: 2027-05-05"]

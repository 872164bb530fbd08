"""The one state a site build shares between its MkDocs hooks, kept under one config key.

hooks/knowledge_base_loading.py (the first hook in mkdocs.yml) creates it in `on_config` and
loads the knowledge base into it in `on_files`; every other hook reads it through
`build_state(config)`, which fails loudly, in the same words everywhere, when the state a hook
needs is missing (the loading hook left out of mkdocs.yml, or listed after the hook that needs
it). MkDocs-free: the glue passes its config; any mapping with `config_file_path` will do.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kyodo_kb.knowledge_base import KnowledgeBase, load_knowledge_base
from kyodo_kb.render.error_pages import GENERATED_PAGES, error_page_sources, render_error_page
from kyodo_kb.sources.errors import DataErrors
from kyodo_kb.sources.page_safety import check_site_sources, symlink_errors

CONFIG_KEY = "kyodo_kb"
LOADING_HOOK = "hooks/knowledge_base_loading.py"

# `mkdocs serve` names its command once per process (on_startup, with the first config), while
# every rebuild gets a fresh config and a fresh state: this is the one fact that outlives them.
_serving_process = False


def remember_command(command: str) -> None:
    global _serving_process
    _serving_process = command == "serve"


class MissingBuildState(RuntimeError):
    """A hook ran without the state it needs: mkdocs.yml lists the hooks wrongly."""


@dataclass
class BuildState:
    root: Path
    serving: bool = False  # `make serve`: errors are shown in the site instead of stopping it
    loaded: bool = False  # the knowledge base has been loaded (or failed to load) for this build
    kb: KnowledgeBase | None = None  # None when the data has errors (only while serving)
    errors: list = field(default_factory=list)  # the DataErrors shown while serving
    page_dates: dict = field(default_factory=dict)  # src_uri -> date of the page's last change
    output_errors: list = field(default_factory=list)  # written pages outside the page allowlist
    search_data_pages: frozenset | None = None  # pages whose search records the knowledge base writes


def new_build_state(config) -> BuildState:
    state = BuildState(Path(config.config_file_path).resolve().parent, serving=_serving_process)
    config[CONFIG_KEY] = state
    return state


def build_state(config, need_kb: bool = False) -> BuildState:
    """The state of this build; with `need_kb`, only once the knowledge base is loaded (then
    `state.kb` is None only while serving with data errors)."""
    state = config.get(CONFIG_KEY)
    if not isinstance(state, BuildState) or (need_kb and not state.loaded):
        raise MissingBuildState(
            f"ビルドの状態（config[{CONFIG_KEY!r}]）がありません。mkdocs.yml の hooks の最初に {LOADING_HOOK} を置いてください"
            "（このフックが知識ベースを読み込み、ほかのフックはその結果を使います）")
    return state


def everything_make_check_reports(root: Path, found: list) -> list:
    """`found` plus every other problem `make check` reports outside the data files, so that a
    failing build prints the same errors as `make check`. Only on the failure path: it renders
    every page of docs/ once more."""
    return sorted(set(found) | set(check_site_sources(root)))


def load_into(state: BuildState) -> list:
    """Loads the knowledge base into `state`; returns the errors to report ([] when none).
    Building, they are everything `make check` would report; serving, the data errors only
    (the preview stays fast), which also stay in `state.errors` for the banner."""
    errors = symlink_errors(state.root)
    try:
        kb = load_knowledge_base(state.root)
    except DataErrors as exc:
        kb, errors = None, errors + exc.errors
    state.loaded = True
    if errors and not state.serving:
        return everything_make_check_reports(state.root, errors)
    state.kb = kb
    state.errors = sorted(set(state.errors) | set(errors))
    return state.errors


def error_pages(state: BuildState) -> dict:
    """While serving with errors: src_uri -> an error page, for every page the data would make."""
    stems = {folder: sorted(p.stem for p in (state.root / folder).glob("*.y*ml")) for folder in GENERATED_PAGES
             if (state.root / folder).is_dir()}
    return {src_uri: render_error_page(state.errors, src_uri) for src_uri in error_page_sources(stems)}

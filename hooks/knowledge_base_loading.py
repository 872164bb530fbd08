"""MkDocs glue: loads the knowledge base into the build state (`config["kyodo_kb"]`); on errors,
fails the build with what `make check` reports, or while `make serve` runs, shows them in the
site (error pages where the generated pages would be, a banner on every page) instead of
stopping the preview.

Must be the first hook in mkdocs.yml: the others read the state through
`kyodo_kb.build_state.build_state(config)`. Data is loaded in `on_files`, not at import, because
`mkdocs serve` re-runs the events on every rebuild.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kyodo_kb.build_state import build_state, error_pages, load_into, new_build_state, remember_command
from kyodo_kb.render.error_pages import error_report, rebuild_summary, render_error_banner
from kyodo_kb.sources.errors import unexpected_failure

log = logging.getLogger("mkdocs.hooks.knowledge_base_loading")
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")  # MkDocs' own "Documentation built in …" line


def on_startup(command: str, dirty: bool) -> None:
    remember_command(command)


def on_config(config):
    new_build_state(config)
    for stale in [f for f in _BUILD_LOG.filters if type(f).__name__ == "_SummaryAtTheEnd"]:
        _BUILD_LOG.removeFilter(stale)  # a build that stopped before its closing line
    return config


def on_files(files: Files, config) -> Files:
    state = build_state(config)
    try:
        errors = load_into(state)
    except Exception as exc:  # a bug must still reach editors as a message, not a traceback
        raise PluginError(unexpected_failure("データ（checklists/・ordinances/）の読み込み", exc)) from None
    if errors and not state.serving:
        raise PluginError(error_report(errors))
    if errors:
        log.error(error_report(errors))
        for src_uri, content in error_pages(state).items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        # An error page cannot carry the anchors of the page it stands in for: links into it
        # (#KK-01, #art9) would each print a warning, burying the one error above.
        config.validation.links.anchors = logging.DEBUG
        _BUILD_LOG.addFilter(_SummaryAtTheEnd(errors))
    return files



class _SummaryAtTheEnd(logging.Filter):
    """Turns this build's closing "Documentation built in …" line into the error summary, once."""

    def __init__(self, errors):
        super().__init__()
        self.errors = errors

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Documentation built"):
            record.msg, record.args = rebuild_summary(self.errors, record.getMessage()), ()
            record.levelno, record.levelname = logging.ERROR, "ERROR"
            _BUILD_LOG.removeFilter(self)
        return True


def on_page_markdown(markdown: str, page, config, files) -> str:
    errors = build_state(config).errors
    if not errors or page.meta.get("kb_error_page"):
        return markdown
    return render_error_banner(errors) + "\n" + markdown

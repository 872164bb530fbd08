"""The page allowlist inside the build (hooks/page_output_safety.py): every page the build writes
is judged, and a page that a renderer lets markup into stops the strict build with the page,
the data file it came from and the line, never a traceback; the page is not written as it was."""
import re

from kyodo_kb.tooling.project import copy_project, run_mkdocs_build

# Stands in for a renderer bug: the checklist title put into an attribute next to a handler, on
# the generated checklist page, after the field checks and the docs/ allowlist have run.
RENDERER_BUG = '''
def on_page_content(html, page, config, files):
    if page.file.src_uri == "checklists/kyotei.md":
        return html + '<span title="役割分担・協定の留意事項" onmouseover="window.__pwned=1">x</span>'
    return html
'''


def test_every_written_page_is_judged(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site, "--verbose")
    assert result.returncode == 0, result.stderr[-3000:]
    judged = re.search(r"page allowlist: ([0-9]+) pages", result.stderr)
    assert judged, result.stderr[-2000:]
    written = sorted(site.rglob("*.html"))
    assert int(judged.group(1)) == len(written) > 70


def test_a_renderer_bug_stops_the_build_at_its_source(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "hooks" / "renderer_bug.py").write_text(RENDERER_BUG, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - hooks/page_output_safety.py", "  - hooks/renderer_bug.py\n  - hooks/page_output_safety.py", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    title_line = next(number for number, line in enumerate(
        (project / "checklists" / "kyotei.yml").read_text(encoding="utf-8").splitlines(), start=1) if line.startswith("title:"))
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("出力されたページに 1 件の誤りがあります:\n"
            f"checklists/kyotei.yml:{title_line}: 出力されたページ checklists/kyotei/index.html（本文）: 「<span>」にイベント処理の属性「onmouseover=」があります"
            "（スクリプトが動きます）。該当箇所: <span title=\"役割分担・協定の留意事項\" onmouseover=\"window.__pwned=1\"> [page-output-unsafe]") in result.stderr
    written = (site / "checklists" / "kyotei" / "index.html").read_text(encoding="utf-8")
    assert "__pwned" not in written.replace("&#x27;", "'").split("<ul>", 1)[0] and "このページは表示できません" in written

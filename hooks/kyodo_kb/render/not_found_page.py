"""The 404 page for any sub-path of the intranet server.

MkDocs renders 404.html with root-absolute links (`/assets/…`, or `/kyodo/assets/…` when `site_url`
is `http://host/kyodo/`), and the
server shows that page for a missing address at any depth (`/kyodo/checklists/typo/`). So the
page would load its styles from the server root and show English text. Here, after the build:

- every root-absolute link becomes relative; stylesheets and scripts are written by a script
  (`document.write`), so the browser's preload scanner cannot fetch them against the address
  before the base is known; a small script at the top of `<head>` adds a
  `<base>` computed from the address: the site's root is the part of the path before the first
  segment that is a top-level name of the site (`checklists`, `guideline`, …); without one, the
  folder that holds the address's last part (right for a mistyped page name: `/kyodo/typo`,
  `/kyodo/typo/`; an address two unknown levels deep is the one case it cannot tell);
- Material's configuration gets that base, and the site's own search engine (as on other pages);
- the heading and text are Japanese, with links back to the home page and the main lists.
"""
from __future__ import annotations

import json
import re

TITLE = "ページが見つかりません"
CONTENT = f"""<h1>{TITLE}（404）</h1>
<p>お探しのページは、移動したか削除された可能性があります。アドレスに誤りがないか確かめてください。</p>
<ul class="kb-not-found-links">
<li><a href="./">トップページへ戻る</a></li>
<li><a href="checklists/">チェックリストの一覧</a></li>
<li><a href="chooser/keitai/">協働の形態を選ぶ</a></li>
</ul>
<p>ページ上部の検索欄から、言葉で探すこともできます。</p>"""

def _root_absolute(site_path: str) -> re.Pattern:
    """Links from the site's root: `/…`, or `/kyodo/…` under `site_url`'s path (then `/kyodo` alone too)."""
    inner = site_path.strip("/")
    if not inner:
        return re.compile(r'((?:href|src)=")/(?!/)')
    return re.compile(r'((?:href|src)=")/' + re.escape(inner) + r'(?:/|(?="))')
_RESOURCE = re.compile(r'<link\b[^>]*\bhref="(?![a-z]+:|//|#)[^"]*"[^>]*>|<script\b[^>]*\bsrc="(?![a-z]+:|//)[^"]*"[^>]*></script>')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

# Runs before any stylesheet or script is requested. `known` is the list of top-level names.
_BASE_SCRIPT = """<script>(function () {
  var known = %s, parts = location.pathname.split("/"), i;
  for (i = 1; i < parts.length - 1; i++) {
    var name = parts[i];
    try { name = decodeURIComponent(name); } catch (e) { /* keep it raw */ }
    if (known.indexOf(name) >= 0) break;
  }
  if (i === parts.length - 1 && parts[i] === "" && i > 1) i--;  // none known: the parent of the last part
  var base = document.createElement("base");
  base.href = parts.slice(0, i).join("/") + "/";
  document.head.appendChild(base);
})();</script>"""
# After Material's configuration, before its bundle: the base as an absolute address.
_CONFIG_SCRIPT = """<script>(function () {
  var node = document.getElementById("__config"), config = JSON.parse(node.textContent);
  config.base = document.baseURI;
  node.textContent = JSON.stringify(config);
})();</script>"""


def not_found_page(html: str, top_level_names: list[str], search_url: str | None, site_path: str = "/") -> str:
    """404.html as MkDocs wrote it -> the page that works under any sub-path (see module doc).

    `site_path`: the path of the configured `site_url` (`/kyodo/`), `/` without one."""
    html = _root_absolute(site_path).sub(r"\1", html)
    html = html.replace('href="."', 'href="./"').replace('href=""', 'href="./"')
    html = _RESOURCE.sub(lambda m: "<script>document.write(" + json.dumps(m.group(0)).replace("</", "<\\/") + ")</script>", html)
    script = _BASE_SCRIPT % json.dumps(sorted(top_level_names), ensure_ascii=False)
    html = re.sub(r"(<head>\s*<meta charset=\"utf-8\">)", lambda m: m.group(1) + script, html, count=1)

    def fix_config(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["base"] = "./"
        if search_url:
            config["search"] = search_url
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3) + _CONFIG_SCRIPT

    html = _CONFIG.sub(fix_config, html, count=1)
    html = html.replace("<h1>404 - Not found</h1>", CONTENT)
    html = re.sub(r"<title>(.*?)</title>", lambda m: f"<title>{TITLE} - {m.group(1)}</title>", html, count=1)
    return html


def search_url_of(index_html: str) -> str | None:
    """The search engine's address as the home page (at the site's root) configures it."""
    match = _CONFIG.search(index_html)
    if not match:
        return None
    return json.loads(match.group(2)).get("search")

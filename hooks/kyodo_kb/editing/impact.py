"""`make impact CITE=…`: every caution, flow outcome and guideline page that a provision's
amendment touches, one per line as `path:line: id title`.

A place is touched when it cites the provision itself, a provision above it (a caution citing
第9条 stands on 第9条第1項第4号 too) or one below it (an amendment of 第9条 may change any of
its 項 and 号). Cautions cite through `basis`; flows and guideline pages through Markdown links to
the ordinance pages (`ordinances/<id>.md#art9-para1`).

Speed (20,000 cautions in well under a second): the checklists are not parsed as YAML. The
strings that may be `basis` entries are gathered by regular expressions over whole files, each
distinct one is resolved once by the same CitationResolver that validates `basis`, and only the
occurrences of the touching ones are then placed: in a `basis` list (not words of a caution),
under which item (`- id:` of the top-level `items:`), with its `check:`. The layout read is the
one the format documents (block or flow lists, plain or quoted scalars); a test compares the
result with the loader's back-links for every provision of the shipped data and synthetic data.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
import json
import posixpath
import re
from pathlib import Path

from kyodo_kb.formats.ordinance import anchors_touch
from kyodo_kb.formats.citations import CitationError, CitationResolver, ProvisionRef
from kyodo_kb.knowledge_base import CHECKLIST_DIR, FLOW_DIR, data_files, load_ordinances, relative

DOCS_DIR = "docs"


@dataclass(frozen=True, order=True)
class ImpactLine:
    path: str
    line: int
    id: str
    title: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.id} {self.title}"


def touches(key: tuple, target: tuple) -> bool:
    """Whether a citation of `key` (ordinance id, anchor) is touched by an amendment of `target`."""
    return key[0] == target[0] and anchors_touch(key[1], target[1])


_ITEM_ID = re.compile(r"^(\s*)- id:\s*(.+?)\s*$")
_COMMENT = re.compile(r"\s+#.*$")


def _scalar(text: str) -> str:
    """A one-line YAML scalar as written (plain, '…' or "…")."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            return json.loads(text)
        except ValueError:
            return text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return _COMMENT.sub("", text)


def _flow_list(text: str) -> list[str]:
    text = _COMMENT.sub("", text.strip()) if not text.strip().endswith("]") else text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return [_scalar(text)] if text else []
    return [_scalar(part) for part in text[1:-1].split(",") if part.strip()]


_HEADER = re.compile(r"(?m)^( *)- id:[ \t]*([^\n]*?)[ \t]*$")
_ITEMS_KEY = re.compile(r"(?m)^items:")
_BLOCK_ENTRY = re.compile(r"(?m)^[ \t]*- +([^\n]*条[^\n]*?)[ \t]*$")
_FLOW_BASIS = re.compile(r"(?m)^[ \t]*basis:[ \t]*(\[[^\n]*)$")
_BASIS_KEY = re.compile(r"^[ \t]*basis:[ \t]*(?:#.*)?$")


def candidate_citations(text: str) -> set:
    """Every string of a file that may be a `basis` entry (a list entry or flow list naming a 条)."""
    found = {_scalar(entry) for entry in set(_BLOCK_ENTRY.findall(text))}
    for flow in _FLOW_BASIS.findall(text):
        found.update(_flow_list(flow))
    return found


def _item_headers(text: str) -> list:
    """(position, id) of each item of the top-level `items:` list."""
    items_key = _ITEMS_KEY.search(text)
    if items_key is None:
        return []
    headers, indent = [], None
    for match in _HEADER.finditer(text, items_key.end()):
        if indent is None:
            indent = match.group(1)
        if match.group(1) == indent:
            headers.append((match.start(), _scalar(match.group(2)), len(indent)))
    return headers


def _line_at(text: str, pos: int) -> tuple[int, str]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, text[start:] if end < 0 else text[start:end]


def _in_basis(text: str, pos: int, touching: set) -> bool:
    """Whether the occurrence at `pos` is a whole entry of a `basis` list (not words of a caution)."""
    start, line = _line_at(text, pos)
    stripped = line.strip()
    if _FLOW_BASIS.match(line):
        return any(entry in touching for entry in _flow_list(_FLOW_BASIS.match(line).group(1)))
    if not stripped.startswith("- ") or _scalar(stripped[2:]) not in touching:
        return False
    indent = len(line) - len(line.lstrip(" "))
    while start > 0:  # up over the entries of the same list, to the key that holds it
        start, line = _line_at(text, start - 1)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("- ") and len(line) - len(line.lstrip(" ")) == indent:
            continue
        return bool(_BASIS_KEY.match(line)) and len(line) - len(line.lstrip(" ")) <= indent
    return False


@functools.lru_cache(maxsize=16)
def _check_key(indent: int):
    return re.compile(rf"(?m)^ {{{indent + 2}}}check:[ \t]*([^\n]*)$")


def cautions_citing(text: str, touching: set) -> list:
    """(item id, line, check) of each item of one checklist file whose basis names a string of `touching`."""
    hits = []
    for citation in touching:
        pos = text.find(citation)
        while pos >= 0:
            hits.append(pos)
            pos = text.find(citation, pos + len(citation))
    if not hits:
        return []
    headers = _item_headers(text)
    starts = [h[0] for h in headers]
    found = {}
    for pos in hits:
        index = bisect.bisect_right(starts, pos) - 1
        if index < 0 or headers[index][1] in found or not _in_basis(text, pos, touching):
            continue
        header, item_id, indent = headers[index]
        limit = starts[index + 1] if index + 1 < len(starts) else len(text)
        check = _check_key(indent).search(text, header, limit)
        found[item_id] = (item_id, text.count("\n", 0, header) + 1, _scalar(check.group(1)) if check else "")
    return list(found.values())


def scan_checklist(text: str) -> list:
    """[item id, line, check, [citation texts]] of each item (for tests: what the fast path reads)."""
    headers = _item_headers(text)
    result = []
    for index, (header, item_id, indent) in enumerate(headers):
        end = headers[index + 1][0] if index + 1 < len(headers) else len(text)
        block = text[header:end]
        citations = [c for c in candidate_citations(block) if c in block]
        ordered = sorted(citations, key=lambda c: block.find(c))
        kept = [c for c in ordered if _in_basis(text, header + block.find(c), {c})]
        check = _check_key(indent).search(block)
        result.append([item_id, text.count("\n", 0, header) + 1, _scalar(check.group(1)) if check else "", kept])
    return result


_LINK = re.compile(r"\]\(([^)\s]*?ordinances/([a-z0-9-]+)\.md#([A-Za-z0-9_-]+))\)")


def _link_keys(line: str):
    for match in _LINK.finditer(line):
        yield (match.group(2), match.group(3))


def _page_title(text: str, fallback: str) -> str:
    match = re.search(r"^title:\s*(.+)$", text.split("\n---", 1)[0], re.M) if text.startswith("---") else None
    if match:
        return _scalar(match.group(1))
    heading = re.search(r"^#\s+(.+?)\s*$", text, re.M)
    return heading.group(1) if heading else fallback


def find_impact(root: Path, citation: str) -> tuple[ProvisionRef, list[ImpactLine]]:
    """The provision `citation` names, and every place its amendment touches (sorted by path and
    line). Raises CitationError (message for editors) when the citation does not resolve."""
    errors: list = []
    ordinances = load_ordinances(root, errors)
    resolver = CitationResolver(ordinances)
    target = resolver.resolve(citation)
    key = target.key
    found: list = []
    touched: dict = {}

    def cites(text: str) -> bool:
        if text not in touched:
            try:
                touched[text] = touches(resolver.resolve(text).key, key)
            except CitationError:
                touched[text] = False  # make check reports it
        return touched[text]

    texts = [(path, path.read_text(encoding="utf-8", errors="replace")) for path in data_files(root, CHECKLIST_DIR)]
    candidates = set()
    for _, text in texts:
        candidates |= candidate_citations(text)
    touching = {c for c in candidates if cites(c)}
    for path, text in texts if touching else []:
        display = relative(root, path)
        for item_id, line, check in cautions_citing(text, touching):
            found.append(ImpactLine(display, line, item_id, check))
    for path in data_files(root, FLOW_DIR):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "ordinances/" not in text:
            continue
        display = relative(root, path)
        flow_id = next((m.group(1) for m in re.finditer(r"^id:\s*(\S+)", text, re.M)), path.stem)
        owner, title = flow_id, ""
        for number, line in enumerate(text.splitlines(), start=1):
            match = _ITEM_ID.match(line)
            if match and len(match.group(1)) == 2:  # a question or an outcome (answers are deeper)
                owner, title = f"{flow_id}/{_scalar(match.group(2))}", ""
            title_match = re.match(r"^\s+(?:title|question):\s*(.+)$", line)
            if title_match:
                title = _scalar(title_match.group(1))
            if any(touches(k, key) for k in _link_keys(line)):
                found.append(ImpactLine(display, number, owner, title))
    docs = root / DOCS_DIR
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        if "ordinances/" not in text:
            continue
        display = relative(root, path)
        page_id = posixpath.splitext(path.relative_to(docs).as_posix())[0]
        title = _page_title(text, page_id)
        for number, line in enumerate(text.splitlines(), start=1):
            if any(touches(k, key) for k in _link_keys(line)):
                found.append(ImpactLine(display, number, page_id, title))
    return target, sorted(found)

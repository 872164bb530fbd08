"""MkDocs glue: adds the training pages (index, one page and one handout per path) and the
trainers' files (CSV and GIFT of each path's questions).

Events: `on_files`, `on_page_markdown` (appends to each checklist page, guideline page and the
form chooser a list of the training steps that read it), with the knowledge base that
hooks/knowledge_base_loading.py loaded (training paths included; the handouts print
KnowledgeBase.revision).
"""
from __future__ import annotations

from mkdocs.structure.files import File, Files, InclusionLevel

from kyodo_kb.build_state import build_state
from kyodo_kb.outputs.training_export import csv_path, gift_path, training_csv, training_gift
from kyodo_kb.render.training_pages import (INDEX_SRC, render_handout, render_training_index, render_training_links,
                                            render_training_page, steps_by_page)

# The form chooser is about what this guideline page explains: steps that read it fit there too.
CHOOSER_TOPICS = {"chooser/keitai/index.md": "guideline/keitai.md"}


def on_files(files: Files, config) -> Files:
    kb = build_state(config, need_kb=True).kb
    if kb is None or not kb.training_paths:  # data errors while serving: error pages stand in
        return files
    files.append(File.generated(config, INDEX_SRC, content=render_training_index(kb.training_paths)))
    for training in kb.training_paths:
        files.append(File.generated(config, training.page_src, content=render_training_page(training, kb)))
        # Reached from the path's page, never from the menu.
        files.append(File.generated(config, training.handout_src, content=render_handout(training, kb, kb.revision),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        if training.questions:
            files.append(File.generated(config, csv_path(training.id), content=training_csv(training, kb)))
            files.append(File.generated(config, gift_path(training.id), content=training_gift(training, kb)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    kb = build_state(config, need_kb=True).kb
    entries = steps_by_page(kb, CHOOSER_TOPICS).get(page.file.src_uri) if kb and kb.training_paths else None
    if not entries:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + render_training_links(page.file.src_uri, entries)

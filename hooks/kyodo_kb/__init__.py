"""The knowledge base's core, independent of MkDocs. Its sub-packages are the pipeline's stages:

sources   reading editor files: YAML with positions, located errors, field specs, Markdown safety
formats   the data formats: checklist, citation, conditions, ordinance, flow, tags, changelog
knowledge_base   one loader for every data file, one frozen KnowledgeBase
render    Markdown pages from the knowledge base (checklists, ordinances, flows, tags, changelog)
outputs   what leaves the site besides pages: print blocks, CSV, search records
editing   the 編集ガイド's material: field tables, error catalogue, JSON Schema, content lint
tooling   git dates, site checks, the shared browser and sub-path server, synthetic data
"""

"""Ingestion: inputs to clean articles, passages and republication links.

Submodules are imported where used, so importing this package stays cheap.
"""

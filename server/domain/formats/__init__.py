"""Formats: the script of an evening as data (`sessions/*.toml`), its types and its checks."""

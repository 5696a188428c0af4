"""Weefwerk's benchmark (`python -m bench`, bench/README.md): not part of the app or the tests."""

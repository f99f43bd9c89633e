"""Makers of import fixtures: one plan source -> the forms plans arrive in
(text export, web-portal copy, Word file, PDF).  See source.py."""

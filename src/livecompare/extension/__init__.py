"""`livecompare.extension`, the name mkdocs.yml (and Zensical) load the examples' Markdown
extension by; the extension itself is site/extension.py. A package rather than a module
at the old path, so that git follows site/extension.py's history across the move."""

from ..site.extension import makeExtension  # noqa: F401

"""`livecompare.extension`, the name mkdocs.yml (and Zensical) load the examples' Markdown
extension by; the extension itself is site/extension.py."""

from .site.extension import makeExtension  # noqa: F401

"""MkDocs hook: expands <!-- compare: section/slug --> shortcodes. The logic lives in the
livecompare package (MkDocs loads hooks by path, so relative imports would break)."""

from livecompare.mkdocs_hook import on_config, on_page_markdown, on_post_build  # noqa: F401

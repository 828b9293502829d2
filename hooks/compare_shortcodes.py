"""MkDocs hook: the walkthrough notebook pages' bar and scripts, the reading view of each
page that the search plugin indexes, and the checks at the end of a build. The examples
and each page's downloads are a Markdown extension (livecompare.extension, listed under
markdown_extensions), which Zensical runs too. The
logic lives in the livecompare package: MkDocs loads hooks by path, so relative imports
would break."""

from livecompare.site.mkdocs_hook import (  # noqa: F401
    on_config,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
)

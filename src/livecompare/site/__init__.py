"""The site: the Markdown extension that renders the examples, the MkDocs hook, claims,
what changed, and the checks the strict build runs."""

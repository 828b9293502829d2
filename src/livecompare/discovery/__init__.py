"""Discovery: the snippet pairs under snippets/, the pages that show them, and what each
snippet declares."""

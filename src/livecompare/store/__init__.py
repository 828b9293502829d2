"""The store of approved outputs: the manifest, the .out files and figures beside the
snippets, and fresh runs judged against them."""

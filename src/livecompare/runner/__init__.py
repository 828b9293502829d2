"""The runner: each snippet in a sandboxed child of a fork server, one per framework, with
a timeout, a memory cap and its output captured."""

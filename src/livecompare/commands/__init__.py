"""The commands: `python -m livecompare ...` (make outputs, verify, check, live, ...)."""

"""`python -m livecompare.worker RUNTIME [LIFELINE SCRATCH]`: the runner's fork server
(runner/worker.py) under its public name; __main__.py hands over. A package rather than a
module at the old path, so that git follows runner/worker.py's history across the move."""

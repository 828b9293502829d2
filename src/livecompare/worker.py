"""`python -m livecompare.worker RUNTIME [LIFELINE SCRATCH]`: the runner's fork server
(runner/worker.py) under its public name."""

import sys

from .runner.worker import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))

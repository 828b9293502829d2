"""`python -m livecompare.worker ...` runs runner/worker.py."""

import sys

from ..runner.worker import main

sys.exit(main(sys.argv))

import sys

from .commands.cli import main

try:
    sys.exit(main())
except KeyboardInterrupt:
    # Files are written whole or not at all, and the workers stop with this process.
    print("\ninterrupted: no file was left half-written", file=sys.stderr)
    sys.exit(130)

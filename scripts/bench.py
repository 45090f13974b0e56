"""``make bench``: measure runspec beside its peers (see :mod:`runspec.bench`)."""

import sys

from runspec.bench.harness import main

if __name__ == "__main__":
    sys.exit(main())

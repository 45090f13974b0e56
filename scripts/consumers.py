"""``make consumers``: the published spec fed to other teams' tools (see runspec/consumers)."""

import sys

from runspec.consumers import main

if __name__ == "__main__":
    sys.exit(main())

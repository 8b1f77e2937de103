"""`python -m researchnb`: the same as the `researchnb` command (see launcher.py)."""

import sys

from .launcher import main

sys.exit(main())

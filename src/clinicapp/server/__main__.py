"""``python -m clinicapp.server``: the same as ``clinicapp-server``."""

import sys

from clinicapp.server.cli import main

sys.exit(main())

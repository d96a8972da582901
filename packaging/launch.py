"""Entry script of the PyInstaller build: the same as ``python -m clinicapp``."""

import multiprocessing

from clinicapp.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())

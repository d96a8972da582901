"""Entry script of the PyInstaller build: the same as ``python -m clinicapp``.

No ``multiprocessing.freeze_support()``: ClinicApp starts no processes through
``multiprocessing`` (its background work runs on threads), and the build leaves the
module out (``clinicapp.spec``), with PyInstaller's run-time hook that imported it and
its ``pickle``, ``socket`` and ``subprocess`` at every start."""

from clinicapp.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

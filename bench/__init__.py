"""ClinicApp benchmark suite: ``python -m bench`` or ``bash bench/run`` (see README.md)."""

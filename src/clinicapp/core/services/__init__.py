"""Use cases of ClinicApp, one module per concern. The UI, the CLI and the server call
these; every write is one transaction through ``Database.write`` (which records the
sync changes). Functions take the ``Database`` first and return plain ORM objects that
are detached and fully loaded (no lazy loading after the session closes)."""

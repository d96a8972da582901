"""The rules and records of ClinicApp. Nothing here imports Qt or a web framework."""

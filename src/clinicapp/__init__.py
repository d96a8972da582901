"""ClinicApp: offline-first records for small-group learning and communities of practice."""

__version__ = "0.1.0"
APP_NAME = "ClinicApp"
APP_AUTHOR = "ClinicApp"

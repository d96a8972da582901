"""The workstation's HTTP client for the central server: enrollment and signed sync.
It imports only ``clinicapp.core`` (and the standard library's urllib)."""

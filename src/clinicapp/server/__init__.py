"""The central server: a replica like any workstation (same models, migrations, merge and
authority code) with enrollment, signed requests, chunked sync and scope on top.

It imports only ``clinicapp.core`` (tests/unit/test_layers.py checks it)."""

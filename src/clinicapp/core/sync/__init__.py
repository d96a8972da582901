"""Change log, merge, version vectors and sync bundles."""

"""Realistic demonstration records, made through the same write path as the app."""

"""Rules of the domain as plain functions: credits, identifier warnings."""

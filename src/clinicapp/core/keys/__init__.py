"""Keys and secrets: the wrapped database key, the replica's identity, sealed journals."""

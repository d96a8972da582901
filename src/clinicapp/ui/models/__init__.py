"""Qt item models over paged service calls: they fetch lazily and never load everything."""

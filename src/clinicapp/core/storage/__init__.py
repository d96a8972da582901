"""The database: engine, SQLCipher, migrations, backups, seeded rows."""

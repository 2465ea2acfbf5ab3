"""SQLite backend on the standard library's ``sqlite3`` module."""

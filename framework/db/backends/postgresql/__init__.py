"""PostgreSQL backend on psycopg 3 (``pip install 'framework[postgres]'``)."""

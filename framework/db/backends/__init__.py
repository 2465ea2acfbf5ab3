"""Database backends: ``base`` holds the role classes, one subpackage per database.

Each backend package has the same modules (base, features, operations, schema,
introspection, creation, client); ``DATABASES[...]['ENGINE']`` names the package.
"""

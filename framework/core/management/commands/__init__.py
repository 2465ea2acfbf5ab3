"""Built-in management commands, one module per command."""

"""The base role classes every backend subclasses."""

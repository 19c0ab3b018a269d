"""One module per resource (or a few that belong together), each a `Resource` subclass."""

"""Sources: the registry of canonical sources and resolution of mentions to it."""

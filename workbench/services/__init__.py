"""Service functions: the one API that the CLI and the app both call."""

"""One module per CLI command; each defines ``register(app)`` and calls a library function."""

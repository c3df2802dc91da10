"""Storage: the SQLModel tables, the engine, and the Alembic migrations that shape them."""

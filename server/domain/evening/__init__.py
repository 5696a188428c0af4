"""A live evening: its state, its aggregate (one entry point for every rule) and one module
per technique, plus what each screen sees of it."""

"""The resident group that owns the plans: who may do what, its data out and in, retention."""

"""A project plan read outside the evening: its fields, its page, its files and reports."""

"""Scripts around Weefwerk that are no part of the server (`make screenshots`)."""

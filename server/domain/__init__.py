"""Pure domain rules of Weefwerk: no Flask, no SQL, so they can be tested on their own."""

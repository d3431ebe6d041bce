"""The vocabulary (``vocabulary.toml``), the record model built from it, EDTF dates and errors."""

"""The data pipeline: reference files in, the embedded data/ and the SQLite reference database out."""

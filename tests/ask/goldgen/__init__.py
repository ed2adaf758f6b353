"""Generating gold questions from the raw reference files (../shared/datasets), never from our database.

raw: readers and the documented conventions (names, marks); finals, records, marks: facts derived from the
raw files; declines: questions that must be declined; phrasing: how fans ask. tests/ask/generate_gold.py
puts them together into tests/ask/gold_generated.yaml.
"""

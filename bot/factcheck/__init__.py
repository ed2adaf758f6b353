"""/factcheck: the checkable claims of an article, each confirmed, contradicted or said not checkable from the
data, by the question engine's own typed queries. Discord-free: claims.py finds, checks.py checks,
verdict.py holds what was found."""

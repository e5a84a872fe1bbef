"""Machinery every target-based mechanism shares (energy dual control now; carbon and pollutants next):
progress against a five-year target (:mod:`.progress`), the early-warning barometer (:mod:`.barometer`), the
assessment with its clauses (:mod:`.assessment`) and the inheritance of targets down the region tree
(:mod:`.inheritance`). Every formula is written once over polars expressions and takes numbers too
(:func:`ecer.core.vector.elementwise`)."""

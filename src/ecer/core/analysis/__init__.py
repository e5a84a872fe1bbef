"""Analysis: LMDI index decomposition (:mod:`.lmdi`) and the allocation of intensity targets among regions
(:mod:`.allocation`). Pure: polars and plain Python only."""

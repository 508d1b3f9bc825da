"""Relations between states: dyad series, alignment, formal ties, undeclared
alliances, blocs and polarity, and importers of other event data sets.

The model is documented in docs/methods.md.  Entry point for other stages:
`blocwatch.relations.analysis.analyse(store, settings, date_from, date_to)`.
"""

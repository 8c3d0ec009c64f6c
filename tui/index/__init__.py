"""Derived indexes (related articles, search): rebuildable from the stored articles."""

"""Gazetteers kept as Python modules, so they ship without package-data config."""

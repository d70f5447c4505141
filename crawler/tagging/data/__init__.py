"""Shipped data files of the tagger (the form model's weights)."""

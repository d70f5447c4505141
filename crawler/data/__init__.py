"""Data files shipped with the crawler (topics)."""

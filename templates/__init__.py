"""Jinja2 templates shipped in the wheel."""

"""Drafting graphkit data rows from an article's text (graphkit extract)."""

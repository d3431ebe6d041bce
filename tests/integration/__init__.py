"""Integration tests: a real browser (and a real Neo4j). See conftest.py."""

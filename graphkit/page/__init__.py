"""The interactive HTML page: data, layout and templates."""

"""The Train tab's widgets (one per file)."""

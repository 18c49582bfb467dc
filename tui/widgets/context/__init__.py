"""The Context tab's widgets, one per file (issue 10 and the unit lens of issue 11)."""

"""Files: atomic writes, the bounded model-file container, and outside text made safe to show."""

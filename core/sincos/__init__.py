"""The Train tab's engine: the tutorial's sin -> cos training (section 4), in torch or NumPy."""

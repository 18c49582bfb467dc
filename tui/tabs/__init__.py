"""The app's tabs, one module each. Every tab is a focusable container (see base.Tab)."""

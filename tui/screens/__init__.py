"""Screens shown over the tabs."""

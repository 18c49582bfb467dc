"""rnn-tui's front ends: the Textual app and the headless commands.

Importing this package loads nothing heavy; each command imports what it needs.
"""

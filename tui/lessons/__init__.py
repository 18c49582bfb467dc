"""Lessons (``rnn-tui learn``): the tutorial as steps through the live app.

A lesson is a TOML file (tui/lessons/tutorial.toml is the shipped one; the format is in
tui/lessons/parse.py and the README). Each step names a tab, the state to set there, a widget to
highlight, its text in every language, a task (a check from tui/lessons/checks.py) and a question
whose answer a quantity (tui/lessons/quantities.py) computes from the app's state when it is asked.
"""

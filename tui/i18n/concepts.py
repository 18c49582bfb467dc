"""Strings of the Concepts tab."""

EN = {
    "concepts.placeholder": "The Concepts tab is coming soon.",
}

ZH = {
    "concepts.placeholder": "Concepts 标签页即将推出。",
}

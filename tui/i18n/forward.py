"""Strings of the Forward tab."""

EN = {
    "forward.placeholder": "The Forward tab is coming soon.",
}

ZH = {
    "forward.placeholder": "Forward 标签页即将推出。",
}

"""Strings of the Train tab."""

EN = {
    "train.placeholder": "The Train tab is coming soon.",
}

ZH = {
    "train.placeholder": "Train 标签页即将推出。",
}

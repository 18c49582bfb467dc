"""Strings of the Gradients tab."""

EN = {
    "gradients.placeholder": "The Gradients tab is coming soon.",
}

ZH = {
    "gradients.placeholder": "Gradients 标签页即将推出。",
}

"""The app's tabs and the Gradients tab's views, named once (no Textual: a lesson file is checked without it)."""

# pane id -> (module, class) of its tab, in key order: 1 Forward · 2 Context · 3 Train · 4 Gradients · 5 Concepts
TABS = {
    "forward": ("tui.tabs.forward", "ForwardTab"),
    "context": ("tui.tabs.context", "ContextTab"),
    "train": ("tui.tabs.train", "TrainTab"),
    "gradients": ("tui.tabs.gradients", "GradientsTab"),
    "concepts": ("tui.tabs.concepts", "ConceptsTab"),
}
GRADIENT_VIEWS = ("one", "compare", "trained", "clip")  # the Gradients tab's views, in the order v shows them

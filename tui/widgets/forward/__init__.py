"""The Forward tab's widgets: the unrolled diagram, the equation, the value panels, the history
and the compare view (one widget per module)."""

"""The Gradients tab's widgets: log-scale bar charts, their titled panel, the form."""

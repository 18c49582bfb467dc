"""Default file names of the Train tab's saves (in the tab's save folder)."""

MODEL_NAME = "rnn-tui-model.pt"
METRICS_NAME = "rnn-tui-metrics.json"

"""rnn-tui's engine: tokens, the tutorial's RNNs and their training.

NumPy everywhere; PyTorch only inside ``core.sincos.train_torch`` (imported lazily).
This package never imports textual or rich.
"""

__version__ = "0.1.0"

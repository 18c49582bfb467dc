"""The Forward tab's engine: a sentence to tokens, through the tutorial's scalar RNN and the vector RNN."""

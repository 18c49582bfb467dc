"""The tutorial's sin -> cos training as a bare PyTorch loop: no plotting, no app, no engine.

This is the reference the torch engine (core.sincos.train_torch via core.sincos.train.Trainer)
is timed against in bench/run_all.py. Same model and numbers as the tutorial:
nn.RNN(1 -> 32, batch_first) then nn.Linear(32 -> 1) on every step, Adam with
lr 0.02, mean squared error, 100 windows of 10 points over [kπ, (k+1)π), and
the hidden state carried into the next window with its graph cut. One torch
thread, as the engine uses.

    python bench/tutorial_plain.py [--steps 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)  # the engine trains on one thread too

POINTS = 10  # points per window
HIDDEN = 32  # hidden units
RATE = 0.02  # Adam's learning rate


class SinToCos(nn.Module):
    """A one-layer tanh RNN read out by a linear layer at every time step."""

    def __init__(self):
        super().__init__()
        self.cell = nn.RNN(input_size=1, hidden_size=HIDDEN, num_layers=1, batch_first=True)
        self.head = nn.Linear(HIDDEN, 1)

    def forward(self, x, h):
        states, h = self.cell(x, h)  # states (1, POINTS, HIDDEN)
        return self.head(states), h  # (1, POINTS, 1)


def train(steps: int = 100, seed: int = 1) -> list[float]:
    """Train for ``steps`` windows; returns each window's loss."""
    torch.manual_seed(seed)
    model = SinToCos()
    adam = torch.optim.Adam(model.parameters(), lr=RATE)
    mse = nn.MSELoss()
    h = None
    losses = []
    for k in range(steps):
        t = np.linspace(k * np.pi, (k + 1) * np.pi, POINTS, endpoint=False, dtype=np.float32)
        x = torch.from_numpy(np.sin(t).reshape(1, POINTS, 1))
        y = torch.from_numpy(np.cos(t).reshape(1, POINTS, 1))
        guess, h = model(x, h)
        h = h.detach()  # keep the state, drop its history
        loss = mse(guess, y)
        adam.zero_grad()
        loss.backward()
        adam.step()
        losses.append(loss.item())
    return losses


def seconds(steps: int = 100) -> float:
    """Wall time of one whole run (model built, then ``steps`` windows)."""
    start = time.perf_counter()
    train(steps)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seconds(args.steps)  # warm-up
    runs = [seconds(args.steps) for _ in range(args.repeat)]
    best = statistics.median(runs)
    losses = train(args.steps)
    print(f"plain tutorial loop, {args.steps} steps: {best * 1000:.1f} ms (median of {args.repeat}), "
          f"final loss {losses[-1]:.4g}")


if __name__ == "__main__":
    main()

"""The tutorial's engine: nn.RNN (or LSTM/GRU) + nn.Linear, Adam, MSE, in PyTorch.

torch is imported when this module is, and this module is imported only when a
torch run starts, so nothing on the way to the app's first frame waits for it.
Importing it changes no global setting: each step runs on one torch thread
(leaving the other core to the UI) and gives the calling thread its count back.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import torch
from torch import nn

from core.sincos.config import TrainConfig
from core.sincos.engine import EngineStep
from core.sincos.resume import AdamState

_CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


@contextmanager
def one_thread():
    """torch on one thread inside the block, the caller's count after (~0.2 us; the count is per thread)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class Model(nn.Module):
    """The tutorial's model: a one-layer recurrent cell, then Linear(H, 1) on every step."""

    def __init__(self, config: TrainConfig):
        super().__init__()
        self.rnn = _CELLS[config.cell](
            input_size=config.input_size, hidden_size=config.hidden_size, num_layers=1, batch_first=True
        )
        self.out = nn.Linear(config.hidden_size, 1)

    def forward(self, x, h):
        """x (1, T, 1), h (1, 1, H) or None -> prediction (1, T, 1), h after the window."""
        r_out, h = self.rnn(x, h)  # r_out (1, T, H)
        return self.out(r_out), h


class TorchEngine:
    """One optimisation step at a time; weights in and out as NumPy arrays."""

    def __init__(self, config: TrainConfig, weights: dict[str, np.ndarray]):
        self.config = config
        self.dtype = getattr(torch, config.dtype)
        self.model = Model(config).to(self.dtype)
        self.set_weights(weights)
        self.params = list(self.model.parameters())  # the same tensors for the whole run
        optimizer = torch.optim.SGD if config.optimizer == "sgd" else torch.optim.Adam
        self.optimizer = optimizer(self.params, lr=config.lr)
        self.loss_fn = nn.MSELoss()

    def set_weights(self, weights: dict[str, np.ndarray]) -> None:
        state = {k: torch.from_numpy(np.array(v, dtype=self.config.dtype)) for k, v in weights.items()}
        self.model.load_state_dict(state)

    def weights(self) -> dict[str, np.ndarray]:
        return {k: v.detach().cpu().numpy().copy() for k, v in self.model.state_dict().items()}

    def adam_state(self) -> AdamState | None:
        """torch.optim.Adam's step count and moments (NumPy copies, per weight); None for SGD or before a step."""
        states = [self.optimizer.state.get(p) for _, p in self.model.named_parameters()]
        if not isinstance(self.optimizer, torch.optim.Adam) or not all(states):
            return None
        names = [name for name, _ in self.model.named_parameters()]
        moments = ({n: s[m].detach().numpy().copy() for n, s in zip(names, states)} for m in ("exp_avg", "exp_avg_sq"))
        return AdamState(int(states[0]["step"]), *moments)

    def set_adam_state(self, state: AdamState) -> None:
        """Continue torch.optim.Adam from ``state`` (e.g. a model file's, or the numpy engine's)."""
        for name, p in self.model.named_parameters():
            self.optimizer.state[p] = {"step": torch.tensor(float(state.step)),
                                       "exp_avg": self._tensor(state.exp_avg[name]).clone(),
                                       "exp_avg_sq": self._tensor(state.exp_avg_sq[name]).clone()}

    def _tensor(self, a: np.ndarray):
        return torch.from_numpy(np.asarray(a, dtype=self.config.dtype))

    def _h(self, h):
        """The engine's hidden state from the NumPy one ((H,) or for LSTM (2, H))."""
        if h is None:
            return None
        h = self._tensor(h)
        if self.config.cell == "lstm":
            return (h[0].reshape(1, 1, -1), h[1].reshape(1, 1, -1))
        return h.reshape(1, 1, -1)

    @staticmethod
    def _np_h(h) -> np.ndarray:
        if isinstance(h, tuple):
            return np.stack([h[0].detach().numpy().reshape(-1), h[1].detach().numpy().reshape(-1)])
        return h.detach().numpy().reshape(-1).copy()

    def step(self, x: np.ndarray, y: np.ndarray, h0):
        """One window: forward, MSE, backward, clip, Adam.

        Returns EngineStep(loss, prediction (1, T, 1), h after the window, gradient norm and largest
        |element|, both before clipping).
        """
        with one_thread():
            pred, h = self.model(self._tensor(x), self._h(h0))
            loss = self.loss_fn(pred, self._tensor(y))
            self.optimizer.zero_grad()
            loss.backward()
            params = self.params
            flat = torch.cat([p.grad.reshape(-1) for p in params])  # one kernel for the whole gradient, not one per tensor
            grad_norm, grad_max = float(flat.norm()), float(flat.abs().max())
            if self.config.clip_value is not None:
                nn.utils.clip_grad_value_(params, self.config.clip_value)
            elif self.config.clip_norm is not None:
                nn.utils.clip_grad_norm_(params, self.config.clip_norm)
            self.optimizer.step()
        return EngineStep(float(loss.item()), pred.detach().numpy().copy(), self._np_h(h), grad_norm, grad_max)

    @torch.no_grad()
    def predict(self, x: np.ndarray, h0):
        """Forward only: (prediction (1, T, 1), h after the window)."""
        with one_thread():
            pred, h = self.model(self._tensor(x), self._h(h0))
        return pred.numpy().copy(), self._np_h(h)

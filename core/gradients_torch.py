"""The gated cells, LSTM and GRU, as torch builds them; and their gradients by torch autograd.

Imports torch at module top: core.gradients imports this module only when an
lstm or gru cell is asked for. The cells are torch's own (``nn.LSTMCell``,
``nn.GRUCell``, default init from the seed, in float64) followed by
``nn.Linear(H, 1)``; the inputs are the same seeded sequence the tanh RNN reads.

``gated_gradients`` (what core.gradients.compute uses) runs the NumPy backprop
of core.gradients_gated on these cells' weights: about three times faster on
such tiny tensors. ``autograd_gradients`` gets the same numbers from torch autograd; the
tests hold one against the other.

The autograd backward pass runs one chunk of CHUNK steps at a time (``torch.autograd.grad``
on each chunk's graph), so the running gradient can be rescaled by powers of
two between chunks, as the NumPy cells do between steps (with torch's init
weights, 64 steps cannot carry a gated cell's gradient out of float64's range).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from core.gradients import INPUT_SIZE, Backprop, Gradients, GradientSpec, inputs

CHUNK = 64  # steps per backward call


@dataclass(frozen=True, eq=False)
class GatedNet:
    """A gated cell and its read-out, both float64."""

    kind: str  # lstm or gru
    cell: nn.Module  # nn.LSTMCell or nn.GRUCell (D -> H)
    V: nn.Linear  # (H -> 1) hidden -> output


def gated_net(kind: str, hidden: int, seed: int, forget_bias: float | None = None) -> GatedNet:
    """Torch's default init drawn from ``seed`` (the global RNG is left untouched).

    Args:
        forget_bias: LSTM only: the forget gate's bias (bias_ih's second quarter;
            bias_hh's is set to 0). None keeps torch's init.
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        cls = nn.LSTMCell if kind == "lstm" else nn.GRUCell
        cell = cls(INPUT_SIZE, hidden).double()
        V = nn.Linear(hidden, 1).double()
    if kind == "lstm" and forget_bias is not None:
        with torch.no_grad():
            cell.bias_ih[hidden : 2 * hidden] = forget_bias  # gates are ordered i, f, g, o
            cell.bias_hh[hidden : 2 * hidden] = 0.0
    return GatedNet(kind, cell, V)


def _step(net: GatedNet, x, state):
    """One step: the new state, a tuple (h,) for GRU or (h, c) for LSTM."""
    if net.kind == "lstm":
        return net.cell(x, state)
    return (net.cell(x, state[0]),)


def _zero_state(net: GatedNet):
    h = torch.zeros(1, net.cell.hidden_size, dtype=torch.float64)
    return (h, h.clone()) if net.kind == "lstm" else (h,)


def gated_forward(xs, net: GatedNet) -> float:
    """o_T over xs (T, D), no gradients."""
    with torch.no_grad():
        state = _zero_state(net)
        for x in torch.as_tensor(xs, dtype=torch.float64):
            state = _step(net, x.view(1, -1), state)
        return float(net.V(state[0])[0, 0])


def net_weights(net: GatedNet) -> dict[str, np.ndarray]:
    """The cell's and read-out's parameters as float64 NumPy arrays (torch's names; V, c for the read-out)."""
    w = {name: p.detach().numpy().copy() for name, p in net.cell.named_parameters()}
    w["V"] = net.V.weight.detach().numpy().copy()
    w["c"] = net.V.bias.detach().numpy().copy()
    return w


def gated_gradients(spec: GradientSpec) -> Gradients:
    """‖∂o_T/∂x_t‖ for torch's LSTM/GRU cell, by the NumPy backprop of core.gradients_gated."""
    from core.gradients_gated import gru_gradients, lstm_gradients

    w = net_weights(gated_net(spec.cell, spec.hidden, spec.seed, spec.forget_bias))
    xs = inputs(spec.length, spec.seed)
    return (lstm_gradients if spec.cell == "lstm" else gru_gradients)(xs, w)


def autograd_gradients(spec: GradientSpec) -> Gradients:
    """The same as ``gated_gradients`` by torch autograd, CHUNK steps per backward call."""
    net = gated_net(spec.cell, spec.hidden, spec.seed, spec.forget_bias)
    xs = torch.as_tensor(inputs(spec.length, spec.seed), dtype=torch.float64)
    chunks = []  # per chunk: (first step, x leaf (K, D), state-in leaves, state-out)
    with torch.enable_grad():
        state = _zero_state(net)
        for start in range(0, spec.length, CHUNK):
            x_in = xs[start : start + CHUNK].clone().requires_grad_(True)
            s_in = tuple(s.detach().requires_grad_(True) for s in state)
            state = s_in
            for x in x_in:
                state = _step(net, x.view(1, -1), state)
            chunks.append((start, x_in, s_in, state))
        h_T = state[0]
        o_T = net.V(h_T)[0, 0]
        (g_h,) = torch.autograd.grad(o_T, h_T)  # ∂o_T/∂h_T
        g = (g_h,) + tuple(torch.zeros_like(s) for s in state[1:])  # ∂o_T/∂c_T = 0
        bp = Backprop(spec.length)
        while chunks:
            start, x_in, s_in, s_out = chunks.pop()  # frees the chunk's graph afterwards
            gx, *g_prev = torch.autograd.grad(s_out, (x_in,) + s_in, grad_outputs=g)
            for k, row in enumerate(gx.numpy()):
                bp.record(start + k, row)  # ∂o_T/∂x_t
            g = tuple(torch.as_tensor(a) for a in bp.rescale(*(p.numpy() for p in g_prev)))
    return bp.result(spec.cell)

"""torch's own LSTM/GRU cells and autograd, as the reference the tests hold core.gradients to.

Imports torch at module top; nothing in the app imports this module. The cells
are ``nn.LSTMCell`` / ``nn.GRUCell`` (float64) loaded with core.gradients.init's
NumPy weights, followed by ``nn.Linear(H, 1)``.

``autograd_gradients`` runs the backward pass one chunk of CHUNK steps at a time
(``torch.autograd.grad`` on each chunk's graph), so the running gradient can be
rescaled by powers of two between chunks, as the NumPy cells do between steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from core.gradients.init import GatedWeights, gated_weights, inputs
from core.gradients.result import Backprop, Gradients
from core.gradients.spec import GradientSpec

CHUNK = 64  # steps per backward call


@dataclass(frozen=True, eq=False)
class TorchNet:
    """A gated cell and its read-out, both float64."""

    kind: str  # lstm or gru
    cell: nn.Module  # nn.LSTMCell or nn.GRUCell (D -> H)
    V: nn.Linear  # (H -> 1) hidden -> output


def torch_net(kind: str, w: GatedWeights) -> TorchNet:
    """torch's cell with the NumPy weights ``w`` copied in."""
    hidden, size = w.weight_hh.shape[1], w.weight_ih.shape[1]
    cell = (nn.LSTMCell if kind == "lstm" else nn.GRUCell)(size, hidden).double()
    V = nn.Linear(hidden, 1).double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(cell, name).copy_(torch.from_numpy(getattr(w, name)))
        V.weight.copy_(torch.from_numpy(w.V))
        V.bias.copy_(torch.from_numpy(w.c))
    return TorchNet(kind, cell, V)


def spec_net(spec: GradientSpec) -> TorchNet:
    return torch_net(spec.cell, gated_weights(spec.cell, spec.hidden, spec.seed, spec.gate_bias, spec.scale))


def step(net: TorchNet, x, state):
    """One step: the new state, a tuple (h,) for GRU or (h, c) for LSTM."""
    if net.kind == "lstm":
        return net.cell(x, state)
    return (net.cell(x, state[0]),)


def zero_state(net: TorchNet):
    h = torch.zeros(1, net.cell.hidden_size, dtype=torch.float64)
    return (h, h.clone()) if net.kind == "lstm" else (h,)


def torch_forward(xs, net: TorchNet) -> float:
    """o_T over xs (T, D), no gradients."""
    with torch.no_grad():
        state = zero_state(net)
        for x in torch.as_tensor(xs, dtype=torch.float64):
            state = step(net, x.view(1, -1), state)
        return float(net.V(state[0])[0, 0])


def autograd_gradients(spec: GradientSpec) -> Gradients:
    """‖∂o_T/∂x_t‖ for the spec's gated cell by torch autograd, CHUNK steps per backward call."""
    net = spec_net(spec)
    xs = torch.as_tensor(inputs(spec.length, spec.seed), dtype=torch.float64)
    chunks = []  # per chunk: (first step, x leaf (K, D), state-in leaves, state-out)
    with torch.enable_grad():
        state = zero_state(net)
        for start in range(0, spec.length, CHUNK):
            x_in = xs[start : start + CHUNK].clone().requires_grad_(True)
            s_in = tuple(s.detach().requires_grad_(True) for s in state)
            state = s_in
            for x in x_in:
                state = step(net, x.view(1, -1), state)
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

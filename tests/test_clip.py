"""Gradient clipping (the tutorial's section 5) against torch's own functions."""

import numpy as np
import pytest
import torch

from core.clip import clip_by_norm, clip_by_value, total_norm

SHAPES = [(32, 1), (32, 32), (32,), (32,), (1, 32), (1,)]  # the sin -> cos model's gradients


def _grads(seed: int, scale: float, dtype=np.float64) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=s) * scale).astype(dtype) for s in SHAPES]


def _torch_params(grads):
    params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = torch.from_numpy(g.copy())
    return params


def test_tutorial_rule_by_value():
    g = [np.array([-7.0, -0.5, 0.0, 0.5, 3.0])]
    assert clip_by_value(g, 1.0)[0].tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert g[0].tolist() == [-7.0, -0.5, 0.0, 0.5, 3.0]  # the input is left alone


@pytest.mark.parametrize("c", [0.01, 0.3, 5.0])
@pytest.mark.parametrize("seed", [0, 1])
def test_by_value_matches_clip_grad_value_(seed, c):
    grads = _grads(seed, 1.0)
    params = _torch_params(grads)
    torch.nn.utils.clip_grad_value_(params, c)
    for ours, p in zip(clip_by_value(grads, c), params):
        np.testing.assert_array_equal(ours, p.grad.numpy())


@pytest.mark.parametrize("c", [0.1, 1.0, 1000.0])  # 1000: above the norm, nothing changes
@pytest.mark.parametrize("seed", [0, 1])
def test_by_norm_matches_clip_grad_norm_(seed, c):
    grads = _grads(seed, 0.5)
    params = _torch_params(grads)
    norm = torch.nn.utils.clip_grad_norm_(params, c)
    assert total_norm(grads) == pytest.approx(float(norm), rel=1e-12)
    clipped = clip_by_norm(grads, c)
    for ours, p in zip(clipped, params):
        np.testing.assert_allclose(ours, p.grad.numpy(), rtol=1e-12, atol=0)
    assert total_norm(clipped) == pytest.approx(min(c, total_norm(grads)), rel=1e-5)


def test_by_norm_keeps_the_direction_and_dtype():
    grads = _grads(3, 2.0, np.float32)
    clipped = clip_by_norm(grads, 0.5)
    assert all(g.dtype == np.float32 for g in clipped)
    ratios = [c / g for c, g in zip(clipped, grads)]
    flat = np.concatenate([r.ravel() for r in ratios])
    np.testing.assert_allclose(flat, flat[0], rtol=1e-6)
    assert 0 < flat[0] < 1


def test_total_norm_is_the_norm_of_everything_together():
    grads = _grads(4, 1.0)
    assert total_norm(grads) == pytest.approx(np.linalg.norm(np.concatenate([g.ravel() for g in grads])), rel=1e-12)

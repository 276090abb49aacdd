"""PyTorch CPU eager with the same arithmetic as ``nn.fit``: the same data, initial
weights, shuffles (nn_core's own permutations), dtype, mean cross-entropy and plain
SGD, on 2 threads. Like fit, it records the training loss every epoch: free from the
forward pass with full batches, an extra no-grad pass over the set with mini-batches.

Imported only when torch is installed; torch is never a project dependency.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from nn_core.training import _rngs

torch.set_num_threads(2)

_ACTIVATIONS = {"sigmoid": torch.sigmoid, "relu": torch.relu, "tanh": torch.tanh}


def _logits(params, X, activation):
    W1, b1, W2, b2 = params
    a = activation(torch.addmm(b1, X, W1))
    return torch.addmm(b2, a, W2)


def torch_fit(X: np.ndarray, y: np.ndarray, net, config) -> list[float]:
    """Train like ``nn.fit(X, y, config)`` from ``net``; return the per-epoch losses."""
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    params = [
        torch.tensor(np.array(p), requires_grad=True)
        for layer in net.layers
        for p in layer[:2]
    ]
    activation = _ACTIVATIONS[net.activations[0]]
    opt = torch.optim.SGD(params, lr=config.learning_rate)
    n = len(X)
    losses: list[float] = []
    if config.batch_size is None or config.batch_size >= n:
        for epoch in range(config.epochs + 1):
            loss = F.cross_entropy(_logits(params, Xt, activation), yt)
            losses.append(loss.item())
            if epoch == config.epochs:
                break
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return losses
    shuffle = _rngs(config.seed)[1]
    size = config.batch_size
    for epoch in range(config.epochs + 1):
        with torch.no_grad():
            logits = _logits(params, Xt, activation)
            losses.append(F.cross_entropy(logits, yt).item())
            (logits.argmax(dim=1) == yt).double().mean().item()  # accuracy, as fit
        if epoch == config.epochs:
            break
        order = torch.from_numpy(shuffle.permutation(n))
        for start in range(0, n, size):
            idx = order[start : start + size]
            loss = F.cross_entropy(_logits(params, Xt[idx], activation), yt[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
    return losses

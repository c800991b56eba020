#!/usr/bin/python3
"""Runs notebook 5's LoRA training with real PyTorch and writes what it computes to pytorch-lora-training.json.

The library's tests compare against this file, so they need no PyTorch. Regenerate with Debian's python3-torch
(PyTorch 1.13), from this folder:

    /usr/bin/python3 pytorch_lora_training.py

PyTorch picks its CPU kernels once per process, so the script starts itself twice: with ATEN_CPU_CAPABILITY=default
(the portable kernel, which the notebooks reproduce bit for bit) and without it (the AVX2 kernel most x86 machines
run, whose randn differs in low bits), and writes both runs. Everything is written the way a PyTorch user writes it:
the data and A from torch.manual_seed, torch.randn and nn.init.kaiming_uniform_, gradients from autograd, plain
gradient descent on B and A. The optimum of the training loss is computed in float64 by another route than the
library's (ordinary least squares, then the SVD of the fitted values), so the two check each other.
"""
import json
import math
import os

from torch_kernels import capability_line, run_each_kernel, sha256, write_beside

D, K, N = 64, 64, 256
LEARNING_RATE = 0.5
STEPS = 500
RANKS = range(1, 9)
HELD_ALPHA = 2.0
HELD_ALPHA_STEPS = 100
STD_ONE_STEPS = 300
ZERO_START_STEPS = 100


def run():
    import numpy as np
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(0)
    W0 = torch.randn(D, K) / K ** 0.5
    target_delta = (torch.randn(D, 2) @ torch.randn(2, K) + 0.1 * torch.randn(D, K)) / K ** 0.5
    X = torch.randn(K, N)
    Y = (W0 + target_delta) @ X

    def kaiming_a(rank, seed=1):
        torch.manual_seed(seed)
        A = torch.empty(rank, K)
        nn.init.kaiming_uniform_(A, a=math.sqrt(5))
        return A

    def loss_of(B, A, scale):
        return ((W0 @ X + scale * (B @ (A @ X)) - Y) ** 2).mean()

    def train(A, B, alpha, steps, learning_rate=LEARNING_RATE):
        """Plain gradient descent with autograd; the losses before each step and, last, after the final one."""
        scale = alpha / A.shape[0]
        B = B.clone().requires_grad_()
        A = A.clone().requires_grad_()
        losses = []
        for _ in range(steps):
            loss = loss_of(B, A, scale)
            losses.append(loss.item())
            B.grad, A.grad = None, None
            loss.backward()
            with torch.no_grad():
                B -= learning_rate * B.grad
                A -= learning_rate * A.grad
        with torch.no_grad():
            losses.append(loss_of(B, A, scale).item())
        return losses, B.detach(), A.detach(), scale

    def distance(delta):
        return torch.linalg.norm(delta.double() - target_delta.double()).item()

    x64, t64 = X.double(), (Y.double() - W0.double() @ X.double())

    def loss_optimum(rank):
        """Reduced-rank regression: least squares, then the best rank-r fit of the fitted values, projected back."""
        ols = t64 @ x64.T @ torch.linalg.inv(x64 @ x64.T)
        U, _, _ = torch.linalg.svd(ols @ x64, full_matrices=False)
        delta = U[:, :rank] @ U[:, :rank].T @ ols
        return delta, ((delta @ x64 - t64) ** 2).mean().item()

    sigma = torch.linalg.svdvals(target_delta.double())
    eigenvalues = torch.linalg.eigvalsh(x64 @ x64.T / N)

    A2 = kaiming_a(2)
    B2 = torch.zeros(D, 2)
    losses, B, A, scale = train(A2, B2, 2.0, STEPS)
    learned = scale * (B @ A)

    # Gradients after one step (B no longer 0), in float64 by autograd.
    _, B1, A1, _ = train(A2, B2, 2.0, 1)
    B1, A1 = B1.double().requires_grad_(), A1.double().requires_grad_()
    loss1 = ((W0.double() @ x64 + 1.0 * (B1 @ (A1 @ x64)) - Y.double()) ** 2).mean()
    loss1.backward()

    torch.manual_seed(2)
    x_new = torch.randn(K)
    merged = W0 + learned

    zero_losses, zero_B, zero_A, _ = train(torch.zeros(2, K), torch.zeros(D, 2), 2.0, ZERO_START_STEPS)
    torch.manual_seed(1)
    std_one_losses, _, _, _ = train(torch.randn(2, K), torch.zeros(D, 2), 2.0, STD_ONE_STEPS)

    sweep = []
    for rank in RANKS:
        rank_losses, rank_B, rank_A, rank_scale = train(kaiming_a(rank), torch.zeros(D, rank), float(rank), STEPS)
        held_losses, _, _, _ = train(kaiming_a(rank), torch.zeros(D, rank), HELD_ALPHA, HELD_ALPHA_STEPS)
        optimum, optimum_loss = loss_optimum(rank)
        sweep.append({
            "rank": rank,
            "final_loss": rank_losses[-1],
            "loss_at_held_alpha_steps": rank_losses[HELD_ALPHA_STEPS],
            "held_alpha_loss_at_held_alpha_steps": held_losses[-1],
            "trained_distance": distance(rank_scale * (rank_B @ rank_A)),
            "optimum_loss": optimum_loss,
            "optimum_distance": distance(optimum),
            "optimum_norm": torch.linalg.norm(optimum).item(),
            "eckart_young": math.sqrt((sigma[rank:] ** 2).sum().item()),
        })

    torch.manual_seed(3)
    gaussian_B = torch.randn(D, 2)
    small_rate, _, _, _ = train(kaiming_a(2), torch.zeros(D, 2), 2.0, STEPS, learning_rate=0.05)

    return {
        "torch": torch.__version__,
        "capability": os.environ.get("ATEN_CPU_CAPABILITY") or "avx2",
        "cpu_capability_usage": capability_line(torch),
        "sha256": {"W0": sha256(W0), "target_delta": sha256(target_delta), "X": sha256(X), "Y": sha256(Y), "A": sha256(A2)},
        "target_singular_values": sigma[:4].tolist(),
        "xxt_over_n_eigenvalues": [eigenvalues.min().item(), eigenvalues.max().item()],
        "steps": STEPS,
        "learning_rate": LEARNING_RATE,
        "losses": {str(t): losses[t] for t in (0, 50, 100, 200, 300, STEPS)},
        "learned_distance": distance(learned),
        "learned_to_optimum": torch.linalg.norm(learned.double() - loss_optimum(2)[0]).item(),
        "after_one_step": {
            "loss": loss1.item(),
            "grad_B": B1.grad.tolist(),
            "grad_A": A1.grad.tolist(),
        },
        "merged": {
            "largest_difference": (merged @ x_new - (W0 @ x_new + scale * (B @ (A @ x_new)))).abs().max().item(),
            "adapter_off_to_target": torch.linalg.norm(W0 @ x_new - (W0 + target_delta) @ x_new).item(),
            "merged_to_target": torch.linalg.norm(merged @ x_new - (W0 + target_delta) @ x_new).item(),
        },
        "zero_start": {
            "steps": ZERO_START_STEPS,
            "first_loss": zero_losses[0],
            "final_loss": zero_losses[-1],
            "norm_B": torch.linalg.norm(zero_B).item(),
            "norm_A": torch.linalg.norm(zero_A).item(),
        },
        "std_one": {"steps": STD_ONE_STEPS, "final_loss": std_one_losses[-1]},
        "held_alpha": {"alpha": HELD_ALPHA, "steps": HELD_ALPHA_STEPS},
        "sweep": sweep,
        "exercises": {
            "loss_with_gaussian_B": loss_of(gaussian_B, kaiming_a(2), 1.0).item(),
            "small_learning_rate": 0.05,
            "small_learning_rate_final_loss": small_rate[-1],
            "small_learning_rate_loss_before_last_update": small_rate[-2],
        },
    }


if __name__ == "__main__":
    results = run_each_kernel(__file__, run)
    assert results["avx2"]["cpu_capability_usage"] == "AVX2", "the second run must use the AVX2 kernel"
    write_beside(__file__, "pytorch-lora-training.json", json.dumps(results, indent=1) + "\n")

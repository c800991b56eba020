#!/usr/bin/python3
"""Runs the PyTorch original's steps with real PyTorch and writes what it computes to pytorch-original.json.

The workbook's tests compare against this file, so they need no PyTorch. Regenerate with Debian's python3-torch
(PyTorch 1.13), once per CPU kernel, from this folder:

    /usr/bin/python3 pytorch_original.py

The script starts itself twice: with ATEN_CPU_CAPABILITY=default (PyTorch's portable kernel, which TorchGenerator
reproduces) and without it (the AVX2 kernel x86 machines run by default).
"""
import json
import os

from torch_kernels import run_each_kernel, write_beside


def run_original():
    import numpy as np
    import torch

    _ = torch.manual_seed(0)
    d, k, W_rank = 10, 10, 2
    W = torch.randn(d, W_rank) @ torch.randn(W_rank, k)
    rank = int(np.linalg.matrix_rank(W))
    U, S, V = torch.svd(W)
    B = U[:, :W_rank] @ torch.diag(S[:W_rank])
    A = V[:, :W_rank].t()
    B1 = U[:, :1] @ torch.diag(S[:1])
    A1 = V[:, :1].t()
    draws = []
    for _ in range(2):  # the original ran its output cell twice (In [5], then In [6])
        bias = torch.randn(d)
        x = torch.randn(d)
        output_W = W @ x + bias
        output_BA = B @ (A @ x) + bias
        draws.append({
            "output_W": output_W.tolist(),
            "output_BA": output_BA.tolist(),
            "difference": torch.norm(output_W - output_BA).item(),
        })
    # The exercises of notebooks 1 and 2 build a second matrix as the original builds W: seed 1, inner size 3.
    _ = torch.manual_seed(1)
    W3 = torch.randn(d, 3) @ torch.randn(3, k)
    U3, S3, V3 = torch.svd(W3)
    B3_1 = U3[:, :1] @ torch.diag(S3[:1])
    A3_1 = V3[:, :1].t()
    capability = os.environ.get("ATEN_CPU_CAPABILITY", "") or "avx2"
    return {
        "torch": torch.__version__,
        "capability": capability,
        "W": W.tolist(),
        "rank": rank,
        "tolerance": S.max().item() * max(d, k) * float(np.finfo(np.float32).eps),
        "S": S.tolist(),
        "norm_W": torch.norm(W).item(),
        "error_rank_2": torch.norm(W - B @ A).item(),
        "error_rank_2_product_in_double": torch.norm(W.double() - B.double() @ A.double()).item(),
        "error_rank_1": torch.norm(W - B1 @ A1).item(),
        "draws": draws,
        "parameters": {"W": W.numel(), "B_and_A": B.numel() + A.numel()},
        "W3": {
            "S": S3.tolist(),
            "tolerance": S3.max().item() * max(d, k) * float(np.finfo(np.float32).eps),
            "error_rank_1": torch.norm(W3 - B3_1 @ A3_1).item(),
        },
    }


if __name__ == "__main__":
    results = run_each_kernel(__file__, run_original)
    write_beside(__file__, "pytorch-original.json", json.dumps(results, indent=1) + "\n")

#!/usr/bin/python3
"""Answers notebook 4's exercises with real PyTorch and writes them to pytorch-rank-exercises.json, which the tests of
the library's exercise checks (Exercises.N04) compare against, so the expected values come from outside the library.

Run with Debian's python3-torch (PyTorch 1.13) from this folder:

    /usr/bin/python3 pytorch_rank_exercises.py

W and the noise are drawn as the notebook draws them: torch.manual_seed(0), W = randn(10, 2) @ randn(2, 10), then
noise = randn(10, 10), with PyTorch's portable kernel (ATEN_CPU_CAPABILITY=default), whose bits TorchGenerator
reproduces.
"""
import json
import os

os.environ["ATEN_CPU_CAPABILITY"] = "default"  # read when torch loads, so set before the import

import torch  # noqa: E402


def energy_kept_at_rank_2(m):
    s = torch.linalg.svdvals(m.double())
    return (s[:2].square().sum() / s.square().sum()).item()


def main():
    torch.manual_seed(0)
    w = torch.randn(10, 2) @ torch.randn(2, 10)
    noise = torch.randn(10, 10)

    # Exercise 1: the largest s at which rank 2 keeps 99.9 % of the energy of W + s * noise, by bisection; rank 2
    # keeps all of it at s = 0 and 99.59 % at the notebook's s = 0.1.
    keeps, loses = 0.0, 0.1
    for _ in range(60):
        s = (keeps + loses) / 2
        if energy_kept_at_rank_2(w + s * noise) >= 0.999:
            keeps = s
        else:
            loses = s

    # Exercise 2: the rank-2 truncation of M = W + 1 * noise, as notebook 2 truncates (float32, torch.svd).
    m = w + 1 * noise
    u, s, v = torch.svd(m)
    b = u[:, :2] @ torch.diag(s[:2])
    a = v[:, :2].t()

    result = {
        "torch": torch.__version__,
        "capability": os.environ["ATEN_CPU_CAPABILITY"],
        "largest_noise_level_keeping_99.9_percent_at_rank_2": keeps,
        "relative_error_at_rank_2_with_noise_1": (torch.norm(m - b @ a) / torch.norm(m)).item(),
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "pytorch-rank-exercises.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

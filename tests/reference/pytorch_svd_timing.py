#!/usr/bin/python3
"""Times PyTorch's exact SVD against its randomized one, torch.svd_lowrank, as notebook 6 times Math.NET's, and writes
the medians to pytorch-svd-timing.json. Notebook 6 quotes the ratios; no test reads them, as timings are not facts.

The matrices are built as notebook 6 builds them, from other draws: n x n, U diag(sigma) V^T with sigma_i = i^-1.5 and
U, V the Q of a QR of a Gaussian matrix, in float64; the randomized SVD keeps r = 16 of a sketch of q = r + p = 26 columns with niter = 2 power
iterations. One thread, so the ratio compares algorithms, not cores. Each time is the median of several repetitions
after one warm-up, and the whole measurement runs in several rounds, whose spread the file keeps. Run with Debian's
python3-torch (PyTorch 1.13), from this folder, on a machine as idle as you can get (the file records the load average):

    /usr/bin/python3 pytorch_svd_timing.py
"""
import json
import os
import platform
import statistics
import time

import torch

SIZES = (128, 256, 384, 512, 768)
RANK, OVERSAMPLING, NITER = 16, 10, 2
REPETITIONS = 7
ROUNDS = 3


def decaying(n, generator):
    u, _ = torch.linalg.qr(torch.randn(n, n, generator=generator, dtype=torch.float64))
    v, _ = torch.linalg.qr(torch.randn(n, n, generator=generator, dtype=torch.float64))
    sigma = torch.arange(1, n + 1, dtype=torch.float64) ** -1.5
    return u @ torch.diag(sigma) @ v.T


def median_seconds(action):
    action()  # the warm-up: first-call costs (allocation, lazy initialisation) are not the method's
    times = []
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def truncation_error(m, u, s, v):
    return torch.linalg.norm(m - u[:, :RANK] @ torch.diag(s[:RANK]) @ v[:, :RANK].T).item()


def cpu_model():
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        return next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), platform.machine())


def one_round():
    rows = []
    for n in SIZES:
        m = decaying(n, torch.Generator().manual_seed(2))
        full = median_seconds(lambda: torch.svd(m))
        torch.manual_seed(3)
        randomized = median_seconds(lambda: torch.svd_lowrank(m, q=RANK + OVERSAMPLING, niter=NITER))
        exact_error = truncation_error(m, *torch.svd(m))
        torch.manual_seed(3)
        randomized_error = truncation_error(m, *torch.svd_lowrank(m, q=RANK + OVERSAMPLING, niter=NITER))
        rows.append({
            "n": n,
            "svd_seconds": full,
            "svd_lowrank_seconds": randomized,
            "ratio": full / randomized,
            "error_ratio": randomized_error / exact_error,
        })
        print(f"n = {n}: torch.svd {full:.4f} s, svd_lowrank {randomized:.4f} s, ratio {full / randomized:.1f}, "
              f"error ratio {randomized_error / exact_error:.4f}")
    return rows


def main():
    torch.set_num_threads(1)
    load_before = os.getloadavg()[0]
    # Several rounds, each timing every size, so the spread a shared machine adds shows in the file, not only one draw of it.
    rounds = [one_round() for _ in range(ROUNDS)]
    result = {
        "torch": torch.__version__,
        # Which BLAS and LAPACK the build calls decides the times more than PyTorch does: Debian's build calls the
        # system's libblas.so.3 and liblapack.so.3, whatever libraries update-alternatives points them at.
        "lapack": os.path.realpath("/usr/lib/x86_64-linux-gnu/liblapack.so.3"),
        "blas": os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3"),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        "threads": torch.get_num_threads(),
        "repetitions": REPETITIONS,
        "rank": RANK,
        "q": RANK + OVERSAMPLING,
        "niter": NITER,
        "ratio_range": {str(n): [min(r[i]["ratio"] for r in rounds), max(r[i]["ratio"] for r in rounds)]
                        for i, n in enumerate(SIZES)},
        "rounds": rounds,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "pytorch-svd-timing.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    for n, (low, high) in result["ratio_range"].items():
        print(f"n = {n}: torch.svd / svd_lowrank from {low:.1f} to {high:.1f} over {ROUNDS} rounds")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Times one training step of notebook 5 in PyTorch, the steps LoraStepBenchmarks times in C#, and writes the medians
to pytorch-lora-step-timing.json. The README's Benchmarks section divides the two; no test reads them, as timings are
not facts.

A step is the loop body of notebook 5's training cell as its `// PyTorch:` comment writes it: W0X = W0 @ X computed
once before the loop, then opt.zero_grad(); loss = ((W0X + scale * (B @ (A @ X)) - Y) ** 2).mean(); loss.backward();
opt.step(), with torch.optim.SGD(lr=0.5), on the 64 x 64 layer with 256 examples in float32, for r = 2 and r = 8.
One thread, as the C# benchmark runs. Each time is the median over repetitions of 100 steps after a warm-up of 100,
per step; the whole measurement runs in several rounds, whose spread the file keeps. Run with Debian's python3-torch
(PyTorch 1.13), from this folder, right after the C# benchmark, on a machine as idle as you can get (the file records
the load average):

    /usr/bin/python3 pytorch_lora_step_timing.py
"""
import json
import math
import os
import platform
import statistics
import time

import torch
from torch import nn

D, K, N = 64, 64, 256
RANKS = (2, 8)
STEPS = 100
REPETITIONS = 15
ROUNDS = 3


def problem():
    torch.manual_seed(0)
    w0 = torch.randn(D, K) / K ** 0.5
    target_delta = (torch.randn(D, 2) @ torch.randn(2, K) + 0.1 * torch.randn(D, K)) / K ** 0.5
    x = torch.randn(K, N)
    return w0, x, (w0 + target_delta) @ x


def median_step_seconds(rank, w0, x, y):
    """Trains from notebook 5's start; the median of REPETITIONS runs of STEPS steps, per step, after a warm-up run."""
    torch.manual_seed(1)
    a = torch.empty(rank, K)
    nn.init.kaiming_uniform_(a, a=math.sqrt(5))
    b = torch.zeros(D, rank)
    a.requires_grad_()
    b.requires_grad_()
    opt = torch.optim.SGD([b, a], lr=0.5)
    scale = 1.0
    w0x = w0 @ x

    def steps():
        for _ in range(STEPS):
            opt.zero_grad()
            loss = ((w0x + scale * (b @ (a @ x)) - y) ** 2).mean()
            loss.backward()
            opt.step()

    steps()  # the warm-up: first-call costs (allocation, autograd's graph set-up) are not the step's
    times = []
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        steps()
        times.append((time.perf_counter() - start) / STEPS)
    return statistics.median(times)


def cpu_model():
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        return next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), platform.machine())


def main():
    torch.set_num_threads(1)
    w0, x, y = problem()
    load_before = os.getloadavg()[0]
    rounds = []
    for _ in range(ROUNDS):
        row = {str(rank): median_step_seconds(rank, w0, x, y) for rank in RANKS}
        print(", ".join(f"r = {rank}: {seconds * 1e6:.0f} us per step" for rank, seconds in row.items()))
        rounds.append(row)
    result = {
        "torch": torch.__version__,
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "aten_cpu_capability": os.environ.get("ATEN_CPU_CAPABILITY", "(not set: the best the CPU has)"),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        "threads": torch.get_num_threads(),
        "steps": STEPS,
        "repetitions": REPETITIONS,
        "median_step_seconds": {str(rank): statistics.median(r[str(rank)] for r in rounds) for rank in RANKS},
        "step_seconds_range": {str(rank): [min(r[str(rank)] for r in rounds), max(r[str(rank)] for r in rounds)] for rank in RANKS},
    }
    with open("pytorch-lora-step-timing.json", "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

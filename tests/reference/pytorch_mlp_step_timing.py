#!/usr/bin/python3
"""Times one Adam step of notebook 7's network in PyTorch, as MlpAdamStepBenchmarks times notebook 7's written-out step
and the library's, and writes the medians to pytorch-mlp-step-timing.json. The README's Benchmarks section quotes the
ratios; no test reads them, as timings are not facts.

The step is the one tests/reference/pytorch_digits_lora.py takes: a batch of 50 of the 1,000 training digits through
64 -> 32 -> 10 (ReLU, cross-entropy), backward, torch.optim.Adam; the whole network, and rank-4 LoRA on both weights
(W0 + (alpha/r) B A formed every step). One thread, so the ratio compares implementations, not cores. Each time is the
median over repetitions of one step after a warm-up of 100 steps, in several rounds. Run with Debian's python3-torch
(PyTorch 1.13), from this folder, on a machine as idle as you can get (the file records the load average):

    /usr/bin/python3 pytorch_mlp_step_timing.py
"""
import gzip
import json
import math
import os
import statistics
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

WARMUP, REPETITIONS, ROUNDS = 100, 400, 3
BATCH, RANK, ALPHA = 50, 4, 8.0


def main():
    torch.set_num_threads(1)
    here = os.path.dirname(os.path.abspath(__file__))
    with gzip.open(os.path.join(here, "..", "..", "notebooks", "data", "digits.csv.gz"), "rt") as f:
        raw = np.loadtxt(f, delimiter=",", dtype=np.int64)
    images = torch.tensor(raw[:, :64], dtype=torch.float32) / 16
    labels = torch.tensor(raw[:, 64])
    torch.manual_seed(0)
    train = torch.argsort(torch.rand(len(labels)))[:1000]
    batches = [(images[train[s:s + BATCH]], labels[train[s:s + BATCH]]) for s in range(0, 1000, BATCH)]
    torch.manual_seed(1)
    hidden, output = nn.Linear(64, 32), nn.Linear(32, 10)
    weights = [p.detach().clone().requires_grad_() for p in (hidden.weight, hidden.bias, output.weight, output.bias)]
    base = [p.detach().clone() for p in weights]

    def forward(x, w1, b1, w2, b2):
        return F.relu(x @ w1.T + b1) @ w2.T + b2

    torch.manual_seed(2)
    a1, a2 = torch.empty(RANK, 64), torch.empty(RANK, 32)
    nn.init.kaiming_uniform_(a1, a=math.sqrt(5))
    nn.init.kaiming_uniform_(a2, a=math.sqrt(5))
    factors = [t.requires_grad_() for t in (torch.zeros(32, RANK), a1, torch.zeros(10, RANK), a2)]
    scale = ALPHA / RANK

    def stepper(parameters, weights_of):
        optimizer = torch.optim.Adam(parameters, lr=0.01)
        counter = [0]

        def step():
            x, y = batches[counter[0] % len(batches)]
            counter[0] += 1
            optimizer.zero_grad()
            loss = F.cross_entropy(forward(x, *weights_of()), y)
            loss.backward()
            optimizer.step()
        return step

    steps = {
        "full": stepper(weights, lambda: weights),
        "lora": stepper(factors, lambda: [base[0] + scale * (factors[0] @ factors[1]), base[1],
                                          base[2] + scale * (factors[2] @ factors[3]), base[3]]),
    }
    rounds = {name: [] for name in steps}
    for _ in range(ROUNDS):
        for name, step in steps.items():
            for _ in range(WARMUP):
                step()
            times = []
            for _ in range(REPETITIONS):
                start = time.perf_counter()
                step()
                times.append(time.perf_counter() - start)
            rounds[name].append(statistics.median(times))
    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "load_average": os.getloadavg(),
        "median_seconds": {name: statistics.median(values) for name, values in rounds.items()},
        "rounds_seconds": rounds,
    }
    with open(os.path.join(here, "pytorch-mlp-step-timing.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(json.dumps(result["median_seconds"]))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Runs notebook 7's experiment with real PyTorch and writes what it computes to pytorch-digits-lora.json.

The library's tests compare against this file, so they need no PyTorch. Regenerate with Debian's python3-torch
(PyTorch 1.13) and python3-numpy, from this folder:

    /usr/bin/python3 pytorch_digits_lora.py

PyTorch picks its CPU kernels once per process, so the script starts itself twice: with ATEN_CPU_CAPABILITY=default
(the portable kernel, which the notebooks reproduce bit for bit) and without it (the AVX2 kernel most x86 machines
run, whose kaiming_uniform_ fuses a multiply-add and so differs in low bits), and writes both runs. Everything is
written the way a PyTorch user writes it: the UCI digits from notebooks/data, a split by sorting torch.rand keys,
two nn.Linear layers, cross-entropy, torch.optim.Adam over mini-batches in a fixed order, and LoRA as hkproj's
lora.ipynb parametrizes a layer (W0 + (alpha/r) B A, B = 0, A from kaiming_uniform_).
"""
import gzip
import hashlib
import json
import math
import os

from torch_kernels import capability_line, run_each_kernel, sha256, write_beside

TRAIN, VALIDATION = 1000, 400          # the other 397 images are the test set
HIDDEN, CLASSES, PIXELS = 32, 10, 64
BATCH = 50
PRETRAIN_EPOCHS, FINETUNE_EPOCHS = 10, 5
LEARNING_RATE = 0.01
RANKS = (1, 2, 4, 8)
ALPHA = 8.0                            # held as r changes, as Hu et al. do; the alpha = r runs compare
SPLIT_SEED, NETWORK_SEED, ADAPTER_SEED = 0, 1, 2
FIRST_LOSSES = 20


def run():
    import numpy as np
    import torch
    from torch import nn
    import torch.nn.functional as F

    torch.set_num_threads(1)
    here = os.path.dirname(os.path.abspath(__file__))
    with gzip.open(os.path.join(here, "..", "..", "notebooks", "data", "digits.csv.gz"), "rt") as f:
        raw = np.loadtxt(f, delimiter=",", dtype=np.int64)
    images = torch.tensor(raw[:, :PIXELS], dtype=torch.float32) / 16
    labels = torch.tensor(raw[:, PIXELS])
    mirrored = images.view(-1, 8, 8).flip(-1).reshape(-1, PIXELS)
    upside_down = images.view(-1, 8, 8).flip(-2).reshape(-1, PIXELS)

    torch.manual_seed(SPLIT_SEED)
    keys = torch.rand(len(labels))
    assert len(torch.unique(keys)) == len(keys), "ties would make the order depend on the sort"
    order = torch.argsort(keys)
    train, validation, test = order[:TRAIN], order[TRAIN:TRAIN + VALIDATION], order[TRAIN + VALIDATION:]

    torch.manual_seed(NETWORK_SEED)
    hidden, output = nn.Linear(PIXELS, HIDDEN), nn.Linear(HIDDEN, CLASSES)
    initial = [p.detach().clone() for p in (hidden.weight, hidden.bias, output.weight, output.bias)]

    def forward(x, w1, b1, w2, b2):
        return F.relu(x @ w1.T + b1) @ w2.T + b2

    def accuracy(data, split, weights):
        with torch.no_grad():
            return (forward(data[split], *weights).argmax(1) == labels[split]).double().mean().item()

    def batches(epochs):
        for _ in range(epochs):
            for start in range(0, TRAIN, BATCH):
                yield train[start:start + BATCH]

    def fit(data, parameters, weights_of, epochs):
        """Adam on the trainable tensors over the fixed batches; the loss of each batch before its step."""
        optimizer = torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
        losses = []
        for batch in batches(epochs):
            optimizer.zero_grad()
            loss = F.cross_entropy(forward(data[batch], *weights_of()), labels[batch])
            losses.append(loss.item())
            loss.backward()
            optimizer.step()
        return losses

    weights = [p.clone().requires_grad_() for p in initial]
    pretrain_losses = fit(images, weights, lambda: weights, PRETRAIN_EPOCHS)
    base = [p.detach() for p in weights]

    def full(data, trainable):
        tuned = [p.clone().requires_grad_(i in trainable) for i, p in enumerate(base)]
        losses = fit(data, [p for p in tuned if p.requires_grad], lambda: tuned, FINETUNE_EPOCHS)
        return losses, [p.detach() for p in tuned], sum(tuned[i].numel() for i in trainable)

    def lora(data, rank, alpha):
        torch.manual_seed(ADAPTER_SEED)
        a1, a2 = torch.empty(rank, PIXELS), torch.empty(rank, HIDDEN)
        nn.init.kaiming_uniform_(a1, a=math.sqrt(5))
        nn.init.kaiming_uniform_(a2, a=math.sqrt(5))
        b1, b2 = torch.zeros(HIDDEN, rank), torch.zeros(CLASSES, rank)
        factors = [t.requires_grad_() for t in (b1, a1, b2, a2)]
        scale = alpha / rank

        def adapted():
            return [base[0] + scale * (b1 @ a1), base[1], base[2] + scale * (b2 @ a2), base[3]]

        losses = fit(data, factors, adapted, FINETUNE_EPOCHS)
        with torch.no_grad():
            return losses, adapted(), [t.detach() for t in factors], sum(t.numel() for t in factors)

    def summary(losses, tuned, trainable, data):
        return {
            "trainable": trainable,
            "first_losses": losses[:FIRST_LOSSES],
            "last_loss": losses[-1],
            "new_test_accuracy": accuracy(data, test, tuned),
            "new_validation_accuracy": accuracy(data, validation, tuned),
            "original_test_accuracy": accuracy(images, test, tuned),
        }

    runs = {}
    for name, trainable in (("full", (0, 1, 2, 3)), ("last_layer", (2, 3))):
        losses, tuned, count = full(mirrored, trainable)
        runs[name] = summary(losses, tuned, count, mirrored)
    adapters = {}
    for rank in RANKS:
        losses, tuned, factors, count = lora(mirrored, rank, ALPHA)
        runs[f"lora_r{rank}"] = summary(losses, tuned, count, mirrored)
        adapters[rank] = (tuned, factors)
        losses, tuned, _, count = lora(mirrored, rank, float(rank))
        runs[f"lora_r{rank}_alpha_r"] = summary(losses, tuned, count, mirrored)
    losses, upside_down_tuned, _, count = lora(upside_down, 4, ALPHA)
    runs["upside_down_r4"] = summary(losses, upside_down_tuned, count, upside_down)

    # Notebook 7's exercises: a rank-2 adapter on the upside-down digits, and the original test images whose prediction
    # the rank-4 mirrored adapter changes.
    _, upside_down_rank2, _, _ = lora(upside_down, 2, ALPHA)
    with torch.no_grad():
        changed = (forward(images[test], *adapters[4][0]).argmax(1) != forward(images[test], *base).argmax(1)).sum().item()
    # The swap table's cross-task cells: each rank-4 adapter on the other new task.
    swap = {"mirrored_adapter_on_upside_down": accuracy(upside_down, test, adapters[4][0]),
            "upside_down_adapter_on_mirrored": accuracy(mirrored, test, upside_down_tuned)}
    exercises = {"upside_down_rank2_validation_accuracy": accuracy(upside_down, validation, upside_down_rank2),
                 "upside_down_rank4_validation_accuracy": runs["upside_down_r4"]["new_validation_accuracy"],
                 "changed_original_predictions": changed}

    # Merged weights against the adapter's path, W0 x + (alpha/r) B (A x), on the mirrored test images.
    merged, (b1, a1, b2, a2) = adapters[4]
    scale = ALPHA / 4
    with torch.no_grad():
        x = mirrored[test]
        h = F.relu(x @ base[0].T + scale * ((x @ a1.T) @ b1.T) + base[1])
        adapter_path = h @ base[2].T + scale * ((h @ a2.T) @ b2.T) + base[3]
        merge_difference = (forward(x, *merged) - adapter_path).abs().max().item()

    return {
        "torch": torch.__version__,
        "capability": os.environ.get("ATEN_CPU_CAPABILITY") or "avx2",
        "cpu_capability_usage": capability_line(torch),
        "split": {"train": train[:10].tolist(), "validation": validation[:10].tolist(), "test": test[:10].tolist(),
                  "order_sha256": hashlib.sha256(order.numpy().astype("<i4").tobytes()).hexdigest()},
        "initial_sha256": {name: sha256(p) for name, p in zip(("W1", "b1", "W2", "b2"), initial)},
        "initial_first": {"W1": initial[0][0, :4].tolist(), "b1": initial[1][:4].tolist(),
                          "W2": initial[2][0, :4].tolist(), "b2": initial[3][:4].tolist()},
        "pretrain": {
            "losses": pretrain_losses,
            "train_accuracy": accuracy(images, train, base),
            "validation_accuracy": accuracy(images, validation, base),
            "test_accuracy": accuracy(images, test, base),
            "mirrored_test_accuracy": accuracy(mirrored, test, base),
            "upside_down_test_accuracy": accuracy(upside_down, test, base),
        },
        "runs": runs,
        "merge_largest_logit_difference": merge_difference,
        "exercises": exercises,
        "swap": swap,
    }


if __name__ == "__main__":
    results = run_each_kernel(__file__, run)
    assert results["avx2"]["cpu_capability_usage"] == "AVX2", "the second run must use the AVX2 kernel"
    write_beside(__file__, "pytorch-digits-lora.json", json.dumps(results, indent=1) + "\n")

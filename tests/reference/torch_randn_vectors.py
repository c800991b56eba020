#!/usr/bin/python3
"""Draws torch.randn with real PyTorch under each CPU kernel and writes the float32 bit patterns to torch-randn-vectors.json.

TorchGenerator's tests compare against this file, so they need no PyTorch. Regenerate with Debian's python3-torch
(PyTorch 1.13) on an x86-64 machine with AVX2, from this folder:

    /usr/bin/python3 torch_randn_vectors.py

The script runs once per CPU kernel, as torch_kernels.py describes; the AVX-512 build of PyTorch's kernels exists but
only the portable and AVX2 ones are reproduced, so it records whether AVX-512's numbers equal AVX2's.

Each case is a seed and a list of calls made one after another on the generator torch.manual_seed(seed) leaves
(a call is a shape: [n] is torch.randn(n), [r, c] is torch.randn(r, c)). Each call's result is one string: the
float32 values in row-major order, each as the 8 hex digits of its IEEE 754 bits ('%08x' of the uint32), separated by
single spaces. Strings keep the file small enough to commit (a list of strings per value would be a third larger).
"""
import hashlib

from torch_kernels import capability_line, hex_bits, main

# Edges of the algorithm: below 16 elements (cached double Box-Muller), exactly one block, one block plus a partial
# tail (the last 16 slots are redrawn), several blocks with and without a tail, and larger runs of the float path.
SMALL_SHAPES = [[1], [7], [15], [16], [17], [31], [32], [33], [100], [10, 2], [2, 10], [5, 7]]
LARGE_SHAPES = [[1000], [4096 + 3], [64, 64]]

# The cached second normal of the small path carries over between calls; a large call in between neither uses nor
# clears it.
SEQUENCE = [[3], [20], [5]]

SEEDS = [0, 1, 2, 3, 7, 10, 42, 100, 123, 999, 1234, 2023, 3407, 12345, 31337, 65535, 65536, 99999,
         123456789, 987654321, 0xDEADBEEF, 2**31 - 1, 2**31, 2**32 - 2, 2**32 - 1, 2**40 + 5]

# Large shapes cost 9,195 values per seed, so only these seeds get them.
LARGE_SEEDS = [0]

# Runs long enough that AVX-512 and AVX2 equality is not a coincidence of a few thousand draws; only hashed.
HASHED_LENGTH = 1 << 20
HASHED_SEEDS = [0, 1, 2, 3]


def cases():
    for seed in SEEDS:
        for shape in SMALL_SHAPES:
            yield seed, [shape]
        yield seed, SEQUENCE
        if seed in LARGE_SEEDS:
            for shape in LARGE_SHAPES:
                yield seed, [shape]


def draw():
    import torch

    out = []
    for seed, calls in cases():
        torch.manual_seed(seed)
        values = [hex_bits(torch.randn(*shape)) for shape in calls]
        out.append({"seed": seed, "calls": calls, "values": values})
    hashes = {}
    for seed in HASHED_SEEDS:
        torch.manual_seed(seed)
        hashes[str(seed)] = hashlib.sha256(torch.randn(HASHED_LENGTH).numpy().tobytes()).hexdigest()
    return {"torch": torch.__version__, "cpu_capability_usage": capability_line(torch), "cases": out, "hashes": hashes}


if __name__ == "__main__":
    main(__file__, draw, "torch-randn-vectors.json", lambda portable, native, avx512_same_as_avx2: {
        "torch": native["torch"],
        "format": "per case: seed, calls (shapes drawn in order after torch.manual_seed(seed)), values (per call: "
                  "row-major float32 bits as '%08x', space-separated)",
        "avx512_same_as_avx2": avx512_same_as_avx2,
        "hashed": {"length": HASHED_LENGTH, "note": "sha256 of the float32 bytes of torch.randn(length) per seed",
                   "default": portable["hashes"], "avx2": native["hashes"]},
        "default": {"cpu_capability_usage": portable["cpu_capability_usage"], "cases": portable["cases"]},
        "avx2": {"cpu_capability_usage": native["cpu_capability_usage"], "cases": native["cases"]},
    })

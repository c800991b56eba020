#!/usr/bin/python3
"""Draws torch.rand and nn.init.kaiming_uniform_ with real PyTorch under each CPU kernel and writes the float32 bit
patterns to torch-rand-vectors.json.

TorchGenerator's and TorchInit's tests compare against this file, so they need no PyTorch. Regenerate with Debian's
python3-torch (PyTorch 1.13) on an x86-64 machine with AVX2, from this folder:

    /usr/bin/python3 torch_rand_vectors.py

As torch_randn_vectors.py does, the script runs once per CPU kernel (see torch_kernels.py) and on a CPU with AVX-512
records whether that kernel's numbers equal the AVX2 ones.

Each case is a seed and a list of calls made one after another on the generator torch.manual_seed(seed) leaves. A call
is ["rand", n] for torch.rand(n), ["rand", r, c] for torch.rand(r, c), ["randn", ...] likewise for torch.randn, and
["kaiming_uniform", r, c, a] for w = torch.empty(r, c); nn.init.kaiming_uniform_(w, a=a). Each call's result is one
string: the float32 values in row-major order, each as the 8 hex digits of its IEEE 754 bits ('%08x' of the uint32),
separated by single spaces.
"""
import hashlib
import math

from torch_kernels import capability_line, hex_bits, main

SQRT5 = math.sqrt(5)

# torch.rand has one path for every size; these still cross randn's switch at 16 elements and its tail rule, and
# include matrices, so a uniform that took any of randn's paths, or filled columns first, would show.
RAND_SHAPES = [[1], [2], [7], [15], [16], [17], [31], [33], [100], [10, 2], [2, 10], [5, 7]]
LARGE_RAND_SHAPES = [[4096 + 3]]

# randn's small path caches its second normal across calls: rand neither uses nor clears it, so a randn(1) after a rand
# returns the cached value, and a randn after a kaiming_uniform_ continues the same stream.
SEQUENCES = [
    [["randn", 3], ["rand", 5], ["randn", 20], ["rand", 2, 3], ["randn", 2]],
    [["randn", 1], ["rand", 4], ["randn", 1], ["rand", 1]],
    [["randn", 3], ["kaiming_uniform", 2, 5, SQRT5], ["randn", 1], ["rand", 3]],
]

SEEDS = [0, 1, 2, 7, 42, 123, 3407, 2**31, 2**32 - 1, 2**40 + 5]
LARGE_SEEDS = [0]

# Shapes of lora_A (rank x k) and other layers; fan_in = k. a = sqrt(5) is what nn.Linear, PEFT and loralib pass,
# a = 0 is He's ReLU initialization. A k that is a power of 4 makes the bound a power of 2 for a = sqrt(5) or 0, where
# a fused multiply-add changes nothing; the others show whether the kernel fuses.
KAIMING_SHAPES = [[1, 1], [2, 3], [3, 7], [8, 10], [4, 64], [8, 33]]
KAIMING_RUNS = [(0, SQRT5), (0, 0.0), (0, 0.2), (1, SQRT5), (42, SQRT5)]

# The bounds kaiming_uniform_ passes to uniform_, caught on their way there, for fan_ins from 1 to a 4096 x 11008 layer's.
# For the last two a, C's pow(a, 2), which Python's a ** 2 calls, differs from a * a in the last bit, and so does the
# bound in double.
BOUND_FAN_INS = [1, 2, 3, 5, 7, 10, 33, 64, 100, 768, 1000, 4096, 11008]
BOUND_AS = [SQRT5, 0.0, 0.01, 0.2, 1.0, 3.0, 5.365929013053771, 4.698018396436203]

# Long runs only hashed: 2^20 uniforms per seed, and two kaiming_uniform_ of about a million values whose bound is not
# a power of 2.
HASHED_LENGTH = 1 << 20
HASHED_SEEDS = [0, 1, 2, 3]
HASHED_KAIMING = [(0, 1024, 1000, SQRT5), (1, 1000, 1000, 0.0)]


def cases():
    for seed in SEEDS:
        for shape in RAND_SHAPES:
            yield seed, [["rand", *shape]]
        if seed in LARGE_SEEDS:
            for shape in LARGE_RAND_SHAPES:
                yield seed, [["rand", *shape]]
        for sequence in SEQUENCES:
            yield seed, sequence
    for seed, a in KAIMING_RUNS:
        for rows, cols in KAIMING_SHAPES:
            yield seed, [["kaiming_uniform", rows, cols, a]]


def kaiming_bounds(torch):
    """(from, to) as nn.init.kaiming_uniform_ hands them to Tensor.uniform_, in double, before the kernel casts them."""
    assert all(a ** 2 != a * a for a in BOUND_AS[-2:])
    caught = []
    uniform = torch.Tensor.uniform_

    def spy(self, low, high, *args, **kwargs):
        caught.append((low, high))
        return uniform(self, low, high, *args, **kwargs)

    torch.Tensor.uniform_ = spy
    try:
        out = []
        for a in BOUND_AS:
            for fan_in in BOUND_FAN_INS:
                torch.nn.init.kaiming_uniform_(torch.empty(1, fan_in), a=a)
                low, high = caught.pop()
                out.append({"fan_in": fan_in, "a": a, "from": low, "to": high})
        return out
    finally:
        torch.Tensor.uniform_ = uniform


def call(torch, spec):
    name, *args = spec
    if name == "rand":
        return torch.rand(*args)
    if name == "randn":
        return torch.randn(*args)
    rows, cols, a = args
    w = torch.empty(rows, cols)
    torch.nn.init.kaiming_uniform_(w, a=a)
    return w


def draw():
    import torch

    out = []
    for seed, calls in cases():
        torch.manual_seed(seed)
        values = [hex_bits(call(torch, spec)) for spec in calls]
        out.append({"seed": seed, "calls": calls, "values": values})
    hashes = {}
    for seed in HASHED_SEEDS:
        torch.manual_seed(seed)
        hashes[f"rand {seed}"] = hashlib.sha256(torch.rand(HASHED_LENGTH).numpy().tobytes()).hexdigest()
    for seed, rows, cols, a in HASHED_KAIMING:
        torch.manual_seed(seed)
        w = call(torch, ["kaiming_uniform", rows, cols, a])
        hashes[f"kaiming_uniform {seed} {rows} {cols} {a!r}"] = hashlib.sha256(w.numpy().tobytes()).hexdigest()
    return {"torch": torch.__version__, "cpu_capability_usage": capability_line(torch), "cases": out, "hashes": hashes,
            "kaiming_bounds": kaiming_bounds(torch)}


if __name__ == "__main__":
    main(__file__, draw, "torch-rand-vectors.json", lambda portable, native, avx512_same_as_avx2: {
        "torch": native["torch"],
        "format": "per case: seed, calls (made in order after torch.manual_seed(seed): [\"rand\", *shape], "
                  "[\"randn\", *shape], [\"kaiming_uniform\", rows, cols, a]), values (per call: row-major float32 "
                  "bits as '%08x', space-separated)",
        "avx512_same_as_avx2": avx512_same_as_avx2,
        "kaiming_bounds": native["kaiming_bounds"],
        "hashed": {"note": "sha256 of the float32 bytes of torch.rand(length) per seed ('rand SEED'), and of "
                           "kaiming_uniform_ on an empty rows x cols tensor ('kaiming_uniform SEED ROWS COLS A')",
                   "length": HASHED_LENGTH, "default": portable["hashes"], "avx2": native["hashes"]},
        "default": {"cpu_capability_usage": portable["cpu_capability_usage"], "cases": portable["cases"]},
        "avx2": {"cpu_capability_usage": native["cpu_capability_usage"], "cases": native["cases"]},
    })

#!/usr/bin/python3
"""Draws torch.randn with real PyTorch under each CPU kernel and writes the float32 bit patterns to torch-randn-vectors.json.

TorchGenerator's tests compare against this file, so they need no PyTorch. Regenerate with Debian's python3-torch
(PyTorch 1.13) on an x86-64 machine with AVX2, from this folder:

    /usr/bin/python3 torch_randn_vectors.py

PyTorch picks its CPU kernels once per process from the environment variable ATEN_CPU_CAPABILITY, so the script starts
itself once per kernel: with ATEN_CPU_CAPABILITY=default (the portable kernel) and without the variable (the kernel
the machine picks by itself, which must be AVX2: the script stops otherwise). On a CPU with AVX-512 it also runs with
ATEN_CPU_CAPABILITY=avx512 and records whether randn's numbers equal the AVX2 ones, since the AVX-512 build of
PyTorch's kernels exists but only the two above are reproduced.

Each case is a seed and a list of calls made one after another on the generator torch.manual_seed(seed) leaves
(a call is a shape: [n] is torch.randn(n), [r, c] is torch.randn(r, c)). Each call's result is one string: the
float32 values in row-major order, each as the 8 hex digits of its IEEE 754 bits ('%08x' of the uint32), separated by
single spaces. Strings keep the file small enough to commit (a list of strings per value would be a third larger).
"""
import hashlib
import json
import os
import subprocess
import sys

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


def capability_line(torch):
    lines = [line.strip() for line in torch.__config__.show().splitlines() if "CPU capability usage" in line]
    return lines[0].split(":", 1)[1].strip()


def draw():
    import numpy as np
    import torch

    out = []
    for seed, calls in cases():
        torch.manual_seed(seed)
        values = []
        for shape in calls:
            t = torch.randn(*shape)
            assert t.dtype == torch.float32
            values.append(" ".join("%08x" % b for b in t.numpy().reshape(-1).view(np.uint32)))
        out.append({"seed": seed, "calls": calls, "values": values})
    hashes = {}
    for seed in HASHED_SEEDS:
        torch.manual_seed(seed)
        hashes[str(seed)] = hashlib.sha256(torch.randn(HASHED_LENGTH).numpy().tobytes()).hexdigest()
    return {"torch": torch.__version__, "cpu_capability_usage": capability_line(torch), "cases": out, "hashes": hashes}


def to_json(result):
    """Like json.dump with an indent, but one case per line, so the file stays small and diffs stay readable."""
    lines = []
    for key, value in result.items():
        if isinstance(value, dict) and "cases" in value:
            cases = ",\n".join("   " + json.dumps(case) for case in value["cases"])
            head = {k: v for k, v in value.items() if k != "cases"}
            lines.append(f" {json.dumps(key)}: {json.dumps(head)[:-1]}, \"cases\": [\n{cases}\n ]}}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def run(capability):
    env = dict(os.environ)
    env.pop("ATEN_CPU_CAPABILITY", None)
    if capability:
        env["ATEN_CPU_CAPABILITY"] = capability
    out = subprocess.run([sys.executable, __file__, "--one"], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def cpu_has_avx512():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = f.read().split()
    except OSError:
        return False
    return "avx512f" in flags


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(draw()))
        sys.exit(0)

    portable = run("default")
    native = run(None)
    if portable["cpu_capability_usage"] != "NO AVX" or native["cpu_capability_usage"] != "AVX2":
        sys.exit("expected PyTorch to run NO AVX with ATEN_CPU_CAPABILITY=default and AVX2 without it, got "
                 f"{portable['cpu_capability_usage']!r} and {native['cpu_capability_usage']!r}")

    avx512_same_as_avx2 = None
    if cpu_has_avx512():
        avx512 = run("avx512")
        if avx512["cpu_capability_usage"] == "AVX512":
            avx512_same_as_avx2 = avx512["cases"] == native["cases"] and avx512["hashes"] == native["hashes"]

    result = {
        "torch": native["torch"],
        "format": "per case: seed, calls (shapes drawn in order after torch.manual_seed(seed)), values (per call: "
                  "row-major float32 bits as '%08x', space-separated)",
        "avx512_same_as_avx2": avx512_same_as_avx2,
        "hashed": {"length": HASHED_LENGTH, "note": "sha256 of the float32 bytes of torch.randn(length) per seed",
                   "default": portable["hashes"], "avx2": native["hashes"]},
        "default": {"cpu_capability_usage": portable["cpu_capability_usage"], "cases": portable["cases"]},
        "avx2": {"cpu_capability_usage": native["cpu_capability_usage"], "cases": native["cases"]},
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "torch-randn-vectors.json"), "w", encoding="utf-8") as f:
        f.write(to_json(result))
    total = sum(len(v.split()) for case in result["avx2"]["cases"] for v in case["values"])
    print(f"{len(result['avx2']['cases'])} cases, {total} values per capability, "
          f"AVX-512 same as AVX2: {avx512_same_as_avx2}")

"""What the reference scripts that run under each PyTorch CPU kernel share: running a script's function once per kernel,
each in a process of its own, hashing a tensor, writing float32 bits as hex, and writing the JSON file beside the script.

PyTorch picks its CPU kernels once per process from the environment variable ATEN_CPU_CAPABILITY, so a script starts
itself once per kernel: with ATEN_CPU_CAPABILITY=default (the portable kernel) and without the variable (the kernel the
machine picks by itself, which must be AVX2: the script stops otherwise). On a CPU with AVX-512 it also runs with
ATEN_CPU_CAPABILITY=avx512 and records whether its numbers equal the AVX2 ones.
"""
import hashlib
import json
import os
import subprocess
import sys


def capability_line(torch):
    lines = [line.strip() for line in torch.__config__.show().splitlines() if "CPU capability usage" in line]
    return lines[0].split(":", 1)[1].strip()


def sha256(tensor):
    """The SHA-256 of a float32 tensor's values in row-major order, little-endian, as the tests hash a Matrix<float>."""
    assert tensor.dtype.is_floating_point and tensor.element_size() == 4
    return hashlib.sha256(tensor.contiguous().numpy().astype("<f4").tobytes()).hexdigest()


def hex_bits(t):
    """A float32 tensor's values in row-major order, each as the 8 hex digits of its IEEE 754 bits, space-separated."""
    import numpy as np
    import torch
    assert t.dtype == torch.float32
    return " ".join("%08x" % b for b in t.numpy().reshape(-1).view(np.uint32))


def to_json(result):
    """Like json.dump with an indent, but one case or list item per line, so the file stays small and diffs readable."""
    lines = []
    for key, value in result.items():
        if isinstance(value, dict) and "cases" in value:
            cases = ",\n".join("   " + json.dumps(case) for case in value["cases"])
            head = {k: v for k, v in value.items() if k != "cases"}
            lines.append(f" {json.dumps(key)}: {json.dumps(head)[:-1]}, \"cases\": [\n{cases}\n ]}}")
        elif isinstance(value, list):
            items = ",\n".join("   " + json.dumps(item) for item in value)
            lines.append(f" {json.dumps(key)}: [\n{items}\n ]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _run(script, capability):
    env = dict(os.environ)
    env.pop("ATEN_CPU_CAPABILITY", None)
    if capability:
        env["ATEN_CPU_CAPABILITY"] = capability
    out = subprocess.run([sys.executable, script, "--one"], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _cpu_has_avx512():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = f.read().split()
    except OSError:
        return False
    return "avx512f" in flags


def run_each_kernel(script, run):
    """Under --one prints run()'s JSON and exits (the child's part); otherwise starts script once with
    ATEN_CPU_CAPABILITY=default and once without it, and returns their results as {"default": ..., "avx2": ...}."""
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(run()))
        sys.exit(0)
    return {"default": _run(script, "default"), "avx2": _run(script, None)}


def write_beside(script, output, text):
    with open(os.path.join(os.path.dirname(os.path.abspath(script)), output), "w", encoding="utf-8") as f:
        f.write(text)


def main(script, draw, output, result):
    """Runs draw() under each kernel, checks that they are the portable one and AVX2, and writes result(portable,
    native, avx512_same_as_avx2) to output beside script; draw() returns "cpu_capability_usage", "cases", "hashes"."""
    runs = run_each_kernel(script, draw)
    portable, native = runs["default"], runs["avx2"]
    if portable["cpu_capability_usage"] != "NO AVX" or native["cpu_capability_usage"] != "AVX2":
        sys.exit("expected PyTorch to run NO AVX with ATEN_CPU_CAPABILITY=default and AVX2 without it, got "
                 f"{portable['cpu_capability_usage']!r} and {native['cpu_capability_usage']!r}")

    avx512_same_as_avx2 = None
    if _cpu_has_avx512():
        avx512 = _run(script, "avx512")
        if avx512["cpu_capability_usage"] == "AVX512":
            avx512_same_as_avx2 = avx512["cases"] == native["cases"] and avx512["hashes"] == native["hashes"]

    written = result(portable, native, avx512_same_as_avx2)
    write_beside(script, output, to_json(written))
    total = sum(len(v.split()) for case in written["avx2"]["cases"] for v in case["values"])
    print(f"{len(written['avx2']['cases'])} cases, {total} values per capability, "
          f"AVX-512 same as AVX2: {avx512_same_as_avx2}")

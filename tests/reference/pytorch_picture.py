#!/usr/bin/python3
"""Reads notebook 8's picture and answers its exercises with real PyTorch and Pillow, and writes pytorch-picture.json,
which the tests of the PGM reader (Pgm, Pictures.Camera) and of notebook 8's checks (Exercises.N08) compare against,
so the expected values come from outside the library.

Run with Debian's python3-torch (PyTorch 1.13) and python3-pil from this folder:

    /usr/bin/python3 pytorch_picture.py

The picture is read with Pillow, not with the library's reader; the Gaussian matrix of the second exercise is drawn as
the notebook draws it, torch.manual_seed(0); torch.randn(128, 128), with PyTorch's portable kernel
(ATEN_CPU_CAPABILITY=default), whose bits TorchGenerator reproduces, then taken to float64.
"""
import hashlib
import json
import os

os.environ["ATEN_CPU_CAPABILITY"] = "default"  # read when torch loads, so set before the import

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

PICTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks", "data", "camera-128.pgm")


def relative_errors(m):
    """Relative error of the rank-r truncation for r = 1 .. n, by Eckart-Young from the singular values."""
    s = torch.linalg.svdvals(m).square()
    tail = s.flip(0).cumsum(0).flip(0)
    return [(tail[r] / tail[0]).sqrt().item() if r < len(s) else 0.0 for r in range(1, len(s) + 1)]


def main():
    with open(PICTURE, "rb") as f:
        data = f.read()
    image = Image.open(PICTURE)
    p = torch.tensor(np.asarray(image), dtype=torch.float64)
    u, s, vh = torch.linalg.svd(p)
    p20 = u[:, :20] @ torch.diag(s[:20]) @ vh[:20]
    errors = relative_errors(p)

    torch.manual_seed(0)
    noise = torch.randn(128, 128).double()
    noise_errors = relative_errors(noise)

    result = {
        "torch": torch.__version__,
        "capability": "default",
        "sha256": hashlib.sha256(data).hexdigest(),
        "format": image.format,
        "mode": image.mode,
        "size": list(image.size),
        "pixels": {f"{i},{j}": int(p[i, j]) for i, j in [(0, 0), (0, 127), (127, 0), (127, 127), (40, 70), (64, 64)]},
        "sum": int(p.sum().item()),
        "min": int(p.min().item()),
        "max": int(p.max().item()),
        "rank": int(torch.linalg.matrix_rank(p).item()),
        "sigma_1": s[0].item(),
        "sigma_128": s[-1].item(),
        "relative_error_at_rank_20": (torch.linalg.norm(p - p20) / torch.linalg.norm(p)).item(),
        "smallest_rank_for_relative_error": {
            str(t): next(r for r, e in enumerate(errors, start=1) if e <= t) for t in (0.1, 0.05, 0.02)
        },
        "noise_smallest_rank_for_ten_percent": next(r for r, e in enumerate(noise_errors, start=1) if e <= 0.1),
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch-picture.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

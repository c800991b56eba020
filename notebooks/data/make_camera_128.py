"""Writes camera-128.pgm, the picture notebook 8 compresses, from scikit-image's camera.png.

Run with Debian's python3 (python3-skimage 0.19.3, python3-pil, python3-numpy) from this folder:

    /usr/bin/python3 make_camera_128.py

camera.png is 512x512 8-bit greyscale. Each 4x4 block of it is averaged and rounded to the nearest grey level
(halves up), giving 128x128: small enough that a slider over many ranks stays under 1 MB in an executed notebook,
large enough to stay a photograph. The result is written as binary PGM (P5, maxval 255), which the LowRank library
reads without an image library (Pgm.Read). The SHA-256 of the source and of the result are printed and recorded in
README.md, so a changed source shows.
"""
import hashlib
import os

import numpy as np
from PIL import Image

SOURCE = "/usr/lib/python3/dist-packages/skimage/data/camera.png"
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "camera-128.pgm")
FACTOR = 4


def main():
    with open(SOURCE, "rb") as f:
        source = f.read()
    image = Image.open(SOURCE)
    assert image.mode == "L" and image.size == (512, 512), (image.mode, image.size)
    pixels = np.asarray(image, dtype=np.float64)
    n = pixels.shape[0] // FACTOR
    blocks = pixels.reshape(n, FACTOR, n, FACTOR).mean(axis=(1, 3))
    grey = np.floor(blocks + 0.5).astype(np.uint8)
    data = b"P5\n# scikit-image camera.png (Lav Varshney, CC0), 4x4 block means\n%d %d\n255\n" % (n, n) + grey.tobytes()
    with open(TARGET, "wb") as f:
        f.write(data)
    print("source", hashlib.sha256(source).hexdigest(), SOURCE)
    print("result", hashlib.sha256(data).hexdigest(), TARGET, f"{n}x{n}")


if __name__ == "__main__":
    main()

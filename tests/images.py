"""Real pictures for tests, drawn with Pillow: photo-like scenes with gradients and shapes, so
perceptual hashes behave as they do on photographs."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter


def scene(seed: int, size: tuple[int, int] = (640, 400)) -> Image.Image:
    rnd = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size)
    d = ImageDraw.Draw(img)
    top = [rnd.randint(60, 200) for _ in range(3)]
    bottom = [rnd.randint(0, 120) for _ in range(3)]
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)))
    for _ in range(14):
        x, y, r = rnd.randint(0, w), rnd.randint(0, h), rnd.randint(20, 120)
        d.ellipse([x - r, y - r // 2, x + r, y + r // 2], fill=tuple(rnd.randint(0, 255) for _ in range(3)))
    for _ in range(8):
        x, y = rnd.randint(0, w), rnd.randint(0, h)
        d.rectangle(
            [x, y, x + rnd.randint(30, 200), y + rnd.randint(10, 80)],
            fill=tuple(rnd.randint(0, 255) for _ in range(3)),
        )
    return img.filter(ImageFilter.GaussianBlur(1.5))


def jpeg(img: Image.Image, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def logo() -> Image.Image:
    img = Image.new("RGB", (200, 60), "white")
    ImageDraw.Draw(img).text((10, 20), "COPY SITE", fill="black")
    return img


SOURCE_SEED = 7
PICTURES = {
    "source": lambda: jpeg(scene(SOURCE_SEED)),
    "source-resized": lambda: jpeg(scene(SOURCE_SEED).resize((480, 300), Image.LANCZOS), quality=55),
    "unrelated": lambda: jpeg(scene(1234)),
    "logo": lambda: png(logo()),
}

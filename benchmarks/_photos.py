"""Real photographs shipped with scikit-image (no download) and what social media does to them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageOps


def photos() -> dict[str, Image.Image]:
    import skimage.data as d

    out = {}
    for name in ("astronaut", "camera", "chelsea", "coffee", "rocket", "hubble_deep_field", "retina",
                 "moon", "coins", "clock", "immunohistochemistry", "cell", "horse", "page", "grass", "brick"):
        arr = getattr(d, name)()
        if arr.dtype != np.uint8:
            arr = (arr.astype(float) / arr.max() * 255).astype(np.uint8)
        out[name] = Image.fromarray(arr).convert("RGB")
    return out


def _jpeg(img: Image.Image, q: int) -> Image.Image:
    import io

    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=q)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def _crop(img: Image.Image, left: float, top: float, right: float, bottom: float) -> Image.Image:
    w, h = img.size
    return img.crop((int(w * left), int(h * top), int(w * (1 - right)), int(h * (1 - bottom))))


def _caption(img: Image.Image) -> Image.Image:
    w, h = img.size
    bar = int(h * 0.16)
    out = Image.new("RGB", (w, h + bar), "white")
    out.paste(img, (0, bar))
    d = ImageDraw.Draw(out)
    for i in range(4):
        d.text((10 + i * w // 4, bar // 3), "BREAKING NEWS", fill="black")
    return out


def _screenshot(img: Image.Image) -> Image.Image:
    w, h = img.size
    top, bottom = int(h * 0.07), int(h * 0.14)
    out = Image.new("RGB", (w, h + top + bottom), (20, 20, 24))
    out.paste(img, (0, top))
    d = ImageDraw.Draw(out)
    d.text((8, 2), "12:41", fill="white")
    d.rectangle((w - 40, 4, w - 10, top - 4), fill="white")
    for i in range(4):
        x = 20 + i * (w // 4)
        d.ellipse((x, h + top + 10, x + 24, h + top + 34), fill=(200, 200, 200))
    return out


def _post_frame(img: Image.Image) -> Image.Image:
    w, h = img.size
    mx, my = int(w * 0.12), int(h * 0.2)
    out = Image.new("RGB", (w + 2 * mx, h + 2 * my), (245, 245, 245))
    out.paste(img, (mx, my))
    d = ImageDraw.Draw(out)
    d.text((mx, my // 3), "@someone shared a post", fill=(40, 40, 40))
    d.text((mx, h + my + my // 3), "1.2K likes  300 comments", fill=(90, 90, 90))
    return out


def _rotate(img: Image.Image, deg: float) -> Image.Image:
    return img.rotate(deg, resample=Image.Resampling.BILINEAR, expand=False)


def _watermark(img: Image.Image) -> Image.Image:
    out = img.copy()
    d = ImageDraw.Draw(out)
    w, h = out.size
    d.rectangle((w - 110, h - 26, w - 6, h - 6), fill=(255, 255, 255))
    d.text((w - 104, h - 22), "@newsdesk", fill="black")
    return out


TRANSFORMS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "resize 50% + JPEG 70": lambda im: _jpeg(im.resize((im.width // 2, im.height // 2)), 70),
    "JPEG quality 25": lambda im: _jpeg(im, 25),
    "crop 12% left": lambda im: _crop(im, 0.12, 0, 0, 0),
    "crop 12% top": lambda im: _crop(im, 0, 0.12, 0, 0),
    "crop 12% right+bottom": lambda im: _crop(im, 0, 0, 0.12, 0.12),
    "crop 8% every side": lambda im: _crop(im, 0.08, 0.08, 0.08, 0.08),
    "caption bar": _caption,
    "screenshot frame": _screenshot,
    "post frame with margins": _post_frame,
    "mirror": ImageOps.mirror,
    "rotate +5°": lambda im: _rotate(im, 5),
    "rotate -3°": lambda im: _rotate(im, -3),
    "grayscale": lambda im: ImageOps.grayscale(im).convert("RGB"),
    "brighter +30%": lambda im: ImageEnhance.Brightness(im).enhance(1.3),
    "contrast 70%": lambda im: ImageEnhance.Contrast(im).enhance(0.7),
    "small watermark": _watermark,
    "JPEG 40 + crop 6% + caption": lambda im: _caption(_crop(_jpeg(im, 40), 0.06, 0.06, 0.0, 0.0)),
}

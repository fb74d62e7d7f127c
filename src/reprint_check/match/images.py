"""Perceptual fingerprints of images, to recognise a picture re-hosted under a new name after
resizing or recompression. imagehash does the hashing; it is imported lazily because it pulls in
numpy and scipy, which a `--help` should not pay for."""

from __future__ import annotations

import io
from dataclasses import dataclass

MIN_SIDE = 48  # icons, pixels and spacers are too small to fingerprint reliably
MIN_SPREAD = 12  # near-flat images (blank banners, solid logos) all hash alike


class ImageError(Exception):
    """The bytes are not an image that can be fingerprinted."""


@dataclass(frozen=True)
class Fingerprint:
    phash: int
    dhash: int
    width: int
    height: int

    def distance(self, other: Fingerprint) -> int:
        """Hamming distance of the perceptual hashes (0 = same picture, 64 = opposite)."""
        return (self.phash ^ other.phash).bit_count()

    def same_picture(self, other: Fingerprint, max_distance: int) -> bool:
        # Two independent hashes must agree: one hash alone matches unrelated pictures now and then.
        return (
            self.distance(other) <= max_distance
            and (self.dhash ^ other.dhash).bit_count() <= max_distance + 6
        )


def fingerprint(data: bytes) -> Fingerprint:
    """Fingerprint image bytes, or ImageError for what cannot or should not be hashed."""
    import imagehash
    from PIL import Image, ImageStat, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.draft("RGB", (512, 512))  # JPEG: decode at reduced size, far cheaper and enough for a hash
            rgb = img.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(f"not a readable image: {exc}") from exc
    width, height = rgb.size
    if min(width, height) < MIN_SIDE:
        raise ImageError(f"too small to compare ({width}x{height})")
    spread = max(ImageStat.Stat(rgb.convert("L")).stddev)
    if spread < MIN_SPREAD:
        raise ImageError("too plain to compare")
    return Fingerprint(
        phash=int(str(imagehash.phash(rgb)), 16),
        dhash=int(str(imagehash.dhash(rgb)), 16),
        width=width,
        height=height,
    )

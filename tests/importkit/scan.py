"""The scanned form of a fixture source: the PDF of ``pdf.py`` printed,
then scanned back -- each page rendered to an image, turned a little,
sprinkled with specks, and wrapped as a PDF with no text layer, as an
office's scanner gives the signed paper."""

from __future__ import annotations

import random
from pathlib import Path

from .pdf import make_pdf
from .source import PlanSource


def make_scan(source: PlanSource, path: Path, *, angle: float = 1.2, specks: float = 0.0015, dpi: int = 200, seed: int = 7) -> Path:
    import pypdfium2 as pdfium
    from PIL import Image

    path = Path(path)
    printed = make_pdf(source, path.with_suffix(".printed.pdf"))
    document = pdfium.PdfDocument(str(printed))
    rng = random.Random(seed)
    pages = []
    try:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            pixels = image.load()
            for _ in range(int(image.width * image.height * specks)):
                x, y = rng.randrange(image.width), rng.randrange(image.height)
                pixels[x, y] = rng.choice((0, 60, 120))
            pages.append(image)
    finally:
        document.close()
    printed.unlink()
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return path

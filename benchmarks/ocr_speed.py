"""Seconds per page of reading a scanned plan (OCR): fixture plans printed
and scanned (tests/importkit/scan.py), then read by the PDF reader, which
OCRs their pages; with the repairs and the uncertain words the review
report lists.  Usage: python benchmarks/ocr_speed.py [--cases N]"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.importer.pdf import read_pdf  # noqa: E402
from tests.importkit.evaluate import cases  # noqa: E402
from tests.importkit.scan import make_scan  # noqa: E402
from tests.importkit.source import parse_source  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=4)
    args = parser.parse_args(argv)
    pages = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        for src in cases()[: args.cases]:
            scan = make_scan(parse_source(src.read_text(encoding="utf-8")), Path(tmp) / f"{src.stem}.pdf")
            counted: list[int] = []
            notes: list[str] = []
            start = time.perf_counter()
            read_pdf(scan, progress=lambda done, total: counted.append(total), notes=notes)
            elapsed = time.perf_counter() - start
            n = counted[0] if counted else 1
            pages += n
            seconds += elapsed
            repaired = sum(" đọc là " in note for note in notes)  # the repairs the report lists, and the words left uncertain
            uncertain = sum("chữ đọc không chắc" in note for note in notes)
            print(f"{src.stem:45} {n:3} trang  {elapsed:6.1f} s  {elapsed / n:5.1f} s/trang  {repaired:3} sửa  {uncertain:3} không chắc")
    print(f"{'tổng':45} {pages:3} trang  {seconds:6.1f} s  {seconds / max(pages, 1):5.1f} s/trang")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The MkDocs adapter: runs the pipeline in ``on_files`` and adds the pages.

Only this module (and ``search.py``) knows about MkDocs or runs other
programs; the pipeline stays renderer-independent.

Memory: MkDocs 1.6 reads and converts every page before it writes any, and
would hold every page's Markdown and HTML until the end.  So the generated
pages are written to a private scratch directory (MkDocs reads each one when
it gets to it), data files go straight to ``site_dir``, and each page's HTML
waits on disk between its conversion (``on_page_content``) and its template
(``on_page_context``).  Pages marked ``kehoach_html: true`` are HTML already
and skip Python-Markdown (see ``prerendered.py``).
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import shutil
import tempfile
import weakref
from datetime import date
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from . import prerendered
from .pipeline import build_corpus, iter_site

log = logging.getLogger("mkdocs.plugins.kehoach")


class KehoachConfig(Config):
    content_dir = opt.Type(str, default="content")
    build_date = opt.Optional(opt.Type(str))
    search = opt.Type(bool, default=True)
    # Highest access level published: cong-khai | noi-bo | mat (or $KEHOACH_AUDIENCE).
    audience = opt.Optional(opt.Choice(("cong-khai", "noi-bo", "mat")))


def configured_build_date(value: str | None) -> date:
    """The "as of" date shown on pages: config, then $KEHOACH_BUILD_DATE, then today."""
    value = value or os.environ.get("KEHOACH_BUILD_DATE")
    return date.fromisoformat(value) if value else date.today()


def configured_audience(value: str | None) -> str:
    from .pipeline import ACCESS_RANK, DEFAULT_AUDIENCE

    value = value or os.environ.get("KEHOACH_AUDIENCE") or DEFAULT_AUDIENCE
    if value not in ACCESS_RANK:
        raise PluginError(f'Mức truy cập "{value}" không hợp lệ; chọn cong-khai, noi-bo hoặc mat.')
    return value


def configured_permalinks(config) -> prerendered.Permalinks | None:
    """The toc extension's permalink settings, for the pre-rendered pages' headings."""
    if "toc" not in config.markdown_extensions:
        return None
    toc = (config.mdx_configs or {}).get("toc", {})
    symbol = toc.get("permalink", False)
    if symbol in (False, None):
        return None
    return prerendered.Permalinks(
        symbol="&para;" if symbol is True else str(symbol),
        title=toc.get("permalink_title", ""),
        css_class=toc.get("permalink_class", "headerlink"),
    )


def _release_freed_memory() -> None:
    """Pagefind runs beside this process, which would keep the memory the
    build has freed (glibc holds it for reuse): give it back to the system."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


class _Scratch:
    """A private directory removed when the build ends, fails, or the process exits."""

    def __init__(self, near: Path):
        near.mkdir(parents=True, exist_ok=True)
        # Next to the site rather than in /tmp, which may be a RAM disk.
        self.path = Path(tempfile.mkdtemp(prefix=".kehoach-work-", dir=near))
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.path), True)

    def remove(self) -> None:
        self._finalizer()


class KehoachPlugin(BasePlugin[KehoachConfig]):
    def __init__(self):
        super().__init__()
        self._scratch: _Scratch | None = None
        self._held: dict[str, Path] = {}  # src_uri -> file holding the page's HTML until its template
        self._html_pages: dict[str, str] = {}  # src_uri -> pre-rendered HTML, from on_page_markdown to on_page_content

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.content_dir = (self.root / self.config.content_dir).resolve()
        self.permalinks = configured_permalinks(config)
        return config

    def on_files(self, files: Files, config) -> Files:
        corpus, report = build_corpus(
            self.root,
            self.content_dir,
            build_date=configured_build_date(self.config.build_date),
            audience=configured_audience(self.config.audience),
        )
        for note in report.notes:
            log.info(note)
        for diagnostic in report.sorted():
            (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
        if report.errors:
            raise PluginError(f"Không xây dựng trang vì có lỗi trong nội dung. {report.summary()}")
        self._cleanup()
        self._scratch = scratch = _Scratch(Path(config.site_dir).resolve().parent)
        site_dir = Path(config.site_dir)
        generated: dict[str, File] = {}
        for path, content in iter_site(corpus, base_url=config.site_url or None):  # one at a time
            # Pages wait in the scratch directory until MkDocs reads them; data
            # files are written where they belong (MkDocs skips copying a file
            # onto itself).
            target = (scratch.path / "pages" if path.endswith(".md") else site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            generated[path] = File.generated(config, path, abs_src_path=str(target))
        for path, file in sorted(generated.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(file)
        return files

    # --- pre-rendered pages ---------------------------------------------------------

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.meta.get(prerendered.FLAG) is True:
            self._html_pages[page.file.src_uri] = markdown
            return ""  # Python-Markdown converts nothing
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        source = self._html_pages.pop(page.file.src_uri, None)
        if source is not None:
            ready = prerendered.prepare(source, self.permalinks)
            html = ready.html
            page.toc = get_toc(ready.toc_tokens)
            page.present_anchor_ids = ready.anchor_ids
            if ready.title is not None:
                page._title_from_render = ready.title
        return self._hold(html, page)

    # --- each page's HTML on disk until its template ------------------------------------

    def _hold(self, html: str, page) -> str:
        if self._scratch is None:
            return html
        page.title = page.title  # fixed now: MkDocs derives it from the Markdown released below
        path = self._scratch.path / "html" / f"{len(self._held)}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(html.encode("utf-8", "surrogatepass"))
        self._held[page.file.src_uri] = path
        page.markdown = ""
        return ""

    def on_page_context(self, context, page, config, nav):
        path = self._held.get(page.file.src_uri)
        if path is not None:
            page.content = path.read_bytes().decode("utf-8", "surrogatepass")
        return context

    def on_post_page(self, output: str, page, config) -> str:
        path = self._held.pop(page.file.src_uri, None)
        if path is not None:
            page.content = ""
            path.unlink()
        return output

    # --- the end of a build -----------------------------------------------------------

    def _cleanup(self) -> None:
        if self._scratch is not None:
            self._scratch.remove()
            self._scratch = None
        self._held.clear()
        self._html_pages.clear()

    def on_build_error(self, error) -> None:
        self._cleanup()

    def on_serve(self, server, config, builder):
        server.watch(str(self.content_dir))
        return server

    def on_post_build(self, config) -> None:
        self._cleanup()
        if self.config.search:
            from .search import index_site

            _release_freed_memory()
            index_site(Path(config.site_dir))

"""The MkDocs adapter: runs the pipeline in ``on_files`` and adds the pages.

Only this module (and ``search.py``) knows about MkDocs or runs other
programs; the pipeline stays renderer-independent.

Memory: MkDocs 1.6 reads and converts every page before it writes any, and
would hold every page's Markdown and HTML until the end.  So the generated
pages wait in a temporary file on disk until MkDocs reads each one
(``on_page_read_source``), each page's HTML waits there too from its
conversion (``on_page_content``) to its template (``on_page_context``), and
data files go straight to ``site_dir``.  Pages marked ``kehoach_html: true``
are HTML already and skip Python-Markdown (see ``prerendered.py``).

Incremental builds: ``kehoach build`` gives the plugin a ``build_cache``
(``build_cache.py``) and runs MkDocs with dirty semantics into a fresh
folder.  Plans come from the cache where their files did not change; a
generated page whose source, lookups and old HTML are what the last build
had is hard-linked from the current site and marked not modified, so MkDocs
neither converts nor writes it.  Every other page is rendered as in a clean
build.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import logging
import os
import tempfile
from datetime import date
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from . import build_cache as cache_files
from . import prerendered
from .paging import DEFAULT_PAGE_ROWS
from .pipeline import build_corpus, byte_pieces, iter_site

log = logging.getLogger("mkdocs.plugins.kehoach")


class KehoachConfig(Config):
    content_dir = opt.Type(str, default="content")
    build_date = opt.Optional(opt.Type(str))
    search = opt.Type(bool, default=True)
    # Highest access level published: cong-khai | noi-bo | mat (or $KEHOACH_AUDIENCE).
    audience = opt.Optional(opt.Choice(("cong-khai", "noi-bo", "mat")))
    # Longest list on one page (timeline, body pages ...); longer lists are cut into pages.
    page_rows = opt.Type(int, default=DEFAULT_PAGE_ROWS)


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


def unsafe_site_dir(target: Path, config_file: Path, content_dir: str, docs_dir: Path) -> str | None:
    """Why building into ``target`` would destroy the project, or None.

    A build replaces its target folder whole: the target may never be,
    hold or sit inside content/, the docs folder, mkdocs.yml or the project
    folder itself, nor be a file or a folder of something else."""
    target = Path(os.path.realpath(target))
    root = Path(os.path.realpath(config_file)).parent
    protected = (
        (root, "thư mục dự án"),
        (Path(os.path.realpath(root / content_dir)), "thư mục nội dung content/ (mọi kế hoạch và danh mục)"),
        (Path(os.path.realpath(docs_dir)), "thư mục trang tĩnh (docs_dir)"),
        (Path(os.path.realpath(config_file)), "tệp cấu hình mkdocs.yml"),
    )
    for path, what in protected:
        if target == path:
            return f"đó chính là {what} ({path}); xây dựng sẽ thay nó bằng trang và xóa mất nội dung cũ. Chọn thư mục khác, ví dụ -d site."
        if path.is_relative_to(target):
            return f"thư mục này chứa {what} ({path}); xây dựng sẽ xóa mất nó. Chọn thư mục khác, ví dụ -d site."
        if path != root and target.is_relative_to(path):
            return f"thư mục này nằm trong {what} ({path}); trang sẽ bị đọc lẫn vào nội dung. Chọn thư mục khác, ví dụ -d site."
    if target.exists() and not target.is_dir():
        return "đó là một tệp, không phải thư mục. Chọn thư mục khác, ví dụ -d site."
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        return (
            "thư mục đã có và chứa các tệp khác, không phải trang đã xây dựng (không có index.html); xây dựng sẽ xóa "
            "chúng. Chọn một thư mục mới hoặc trống, ví dụ -d site."
        )
    return None


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


class _Spool:
    """Texts kept on disk in one unnamed temporary file, read back by offset.

    One file, not a file per page: creating a file cost ~0.5 ms here, more
    than writing its bytes, and a build parks each page twice.  The file has
    no name (O_TMPFILE where the system has it), so it disappears when closed
    or when the process dies, however it dies."""

    def __init__(self, near: Path):
        near.mkdir(parents=True, exist_ok=True)
        # Next to the site rather than in /tmp, which may be a RAM disk.
        self._file = tempfile.TemporaryFile(prefix=".kehoach-", dir=near)

    def put(self, data: bytes) -> tuple[int, int]:
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        return offset, len(data)

    def get(self, where: tuple[int, int]) -> bytes:
        offset, size = where
        self._file.seek(offset)
        return self._file.read(size)

    def close(self) -> None:
        self._file.close()


class KehoachPlugin(BasePlugin[KehoachConfig]):
    def __init__(self):
        super().__init__()
        self._command = "build"
        self._dirty = False
        self._digests: dict[str, bytes] = {}  # generated page -> digest of its source at the last build (dirty serve)
        self._indexed = False  # a search index is in site_dir from an earlier build of this serve
        self._spool: _Spool | None = None
        self._sources: dict[str, tuple[int, int]] = {}  # src_uri -> the generated page's source in the spool
        self._held: dict[str, tuple[int, int]] = {}  # src_uri -> its HTML in the spool, until its template
        self._html_pages: dict[str, str] = {}  # src_uri -> pre-rendered HTML, from on_page_markdown to on_page_content
        self._framed: dict[str, tuple[str, str]] = {}  # src_uri -> HTML around its Markdown part (kehoach_parts)
        # Set by `kehoach build` (cli._build_site) before MkDocs runs: the cache of this site.
        self.build_cache: cache_files.BuildCache | None = None
        self._reuse: _Reuse | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup keeps this object across the rebuilds of one
        # `serve`, so a dirty rebuild can tell which generated pages changed.
        self._command, self._dirty = command, dirty
        if command == "serve":
            from .load import enable_cache

            enable_cache()  # a rebuild re-reads only the plans that changed

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.content_dir = (self.root / self.config.content_dir).resolve()
        if self._command == "build":  # `mkdocs build` writes into site_dir itself (kehoach build checks its own target)
            site = Path(config.site_dir)
            problem = None if site.name.startswith(".") and ".new-" in site.name else unsafe_site_dir(site, Path(config.config_file_path), self.config.content_dir, Path(config.docs_dir))
            if problem:
                raise PluginError(f"{config.config_file_path}: site_dir: không xây dựng trang vào {site}: {problem}")
        self.permalinks = configured_permalinks(config)
        if self.config.page_rows < 1:
            raise PluginError(
                f"{config.config_file_path}: page_rows: {self.config.page_rows} không hợp lệ: số dòng tối đa của một trang "
                "danh sách phải từ 1 trở lên. Cách sửa: đặt page_rows: 400 (mặc định) hoặc bỏ dòng này."
            )
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.build_cache is not None:
            from .load import enable_cache

            enable_cache(self.build_cache.plans)  # plans whose files did not change are not read again
            self._reuse = _Reuse(self.build_cache, config)
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
        self._spool = spool = _Spool(Path(config.site_dir).resolve().parent)
        site_dir = Path(config.site_dir)
        generated: dict[str, File] = {}
        for path, content in iter_site(corpus, base_url=config.site_url or None, page_rows=self.config.page_rows):  # one at a time
            pieces = byte_pieces(content)
            if path.endswith(".md"):
                # Read back by on_page_read_source when MkDocs gets to the page.
                data = b"".join(pieces)
                self._sources[path] = spool.put(data)
                generated[path] = file = File.generated(config, path, content="")
                if self._reuse is not None:
                    self._reuse.offer(path, data)
                if self._dirty:
                    # `serve --dirty`: a page whose source is what it was at the
                    # last build keeps the HTML that build wrote (MkDocs skips
                    # pages that are not modified): editing one plan re-renders
                    # only the pages that show something of it.
                    digest = hashlib.blake2b(data, digest_size=16).digest()
                    if self._digests.get(path) == digest and (site_dir / file.dest_uri).exists():
                        file.is_modified = lambda: False  # type: ignore[method-assign]
                    self._digests[path] = digest
            else:
                # Written where it belongs; MkDocs skips copying a file onto itself.
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    for piece in pieces:
                        out.write(piece)
                generated[path] = File.generated(config, path, abs_src_path=str(target))
        for path, file in sorted(generated.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(file)
        if self._reuse is not None:
            from .load import disable_cache

            disable_cache()  # the corpus holds what it needs; the build's memory goes back before Pagefind
            self._reuse.watch(files)
        return files

    def on_nav(self, nav, config, files):
        if self._reuse is not None:
            self._reuse.link_unchanged(nav, files, Path(config.site_dir))
        return nav

    def on_page_read_source(self, page, config) -> str | None:
        where = self._sources.pop(page.file.src_uri, None)
        if where is None or self._spool is None:
            return None
        return self._spool.get(where).decode("utf-8-sig")  # as MkDocs reads a file

    # --- pre-rendered pages ---------------------------------------------------------

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if self._reuse is not None:
            self._reuse.converting(page.file.src_uri)
        if page.meta.get(prerendered.FLAG) is True:
            self._html_pages[page.file.src_uri] = markdown
            return ""  # Python-Markdown converts nothing
        if page.meta.get(prerendered.PARTS_FLAG) is True:
            # Only the plan's text is Markdown; md_in_html over a whole page
            # wrapped in <div markdown> cost 25 of its 29 ms.
            before, text, after = prerendered.split_parts(markdown)
            self._framed[page.file.src_uri] = (before, after)
            return text
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        if self._reuse is not None:
            self._reuse.converted(page.file.src_uri)
        frame = self._framed.pop(page.file.src_uri, None)
        if frame is not None:
            before = prerendered.prepare(frame[0], self.permalinks).html  # the title's permalink, as Markdown gave it
            html = prerendered.join_parts(before, html, frame[1])
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
        if self._spool is None:
            return html
        page.title = page.title  # fixed now: MkDocs derives it from the Markdown released below
        self._held[page.file.src_uri] = self._spool.put(html.encode("utf-8", "surrogatepass"))
        page.markdown = ""
        return ""

    def on_page_context(self, context, page, config, nav):
        where = self._held.get(page.file.src_uri)
        if where is not None and self._spool is not None:
            page.content = self._spool.get(where).decode("utf-8", "surrogatepass")
        return context

    def on_post_page(self, output: str, page, config) -> str:
        if self._held.pop(page.file.src_uri, None) is not None:
            page.content = ""
        return output

    # --- the end of a build -----------------------------------------------------------

    def _cleanup(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        self._sources.clear()
        self._held.clear()
        self._html_pages.clear()
        self._framed.clear()

    def on_build_error(self, error) -> None:
        self._cleanup()
        if self._reuse is not None:
            self._reuse.close()
            self._reuse = None

    def on_serve(self, server, config, builder):
        server.watch(str(self.content_dir))
        return server

    def on_post_build(self, config) -> None:
        self._cleanup()
        if self._reuse is not None:
            self._reuse.record(Path(config.site_dir))
            self._reuse = None
        if self.config.search:
            from .search import index_site

            if self._command == "serve" and self._dirty and self._indexed:
                # A preview rebuild: the search index of the first build stays
                # (re-indexing everything would cost more than the rebuild).
                log.info("Bản xem trước: chỉ mục tìm kiếm giữ nguyên từ lần dựng đầu; chạy kehoach build để cập nhật.")
                return
            _release_freed_memory()
            index_site(Path(config.site_dir))
            self._indexed = True


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


class _Reuse:
    """One incremental `kehoach build`: which generated pages keep the HTML
    of the site in place, and what the next build needs to know of this one."""

    def __init__(self, cache: cache_files.BuildCache, config):
        self.cache = cache
        self.previous_site = cache.site
        self.key = cache.render_key(config)
        self.previous_nav, self.previous = cache.previous_pages(self.key)
        if config.validation.links.anchors >= logging.WARNING:
            # MkDocs checks anchors only of pages it renders: a reused page's would go unchecked.
            self.previous = {}
        self.nav = b""
        self.digests: dict[str, bytes] = {}  # generated page -> digest of its source
        self.dests: dict[str, str] = {}  # generated page -> its HTML file in the site
        self.candidates: dict[str, tuple] = {}  # same source as last time -> the last build's record
        self.linked: dict[str, tuple] = {}  # hard-linked from the old site
        self.rendered: dict[str, tuple] = {}  # src_uri -> the files its conversion looked up, (path, found)
        self.warned: set[str] = set()  # pages whose conversion warned: rendered again next time, to warn again
        self._current: str | None = None
        self._lookups: set = set()
        self._warnings_before = 0
        self._counter = _WarningCount()
        logging.getLogger("mkdocs").addHandler(self._counter)

    def offer(self, path: str, source: bytes) -> None:
        digest = hashlib.blake2b(source, digest_size=16).digest()
        self.digests[path] = digest
        record = self.previous.get(path)
        if record is not None and record[0] == digest:
            self.candidates[path] = record

    def watch(self, files: Files) -> None:
        """Record which files each page's Markdown asks for (its links):
        whether a link target exists decides how the link is written."""
        lookup = files.get_file_from_path

        def recording(path: str):
            found = lookup(path)
            if self._current is not None:
                self._lookups.add((path, found is not None))
            return found

        files.get_file_from_path = recording  # type: ignore[method-assign]

    def link_unchanged(self, nav, files: Files, site_dir: Path) -> None:
        self.nav = cache_files.nav_key(nav)
        for path in self.digests:
            file = files.get_file_from_path(path)
            if file is not None:
                self.dests[path] = file.dest_uri
        if self.nav != self.previous_nav:
            self.candidates.clear()  # every page shows the navigation
        for path, record in self.candidates.items():
            _, lookups, dest, stat = record
            file = files.get_file_from_path(path)
            if file is None or file.dest_uri != dest or any((files.get_file_from_path(p) is not None) != found for p, found in lookups):
                continue
            old = self.previous_site / dest
            if cache_files.html_stat(old) != stat:
                continue  # not the HTML that build wrote
            try:
                cache_files.link_or_copy(old, site_dir / dest)
            except OSError:
                continue
            file.is_modified = lambda: False  # type: ignore[method-assign]
            self.linked[path] = record
        self.candidates.clear()
        if self.linked:
            log.info(f"Dựng lại có chọn lọc: giữ {len(self.linked)}/{len(self.digests)} trang không đổi từ lần dựng trước.")

    def converting(self, src_uri: str) -> None:
        self._current, self._lookups = src_uri, set()
        self._warnings_before = self._counter.count

    def converted(self, src_uri: str) -> None:
        if self._current == src_uri:
            self.rendered[src_uri] = tuple(sorted(self._lookups))
            if self._counter.count > self._warnings_before:
                self.warned.add(src_uri)
        self._current = None

    def record(self, site_dir: Path) -> None:
        """What the next build needs to know of each generated page of this one."""
        self.close()
        pages = {}
        for path, digest in self.digests.items():
            if path in self.linked:
                _, lookups, dest, _ = self.linked[path]
            elif path in self.rendered and path not in self.warned and path in self.dests:
                lookups, dest = self.rendered[path], self.dests[path]
            else:
                continue
            stat = cache_files.html_stat(site_dir / dest)
            if stat is not None:
                pages[path] = (digest, lookups, dest, stat)
        self.cache.stage_pages(self.key, self.nav, pages)

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self._counter)

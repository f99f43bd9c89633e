"""The MkDocs adapter: runs the pipeline in ``on_files`` and adds the pages.

Only this module (and ``search.py``) knows about MkDocs or runs other
programs; the pipeline stays renderer-independent.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .pipeline import build_corpus, emit_site

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


class KehoachPlugin(BasePlugin[KehoachConfig]):
    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.content_dir = (self.root / self.config.content_dir).resolve()
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
        for path, content in sorted(emit_site(corpus, base_url=config.site_url or None).items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server, config, builder):
        server.watch(str(self.content_dir))
        return server

    def on_post_build(self, config) -> None:
        if self.config.search:
            from .search import index_site

            index_site(Path(config.site_dir))

"""The offline bundle: one .zip of the built site that opens from disk.

A person unzips it and double-clicks ``index.html``; pages, links and search
work from ``file://`` in Chromium and Firefox, with no server and no network.

Browsers refuse ``import()`` and ``fetch()`` of ``file://`` URLs, which is how
Pagefind loads itself and its index; they allow classic ``<script>`` elements.
So the bundle adds, next to each file of each index shard (search.py), a
small script holding it (``pagefind/ke-hoach-2024/index/vi_….pf_index.js``,
base64), and one loader, ``pagefind/pagefind-offline.js``, holding
``pagefind.js``.  ``pages/assets/search.js`` loads the loader only when the
page is opened from disk; it patches ``fetch`` so that each request Pagefind
makes under the index folder adds that file's script, answers from it and
forgets it, and hands ``pagefind.js`` back as a ``data:`` URL.  The index is
read in the pieces Pagefind asks for, as over http, never the whole of it.
That leans on Pagefind 1.5 internals (every index file is read with
``fetch(basePath + name)``; ``noWorker`` keeps the search on the page), hence
the version check here and the pin in pyproject.toml.  The intranet site never
gets these scripts and loads Pagefind normally.

The zip is deterministic: entries sorted, every timestamp the build date.
"""

from __future__ import annotations

import base64
import json
import os
import zipfile
from datetime import date
from pathlib import Path

from .encoding import os_error
from .render import vn_date

OFFLINE_SCRIPT = "pagefind/pagefind-offline.js"
PAGEFIND_SERIES = "1.5."

# What Pagefind fetches at search time, in each shard.
_INDEX_FILES = ("pagefind-entry.json", "pagefind.*.pf_meta", "wasm.*.pagefind", "index/*.pf_index", "filter/*.pf_filter", "fragment/*.pf_fragment")


class BundleError(Exception):
    """The site cannot be bundled: which file, and why (in Vietnamese)."""

    def __init__(self, path: Path, message: str):
        super().__init__(path, message)
        self.path, self.message = path, message

    def __str__(self) -> str:
        return f"{self.path}: lỗi[đóng-gói]: {self.message}"


def check_output(out_zip: Path) -> None:
    """Refuse an output that cannot be written, before the site is built."""
    out_zip = Path(out_zip)
    if out_zip.is_dir():
        raise BundleError(out_zip, "đây là một thư mục; -o cần tên tệp .zip, ví dụ -o dist/kehoach-site.zip.")
    if out_zip.suffix.lower() != ".zip":
        raise BundleError(out_zip, "tên tệp đóng gói phải có đuôi .zip, ví dụ -o dist/kehoach-site.zip.")
    folder = out_zip.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise BundleError(out_zip, f"{folder} là một tệp, không phải thư mục; chọn nơi ghi khác.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BundleError(out_zip, f"không có quyền ghi vào thư mục {folder}; chọn nơi ghi khác bằng -o.")


def make_bundle(site_dir: Path, out_zip: Path, build_date: date | str) -> Path:
    """Write ``out_zip`` from the built site in ``site_dir`` and return its path.

    Entries sit under one folder named after the zip (``kehoach-site/...``),
    so unzipping never scatters files.  The zip is replaced only when complete.
    """
    site_dir, out_zip = Path(site_dir), Path(out_zip)
    day = build_date if isinstance(build_date, date) else date.fromisoformat(str(build_date))
    _check_site(site_dir, day)
    offline = offline_files(site_dir / "pagefind")
    entries = {path.relative_to(site_dir).as_posix(): path.read_bytes() for path in _site_files(site_dir)}
    entries.update(offline)

    check_output(out_zip)
    partial = out_zip.with_name(f".{out_zip.name}.{os.getpid()}.partial")
    try:
        out_zip.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w") as archive:
            for name in sorted(entries):
                archive.writestr(_entry(f"{out_zip.stem}/{name}", day), entries[name], compresslevel=9)
        os.replace(partial, out_zip)
    except OSError as exc:
        Path(partial).unlink(missing_ok=True)
        raise BundleError(out_zip, f"không ghi được tệp: {os_error(exc)}; chọn nơi ghi khác bằng -o.") from exc
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return out_zip


def offline_files(pagefind_dir: Path) -> dict[str, bytes]:
    """The loader and one script per index file, by their path in the site."""
    files = {OFFLINE_SCRIPT: offline_script(pagefind_dir)}
    for shard in sorted(p.parent for p in pagefind_dir.glob("*/pagefind-entry.json")):
        _check_version(shard / "pagefind-entry.json")
        for pattern in _INDEX_FILES:
            for path in sorted(shard.glob(pattern)):
                name = path.relative_to(pagefind_dir).as_posix()
                data = base64.b64encode(path.read_bytes()).decode("ascii")
                files[f"pagefind/{name}.js"] = f"kehoachPagefindOffline.put({json.dumps(name)},\"{data}\");\n".encode("ascii")
    return files


def offline_script(pagefind_dir: Path) -> bytes:
    """The classic script that serves the Pagefind index from its scripts (see module doc)."""
    primary = _primary(pagefind_dir)
    version = _check_version(primary / "pagefind-entry.json")
    module = base64.b64encode((primary / "pagefind.js").read_bytes()).decode("ascii")
    script = _OFFLINE_TEMPLATE.format(version=version, version_json=json.dumps(version), module=json.dumps(module))
    return script.encode("utf-8")


def _primary(pagefind_dir: Path) -> Path:
    from .search import read_shards

    try:
        primary = pagefind_dir / read_shards(pagefind_dir)["primary"]
    except (OSError, ValueError, KeyError):
        primary = None
    if primary is None or not (primary / "pagefind-entry.json").is_file():
        raise BundleError(pagefind_dir / "shards.js", "không có chỉ mục tìm kiếm Pagefind; hãy xây dựng trang có tìm kiếm trước khi đóng gói.")
    return primary


def _check_version(entry_path: Path) -> str:
    version = json.loads(entry_path.read_text(encoding="utf-8")).get("version", "")
    if not version.startswith(PAGEFIND_SERIES):
        raise BundleError(
            entry_path,
            f"chỉ mục do Pagefind {version or '(không rõ)'} tạo; bản đóng gói chỉ hỗ trợ Pagefind {PAGEFIND_SERIES}x "
            "(tìm kiếm từ file:// dựa vào cách Pagefind 1.5 tải chỉ mục). Cài lại theo pyproject.toml.",
        )
    return version


def _site_files(site_dir: Path) -> list[Path]:
    files = [p for p in site_dir.rglob("*") if p.is_file() and p.relative_to(site_dir).as_posix() != OFFLINE_SCRIPT]
    return sorted(files, key=lambda p: p.relative_to(site_dir).as_posix())


def _check_site(site_dir: Path, day: date) -> None:
    home = site_dir / "index.html"
    if not home.is_file():
        raise BundleError(site_dir, "không có index.html; hãy xây dựng trang trước khi đóng gói.")
    stamp = f"Cập nhật ngày {vn_date(day)}"
    if stamp not in home.read_text(encoding="utf-8"):
        raise BundleError(home, f"trang chủ không ghi “{stamp}”; trang được xây dựng với ngày khác ngày đóng gói.")


def _entry(name: str, day: date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever system makes the bundle
    info.external_attr = 0o100644 << 16
    return info


_OFFLINE_TEMPLATE = """\
/* Pagefind {version} for pages opened from disk (file://), made by `kehoach bundle`
   (generator/bundle.py); loaded by assets/search.js only from file://.  Each
   index file is a script of its own (<file>.js), added when Pagefind asks. */
(function () {{
  "use strict";
  var MODULE = {module};
  var files = Object.create(null);     // name -> base64, from a file's script until it is served
  var loading = Object.create(null);   // name -> Promise of its bytes (null: no such file)

  function bytes(text) {{
    var raw = atob(text), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }}

  function load(base, name) {{
    if (!loading[name]) {{
      loading[name] = new Promise(function (resolve) {{
        var script = document.createElement("script");
        script.src = base + name.split("/").map(encodeURIComponent).join("/") + ".js";
        script.onload = function () {{
          var text = files[name];
          delete files[name];
          script.remove();
          resolve(typeof text === "string" ? bytes(text) : null);
        }};
        script.onerror = function () {{ script.remove(); resolve(null); }};
        document.head.appendChild(script);
      }});
      // Pagefind keeps what it decoded: the bytes are not kept here.
      loading[name].then(function () {{ delete loading[name]; }});
    }}
    return loading[name];
  }}

  var installed = null;
  window.kehoachPagefindOffline = {{
    version: {version_json},
    put: function (name, data) {{ files[name] = data; }},
    install: function (basePath) {{
      if (installed === null) {{
        var realFetch = window.fetch;
        window.fetch = function (input, init) {{
          var url = typeof input === "string" ? input : input instanceof URL ? input.href : input && input.url;
          // Chromium's location.origin for file:// is "file://", which Pagefind strips
          // from its base path: resolve before comparing.
          try {{ url = url && new URL(url, location.href).href; }} catch (e) {{ url = null; }}
          if (url && url.indexOf(basePath) === 0) {{
            var name = decodeURIComponent(url.slice(basePath.length).split(/[?#]/)[0]);
            return load(basePath, name).then(function (data) {{
              return data ? new Response(data, {{ status: 200 }}) : new Response("", {{ status: 404, statusText: "Not in the offline index" }});
            }});
          }}
          return realFetch.apply(window, arguments);
        }};
        installed = {{ moduleUrl: "data:text/javascript;base64," + MODULE, options: {{ noWorker: true }} }};
      }}
      return installed;
    }}
  }};
}})();
"""

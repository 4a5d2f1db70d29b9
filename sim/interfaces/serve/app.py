"""The web server of the what-if page: routes (Starlette), the request-size limit, and errors
as HTTP 400 with the CLI's one-line text (sim.interfaces.serve.api does the work).

Routes::

    GET  /                      the page (static/index.html)
    GET  /static/...            its script and style (served by the app: works offline)
    GET  /fonts/sim-cjk.css     the CJK font's @font-face rules, one per slice (font_slices)
    GET  /fonts/sim-cjk-<i>-<key>.woff2   a slice of the font, as the CSS names it (font_cache)
    GET  /api/scenarios         the scenario library: file, region, name, titles
    GET  /api/levers?region=R   the levers, targets and charts of R's baseline
    GET  /api/levers?scenario=hangzhou/plan.yaml   ... of a library scenario
    POST /api/run               a scenario (YAML, or JSON with Content-Type application/json)
                                -> every target's verdict and the charts' series
    POST /api/validate          a scenario -> {"ok": true, ...} or 400
    POST /api/save              JSON {"scenario", "file", "title_zh", "title_en"} -> the file
                                written into scenarios/<region>/ (never over an existing file)
    POST /api/uncertainty?samples=1000   a scenario -> P(reached) of each target, chart bands
    POST /api/compare?lang=zh   JSON {"files": [library scenarios]} -> the compare report,
                                written into results/<region>/compare/<run-id>/ as
                                `python -m sim compare` writes it, and its address:
    GET  /reports/<region>/compare/<run-id>/compare.html

An error in the request is HTTP 400 (413 for a body over 1 MB) with ``{"error": "error: ..."}``,
the line the CLI prints; nothing from outside the project is read or echoed (api).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import socket
import time
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sim.core.errors import InputError, SimError, Verbatim
from sim.interfaces.serve import api
from sim.interfaces.serve.font_cache import FONT_PREFIX, SlicedFont

STATIC_DIR = Path(__file__).parent / "static"
#: The Chinese font the page falls back to when the machine has none (Noto Sans CJK SC, SIL OFL,
#: shipped by the mplfonts package that the charts use too): served by the app in slices,
#: never fetched from elsewhere.
CJK_FONT = "NotoSansCJKsc-Regular.otf"
#: The stylesheet of its slices (static/index.html links it).
CJK_CSS = "sim-cjk.css"


def cjk_font_path() -> Path | None:
    spec = importlib.util.find_spec("mplfonts")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "fonts" / CJK_FONT
        if path.is_file():
            return path
    return None


#: Most draws "How likely?" may ask for (`python -m sim uncertainty` does more, in the background).
MAX_PAGE_SAMPLES = 5000


class _TooLarge(Exception):
    pass


def _error(status: int, text: str) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status)


def _too_large(size: int | str) -> JSONResponse:
    error = InputError(Path(api.REQUEST_FILE), "(file)", Verbatim(f"{size} bytes"),
                       f"a request of at most 1 MB ({api.MAX_BODY_BYTES:,} bytes)",
                       "request too large")
    return _error(413, api.error_text(error))


async def _body(request: Request) -> bytes:
    """The request body, refused (`_TooLarge`) as soon as it passes 1 MB, whatever the
    Content-Length header says."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > api.MAX_BODY_BYTES:
        raise _TooLarge(int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > api.MAX_BODY_BYTES:
            raise _TooLarge(f"more than {api.MAX_BODY_BYTES:,}")
        chunks.append(chunk)
    return b"".join(chunks)


async def _answer(work, *args: Any) -> Response:
    """Run `work(*args)` in a worker thread (model runs are CPU work), as JSON; a `SimError`
    is HTTP 400 with the CLI's line. A dict answer carries the server's time for it
    (`server_ms`, wall clock) and the CPU time of the thread that did the work
    (`server_cpu_ms`; on a busy machine the two differ)."""
    def timed() -> tuple[Any, float]:
        started = time.thread_time()
        return work(*args), time.thread_time() - started

    started = time.perf_counter()
    try:
        result, cpu = await run_in_threadpool(timed)
    except SimError as error:
        return _error(400, api.error_text(error))
    except asyncio.CancelledError:
        # Ctrl-C while a long request (How likely?, Compare) runs: uvicorn cancels it after
        # its grace period; answer that instead of a traceback (the thread is left to end).
        return _error(503, "error: the server was stopped (Ctrl-C) before this answer was "
                           "ready")
    if isinstance(result, dict):
        result["server_ms"] = round((time.perf_counter() - started) * 1000, 1)
        result["server_cpu_ms"] = round(cpu * 1000, 1)
    return JSONResponse(result)


def _posted(work):
    async def route(request: Request) -> Response:
        try:
            body = await _body(request)
        except _TooLarge as size:
            return _too_large(size.args[0])
        return await _answer(work, body, request.headers.get("content-type", ""))
    return route


async def _uncertainty(request: Request) -> Response:
    given = request.query_params.get("samples", str(api.UNCERTAINTY_SAMPLES))
    if not given.isdigit() or not 20 <= int(given) <= MAX_PAGE_SAMPLES:
        return _error(400, api.error_text(InputError(
            None, "samples", given, f"a whole number from 20 to {MAX_PAGE_SAMPLES:,}",
            "unusable number of draws")))
    try:
        body = await _body(request)
    except _TooLarge as size:
        return _too_large(size.args[0])
    return await _answer(api.uncertainty, body, request.headers.get("content-type", ""),
                         int(given))


async def _compare(request: Request) -> Response:
    lang = request.query_params.get("lang", "zh")
    try:
        body = await _body(request)
    except _TooLarge as size:
        return _too_large(size.args[0])
    return await _answer(api.compare_report, body, "en" if lang == "en" else "zh")


async def _report(request: Request) -> Response:
    try:
        path = api.compare_html(request.path_params["region"], request.path_params["run_id"])
    except SimError as error:
        return _error(404, api.error_text(error))
    return FileResponse(path, media_type="text/html; charset=utf-8")


async def _save(request: Request) -> Response:
    try:
        body = await _body(request)
    except _TooLarge as size:
        return _too_large(size.args[0])
    return await _answer(api.save, body)


async def _scenarios(request: Request) -> Response:
    return await _answer(lambda: {"scenarios": api.library()})


async def _levers(request: Request) -> Response:
    scenario = request.query_params.get("scenario")
    region = request.query_params.get("region")
    if scenario is None and region is None:
        return _error(400, api.error_text(InputError(
            None, "region", Verbatim("nothing"), "?region=<region> or ?scenario=<region>/<file>"
            ".yaml", "required query parameter is missing")))
    return await _answer(api.levers, scenario, region)


def create_app(start: str | None = None, lang: str = "zh") -> Starlette:
    """The app; the page opens on library scenario `start` ("hangzhou/baseline.yaml"; default
    the first region's baseline) in `lang` ("zh" or "en")."""
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    config = json.dumps({"start": start, "lang": lang}, ensure_ascii=False).replace("<", "\\u003c")
    page = page.replace("/*CONFIG*/null", config)

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    font_path = cjk_font_path()
    # Without mplfonts the page uses the machine's fonts: an empty stylesheet, no slices.
    font = SlicedFont(font_path) if font_path else None
    css = font.css if font else "/* no CJK font: the mplfonts package is not installed */\n"

    async def cjk_css(request: Request) -> Response:
        # no-cache: the slices' addresses change with the font, fontTools or the page's text
        return Response(css, media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})

    async def cjk_slice(request: Request) -> Response:
        name = request.path_params["name"]
        data = await run_in_threadpool(font.woff2, name) if font else None
        if data is None:
            return Response(status_code=404)
        # A slice's address names its content (font_cache): it never changes.
        return Response(data, media_type="font/woff2",
                        headers={"Cache-Control": "public, max-age=31536000, immutable"})

    async def favicon(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    routes = [
        Route("/", index),
        Route("/favicon.ico", favicon),
        Route(f"{FONT_PREFIX}{CJK_CSS}", cjk_css),
        Route(FONT_PREFIX + "{name}", cjk_slice),
        Route("/api/scenarios", _scenarios),
        Route("/api/levers", _levers),
        Route("/api/run", _posted(api.run), methods=["POST"]),
        Route("/api/validate", _posted(api.validate), methods=["POST"]),
        Route("/api/uncertainty", _uncertainty, methods=["POST"]),
        Route("/api/save", _save, methods=["POST"]),
        Route("/api/compare", _compare, methods=["POST"]),
        Route("/reports/{region}/compare/{run_id}/compare.html", _report),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    # Compressed for browsers that accept it (all do): the font's 56 KB stylesheet, which every
    # visit fetches, and the API's JSON shrink to a quarter or less. Starlette leaves WOFF2 and
    # images alone (already compressed) and answers under 1 KB as they are. Level 6, zlib's
    # default: the stylesheet gzip-compressed 14,314 bytes in 2.5 ms, against 14,303 in 7.1 ms at
    # level 9 (measured 2026-12-02).
    return Starlette(routes=routes,
                     middleware=[Middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)])


def start_scenario(name: str | None) -> str | None:
    """The library scenario the page opens on, from the command line's REGION or SCENARIO: a
    region (folder, English or Chinese name) means its baseline; a scenario file must be in
    the library. Raises `InputError`."""
    if name is None:
        return None
    candidate = Path(name)
    if name.endswith((".yaml", ".yml")):
        real = candidate.resolve()
        library = api.SCENARIOS_DIR.resolve()
        if real.is_relative_to(library) and len(real.relative_to(library).parts) == 2:
            relative = real.relative_to(library).as_posix()
        else:
            relative = name
        api.library_file(relative)
        return relative
    return f"{api.known_region(name, None, 'REGION')}/baseline.yaml"


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def serve(start: str | None, host: str, port: int, lang: str) -> int:
    """Serve until Ctrl-C. The socket is bound before the address is printed, so the printed
    address is the one listening (port 0: a free port, printed)."""
    app = create_app(start, lang)
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)  # connections wait in the queue until the server takes them
    except (OSError, OverflowError) as exc:
        raise InputError(None, "--host/--port", Verbatim(f"{host}:{port}"),
                         "an address of this machine and a free port",
                         f"cannot listen ({getattr(exc, 'strerror', None) or exc})") from None
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if not is_loopback(host):
        print(f"warning: listening on {host}: anyone who can reach it can run the model and "
              "save scenarios into scenarios/ (there is no login)", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=2)
    print(f"what-if page: http://{shown}:{port}/  (Ctrl-C stops it)", flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn stops on the signal, then raises it again: a clean stop
    finally:
        sock.close()
    print("stopped", flush=True)
    return 0


__all__ = ["create_app", "start_scenario", "serve", "is_loopback", "STATIC_DIR"]

"""`python -m sim serve`: the what-if page and its JSON API, on a local web server.

`api` turns a request (a scenario as YAML or JSON text) into a model run and JSON, with the
CLI's one-line errors; `app` holds the routes (Starlette) and the request-size limit; `static/`
the page (HTML, script, style; charts drawn as SVG by the script), so the page works offline;
`font_slices` and `font_cache` serve the CJK font of the `mplfonts` package in slices.
"""

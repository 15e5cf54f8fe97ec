"""The dashboard opened in headless Chromium, offline: what it requested, which charts drew,
what the tiles say, and a screenshot. Used by the tests and for the screenshot in docs/dashboard.md.

Playwright drives the system's Chromium ($CX_CHROMIUM, else /usr/bin/chromium): Playwright's
own browser download is not possible offline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# As root, and with no network: no sandbox, and none of Chromium's own background requests.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Every chart's plot area holds at least one drawn trace (plotly adds .trace groups, or an
# image layer for heat maps), and every tile's text. Each chart's series are the values plotly
# drew (its full data, typed arrays as plain lists): name, x, y and customdata per trace.
READ_PAGE = """() => ({
  charts: Array.from(document.querySelectorAll('.cx-chart')).map(div => {
    const plot = div.querySelector('.js-plotly-plot');
    const plain = v => (v === undefined || v === null) ? null : Array.from(v, e =>
      (e !== null && typeof e === 'object' && e.length !== undefined) ? Array.from(e) : e);
    return {name: div.dataset.chart,
            traces: plot && plot.data ? plot.data.length : 0,
            drawn: plot ? plot.querySelectorAll('.main-svg .trace, .main-svg .hm').length : 0,
            series: plot && plot._fullData ? plot._fullData.map(t => ({
              name: t.name, type: t.type, x: plain(t.x), y: plain(t.y),
              customdata: plain(t.customdata)})) : []};
  }),
  tiles: Array.from(document.querySelectorAll('.tile')).map(t => ({
    metric: t.dataset.metric, verdict: t.dataset.verdict,
    value: t.querySelector('.value').innerText, change: t.querySelector('.change').innerText})),
  text: document.body.innerText,
})"""


@dataclass
class Rendered:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    tiles: list[dict] = field(default_factory=list)
    text: str = ""


def chromium() -> str:
    path = os.environ.get("CX_CHROMIUM", CHROMIUM)
    if not Path(path).exists():
        raise FileNotFoundError(
            f"no Chromium at {path}: `make install-browser` installs Debian's chromium there,"
            " or set CX_CHROMIUM to another Chromium"
        )
    return path


def open_offline(page_file: Path, screenshot: Path | None = None) -> Rendered:
    """Load page_file from file:// with the network off; every request the page makes is
    recorded (and any but the page itself would fail, being offline)."""
    from playwright.sync_api import sync_playwright

    seen = Rendered()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=FLAGS)
        context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        tab = context.new_page()
        tab.on("request", lambda request: seen.requests.append(request.url))
        tab.on("pageerror", lambda error: seen.errors.append(str(error)))
        tab.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        tab.goto(page_file.resolve().as_uri(), wait_until="load")
        tab.wait_for_function("document.querySelectorAll('.cx-chart .main-svg').length > 0")
        found = tab.evaluate(READ_PAGE)
        if screenshot is not None:
            tab.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    seen.charts, seen.tiles, seen.text = found["charts"], found["tiles"], found["text"]
    return seen


def main(argv: list[str] | None = None) -> int:
    """python -m devtools.browser PAGE.html SHOT.png: the screenshot docs/dashboard.md
    shows (the first screen of the page, as a reader opens it)."""
    import sys

    page_file, shot = (Path(a) for a in (argv or sys.argv[1:]))
    shot.parent.mkdir(parents=True, exist_ok=True)
    seen = open_offline(page_file, screenshot=shot)
    print(f"{shot}: {len(seen.charts)} charts drawn, {len(seen.requests)} request(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

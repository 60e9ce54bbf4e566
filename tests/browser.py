"""Headless Chromium for the report's tests: Debian's /usr/bin/chromium driven by Playwright, network watched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from attrs import define, field

CHROMIUM = Path(os.environ.get("KOMMUNEMODEL_CHROMIUM", "/usr/bin/chromium"))
#: No first-run pages, sync, component updates or background traffic: the only request is the page's own.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
ARTEFACTS = Path(__file__).parent / "artefacts"


def chromium() -> Path:
    """The browser, or a skip saying why there is none; in CI (CI=true) a missing browser fails instead."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = f"no chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does so) to run the browser tests"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but there is {reason[3:]}")
    pytest.skip(reason)


@define
class Visit:
    """An open page and every request it made: those to files and those elsewhere, which are refused."""

    page: Any
    requests: list[str] = field(factory=list)
    refused: list[str] = field(factory=list)


@contextmanager
def browser() -> Iterator[Any]:
    """A Chromium browser context with its own throw-away profile directory."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with tempfile.TemporaryDirectory(prefix="kommunemodel-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(executable),
            headless=True,
            args=list(FLAGS[1:]),
            viewport={"width": 1280, "height": 900},
            offline=True,
        )
        try:
            yield context
        finally:
            context.close()


def visit(context: Any, path: Path) -> Visit:
    """Open `path` in a new page; any request that is not for a local file is recorded and aborted."""
    page = context.new_page()
    seen = Visit(page)

    def watch(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            seen.refused.append(url)
            route.abort()

    page.on("request", lambda request: seen.requests.append(request.url))
    page.route("**/*", watch)
    page.goto(path.resolve().as_uri(), wait_until="load")
    return seen


def screenshot(page: Any, name: str, selector: str | None = None, height: int = 1600) -> Path:
    """Save under tests/artefacts/ (ignored by git) the top `height` pixels of the page or of one element."""
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / name
    if selector is None:
        page.screenshot(path=str(path))
        return path
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    scroll = page.evaluate("[window.scrollX, window.scrollY]")
    clip = {
        "x": box["x"] + scroll[0],
        "y": box["y"] + scroll[1],
        "width": box["width"],
        "height": min(box["height"], height),
    }
    page.screenshot(path=str(path), clip=clip, full_page=True)
    return path

"""The house style of every figure: fonts, greyscale-safe colours, and SVG/PNG bytes that repeat exactly."""

from __future__ import annotations

import functools
import io
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, ParamSpec, Protocol, TypeVar, cast

import matplotlib
from attrs import frozen
from matplotlib.axes import Axes
from matplotlib.figure import Figure

P = ParamSpec("P")
R = TypeVar("R")

#: rcParams for every figure. `svg.hashsalt` fixes the ids matplotlib derives for clip paths; `svg.fonttype`
#: "none" keeps labels as <text> (searchable on the page, readable back in tests) instead of glyph outlines.
RC: Final[dict[str, Any]] = {
    "svg.hashsalt": "kommunemodel",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",  # ships with matplotlib and has æ, ø, å
    "font.size": 9,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#1a1a1a",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "path.simplify": False,
    # A name from a model file is data, never markup: "$" must not start mathtext (a stray one raises).
    "text.parse_math": False,
}

INK: Final = "#1a1a1a"
MUTED: Final = "#6b6b6b"
PAPER: Final = "#ffffff"
RULE: Final = "#bdbdbd"


@frozen
class Series:
    """How one series looks: a colour and, so greyscale prints still tell series apart, a marker, dash and hatch."""

    colour: str
    marker: str
    dash: str
    hatch: str


#: Ordered from dark to light: their luminances (≈ 55, 105, 160, 205 of 255) stay apart in greyscale.
SERIES: Final = (
    Series("#1f3a5f", "o", "-", ""),
    Series("#b5523b", "s", "--", "///"),
    Series("#6fa35a", "^", ":", "..."),
    Series("#e3c74f", "D", "-.", "xx"),
)

#: Fills for boxes by kind of tier, light enough for dark text, distinct in greyscale.
TIER_FILL: Final[dict[str, str]] = {
    "political": "#c9d6e8",
    "executive": "#e6e6e6",
    "corporate": "#d9d9d9",
    "centre": "#f2f2f2",
    "unit": "#ffffff",
    "staff": "#efe6d6",
    "citizen": "#ffffff",
    "employee": "#ffffff",
}

#: Characters XML 1.0 does not allow.
NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SVG_METADATA: Final = {"Date": None, "Creator": "kommunemodel", "Format": None, "Type": None}
_PNG_METADATA: Final = {"Software": "kommunemodel"}


def series(index: int) -> Series:
    """The look of the `index`th series, repeating after the last."""
    return SERIES[index % len(SERIES)]


@contextmanager
def house_style() -> Iterator[None]:
    """Draw and save inside the house rcParams, leaving the global ones as they were."""
    with matplotlib.rc_context(cast(Any, RC)):
        yield


def styled(draw: Callable[P, R]) -> Callable[P, R]:
    """Run a drawing function inside the house style: text and lines read rcParams when they are made."""

    @functools.wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with house_style():
            return draw(*args, **kwargs)

    return wrapper


def new_figure(width: float, height: float) -> Figure:
    """A figure not registered with pyplot (no global state), white, `width` × `height` inches."""
    return Figure(figsize=(width, height), facecolor=PAPER)


def canvas(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure whose one axes fills it, in inch coordinates from the bottom left, without frame or ticks."""
    figure = new_figure(width, height)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)
    axes.set_axis_off()
    return figure, axes


class Drawing(Protocol):
    """A finished figure that can give its SVG text and its PNG bytes."""

    @property
    def title(self) -> str:
        """What the figure shows, as its caption."""

    def svg(self) -> str:
        """The figure as a standalone SVG document."""

    def png(self) -> bytes:
        """The figure as a PNG image."""


@frozen(eq=False)
class Picture:
    """A matplotlib figure with the title it is known by."""

    figure: Figure
    title: str

    def svg(self) -> str:
        """Standalone SVG with fixed metadata: the same figure gives the same bytes."""
        buffer = io.StringIO()
        with house_style(), warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
            self.figure.savefig(buffer, format="svg", metadata={**_SVG_METADATA, "Title": self.title})
        # A control character in a model's name would make the SVG ill-formed XML: it is dropped.
        return NOT_XML.sub("", buffer.getvalue())

    def png(self) -> bytes:
        """PNG at 150 dpi with fixed metadata."""
        buffer = io.BytesIO()
        with house_style(), warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
            self.figure.savefig(buffer, format="png", dpi=150, metadata=_PNG_METADATA)
        return buffer.getvalue()


FORMATS: Final = (".svg", ".png")


def save(drawing: Drawing, path: str | Path) -> Path:
    """Write `drawing` to `path` (.svg or .png) atomically: a temporary file beside it, then a rename."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{target}: a figure is written as .svg or .png (got {suffix or 'no suffix'!r})")
    data = drawing.svg().encode("utf-8") if suffix == ".svg" else drawing.png()
    write_atomically(target, data)
    return target


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file in the same directory and os.replace."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes the file private; a figure is not
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(drawing: Drawing, prefix: str = "") -> str:
    """The SVG element alone, for inlining in an HTML page; its ids prefixed so that several figures never clash."""
    text = drawing.svg()
    start = text.find("<svg")
    text = text[start:] if start >= 0 else text
    if not prefix:
        return text
    ids = set(_ID.findall(text))
    text = _ID.sub(lambda match: f'id="{prefix}-{match[1]}"', text)
    # References to an id: url(#id) in clip paths and styles, and href="#id" in <use>.
    return re.sub(
        r'(url\(#|href="#)([^)"]+)',
        lambda match: f"{match[1]}{prefix}-{match[2]}" if match[2] in ids else match[0],
        text,
    )

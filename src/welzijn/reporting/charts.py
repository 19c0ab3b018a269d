"""Charts as inline SVG, drawn offline by matplotlib's Agg backend. Every chart gets
aggregates that already passed the privacy rules."""

from __future__ import annotations

import io
from html import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

BLUE = "#0f4c81"
LIGHT = "#8fb3d9"
GREY = "#5b6770"

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text: smaller, selectable, searchable
        "svg.hashsalt": "welzijn",  # stable ids: the same data gives the same SVG
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": GREY,
        "axes.labelcolor": GREY,
        "xtick.color": GREY,
        "ytick.color": GREY,
    }
)


#: no RDF block: its date made every chart, and so the PDF, differ from run to run
NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata=NO_METADATA)
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]  # inline: without the XML prolog and doctype


def titled(svg: str, title: str) -> str:
    """The chart with its title as the SVG's first child: the text alternative a screen
    reader reads, and the /Alt of the figure in the tagged PDF."""
    if not svg:
        return svg
    end = svg.index(">") + 1
    return f"{svg[:end]}<title>{escape(title)}</title>{svg[end:]}"


def _nl(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def bars_horizontal(
    labels: list[str], values: list[float | None], *, unit: str = "", percent: bool = False
) -> str:
    """Horizontal bars; a None value is a suppressed count, labelled '< 5' without a bar."""
    height = 0.3 * len(labels) + 0.6
    fig, ax = plt.subplots(figsize=(6.2, height), layout="constrained")  # labels inside
    ys = list(range(len(labels)))[::-1]
    shown = [v or 0 for v in values]
    ax.barh(ys, shown, color=BLUE, height=0.65)
    top = max(shown) if shown and max(shown) > 0 else 1
    for y, v in zip(ys, values, strict=True):
        if v is None:
            text = "niet getoond" if percent else "< 5"
        else:
            text = f"{v * 100:.0f}%" if percent else _nl(v)
        ax.text((v or 0) + top * 0.01, y, text, va="center", fontsize=8, color=GREY)
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, top * 1.15)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    if unit:
        ax.set_title(unit, loc="left", fontsize=8, color=GREY)
    return _svg(fig)


def bars_vertical(labels: list[str], values: list[float | None], *, percent: bool = True) -> str:
    """Vertical bars; a None value is a suppressed cell, labelled without a bar."""
    fig, ax = plt.subplots(figsize=(4.6 if len(labels) < 8 else 6.2, 2.4))
    shown = [v or 0 for v in values]
    ax.bar(labels, shown, color=BLUE, width=0.6)
    for x, v in enumerate(values):
        if v is None:
            text = "—" if percent else "< 5"
        else:
            text = f"{v * 100:.0f}%" if percent else _nl(v)
        ax.text(x, v or 0, text, ha="center", va="bottom", fontsize=8, color=GREY)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.set_ylim(0, max(shown or [1]) * 1.2 or 1)
    return _svg(fig)


def year_over_year(
    labels: list[str], previous: list[float | None], current: list[float | None], years
) -> str:
    """Grouped bars: the year before next to the year, per figure."""
    fig, ax = plt.subplots(figsize=(5.2, 2.5))
    xs = range(len(labels))
    w = 0.36
    for offset, series, color, year in ((-w / 2, previous, LIGHT, years[0]),
                                        (w / 2, current, BLUE, years[1])):  # fmt: skip
        vals = [v or 0 for v in series]
        ax.bar([x + offset for x in xs], vals, w, color=color, label=str(year))
        for x, v in zip(xs, series, strict=True):
            text = "< 5" if v is None else _nl(v)
            ax.text(x + offset, v or 0, text, ha="center", va="bottom", fontsize=8, color=GREY)
    ax.set_xticks(list(xs), labels)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    top = max([v or 0 for v in previous + current] or [1])
    ax.set_ylim(0, (top or 1) * 1.25)
    return _svg(fig)


def sparkline(values: list[float | None], labels: list[str], title: str) -> str:
    """Twelve small bars, hand-drawn SVG (no matplotlib: one per indicator of the dashboard);
    a None bar is a suppressed cell, drawn as a grey tick."""
    width, height, gap = 6, 28, 2
    top = max([v or 0 for v in values] or [0]) or 1
    bars = []
    for i, (v, label) in enumerate(zip(values, labels, strict=True)):
        x = i * (width + gap)
        h = max(1.0, (v or 0) / top * (height - 2)) if v else 1.0
        color = LIGHT if v is None else BLUE
        text = "< 5 of niet getoond" if v is None else _nl(v)
        bars.append(
            f'<rect x="{x}" y="{height - h:.1f}" width="{width}" height="{h:.1f}" '
            f'fill="{color}"><title>{label}: {text}</title></rect>'
        )
    w = len(values) * (width + gap)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" '
        f'viewBox="0 0 {w} {height}" role="img"><title>{escape(title)}</title>'
        f"{''.join(bars)}</svg>"
    )

import base64

from django import template
from django.utils.html import conditional_escape, format_html

from welzijn.reporting.access import may_see_report
from welzijn.reporting.privacy import HIDDEN, NO_DATA

register = template.Library()


@register.filter
def sees_report(user) -> bool:
    """{% if user|sees_report %}: show the link to the jaaroverzicht."""
    return may_see_report(user)


#: A month column is as wide as its widest cell: the long texts get a one-character sign,
#: with the text as its title and in the page's legend, so that twelve months fit.
_SHORT = {NO_DATA: "–", HIDDEN: "n.g."}


@register.filter
def month_cell(text: str) -> str:
    """{{ cell.text|month_cell }}: a dashboard month cell, short."""
    short = _SHORT.get(text)
    if short is None:
        return conditional_escape(text)
    return format_html('<abbr title="{}">{}</abbr>', text, short)


@register.filter
def rows_of(items: list, size: int) -> list[list]:
    """{% for row in items|rows_of:3 %}: the figures a row at a time, each row its own block,
    so that a line of the PDF holds exactly one row."""
    return [items[i : i + size] for i in range(0, len(items), size)]


@register.filter
def svg_data_uri(svg: str) -> str:
    """{{ svg|svg_data_uri }}: an inline chart as an image for the PDF. WeasyPrint styles
    every node of an inline SVG as HTML (hundreds per chart, each a warning) before drawing
    it; as an image it only draws it, and the img's alt is the figure's /Alt."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()

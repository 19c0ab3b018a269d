"""The map of open meldingen per wijk: a circle per wijk at its (approximate) centre, its
area in proportion to the open meldingen, drawn as inline SVG (no outside tile servers)."""

import math

WIDTH, HEIGHT, MARGIN = 320, 300, 18
MAX_RADIUS = 22


def svg_points(per_wijk: list[dict]) -> list[dict]:
    """x, y, r and label per wijk with a centre; rows as selectors.open_per_wijk gives them."""
    placed = [row for row in per_wijk if row["lat"] is not None]
    if not placed:
        return []
    lats = [row["lat"] for row in placed]
    lons = [row["lon"] for row in placed]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = (max(lons) - min(lons)) * shrink or 1.0
    span_y = (max(lats) - min(lats)) or 1.0
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    most = max(row["open"] for row in placed) or 1
    points = []
    for row in placed:
        points.append(
            {
                "x": round(MARGIN + (row["lon"] - min(lons)) * shrink * scale, 1),
                "y": round(HEIGHT - MARGIN - (row["lat"] - min(lats)) * scale, 1),
                "r": round(3 + (MAX_RADIUS - 3) * math.sqrt(row["open"] / most), 1)
                if row["open"]
                else 2,
                "row": row,
            }
        )
    return points

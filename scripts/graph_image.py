"""Draw docs/relationships.svg from the output of ``cranes graph --format dot``.

With Graphviz installed (``apt-get install graphviz``, ``brew install graphviz``, or
https://graphviz.org/download/), its ``dot`` lays the map out: edges coloured by kind and a
legend, as the DOT text asks. Without it, a small force-directed layout here draws the same
characters and labelled arrows, so the picture can be redrawn anywhere, but less well.
tests/test_screenshots.py fails when the picture does not name what ``cranes graph`` prints.

    python scripts/graph_image.py            # Graphviz if installed, else the fallback
    python scripts/graph_image.py --fallback  # the fallback drawing even with Graphviz
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

from cranes_cli.render.graph import COLOURS, colour

ROOT = Path(__file__).resolve().parent.parent
IMAGE = ROOT / "docs" / "relationships.svg"
WIDTH, HEIGHT, RADIUS = 980, 720, 250
INSTALL_HINT = "install Graphviz for a better picture: apt-get install graphviz (or brew install graphviz)"
_NODE = re.compile(r'^  "([^"]+)" \[label="((?:[^"\\]|\\.)*)"\];$', re.M)
_EDGE = re.compile(r'^  "([^"]+)" -> "([^"]+)" \[label="((?:[^"\\]|\\.)*)", class="([^"]+)"[^\n]*\];$', re.M)


def dot_text() -> str:
    from typer.testing import CliRunner

    from cranes_cli.cli.app import app

    result = CliRunner().invoke(app, ["graph", "--format", "dot"], env={"CRANES_DATA": ""})
    return result.stdout


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def parse(dot: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, str, str]]]:
    """(nodes as (id, label), edges as (source, target, label, kind)) from our DOT output."""
    nodes = [(node, _unescape(label)) for node, label in _NODE.findall(dot)]
    edges = [(a, b, _unescape(label), kind) for a, b, label, kind in _EDGE.findall(dot)]
    return nodes, edges


def layout(nodes: list[str], links: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold: linked characters pull together, all push apart; starting from a
    circle in a fixed order, so the same graph always gives the same picture."""
    centre_x, centre_y = WIDTH / 2, (HEIGHT - 40) / 2
    place = {
        node: [
            centre_x + RADIUS * math.cos(2 * math.pi * index / len(nodes)),
            centre_y + RADIUS * math.sin(2 * math.pi * index / len(nodes)),
        ]
        for index, node in enumerate(nodes)
    }
    pairs = {tuple(sorted(link)) for link in links}
    ideal = 0.55 * math.sqrt(WIDTH * HEIGHT / max(len(nodes), 1))
    for step in range(400):
        heat = 40.0 * (1 - step / 400) + 1.0
        push = {node: [0.0, 0.0] for node in nodes}
        for a in nodes:
            for b in nodes:
                if a != b:
                    dx, dy = place[a][0] - place[b][0], place[a][1] - place[b][1]
                    distance = max(math.hypot(dx / 2, dy), 1.0)  # boxes are wider than tall
                    force = ideal * ideal / distance
                    push[a][0] += dx / distance * force
                    push[a][1] += dy / distance * force
        for node in nodes:  # gravity, so unlinked characters do not drive the rest into a corner
            push[node][0] -= (place[node][0] - centre_x) * 0.6
            push[node][1] -= (place[node][1] - centre_y) * 0.6
        for a, b in pairs:
            dx, dy = place[a][0] - place[b][0], place[a][1] - place[b][1]
            distance = max(math.hypot(dx, dy), 1.0)
            force = distance * distance / ideal
            for node, sign in ((a, -1), (b, 1)):
                push[node][0] += sign * dx / distance * force
                push[node][1] += sign * dy / distance * force
        for node in nodes:
            size = max(math.hypot(*push[node]), 1e-9)
            place[node][0] = min(
                WIDTH - 110, max(110, place[node][0] + push[node][0] / size * min(size, heat))
            )
            place[node][1] = min(
                HEIGHT - 80, max(40, place[node][1] + push[node][1] / size * min(size, heat))
            )
    return {node: (x, y) for node, (x, y) in place.items()}


def draw(dot: str) -> str:
    nodes, edges = parse(dot)
    place = layout([node for node, _ in nodes], [(a, b) for a, b, _, _ in edges])
    pairs = {(a, b) for a, b, _, _ in edges}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" font-family="Helvetica, Arial, sans-serif">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        "<defs>",
        *(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"'
            ' markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{shade}"/></marker>'
            for kind, shade in COLOURS.items()
        ),
        "</defs>",
    ]
    for a, b, label, kind in edges:
        (x1, y1), (x2, y2) = place[a], place[b]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        # Arrows between the same two characters bend apart; each stops short of the boxes.
        bend = 40.0 if (b, a) in pairs else 0.0
        sx, sy, ex, ey = x1 + ux * 60, y1 + uy * 26, x2 - ux * 60, y2 - uy * 26
        cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        stroke = colour(kind)
        out.append(
            f'<path class="relation" d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"'
            f' fill="none" stroke="{stroke}" stroke-width="1.6" marker-end="url(#arrow-{kind})"/>'
        )
        lx, ly = (sx + 2 * cx + ex) / 4, (sy + 2 * cy + ey) / 4
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" fill="{stroke}" text-anchor="middle">'
            f"{html.escape(label)}</text>"
        )
    for node, label in nodes:
        x, y = place[node]
        box = max(90, 8 * len(label) + 20)
        out.append(
            f'<rect x="{x - box / 2:.1f}" y="{y - 18:.1f}" width="{box}" height="36" rx="10"'
            ' fill="#f4f4f4" stroke="#333333" stroke-width="1.2"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{y + 5:.1f}" font-size="14" text-anchor="middle">'
            f"{html.escape(label)}</text>"
        )
    legend_y = HEIGHT - 20
    for index, (kind, shade) in enumerate(COLOURS.items()):
        out.append(
            f'<text x="{20 + index * 110}" y="{legend_y}" font-size="13" fill="{shade}">■ {kind}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def labels(svg: str) -> list[str]:
    """What a picture names, sorted, without its legend: the same for Graphviz's drawing and
    the fallback's, and for any layout (coordinates are not compared)."""
    texts = [html.unescape(text) for text in re.findall(r"<text [^>]*>([^<]*)</text>", svg)]
    return sorted(text for text in texts if not text.startswith(("━━ ", "■ ")) and text != "Relations")


def graphviz(dot: str, program: str = "dot") -> str:
    """The SVG Graphviz draws from ``dot``."""
    done = subprocess.run([program, "-Tsvg"], input=dot, capture_output=True, text=True, check=True)
    return done.stdout


def main() -> int:
    IMAGE.parent.mkdir(parents=True, exist_ok=True)
    program = shutil.which("dot")
    if program is None or "--fallback" in sys.argv[1:]:
        if program is None:
            print(f"graph_image.py: Graphviz's dot not found; {INSTALL_HINT}", file=sys.stderr)
        IMAGE.write_text(draw(dot_text()), encoding="utf-8")
    else:
        IMAGE.write_text(graphviz(dot_text(), program), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

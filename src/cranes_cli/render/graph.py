"""The character relationship map as Graphviz DOT, Mermaid text or JSON. Every relation in
the file is one labelled edge; names are escaped, so any text in a film file is safe."""

from __future__ import annotations

from typing import Any

from cranes_cli.core.people import RelationLine, relation_lines
from cranes_cli.film.model import Dataset


def edge_label(line: RelationLine) -> str:
    """The relation's label, with the act it starts in when it does not hold from the start."""
    if line.relation.since_act is None:
        return line.relation.label
    return f"{line.relation.label} (from act {line.relation.since_act})"


def _dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + " ".join(escaped.split()) + '"'


# Edge colours by relation kind (colour-blind safe, from the Tableau 10 palette); a kind the
# film file adds beyond these is drawn grey.
COLOURS = {"family": "#4e79a7", "romance": "#e15759", "marriage": "#b07aa1", "comrades": "#59a14f"}
OTHER_COLOUR = "#79706e"


def colour(kind: str) -> str:
    return COLOURS.get(kind, OTHER_COLOUR)


def _legend(kinds: list[str]) -> list[str]:
    """A boxed key of the edge colours, as a Graphviz HTML-like label (kinds are escaped)."""
    rows = "".join(
        f'<tr><td align="left"><font color="{colour(kind)}">&#9473;&#9473; {_html(kind)}</font></td></tr>'
        for kind in kinds
    )
    return [
        "  subgraph cluster_legend {",
        '    label="Relations"; fontname="Helvetica"; fontsize=11; color="#bbbbbb";',
        f'    "_legend" [shape=plaintext, style="", fontsize=10, label=<<table border="0">{rows}</table>>];',
        "  }",
    ]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def dot(dataset: Dataset) -> str:
    lines = [
        f"digraph {_dot_string(dataset.film.title)} {{",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#f4f4f4", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for character in dataset.characters:
        lines.append(f"  {_dot_string(character.id)} [label={_dot_string(character.name)}];")
    kinds: list[str] = []
    for line in relation_lines(dataset):
        label = edge_label(line)
        kind = line.relation.kind
        kinds += [kind] if kind not in kinds else []
        lines.append(
            f"  {_dot_string(line.character.id)} -> {_dot_string(line.target.id)}"
            f" [label={_dot_string(label)}, class={_dot_string(kind)},"
            f" color={_dot_string(colour(kind))}, fontcolor={_dot_string(colour(kind))}];"
        )
    if kinds:
        lines += _legend(kinds)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_id(character_id: str) -> str:
    return "c_" + character_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    # Mermaid reads #quot; and friends as entities inside a quoted label.
    escaped = " ".join(text.split()).replace("#", "#35;").replace('"', "#quot;")
    return '"' + escaped.replace("<", "#lt;").replace(">", "#gt;") + '"'


def mermaid(dataset: Dataset) -> str:
    lines = ["flowchart LR"]
    for character in dataset.characters:
        lines.append(f"  {_mermaid_id(character.id)}[{_mermaid_text(character.name)}]")
    for line in relation_lines(dataset):
        label = edge_label(line)
        lines.append(
            f"  {_mermaid_id(line.character.id)} -->|{_mermaid_text(label)}| {_mermaid_id(line.target.id)}"
        )
    return "\n".join(lines) + "\n"


def document(dataset: Dataset) -> dict[str, Any]:
    """The map as data for ``cranes graph --json``: characters as nodes, relations as edges
    ("source is target's label")."""
    return {
        "nodes": [
            {"id": c.id, "name": c.name, "cyrillic": c.cyrillic, "family": c.family, "basis": c.basis}
            for c in dataset.characters
        ],
        "edges": [
            {
                "source": line.character.id,
                "target": line.target.id,
                "kind": line.relation.kind,
                "label": line.relation.label,
                "since_act": line.relation.since_act,
            }
            for line in relation_lines(dataset)
        ],
    }

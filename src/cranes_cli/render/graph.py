"""The character relationship map as Graphviz DOT or Mermaid text. Every relation in the
file is one labelled edge; names are escaped, so any text in a film file is safe."""

from __future__ import annotations

from cranes_cli.core.people import RelationLine, relation_lines
from cranes_cli.model import Dataset


def edge_label(line: RelationLine) -> str:
    """The relation's label, with the act it starts in when it does not hold from the start."""
    if line.relation.since_act is None:
        return line.relation.label
    return f"{line.relation.label} (from act {line.relation.since_act})"


def _dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + " ".join(escaped.split()) + '"'


def dot(dataset: Dataset) -> str:
    lines = [
        f"digraph {_dot_string(dataset.film.title)} {{",
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for character in dataset.characters:
        lines.append(f"  {_dot_string(character.id)} [label={_dot_string(character.name)}];")
    for line in relation_lines(dataset):
        label = edge_label(line)
        lines.append(
            f"  {_dot_string(line.character.id)} -> {_dot_string(line.target.id)}"
            f" [label={_dot_string(label)}, class={_dot_string(line.relation.kind)}];"
        )
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

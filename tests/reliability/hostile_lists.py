"""Trivia lists built to hurt (issue 16): the YAML "billion laughs" and lists nested too deep."""
from __future__ import annotations


def alias_bomb(depth: int = 9, width: int = 9, use: str = "CONFIG: *{last}") -> str:
    """`depth` anchors, each a list of `width` aliases to the one before: width**depth values once expanded
    (9**9 = 387 million) in about 500 bytes. `use` puts the last anchor where the list's values are read."""
    lol = '"lol"'
    lines = [f"l0: &l0 [{', '.join([lol] * width)}]"]
    for d in range(1, depth):
        lines.append(f"l{d}: &l{d} [{', '.join([f'*l{d - 1}'] * width)}]")
    lines.append(use.format(last=f"l{depth - 1}"))
    return "\n".join(lines) + "\n"


def deep_flow(depth: int) -> str:
    """A question whose one answer is a list in a list in a list ... `depth` deep, in brackets."""
    return "Q?:\n- " + "[" * depth + "x" + "]" * depth + "\n"


def deep_block(depth: int) -> str:
    """The same in block style: a mapping in a mapping ... `depth` deep, one more space each level."""
    return "Q?: [a]\nCONFIG:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth)) + " " * (depth + 1) + "x\n"

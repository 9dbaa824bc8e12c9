#!/usr/bin/env python3
"""Prints the import picture of src/ as Graphviz DOT: one box per module one level under its
layer (input/markdown, model/publish, output/pages, commands/serve, ...), grouped by layer, an
arrow for each module another names through crate::, super:: or self::. docs/architecture.md
shows it:

    python3 scripts/import-graph.py | dot -Tsvg > docs/images/imports.svg
"""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
LAYERS = ["input", "model", "output", "commands"]


def module_of(parts):
    return "/".join(parts[:2]) if len(parts) >= 2 and parts[0] in LAYERS else None


def main():
    edges, modules = set(), set()
    known = set()
    for path in SRC.rglob("*.rs"):
        rel = path.relative_to(SRC).with_suffix("").parts
        known.add(module_of(list(rel[:-1]) if rel[-1] == "mod" else list(rel)))
    for path in sorted(SRC.rglob("*.rs")):
        rel = path.relative_to(SRC).with_suffix("").parts
        own_parts = list(rel[:-1]) if rel[-1] == "mod" else list(rel)
        own = module_of(own_parts)
        if not own:
            continue
        modules.add(own)
        text = path.read_text().split("#[cfg(test)]\nmod tests")[0]
        for m in re.finditer(r"\b(crate|super|self)((?:::[a-z_][a-z0-9_]*)+)", text):
            head, rest = m.group(1), [p for p in m.group(2).split("::") if p]
            base = [] if head == "crate" else own_parts[:-1] if head == "super" else own_parts
            while rest and rest[0] == "super":
                base, rest = base[:-1], rest[1:]
            target = module_of(base + rest)
            if target and target in known and target != own:
                edges.add((own, target))
    print("digraph imports {")
    print('  rankdir=BT; node [shape=box, fontname="Helvetica", fontsize=10]; edge [color="#666666"];')
    for layer in LAYERS:
        print(f'  subgraph cluster_{layer} {{ label="{layer}"; fontname="Helvetica"; style=rounded;')
        for module in sorted(m for m in modules if m.startswith(layer + "/")):
            print(f'    "{module}" [label="{module.split("/")[1]}"];')
        print("  }")
    for a, b in sorted(edges):
        print(f'  "{a}" -> "{b}";')
    print("}")


if __name__ == "__main__":
    main()

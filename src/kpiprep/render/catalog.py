"""Renderables for the library commands: list, search and paths."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kpiprep.catalog import Record
from kpiprep.search import Hit, Result, snippet

MATCH_STYLE = "bold black on yellow"


class FolderInfo(NamedTuple):
    """A folder of the search path as `paths` shows it."""

    position: int
    origin: str
    path: str
    exists: bool
    files: int


def _table(boxed: bool, *headers: str) -> Table:
    return Table(*headers, box=box.ROUNDED if boxed else None, header_style="bold")


def grouped(records: Sequence[Record]) -> dict[str, list[Record]]:
    """Records by term slug, in slug order, each term's industries in order."""
    by_slug: dict[str, list[Record]] = {}
    for record in sorted(records, key=lambda r: (r.slug, r.industry)):
        by_slug.setdefault(record.slug, []).append(record)
    return by_slug


def list_view(records: Sequence[Record], *, boxed: bool = True) -> RenderableType:
    table = _table(boxed, "Term", "Name", "Industries", "From")
    for slug, group in grouped(records).items():
        table.add_row(
            Text(slug, style="bold"),
            Text(
                group[0].name
                if group[0].name == group[0].full_name
                else f"{group[0].name} · {group[0].full_name}"
            ),  # fmt: skip
            Text("\n".join(r.industry for r in group)),
            Text(
                "\n".join(
                    r.origin if r.origin == "shipped" else f"{r.origin}: {r.folder}" for r in group
                )
            ),  # fmt: skip
        )
    count = len(grouped(records))
    return Group(table, Text(f"{count} terms, {len(records)} files", style="dim"))


def list_json(records: Sequence[Record]) -> str:
    data: list[dict[str, Any]] = [
        {
            "slug": slug,
            "name": group[0].name,
            "full_name": group[0].full_name,
            "industries": [
                {
                    "industry": r.industry,
                    "industry_name": r.industry_name,
                    "origin": r.origin,
                    "folder": r.folder,
                    "path": r.path,
                }
                for r in group
            ],
        }
        for slug, group in grouped(records).items()
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def marked(text: str, spans: Sequence[tuple[int, int]], *, styled: bool) -> Text:
    """Text with its matching words highlighted (or, in plain output, between asterisks)."""
    out = Text()
    position = 0
    for start, end in spans:
        if start < position:
            continue
        out.append(text[position:start])
        if styled:
            out.append(text[start:end], style=MATCH_STYLE)
        else:
            out.append(f"*{text[start:end]}*")
        position = end
    out.append(text[position:])
    return out


def _where(hit: Hit) -> str:
    return f"{hit.field} ({hit.level})" if hit.level else hit.field


def search_view(
    results: Sequence[Result], *, styled: bool, default_industry: str = "human-resources"
) -> RenderableType:
    parts: list[RenderableType] = []
    for number, result in enumerate(results, 1):
        head = Text()
        head.append(f"{number}. ", style="dim")
        head.append(result.name, style="bold")
        if result.full_name.casefold() != result.name.casefold():
            head.append(f" · {result.full_name}", style="bold")
        head.append(f"  ({result.industry_name})", style="dim")
        head.append(f"  {result.slug}", style="cyan")
        if result.industry != default_industry:
            head.append(f" --industry {result.industry}", style="cyan")
        parts.append(head)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for hit in result.hits:
            text, spans = snippet(hit)
            grid.add_row(f"   {_where(hit)}:", marked(text, spans, styled=styled))
        parts.append(grid)
    return Group(*parts)


def search_json(results: Sequence[Result]) -> str:
    data = [
        {
            "slug": r.slug,
            "industry": r.industry,
            "name": r.name,
            "full_name": r.full_name,
            "score": r.score,
            "matches": [
                {
                    "field": hit.field,
                    "level": hit.level,
                    "text": hit.text,
                    "words": [hit.text[a:b] for a, b in hit.spans],
                }
                for hit in r.hits
            ],
        }
        for r in results
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def paths_view(folders: Sequence[FolderInfo], user_folder: str, *, boxed: bool) -> RenderableType:
    table = _table(boxed, "#", "Folder", "From", "Exists", "Files")
    for info in folders:
        table.add_row(
            str(info.position),
            Text(info.path),
            Text(info.origin),
            "yes" if info.exists else "no",
            str(info.files) if info.exists else "-",
        )
    hint = Text("Put your own term files in ")
    hint.append(user_folder, style="bold")
    hint.append(
        " (as <term>/<industry>.yaml), or in any folder you pass with --content-dir or list in"
        " KPIPREP_CONTENT_PATH. Earlier folders win."
    )
    return Group(Text("Content folders, in search order:"), table, hint)

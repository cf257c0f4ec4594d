"""What the explorer's compare menus offer and which zones each choice covers: every muscle, and
each part of a muscle of several parts (issue 28: gluteus minimus's posterior part is the one
confused with piriformis). A compared id is a muscle id or a part id; it stands for its parts.
Mirrored in ``_static/tp-explorer.js`` (units; parity tested)."""

from .words import short_name


def part_label(muscle_name, part_name):
    """'Gluteus minimus — posterior part', 'Erector spinae — iliocostalis lumborum': a part named
    with its muscle, in the menus and the status text."""
    lead = short_name(muscle_name)
    rest = part_name[len(lead) + 2:] if part_name.startswith(f"{lead}, ") else part_name
    return f"{lead} — {rest[:1].lower() + rest[1:] if rest[1:2].islower() else rest}"


def compare_units(model):
    """{id: {"name", "muscle", "parts"}} for every muscle and each part of a muscle of several, in
    menu order (a muscle, then its parts)."""
    out = {}
    for m in model["muscles"]:
        out[m["id"]] = {"name": m["name"], "muscle": m["id"], "parts": [p["id"] for p in m["parts"]]}
        for p in m["parts"] if len(m["parts"]) > 1 else ():
            out[p["id"]] = {"name": p["label"], "muscle": m["id"], "parts": [p["id"]]}
    return out



def compare_options(model):
    """[(label, id)]: what each compare menu offers, 'none' first (the book's and the widget's)."""
    return [("none", "")] + [(u["name"], uid) for uid, u in compare_units(model).items()]

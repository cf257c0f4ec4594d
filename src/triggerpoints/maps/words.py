"""The words of a map: muscle and region names as a sentence reads them, and alt text.

Alt text is written from the same records the drawing uses, so what a screen reader hears
is what the figure shows.
"""

from ..knowledge import loaded
from .anatomy import anatomy_for, landmark_label
from .geometry import sides_for, views_for
from .selection import drawn_zones, part_table, point_records, resolve_parts, zone_records


def region_label(region, kb):
    """A region's label as it reads inside a sentence ('the sacroiliac region')."""
    labels = dict(zip(kb.regions["id"], kb.regions["label"]))
    return _lower_first(labels.get(region, region.replace("_", " ")))


def join_words(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def short_name(name):
    """'Iliopsoas (psoas major, ...)' -> 'Iliopsoas', for legends and titles."""
    return name.split(" (")[0]


def _lower_first(text):
    """'Psoas major' -> 'psoas major', but 'QL deep fibres' keeps its capitals."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def selection_name(parts, kb=None, anonymous=False, short=False):
    """'Piriformis', or 'Erector spinae, iliocostalis lumborum' for some parts of one muscle."""
    kb = loaded(kb)
    if anonymous:
        return "This muscle"
    owner = part_table(kb)
    names = dict(zip(kb.muscles["id"], kb.muscles["name"]))
    muscle = owner[parts[0]][0]
    all_parts = [p for p, (m, _) in owner.items() if m == muscle]
    if sorted(all_parts) == sorted(parts) or len(all_parts) == 1:
        return short_name(names[muscle]) if short else names[muscle]
    lead = short_name(names[muscle])
    return f"{lead}, {join_words(_part_words(lead, owner[p][1]) for p in parts)}"


def _part_words(muscle, part):
    """'anterior part' for 'Gluteus minimus, anterior part' after the muscle's name (said once)."""
    return part[len(muscle) + 2:] if part.lower().startswith(muscle.lower() + ", ") else _lower_first(part)


def selection_names(parts, kb=None, anonymous=False, short=False):
    """One name per muscle among these parts, in order."""
    kb = loaded(kb)
    owner = part_table(kb)
    muscles = dict.fromkeys(owner[p][0] for p in parts)
    return [selection_name([p for p in parts if owner[p][0] == m], kb, anonymous, short) for m in muscles]


def muscle_clause(parts, views, kb, anonymous=False):
    """'the muscle lies between the twelfth rib, the iliac crest and ...; QL deep (medial) fibres
    deep (dashed)': where the muscle layer draws these parts, from their shapes' attachments."""
    anatomy, owner = anatomy_for(kb), part_table(kb)
    shapes = [(v, anatomy[v]["muscles"][p]) for v in views for p in parts if p in anatomy[v]["muscles"]]
    if not shapes:
        return "the muscle is not drawn on this view"
    where = dict.fromkeys(landmark_label(anatomy[v], a) for v, s in shapes for a in s.attachments)
    text = f"the muscle lies between the {join_words(where)}" if len(where) > 1 else \
        f"the muscle reaches the {join_words(where)}"
    deep = list(dict.fromkeys(s.part for _, s in shapes if s.deep))
    if deep and (len(deep) == len({s.part for _, s in shapes}) or anonymous):
        text += ", lying deep under other muscles (dashed outline)"
    elif deep:
        text += f", its {join_words(_lower_first(owner[p][1]) for p in deep)} lying deep (dashed outline)"
    return text


def where_words(views, sides):
    """'posterior and anterior views, right side': what a map shows, as its words begin."""
    views = list(views)
    noun = "views" if len(views) > 1 else "view"
    side = "both sides" if len(sides) > 1 else f"{sides[0]} side"
    return f"{join_words(views)} {noun}, {side}"


def bilateral_clause(parts, kb):
    """'often on both sides (the course article alone says so)' for parts data/bilateral.csv names."""
    rows = kb.bilateral[kb.bilateral["part"].isin(parts)]
    if rows.empty:
        return ""
    owner = part_table(kb)
    which = "" if len(rows) == len(parts) else \
        f" for the {join_words(_lower_first(owner[p][1]) for p in rows['part'])}"
    only_article = (rows["provenance"] == "article").all()
    return f"often on both sides{which}" + (" (the course article alone says so)" if only_article else "")


def alt_text(ids, view="both", spillover=True, anonymous=False, kb=None, layer="both", classic_only=False,
             side="right"):
    """A sentence per muscle: where the muscle lies (muscle layer), its essential zone, its
    spillover zone (pain layer), where its trigger points are."""
    kb = loaded(kb)
    parts = resolve_parts(ids, kb)
    owner = part_table(kb)
    views, sides = views_for(view), sides_for(side)
    sentences = []
    for muscle in dict.fromkeys(owner[p][0] for p in parts):
        mine = [p for p in parts if owner[p][0] == muscle]
        zones = drawn_zones([z for z in zone_records(mine, kb, spillover, classic_only) if z["view"] in views])
        article = ({(z["region"], z["zone"]) for z in zones if z["article"]}
                   - {(z["region"], z["zone"]) for z in zones if not z["article"]})  # given by the article alone
        name = selection_name(mine, kb, anonymous)
        clauses = [muscle_clause(mine, views, kb, anonymous)] if layer != "pain" else []
        for zone, lead in (("essential", "essential zone over the"), ("spillover", "spillover over the")):
            regions = list(dict.fromkeys(z["region"] for z in zones if z["zone"] == zone))
            if regions and layer != "muscle":
                clauses.append(f"{lead} {join_words(region_label(r, kb) + (' (unconfirmed)' if (r, zone) in article else '') for r in regions)}")
        points = [t for t in point_records(mine, kb) if t["view"] in views]
        if points:
            where = join_words(dict.fromkeys(region_label(t["region"], kb) for t in points))
            clauses.append(f"trigger point{'s' if len(points) > 1 else ''} (X) in the {where}")
        if bilateral_clause(mine, kb) and layer != "muscle" and not anonymous:  # it would give the muscle away
            clauses.append(bilateral_clause(mine, kb))
        sentences.append(f"{name}: " + ("; ".join(clauses) if clauses else "no zone on this view") + ".")
    return f"Body map, {where_words(views, sides)}. " + " ".join(sentences)

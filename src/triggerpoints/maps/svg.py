"""SVG output of a drawn figure: deterministic, compact, with the structure the pages rely on.

SVG structure (what :func:`map_svg` and the explorer emit; other tools rely on it)::

    <svg class="tp-map" data-tp-map="<prefix>" role="img" aria-label="<alt text>" viewBox=...>
      <title>alt text</title>
      <defs> <style> with one class per look (fill, stroke, clip), scoped to
             [data-tp-map="<prefix>"]; hatch <pattern>s (one per hatch and colour);
             <path id="<prefix>-s<n>"> for each shape drawn more than once, with no look of
             its own: the shapes below draw it as <use class=... href=...> </defs>
      <g class="tp-body" data-view=...>   the body outline (tests measure the figure by it)
      <g id="<prefix>-r-<region>" class="tp-region" data-region="sacroiliac" data-view="posterior">
          one per region of the view, always present: a transparent, clickable shape (a <path>
          or a <use>) with a faint border (fill none; the pain finder's CSS makes it clickable)
      <g id="<prefix>-z-<muscle or part>-<zone>-<view>" (or "<prefix>-z-<part>-<region>" for the
         explorer's single-region tiles) class="tp-zone tp-essential|tp-spillover"
         data-muscle="piriformis" [data-part=...] data-regions="sacroiliac mid_buttock"
         data-zone="essential|spillover" data-view="posterior">
          one referral shape (`patterns`): the regions of one zone kind merged and smoothed;
          essential = solid fill, spillover = hatch (per-muscle direction) and a dashed edge;
          a spillover region that an essential zone of the same muscle covers is left out
          (``drawn_zones``); the explorer keeps part shapes and tiles for partial selections;
          class tp-article, data-article="true" (key suffix -article): a zone only the course article gives,
          drawn as an outline without fill
      <g id="<prefix>-m-<part>-<view>" class="tp-muscle tp-superficial|tp-deep" data-muscle=...
         data-part=... data-view=...>   the muscle layer: a light wash in a solid outline, or a
          dashed outline for a deep part, over the zones and under the trigger points
      <g id="<prefix>-t-<trigger point id>" class="tp-point" data-muscle=... data-part=...
         data-region=... data-view=...>          an X marker with a white halo
      <g id="<prefix>-c-<region>-both" or "<prefix>-c-<region>-<muscle>-<first|second>"
         class="tp-compare">  (explorer only: one mark per region a compared muscle can reach;
          '-lateral' on the lateral view; no data attributes, the id says it all)
    Every group of the left side carries data-side="left" and '-left' on its id; the right side,
    the default, carries neither.
    </svg>

With ``anonymous=True`` the muscle name is gone from the title, legend and alt text, the
``data-muscle``/``data-part`` attributes are dropped and zone/point ids are numbered.
Every other id in the SVG (matplotlib's clip paths, patterns, shared shapes) carries the same
prefix, so several maps can share one page. The explorer (`explorer`) draws one SVG per
view with every layer and shows or hides elements by id, ``#<explorer id>-<key>``; its model
holds what each key is, so its SVG carries no data attributes (``figure_svg(data=False)``).
Output is deterministic: fixed ``svg.hashsalt``, no date, rounded coordinates. It is also compact
(path data relative, to 0.1 pt; matplotlib's wrapper groups dropped), since maps dominate a page.

Why not scour: on the QL map (matplotlib writes 77.5 KB) this gives 23.1 KB in about 25 ms;
scour gives 48.9 KB with its defaults and 37.7 KB with its strongest safe options, in about
700 ms, and its id stripping would remove the ids the explorer shows and hides by.
"""

import hashlib
import io
import re
from collections import Counter


def figure_svg(fig, prefix, label, key_prefix=None, data=True):
    """Deterministic SVG text of a figure, with our gids turned into classes and data attributes.
    data=False: ids and classes only, for a figure whose script finds everything by id in its own
    model (the explorer: some 40 kB of attributes a lesson would carry for nothing)."""
    import matplotlib
    _tag_swatches(fig)
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "triggerpoints", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = _root_defaults(svg)
    svg = _compact_patterns(_hoist_patterns(svg))
    svg = re.sub(r'<g id="tpg\|([^"]*)">', _tag_group if data else _bare_group, svg)
    svg = _define_repeated_paths(_round_paths(svg))
    svg = re.sub(r">\s+<", "><", _drop_wrappers(svg))  # indentation draws nothing
    svg = re.sub(r' transform="rotate\(-0 [^)]*\)"', "", svg)  # matplotlib's note that text is upright
    svg = svg.replace(' version="1.1"', "")  # SVG 2 has none
    if "xlink:href" not in svg:
        svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    svg = re.sub(r'\bid="(?!tpk-)([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = svg.replace('id="tpk-', f'id="{key_prefix or prefix}-')
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = _style_classes(svg, prefix)
    svg = re.sub(r'<svg ([^>]*?)width="([\d.]+)pt" height="([\d.]+)pt"',
                 lambda m: f'<svg {m.group(1)}width="{m.group(2)}pt" height="{m.group(3)}pt" '
                           f'class="tp-map" data-tp-map="{prefix}" role="img" aria-label="{_attr(label)}"', svg, count=1)
    svg = re.sub(r"(<svg [^>]*>)", lambda m: m.group(1) + f"<title>{_text(label)}</title>", svg, count=1)
    return svg.strip()


def _hoist_patterns(svg):
    """Move hatch <pattern>s out of the groups that use them: Chromium ignores a pattern whose
    group is display:none, and the explorer hides most groups at first."""
    found = re.findall(r"<defs>\s*(<pattern .*?</pattern>)\s*</defs>", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*<pattern .*?</pattern>\s*</defs>", "", svg, flags=re.S)
    return _add_defs(svg, "".join(dict.fromkeys(found)))


def _add_defs(svg, content):
    """Put definitions in the first <defs> of the SVG, outside every group a page may hide."""
    if not content:
        return svg
    top = re.search(r"<svg [^>]*>(<defs>)?", svg)
    return svg[:top.end()] + (content if top.group(1) else f"<defs>{content}</defs>") + svg[top.end():]


def _root_defaults(svg):
    """matplotlib's `*{stroke-linejoin: round; stroke-linecap: butt}` reaches every element of the
    page, the shapes behind a <use> included, where it would beat the miter joins the <use> asks
    for. The same defaults on the <svg> element are inherited instead, so the <use> wins."""
    rule = re.compile(r'\s*<defs>\s*<style type="text/css">\*\{stroke-linejoin: round; stroke-linecap: butt\}'
                      r"</style>\s*</defs>")
    if not rule.search(svg):
        return svg
    svg = rule.sub("", svg, count=1)
    return svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)


def _tag_swatches(fig):
    """Give a legend's hatched swatches a gid with their hatch, so that their pattern is swapped for
    a small one too (matplotlib's own stipple tile is a path of hundreds of circles)."""
    from matplotlib.colors import to_hex
    for i, patch in enumerate(p for legend in fig.legends for p in legend.get_patches()):
        if patch.get_hatch() and not patch.get_gid():
            colour = to_hex(patch.get_hatchcolor() if hasattr(patch, "get_hatchcolor") else patch.get_edgecolor())
            patch.set_gid(f"tpg|swatch|{i}" + hatch_tag(patch.get_hatch(), colour.upper()))


def hatch_tag(hatch, colour):
    """Carried in a gid so that the SVG post-processing knows which hatch a pattern draws."""
    return f"|H:{hatch.encode().hex()}:{colour.lstrip('#')}"


def _compact_patterns(svg):
    """Swap matplotlib's hatch tiles (72 pt of lines each) for small rotated-line patterns."""
    spec = {}
    for m in re.finditer(r'<g id="tpg\|[^"]*\|H:([0-9a-f]+):([0-9a-fA-F]+)">\s*<path [^>]*?fill: url\(#([^)]+)\)', svg):
        spec[m.group(3)] = (bytes.fromhex(m.group(1)).decode(), "#" + m.group(2))

    def swap(m):
        pid = m.group(1)
        return _pattern(pid, *spec[pid]) if pid in spec else m.group(0)
    svg = re.sub(r'<pattern id="([^"]+)".*?</pattern>', swap, svg, flags=re.S)
    return re.sub(r'(<g id="tpg\|[^"]*)\|H:[^"]*"', r'\1"', svg)


def _pattern(pid, hatch, colour):
    """One SVG pattern per (hatch, colour): line spacing from the hatch's density, as matplotlib does."""
    step = f"{round(18 / max(len(hatch), 1) + 1, 2):g}"
    line = f'stroke="{colour}" stroke-width="0.9"'
    kind = hatch[0]
    if kind in "/\\|-":
        angle = {"/": 45, "\\": -45, "|": 0, "-": 90}[kind]
        body = f'<path d="M0 0V{step}" {line}/>'
    elif kind in "x+":
        angle = 45 if kind == "x" else 0
        body = f'<path d="M0 0V{step}M0 0H{step}" {line}/>'
    else:  # dots and rings read as stipple only when dense
        angle = 45
        step, centre = (4, 2) if kind == "." else (6, 3)
        r, fill = (0.85, colour) if kind == "." else (1.5, "none")
        body = f'<circle cx="{centre}" cy="{centre}" r="{r}" fill="{fill}"{" " + line if kind == "o" else ""}/>'
    turn = f' patternTransform="rotate({angle})"' if angle else ""
    return f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{step}" height="{step}"{turn}>{body}</pattern>'


def _round_paths(svg):
    """Path data to a tenth of a point (finer than any screen shows), written relative and in its
    shortest legal form: about a third of matplotlib's absolute text."""
    return re.sub(r' d="([^"]*)"', lambda m: f' d="{_relative_path(m.group(1))}"', svg)


def _relative_path(d):
    """Absolute M/L/z data -> relative m/z with implicit line-tos. Points are rounded first and
    the deltas taken between rounded points, so every vertex lands exactly where rounding put it
    (no drift). Other data (our hatch tiles, already short) is returned as it is."""
    if not re.fullmatch(r"[MLz\d.\s-]*", d):
        return d
    out, tokens = [], iter(re.findall(r"[MLz]|[-\d.]+", d))
    x = y = x0 = y0 = points = 0
    moving = False
    for token in tokens:
        if token == "z":
            if (x, y) == (x0, y0) and points > 2:
                del out[-2:]  # a line back to the start: z draws it (matplotlib writes it for outlines)
            out.append("z")
            x, y = x0, y0  # a closed subpath ends at its start
        elif token == "M":
            out.append("m")
            moving, points = True, 0
        elif token == "L":
            if out[-1:] == ["z"]:  # a line-to is implicit only after m or another line-to
                out.append("l")
        else:
            nx, ny = _tenths(token), _tenths(next(tokens))
            out += [_number(nx - x), _number(ny - y)]
            if moving:
                x0, y0, moving = nx, ny, False
            x, y, points = nx, ny, points + 1
    return _path_text(out)


def _tenths(number):
    """'104.44' -> 1044: rounded to 0.1 as Python formats it, then counted exactly in tenths."""
    return round(round(float(number), 1) * 10)


def _number(tenths):
    """A count of tenths as the shortest SVG number: 5 -> '.5', -12 -> '-1.2', 30 -> '3'."""
    whole, tenth = divmod(abs(tenths), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if tenths < 0 else "") + (text or "0")


def _path_text(tokens):
    """Join commands and numbers, with a space only where the next number would run into the
    previous one ('1.5.5' is 1.5 then .5; '-' always starts a number)."""
    text, prev = "", ""
    for token in tokens:
        joined = prev[-1:].isalpha() or token.isalpha() or token[0] == "-" or (token[0] == "." and "." in prev)
        text += token if joined or not prev else " " + token
        prev = token
    return text


def _define_repeated_paths(svg):
    """A shape drawn more than once is defined once and <use>d: each region's outline is drawn by
    the base layer, again by every zone over it and (explorer) by its comparison marks, and the
    body outline is also its own clip. The definition has no fill, stroke or clip of its own, so
    each <use> keeps its own: the clone inherits them. Short data (hatch tiles) costs less than a
    reference and stays. vector-effect is not inherited by default: 'inherit' lets a page's CSS
    set it on a <use> (the pain finder's marked area)."""
    counts = Counter(re.findall(r'<path d="([^"]{40,})"', svg))
    ids = {d: f"s{i}" for i, d in enumerate(d for d, n in counts.items() if n > 1)}
    svg = re.sub(r'<path d="([^"]*)"', lambda m: f'<use href="#{ids[m[1]]}"' if m[1] in ids else m[0], svg)
    return _add_defs(svg, "".join(f'<path id="{i}" d="{d}" vector-effect="inherit"/>' for d, i in ids.items()))


def _style_classes(svg, scope):
    """Each distinct look (style and clip) is written once, as a class of a <style> scoped to this
    map: the shapes of a map share a few dozen looks, and matplotlib writes each one in full.
    The fonts, the same for every text, are named once for all of them."""
    scope = f'[data-tp-map="{scope}"]'
    fonts = set(re.findall(r' font-family: ([^;"]*);', svg))
    shared = ""
    if len(fonts) == 1:
        font = fonts.pop()
        svg = svg.replace(f" font-family: {font};", "")
        shared = f"{scope} text{{font-family:{font.replace(', ', ',')}}}"
    looks = {}

    def classed(m):
        tag, attrs = m.group(1), m.group(2)
        clip = re.search(r' clip-path="(url\([^)]*\))"', attrs)
        style = re.search(r' style="([^"]*)"', attrs)
        if not (clip or style):
            return m.group(0)
        look = (style.group(1) + ";" if style else "") + (f"clip-path:{clip.group(1)}" if clip else "")
        name = looks.setdefault(re.sub(r"\s*([:;,])\s*", r"\1", look).rstrip(";"), f"tp{len(looks)}")
        return f'<{tag} class="{name}"' + re.sub(r' (?:clip-path|style)="[^"]*"', "", attrs)
    svg = re.sub(r"<(path|use|text)\b([^>]*)", classed, svg)
    css = shared + "".join(f"{scope} .{name}{{{rule}}}" for rule, name in looks.items())
    return _add_defs(svg, f"<style>{css}</style>" if css else "")


def _drop_wrappers(svg):
    """matplotlib wraps every artist in a <g id="patch_3"> (figure_1, axes_1, line2d_7, ...) that
    draws nothing and that nothing refers to: drop those tags, keep what they hold."""
    referenced = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))
    kept = []

    def tag(m):
        if m[0] == "</g>":
            return m[0] if kept.pop() else ""
        anonymous = re.fullmatch(r'<g id="(\w+_\d+)">', m[0])
        kept.append(not anonymous or anonymous[1] in referenced)
        return m[0] if kept[-1] else ""
    return re.sub(r"<g\b[^>]*>|</g>", tag, svg)


def _tag_group(match):
    kind, key, *rest = match.group(1).split("|")
    if kind == "region":
        region, view = rest
        return f'<g id="tpk-{key}" class="tp-region" data-region="{region}" {_where(view)}>'
    if kind == "body":
        return f'<g class="tp-body" {_where(key)}>'
    if kind == "swatch":
        return '<g class="tp-swatch">'
    if kind == "zone":
        muscle, part, regions, zone, view, provenance = rest
        owner = f'data-muscle="{muscle}" ' + (f'data-part="{part}" ' if part else "")
        article = ' data-article="true"' if provenance == "article" else ""
        return (f'<g id="tpk-{key}" class="tp-zone tp-{zone}{" tp-article" if article else ""}" {owner}'
                f'data-regions="{regions}" data-zone="{zone}" {_where(view)}{article}>')
    if kind == "muscle":
        muscle, part, view, depth = rest
        return (f'<g id="tpk-{key}" class="tp-muscle tp-{depth}" data-muscle="{muscle}" data-part="{part}" '
                f'{_where(view)}>')
    if kind == "point":
        muscle, part, region, view = rest
        return (f'<g id="tpk-{key}" class="tp-point" data-muscle="{muscle}" data-part="{part}" '
                f'data-region="{region}" {_where(view)}>')
    # A compare mark is found by its id alone (its key names region, role, muscle, view and side):
    # no data attributes, since the explorer holds several hundred of them.
    return f'<g id="tpk-{key}" class="tp-compare">'


def _bare_group(match):
    """A group's id and classes without its data attributes (`figure_svg` with data=False)."""
    return re.sub(r' data-[a-z]+="[^"]*"', "", _tag_group(match))


def _where(view):
    """'posterior/left' (as `draw.where` writes it) -> data-view and data-side attributes."""
    view, _, side = view.partition("/")
    return f'data-view="{view}"' + (f' data-side="{side}"' if side and side != "right" else "")  # right: the default

def _attr(text):
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;")


def svg_prefix(*parts):
    return "tpm" + hashlib.sha1(repr(parts).encode()).hexdigest()[:8]

"""Drop from the theme's stylesheets and icon fonts what no page of the built book uses.

Every page loads the whole of Bootstrap 5 and of FontAwesome's solid icon font: the theme's
397 KB stylesheet and a 156 KB font, for a book that uses a few dozen components and about
fifteen icons. After the build:

- a style rule is dropped when a class its selector requires appears nowhere in the site,
  in no page and in no script. Scripts add classes such as Bootstrap's "show" at run time, so
  every word of every script counts as used, and a word ending in "-" is the start of class
  names a script composes (Bootstrap's `bs-${name}-auto`). Classes inside :not(), :is() and
  the like are not requirements, and our own stylesheets (tp-*.css) are left whole;
- each icon font is cut to the characters the remaining rules draw.
"""

import re
from pathlib import Path

import tinycss2

WORD = re.compile(r"[A-Za-z_][\w-]*")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'')
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
GROUPING = {"media", "supports", "layer", "container"}


def used_words(site):
    """Every word of every page and script: a superset of the classes the site can use."""
    words = set()
    for path in [*site.rglob("*.html"), *site.rglob("*.js")]:
        words.update(WORD.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def _selectors(prelude):
    """A rule's prelude split at its top-level commas."""
    selectors = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def required_classes(selector):
    """Classes an element must have for the selector to match (not those inside functions)."""
    return {b.value for a, b in zip(selector, selector[1:])
            if a.type == "literal" and a.value == "." and b.type == "ident"}


def purge_rules(rules, known):
    """The rules whose selectors an element can match, `known(name)` telling which classes exist."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            live = [s for s in _selectors(rule.prelude) if all(map(known, required_classes(s)))]
            if not live:
                continue
            comma = tinycss2.ast.LiteralToken(0, 0, ",")
            rule.prelude = [t for i, s in enumerate(live) for t in ([comma] if i else []) + s]
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = purge_rules(tinycss2.parse_blocks_contents(rule.content), known)
            if not any(r.type in ("qualified-rule", "at-rule") for r in inner):
                continue
            rule.content = inner
        kept.append(rule)
    return kept


def purge_sheet(css, used):
    """The stylesheet without the rules no element can match, and without its source map
    (which would no longer fit it)."""
    prefixes = tuple(w for w in used if w.endswith("-"))
    known = lambda name: name in used or name.startswith(prefixes)
    return SOURCE_MAP.sub("", tinycss2.serialize(purge_rules(tinycss2.parse_stylesheet(css), known)))


def drawn_characters(css):
    """Characters of every string in the stylesheet, CSS escapes such as "\\f0c9" decoded:
    icons are drawn from `content:` strings and from custom properties that hold them."""
    unescape = lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2)
    escape = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))")
    return {ch for pair in STRING.findall(css) for text in pair for ch in escape.sub(unescape, text)}


def subset_font(path, characters):
    """Keep only the glyphs of `characters` (woff2 stays woff2)."""
    from fontTools import subset
    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else None
    options.name_IDs = ["*"]  # the licence and names stay with the font
    font = subset.load_font(str(path), options, dontLoadGlyphNames=True)
    font.recalcTimestamp = False  # the same build gives the same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    subset.save_font(font, str(path), options)


def purge_site(site):
    site = Path(site)
    used = used_words(site)
    drawn = set()
    for sheet in (site / "_static").rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        if not sheet.name.startswith("tp-"):
            css = purge_sheet(css, used)
            sheet.write_text(css, encoding="utf-8")
            sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
        drawn |= drawn_characters(css)
    for font in (site / "_static").rglob("webfonts/*"):
        if font.suffix in (".woff2", ".ttf"):
            subset_font(font, drawn)

"""Left and right in the pain finder: which side(s) the pain is on, and what that adds.

The ranking is by area (a pattern is the same on both sides); the side decides where the map
overlays the candidates' patterns and outlines the marked areas. The reader says it with the
"Side of the pain" choice, or by marking an area on the map's left or right half: a mark on the
other side than the one chosen makes it "both". ``_static/tp-finder-page.js`` repeats these
rules (tested against them).
"""

SIDE_CHOICES = (("right", "Right"), ("left", "Left"), ("both", "Both sides"))


def check_side(side):
    if side not in dict(SIDE_CHOICES):
        raise ValueError(f"unknown side {side!r}; use 'right', 'left' or 'both'")
    return side


def with_mark(choice, side):
    """The side choice after an area is marked on `side` ('right' or 'left')."""
    check_side(choice)
    return choice if choice in (side, "both") else "both"


def sides_of(choice):
    return ("right", "left") if check_side(choice) == "both" else (choice,)


def side_note(data, choice, top):
    """Where the patterns are drawn, or, when the pain is on both sides and a leading candidate's
    pattern is called often bilateral in data/bilateral.csv, that."""
    names = {m["id"]: m["short"] for m in data["muscles"]}
    both = [m for m in top if m in data["bilateral"]]
    if check_side(choice) != "both" or not both:
        return f"Patterns are drawn on the {'left' if choice == 'left' else 'right'} side." if choice != "both" \
            else "Patterns are drawn on both sides."
    who = ", ".join(names[m] for m in both)
    alone = all(data["bilateral"][m] for m in both)
    return (f"Pain on both sides: {'the course article alone says' if alone else 'the sources say'} "
            f"the pattern of {who} is often on both sides.")

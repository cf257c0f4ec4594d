"""Which handouts there are, their files, the lesson pages that link them and their editions.

The muscle groups follow the lessons (a lesson's muscles share a `chapter` in muscles.csv),
except that hamstrings and adductors, taught together, each get their own page.
"""

from dataclasses import dataclass

from ..knowledge import loaded
from .content import HandoutError

EDITIONS = ("student", "instructor")
GROUPS = {  # handout id -> (title, muscles)
    "quadratus_lumborum": ("Quadratus lumborum", ("quadratus_lumborum",)),
    "erector_spinae": ("Erector spinae and multifidus", ("erector_spinae", "multifidus")),
    "gluteals": ("Gluteus medius and minimus", ("gluteus_medius", "gluteus_minimus")),
    "piriformis": ("Piriformis", ("piriformis",)),
    "iliopsoas": ("Iliopsoas", ("iliopsoas",)),
    "hamstrings": ("Hamstrings", ("hamstrings",)),
    "adductors": ("Adductors", ("adductors",)),
}
LESSON_PAGES = {  # lesson page -> handouts it links besides its muscle sheets
    "notebooks/08_telling_them_apart": ("atlas",),
    "notebooks/10_case_lab": ("lab_worksheet",),
}
INDEX_PAGE = "book/handouts"


@dataclass(frozen=True)
class Handout:
    id: str
    kind: str          # "muscle", "worksheet", "answers", "atlas"
    title: str
    description: str
    edition: str = "student"   # "instructor": left out of the student edition

    def filename(self, paper):
        return f"{self.id.replace('_', '-')}-{paper}.pdf"


def groups(kb=None):
    """{handout id: (title, muscles)}, checked against the knowledge base: every muscle on
    exactly one sheet."""
    kb = loaded(kb)
    listed = [m for _, muscles in GROUPS.values() for m in muscles]
    missing = sorted(set(kb.muscle_ids) - set(listed))
    unknown = sorted(set(listed) - set(kb.muscle_ids))
    if missing or unknown or len(listed) != len(set(listed)):
        raise HandoutError(f"handout groups do not match data/muscles.csv: missing {missing}, "
                           f"unknown {unknown}; each muscle must be on exactly one sheet")
    return GROUPS


def catalogue(edition="student", kb=None):
    """Every handout of an edition, in the order the index page lists them."""
    if edition not in EDITIONS:
        raise HandoutError(f"unknown edition {edition!r}; use one of: {', '.join(EDITIONS)}")
    items = [Handout(g, "muscle", f"{title}: one-page handout",
                     "Referral map, trigger points, what aggravates it, how it differs from its "
                     "neighbours, self-care with dosage, red flags and sources.")
             for g, (title, _) in groups(kb).items()]
    items += [
        Handout("lab_worksheet", "worksheet", "Lab worksheet",
                "Blank body outlines to draw a partner's or a case's pain, and the case vignettes "
                "without their answers."),
        Handout("atlas", "atlas", "Map atlas", "Every part's referral map, with an index."),
        Handout("lab_answers", "answers", "Lab worksheet: answer sheet",
                "The likeliest source for each case vignette and why the others fit less well.",
                edition="instructor"),
    ]
    return [h for h in items if edition == "instructor" or h.edition == "student"]


def handouts_for_page(pagename, kb=None):
    """The handouts a lesson page links: its muscles' sheets, or those named in LESSON_PAGES."""
    kb = loaded(kb)
    if not pagename.startswith("notebooks/"):
        return []
    by_id = {h.id: h for h in catalogue("student", kb)}
    chapter = pagename.split("/", 1)[1].split("_", 1)[-1]
    chapters = dict(zip(kb.muscles["id"], kb.muscles["chapter"]))
    ids = [g for g, (_, muscles) in groups(kb).items() if any(chapters[m] == chapter for m in muscles)]
    return [by_id[i] for i in ids + list(LESSON_PAGES.get(pagename, ()))]

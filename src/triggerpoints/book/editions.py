"""Two editions of one book, chosen by the environment variable TP_EDITION.

- `student` (the default; `make book`): the pages instructor-only material is left out of
  (the answer key and the results review), so a student handed the book cannot read the key.
- `instructor` (`make book-instructor`, built into its own folder): every page.

The instructor-only documents are taken out of the table of contents and excluded from the
build, and the Sphinx tag `instructor` is set in that edition, so a page shared by both
editions can hold instructor-only passages in an ``{only} instructor`` block.
"""

import os
from pathlib import Path

EDITIONS = ("student", "instructor")
INSTRUCTOR_ONLY = ("book/answer_key", "book/instructor_results")


def edition():
    value = os.environ.get("TP_EDITION", "student").strip() or "student"
    if value not in EDITIONS:
        raise ValueError(f"TP_EDITION: expected one of {', '.join(EDITIONS)}, found {value!r}")
    return value


def apply_edition(app, config):
    """config-inited, after sphinx-external-toc has read _toc.yml (priority 900)."""
    if edition() == "instructor":
        app.tags.add("instructor")
        return
    site_map = getattr(config, "external_site_map", None)
    if site_map is not None:
        for docname in list(site_map):
            for tree in site_map[docname].subtrees:
                tree.items[:] = [i for i in tree.items if str(i) not in INSTRUCTOR_ONLY]
        for docname in INSTRUCTOR_ONLY:
            if docname in site_map:
                del site_map[docname]
    config["exclude_patterns"] = [*config["exclude_patterns"], *(f"{d}.*" for d in INSTRUCTOR_ONLY)]


def drop_stale_pages(app, exception):
    """build-finished: an earlier instructor build in the same folder leaves its pages behind;
    the student edition removes them, so the key is never shipped by accident."""
    if exception is not None or edition() == "instructor":
        return
    out = Path(app.outdir)
    for docname in INSTRUCTOR_ONLY:
        for leftover in [out / f"{docname}.html", *(out / "_sources").glob(f"{docname}.*")]:
            leftover.unlink(missing_ok=True)

"""Which templates there are, and which one a draft uses: the one answer to both.

The home screen, the editor, progress, `list`, `export` and `check` all ask
here. A draft names its template by id (and the version it was written
with); it is found among --template, the templates folder and the built-in
template, in that order. A draft whose template is not here gets a clear
UnknownTemplate, never another template's shape: that would export the
author's text as empty sections.
"""

from __future__ import annotations

from pathlib import Path

from tdd_tui.template import Template, TemplateError
from tdd_tui.template_reader import DEFAULT_TEMPLATE, load_template, load_templates

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from tdd_tui.draft import Draft

_default_cache: Template | None = None


def default_template() -> Template:
    """The shipped template, loaded once per process (and kept between runs; see template_cache)."""
    global _default_cache
    if _default_cache is None:
        from tdd_tui.locations import cache_dir
        from tdd_tui.template_cache import cached

        _default_cache = cached(DEFAULT_TEMPLATE, cache_dir(), load_template)
    return _default_cache


class UnknownTemplate(TemplateError):
    """A draft written with a template this machine does not have."""


class TemplateCatalog:
    """The templates of this run: --template first, then the templates folder, then the built-in.

    The folder is read on first use, so a command that needs only the built-in
    template (most drafts) and never asks about another never reads it.
    """

    def __init__(self, chosen: Template | None = None, folder: Path | None = None) -> None:
        self.chosen = chosen
        self.folder = folder
        self._all: list[Template] | None = None
        self.errors: list[TemplateError] = []  # the folder's templates that do not load

    @classmethod
    def of(cls, *templates: Template) -> TemplateCatalog:
        """Exactly these templates, the first for new drafts (tests, and a chosen set)."""
        catalog = cls(templates[0])
        catalog._all = list(templates)
        return catalog

    @property
    def templates(self) -> list[Template]:
        """Every usable template, the one a new draft gets first; the first of an id wins."""
        if self._all is None:
            found: list[Template] = []
            if self.folder is not None:
                found, self.errors = load_templates(self.folder)
            out: list[Template] = [self.chosen] if self.chosen is not None else []
            for template in [*found, default_template()]:
                if all(t.id != template.id for t in out):
                    out.append(template)
            self._all = out
        return self._all

    def for_new(self) -> Template:
        """What a new draft is written with when nobody picks: --template, else the built-in."""
        return self.chosen if self.chosen is not None else default_template()

    def find(self, template_id: str) -> Template | None:
        """The template with this id, if there is one here (--template is answered first)."""
        if self.chosen is not None and self.chosen.id == template_id:
            return self.chosen
        return next((t for t in self.templates if t.id == template_id), None)

    def for_draft(self, draft: Draft) -> Template:
        """The template draft was written with; UnknownTemplate says what to do if it is not here."""
        found = self.find(draft.template_id)
        if found is None:
            raise UnknownTemplate(
                draft.id,
                None,
                f"was written with the template '{draft.template_id}' "
                f"(version {draft.template_version}), which is not here: put its file in "
                f"{self.folder or 'the templates folder'} or pass --template FILE",
            )
        return found

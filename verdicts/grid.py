"""The panel grid: reviewers × tools, every verdict's state at a glance, missing ones entered in
place and saved together (verdicts.services.enter_verdicts).

Plain forms with prefixes, so the page works as one plain POST; the new-comparison page
(comparisons.admin_flow) embeds the same grid under its own fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.text import slugify

from verdicts.models import Decision, Reviewer, Verdict

DECISION_CHOICES = [("", "—"), *Decision.choices]


class CellForm(forms.Form):
    """One missing verdict: left empty, or a decision with its reasoning."""

    decision = forms.ChoiceField(choices=DECISION_CHOICES, required=False)
    body = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "grid-cell__body"}),
        label="Reasoning (Markdown)",
    )
    version = forms.CharField(
        required=False,
        max_length=40,
        label="Version judged",
        widget=forms.TextInput(attrs={"class": "grid-cell__version", "size": 6}),
    )

    def clean(self):
        cleaned = super().clean()
        decision, body = cleaned.get("decision"), (cleaned.get("body") or "").strip()
        if decision and not body:
            self.add_error("body", "Write the reasoning, or set the decision back to —.")
        if body and not decision:
            self.add_error("decision", "Choose ship or skip for this reasoning.")
        return cleaned

    @property
    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("decision"))


class NewReviewerForm(forms.Form):
    """A reviewer added in the grid's last rows; required once any of the row is filled."""

    name = forms.CharField(required=False, max_length=120)
    title = forms.CharField(
        required=False, max_length=60, widget=forms.TextInput(attrs={"placeholder": "The Builder"})
    )
    lens = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "What this reviewer judges"}),
    )

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) for name in ("name", "title", "lens")):
            for name in ("name", "title", "lens"):
                if not cleaned.get(name):
                    self.add_error(name, "Needed for a new reviewer.")
            slug = slugify(cleaned.get("name", ""))
            if cleaned.get("name") and Reviewer.objects.filter(slug=slug).exists():
                self.add_error("name", f"There is already a reviewer “{slug}”.")
        return cleaned

    @property
    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("name"))


@dataclass
class GridCell:
    tool: object
    verdict: Verdict | None = None
    form: CellForm | None = None


@dataclass
class GridRow:
    reviewer: Reviewer | None
    cells: list[GridCell]
    new_reviewer: NewReviewerForm | None = None


@dataclass
class PanelGrid:
    tools: list
    rows: list[GridRow] = field(default_factory=list)

    @property
    def forms(self) -> list[forms.Form]:
        found = []
        for row in self.rows:
            if row.new_reviewer is not None:
                found.append(row.new_reviewer)
            found.extend(cell.form for cell in row.cells if cell.form is not None)
        return found

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.forms])  # every form, for every error
        new_names = [
            slugify(row.new_reviewer.cleaned_data.get("name", ""))
            for row in self.rows
            if row.new_reviewer is not None and row.new_reviewer.is_valid()
        ]
        duplicates = {slug for slug in new_names if slug and new_names.count(slug) > 1}
        for row in self.rows:
            form = row.new_reviewer
            if form is None or not form.is_valid():
                continue
            if slugify(form.cleaned_data.get("name", "")) in duplicates:
                form.add_error("name", "Two new reviewers share this name.")
                valid = False
            if any(c.form.is_filled for c in row.cells) and not form.is_filled:
                form.add_error("name", "Name the reviewer these verdicts are by.")
                valid = False
        return valid

    def entries(self) -> list[dict]:
        """What to write: one dict per filled cell (with `new_reviewer` data for new rows)."""
        found = []
        for index, row in enumerate(self.rows):
            new = row.new_reviewer.cleaned_data if row.new_reviewer is not None else None
            for cell in row.cells:
                if cell.form is None or not cell.form.is_filled:
                    continue
                found.append(
                    {
                        "reviewer": row.reviewer,
                        "new_reviewer": new,
                        "new_reviewer_key": index,
                        "tool": cell.tool,
                        "decision": cell.form.cleaned_data["decision"],
                        "body": cell.form.cleaned_data["body"].strip(),
                        "version": cell.form.cleaned_data["version"].strip(),
                    }
                )
        return found

    def new_reviewers(self) -> list[dict]:
        """New reviewers named in the grid, with or without verdicts yet."""
        return [
            {**row.new_reviewer.cleaned_data, "key": index}
            for index, row in enumerate(self.rows)
            if row.new_reviewer is not None and row.new_reviewer.is_filled
        ]


def build_grid(tools, *, data=None, new_rows: int = 1) -> PanelGrid:
    """The grid for `tools` (2 to 4), every reviewer in panel order, plus `new_rows` blank
    reviewer rows. `data` binds the forms of missing cells (a POST)."""
    tools = list(tools)
    existing = {
        (v.reviewer_id, v.tool_id): v
        for v in Verdict.objects.filter(tool__in=tools).select_related("tool")
    }
    grid = PanelGrid(tools)
    for reviewer in Reviewer.objects.all():
        cells = []
        for tool in tools:
            verdict = existing.get((reviewer.pk, tool.pk))
            form = None
            if verdict is None:
                form = CellForm(
                    data,
                    prefix=f"cell-{reviewer.pk}-{tool.pk}",
                    initial={"version": tool.current_version},
                )
            cells.append(GridCell(tool, verdict, form))
        grid.rows.append(GridRow(reviewer, cells))
    for index in range(new_rows):
        cells = [
            GridCell(
                tool,
                form=CellForm(
                    data, prefix=f"new-{index}-{tool.pk}", initial={"version": tool.current_version}
                ),
            )
            for tool in tools
        ]
        grid.rows.append(GridRow(None, cells, NewReviewerForm(data, prefix=f"new-{index}")))
    return grid

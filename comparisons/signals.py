"""Every saved or deleted row that public pages show moves the page-cache stamps.

Editors' changes move the content stamp and the touched tools' stamps; a tally saved here (a
recount) moves only its tool's and the votes stamp. Writes that bypass signals (the vote
service's F() updates) call tools.stamps themselves, in their own transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from comparisons.models import Comparison, ComparisonTool
from tools.models import Category, PricingTier, Tool
from tools.stamps import mark_changed, mark_votes_changed
from verdicts.models import Reviewer, Verdict, VerdictChange
from votes.models import VoteTally


def tools_touched_by(instance) -> list[int] | None:
    """The tools whose pages show `instance` (None: more than a list is worth, so all)."""
    match instance:
        case Tool():
            return [instance.pk]
        case PricingTier() | Verdict() | VoteTally():
            return [instance.tool_id]
        case VerdictChange():
            return list(
                Verdict.objects.filter(pk=instance.verdict_id).values_list("tool_id", flat=True)
            )
        case Comparison():
            return list(instance.entries.values_list("tool_id", flat=True))
        case ComparisonTool():
            return [instance.tool_id]
        case Category():
            return list(Tool.objects.filter(category_id=instance.pk).values_list("pk", flat=True))
        case Reviewer():
            return list(
                Verdict.objects.filter(reviewer_id=instance.pk).values_list("tool_id", flat=True)
            )
    return None


def bump_stamps(sender, instance, **kwargs) -> None:
    tool_ids = tools_touched_by(instance)
    # Inside the writer's transaction when there is one, so both commit together.
    with transaction.atomic():
        if isinstance(instance, VoteTally):
            mark_votes_changed(tool_ids)
        else:
            mark_changed(tool_ids)


def connect() -> None:
    for model in (
        Tool,
        PricingTier,
        Category,
        Reviewer,
        Verdict,
        VerdictChange,
        Comparison,
        ComparisonTool,
        VoteTally,
    ):
        post_save.connect(
            bump_stamps, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}"
        )
        post_delete.connect(
            bump_stamps, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}"
        )

from __future__ import annotations

import factory

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from verdicts.models import Decision, Reviewer, Verdict


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    name = factory.Sequence(lambda n: f"Reviewer {n}")
    slug = factory.Sequence(lambda n: f"reviewer-{n}")
    title = "The Builder"
    lens = "Judges the primitive and the developer experience."
    display_order = factory.Sequence(lambda n: n)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    tool = factory.SubFactory(ToolFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    decision = Decision.SHIP
    # Most tests are about what readers see: factories publish unless told otherwise.
    status = PublishStatus.PUBLISHED
    body = factory.Sequence(lambda n: f"Verdict number {n}: it earns the ship.")

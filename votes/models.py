from __future__ import annotations

from django.db import models
from django.db.models import Count, Q

from tools.models import Tool


class Choice(models.TextChoices):
    SHIP = "ship", "Ship"
    SKIP = "skip", "Skip"


class VoteQuerySet(models.QuerySet):
    def by_voter(self, voter_id: str):
        return self.filter(voter_id=voter_id)

    def on_tools(self, tools):
        return self.filter(tool__in=tools)

    def counts_by_tool(self) -> dict[int, tuple[int, int]]:
        """{tool_id: (ship, skip)} counted from the rows, in one grouped query."""
        rows = (
            self.order_by()
            .values("tool_id")
            .annotate(
                ship=Count("id", filter=Q(choice=Choice.SHIP)),
                skip=Count("id", filter=Q(choice=Choice.SKIP)),
            )
            .values_list("tool_id", "ship", "skip")
        )
        return {tool_id: (ship, skip) for tool_id, ship, skip in rows}


class Vote(models.Model):
    """One visitor's vote on one tool; the tally is the figure pages read."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="votes")
    voter_id = models.CharField(max_length=64, help_text="Random id from the visitor's cookie.")
    choice = models.CharField(max_length=4, choices=Choice.choices)
    ip_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="HMAC of the voter's IP with a daily salt (abuse review); never the IP.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "voter_id"], name="one_vote_per_voter_per_tool"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=["ship", "skip"]), name="vote_choice_ship_or_skip"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.choice} on {self.tool_id}"


class VoteTally(models.Model):
    """Running counts per tool, so a page view never scans vote rows."""

    tool = models.OneToOneField(
        Tool, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    ship_count = models.PositiveIntegerField(default=0)
    skip_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "vote tallies"
        constraints = [
            models.CheckConstraint(
                condition=Q(ship_count__gte=0) & Q(skip_count__gte=0), name="tally_counts_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.ship_count} ship, {self.skip_count} skip"

    @property
    def total(self) -> int:
        return self.ship_count + self.skip_count

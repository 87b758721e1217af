"""Head-to-head picks ("which would you ship with?"), their tallies and the fitted rankings."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, F, Max, Min, Q

from tools.models import Category, Tool
from votes.models import Status

NEITHER = "neither"


def ordered_pair(first: Tool, second: Tool) -> tuple[Tool, Tool]:
    """A pair is stored once, lower id first, whichever way round a page lists it."""
    return (first, second) if first.pk < second.pk else (second, first)


class PairQuerySet(models.QuerySet):
    def for_pair(self, first: Tool, second: Tool):
        tool_a, tool_b = ordered_pair(first, second)
        return self.filter(tool_a=tool_a, tool_b=tool_b)

    def among(self, tool_ids):
        """Rows for any pair of these tools (a 3- or 4-tool page's matrix): one query."""
        ids = list(tool_ids)
        return self.filter(tool_a_id__in=ids, tool_b_id__in=ids)


class PickNetworkDayQuerySet(PairQuerySet):
    def with_held_pattern(self):
        """Annotate each group's held picks: how many, for each tool and neither, first and
        last cast, and how many counted before the cap."""
        held = Q(picks__status=Status.HELD)
        return self.annotate(
            held_count=Count("picks", filter=held),
            held_a=Count("picks", filter=held & Q(picks__picked=F("tool_a"))),
            held_b=Count("picks", filter=held & Q(picks__picked=F("tool_b"))),
            held_neither=Count("picks", filter=held & Q(picks__picked__isnull=True)),
            counted_count=Count("picks", filter=Q(picks__status=Status.COUNTED)),
            first_held_at=Min("picks__created_at", filter=held),
            last_held_at=Max("picks__created_at", filter=held),
        )

    def needs_review(self):
        """Groups with picks waiting for an editor, biggest first (the editors' desk lists
        them beside held votes)."""
        return (
            self.with_held_pattern()
            .filter(held_count__gt=0)
            .select_related("tool_a", "tool_b")
            .order_by("-held_count", "-day")
        )


class PickNetworkDay(models.Model):
    """The picks one network made on one pair on one day (UTC): the unit the per-network cap
    counts (votes/caps.py, the rule votes use) and editors review. Its row is locked while a
    pick from that network decides counted or held."""

    tool_a = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    tool_b = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    network_hash = models.CharField(
        max_length=64, help_text="Daily-salted HMAC of the /24 or /64; never the network."
    )
    day = models.DateField(help_text="The day (UTC) the picks were made.")

    objects = PickNetworkDayQuerySet.as_manager()

    class Meta:
        verbose_name = "held pick group"
        constraints = [
            models.UniqueConstraint(
                fields=["tool_a", "tool_b", "day", "network_hash"],
                name="one_group_per_network_pair_day",
            ),
            models.CheckConstraint(
                condition=Q(tool_a__lt=F("tool_b")), name="pick_group_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"picks on {self.tool_a_id}/{self.tool_b_id} from one network on {self.day}"


class Pick(models.Model):
    """One visitor's answer for one pair: a tool of the pair, or neither (`picked` empty)."""

    tool_a = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    tool_b = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    voter_id = models.CharField(max_length=64, help_text="Random id from the visitor's cookie.")
    picked = models.ForeignKey(
        Tool,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The tool they would ship with; empty means neither.",
    )
    # Counted, held (past its network's daily cap, waiting for an editor) or voided: the
    # statuses and words of ship/skip votes (votes.models.Status).
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.COUNTED)
    network_day = models.ForeignKey(
        PickNetworkDay,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="picks",
        help_text="The network and day the pick came from (the cap's unit).",
    )
    ip_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="HMAC of the visitor's IP with a daily salt (abuse review); never the IP.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tool_a", "tool_b", "voter_id"], name="one_pick_per_voter_per_pair"
            ),
            models.CheckConstraint(condition=Q(tool_a__lt=F("tool_b")), name="pick_pair_ordered"),
            models.CheckConstraint(
                condition=Q(picked__isnull=True) | Q(picked=F("tool_a")) | Q(picked=F("tool_b")),
                name="pick_is_one_of_the_pair_or_neither",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["counted", "held", "voided"]), name="pick_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.picked_id or NEITHER} of {self.tool_a_id}/{self.tool_b_id}"


class PairTally(models.Model):
    """Running counts per pair, so neither a page nor a fit scans pick rows.

    a/b/neither are the public (counted) picks that pages show and fits read; held picks wait
    apart in the held_ counts (editors see them); voided picks are counted nowhere.
    """

    tool_a = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    tool_b = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    a_count = models.PositiveIntegerField(default=0)
    b_count = models.PositiveIntegerField(default=0)
    neither_count = models.PositiveIntegerField(default=0)
    held_a_count = models.PositiveIntegerField(default=0)
    held_b_count = models.PositiveIntegerField(default=0)
    held_neither_count = models.PositiveIntegerField(default=0)
    # Which tool led (more picks) when the rankings were last fitted: a change is a flip.
    leader = models.ForeignKey(
        Tool, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "pair tallies"
        constraints = [
            models.UniqueConstraint(fields=["tool_a", "tool_b"], name="one_tally_per_pair"),
            models.CheckConstraint(condition=Q(tool_a__lt=F("tool_b")), name="tally_pair_ordered"),
            models.CheckConstraint(
                condition=Q(a_count__gte=0) & Q(b_count__gte=0) & Q(neither_count__gte=0),
                name="pair_tally_counts_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool_a_id} {self.a_count} · {self.tool_b_id} {self.b_count}"


class PreferenceFlip(models.Model):
    """A pair whose leader changed between two fits: the newsletter mentions it once."""

    tool_a = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    tool_b = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    from_leader = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    to_leader = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    a_count = models.PositiveIntegerField()
    b_count = models.PositiveIntegerField()
    flipped_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_leader=F("to_leader")), name="flip_changes_leader"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool_a_id}/{self.tool_b_id}: {self.from_leader_id} → {self.to_leader_id}"


class CategoryRanking(models.Model):
    """The stored Bradley–Terry fit for one category; pages read it, never fit."""

    category = models.OneToOneField(
        Category, on_delete=models.CASCADE, primary_key=True, related_name="pick_ranking"
    )
    fitted_at = models.DateTimeField(null=True, blank=True)
    decisive_picks = models.PositiveIntegerField(default=0)
    neither_picks = models.PositiveIntegerField(default=0)
    bootstrap_samples = models.PositiveIntegerField(default=0)
    # Set when a fit is queued, cleared when it starts: at most one waiting fit per category.
    fit_queued_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"ranking of {self.category_id}"


class RankedTool(models.Model):
    """One tool's place in its category's stored fit."""

    ranking = models.ForeignKey(CategoryRanking, on_delete=models.CASCADE, related_name="places")
    tool = models.OneToOneField(Tool, on_delete=models.CASCADE, related_name="pick_rank")
    rank = models.PositiveIntegerField()
    rank_low = models.PositiveIntegerField(help_text="Best rank in 95% of bootstrap refits.")
    rank_high = models.PositiveIntegerField(help_text="Worst rank in 95% of bootstrap refits.")
    strength = models.FloatField(help_text="Bradley–Terry strength; the category's mean is 1.")
    decisive_picks = models.PositiveIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rank_low__lte=F("rank")) & Q(rank__lte=F("rank_high")),
                name="rank_inside_its_range",
            ),
            models.CheckConstraint(condition=Q(strength__gt=0), name="strength_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.rank} ({self.rank_low}–{self.rank_high})"

    @property
    def range_label(self) -> str:
        """ "2nd–4th", or "3rd" when every refit agrees."""
        if self.rank_low == self.rank_high:
            return ordinal(self.rank)
        return f"{ordinal(self.rank_low)}–{ordinal(self.rank_high)}"


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"

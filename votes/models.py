from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, Min, Q

from tools.models import Tool


class Choice(models.TextChoices):
    SHIP = "ship", "Ship"
    SKIP = "skip", "Skip"


class Status(models.TextChoices):
    COUNTED = "counted", "Counted"
    HELD = "held", "Held for review"
    VOIDED = "voided", "Voided by an editor"


class NetworkDayQuerySet(models.QuerySet):
    def with_held_pattern(self):
        """Annotate each group's held votes: how many, ship/skip, first and last cast."""
        held = Q(votes__status=Status.HELD)
        return self.annotate(
            held_count=Count("votes", filter=held),
            held_ship=Count("votes", filter=held & Q(votes__choice=Choice.SHIP)),
            held_skip=Count("votes", filter=held & Q(votes__choice=Choice.SKIP)),
            counted_count=Count("votes", filter=Q(votes__status=Status.COUNTED)),
            first_held_at=Min("votes__created_at", filter=held),
            last_held_at=Max("votes__created_at", filter=held),
        )

    def needs_review(self):
        """Groups with votes waiting for an editor, biggest first (the editors' desk lists them)."""
        return (
            self.with_held_pattern()
            .filter(held_count__gt=0)
            .select_related("tool")
            .order_by("-held_count", "-day")
        )


class NetworkDay(models.Model):
    """The votes one network cast on one tool on one day: the unit the cap counts and editors
    review. Its row is locked while a vote from that network decides counted or held."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="network_days")
    network_hash = models.CharField(
        max_length=64, help_text="Daily-salted HMAC of the /24 or /64; never the network."
    )
    day = models.DateField(help_text="The day (UTC) the votes were cast.")

    objects = NetworkDayQuerySet.as_manager()

    class Meta:
        verbose_name = "held vote group"
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "day", "network_hash"], name="one_group_per_network_tool_day"
            ),
        ]

    def __str__(self) -> str:
        return f"votes on {self.tool_id} from one network on {self.day}"


class VoteQuerySet(models.QuerySet):
    def by_voter(self, voter_id: str):
        return self.filter(voter_id=voter_id)

    def on_tools(self, tools):
        return self.filter(tool__in=tools)

    def counted(self):
        return self.filter(status=Status.COUNTED)

    def held(self):
        return self.filter(status=Status.HELD)

    def verified(self):
        """Counted votes confirmed by an e-mail address (a held vote is never verified)."""
        return self.filter(status=Status.COUNTED).exclude(verified_hash="")

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
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.COUNTED)
    network_day = models.ForeignKey(
        NetworkDay,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        help_text="The network and day the vote came from (the cap's unit).",
    )
    ip_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="HMAC of the voter's IP with a daily salt (abuse review); never the IP.",
    )
    verified_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="Keyed HMAC of the e-mail address that verified this vote; never the address.",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "voter_id"], name="one_vote_per_voter_per_tool"
            ),
            models.UniqueConstraint(
                fields=["tool", "verified_hash"],
                condition=~Q(verified_hash=""),
                name="one_verified_vote_per_address_per_tool",
            ),
            models.CheckConstraint(
                condition=Q(choice__in=["ship", "skip"]), name="vote_choice_ship_or_skip"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["counted", "held", "voided"]), name="vote_status_known"
            ),
            models.CheckConstraint(
                condition=Q(verified_hash="") | Q(status="counted", verified_at__isnull=False),
                name="verified_vote_is_counted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.choice} on {self.tool_id} ({self.status})"

    @property
    def is_verified(self) -> bool:
        return bool(self.verified_hash)


class VoteTally(models.Model):
    """Running counts per tool, so a page view never scans vote rows.

    ship/skip are the public (counted) figure; held votes wait apart; verified votes are the
    counted ones confirmed by e-mail, a second figure inside the first.
    """

    tool = models.OneToOneField(
        Tool, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    ship_count = models.PositiveIntegerField(default=0)
    skip_count = models.PositiveIntegerField(default=0)
    held_ship_count = models.PositiveIntegerField(default=0)
    held_skip_count = models.PositiveIntegerField(default=0)
    verified_ship_count = models.PositiveIntegerField(default=0)
    verified_skip_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "vote tallies"
        constraints = [
            models.CheckConstraint(
                condition=Q(ship_count__gte=0) & Q(skip_count__gte=0), name="tally_counts_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(verified_ship_count__lte=models.F("ship_count"))
                & Q(verified_skip_count__lte=models.F("skip_count")),
                name="tally_verified_within_counted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.ship_count} ship, {self.skip_count} skip"

    @property
    def total(self) -> int:
        return self.ship_count + self.skip_count


class ModerationAction(models.TextChoices):
    RELEASED = "released", "released"
    VOIDED = "voided", "voided"


class ModerationSubject(models.TextChoices):
    """What a decision was about: ship/skip votes on a tool, or head-to-head picks on a pair
    (picks.services, under the same cap and the same public log)."""

    VOTES = "votes", "ship/skip votes"
    PICKS = "picks", "head-to-head picks"


class ModerationEntryQuerySet(models.QuerySet):
    def for_tool(self, tool):
        """Decisions on the tool's votes and on picks between it and another tool."""
        return (
            self.filter(Q(tool=tool) | Q(other_tool=tool))
            .select_related("tool", "other_tool")
            .order_by("-created_at", "-id")
        )

    def latest_first(self):
        return self.select_related("tool", "other_tool").order_by("-created_at", "-id")


class ModerationEntry(models.Model):
    """One editor decision on a group of held votes or picks, as the public log shows it.

    Holds no personal data: the tool (for picks, the pair), how many, their split and day,
    and the decision. Who decided is kept for the admin only.
    """

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="moderation_entries")
    subject = models.CharField(
        max_length=5, choices=ModerationSubject.choices, default=ModerationSubject.VOTES
    )
    other_tool = models.ForeignKey(
        Tool,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="For picks: the pair's other tool (`tool` is the one with the lower id).",
    )
    action = models.CharField(max_length=8, choices=ModerationAction.choices)
    vote_count = models.PositiveIntegerField(help_text="How many votes or picks were decided.")
    ship_count = models.PositiveIntegerField()
    skip_count = models.PositiveIntegerField()
    # The split of decided picks: for `tool`, for `other_tool`, for neither.
    tool_picks = models.PositiveIntegerField(default=0)
    other_tool_picks = models.PositiveIntegerField(default=0)
    neither_picks = models.PositiveIntegerField(default=0)
    votes_cast_on = models.DateField(help_text="The day (UTC) the votes or picks were cast.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    objects = ModerationEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "moderation log entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["released", "voided"]), name="moderation_action_known"
            ),
            models.CheckConstraint(
                condition=Q(
                    vote_count=models.F("ship_count")
                    + models.F("skip_count")
                    + models.F("tool_picks")
                    + models.F("other_tool_picks")
                    + models.F("neither_picks")
                ),
                name="moderation_split_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(
                    subject="votes",
                    other_tool__isnull=True,
                    tool_picks=0,
                    other_tool_picks=0,
                    neither_picks=0,
                )
                | Q(subject="picks", other_tool__isnull=False, ship_count=0, skip_count=0),
                name="moderation_split_fits_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def summary(self) -> str:
        """ "112 held votes from one network voided (61 ship, 51 skip)", or for picks
        "12 held head-to-head picks from one network voided (7 for Alpha, 3 for Beta, 2 for
        neither)" """
        plural = "" if self.vote_count == 1 else "s"
        if self.subject == ModerationSubject.PICKS:
            return (
                f"{self.vote_count:,} held head-to-head pick{plural} from one network "
                f"{self.action} ({self.tool_picks} for {self.tool.name}, "
                f"{self.other_tool_picks} for {self.other_tool.name}, "
                f"{self.neither_picks} for neither)"
            )
        return (
            f"{self.vote_count:,} held vote{plural} from one network {self.action} "
            f"({self.ship_count} ship, {self.skip_count} skip)"
        )


class VerificationRequest(models.Model):
    """A visitor asked to verify their vote: the address waits here only until the link is
    mailed (then it is blanked); the link itself carries the signed address hash."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    voter_id = models.CharField(max_length=64)
    email = models.EmailField(max_length=254, blank=True, help_text="Blanked once mailed.")
    address_hash = models.CharField(max_length=64, help_text="Keyed HMAC of the address.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["tool", "address_hash"], name="verification_by_address")]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(email=""), name="verification_mailed_forgets"
            ),
        ]

    def __str__(self) -> str:
        return f"verification of a vote on {self.tool_id}"

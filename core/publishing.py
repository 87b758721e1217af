"""Draft/published state shared by everything editors publish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format

from core import stamps
from core.cache import read_quietly, write_quietly


def desk_datetime(moment) -> str:
    """The one way editors' screens write a moment: 29 Nov 2026, 21:05 UTC (site time zone)."""
    return date_format(timezone.localtime(moment), "j M Y, H:i T")


class PublishStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# The one "is public" rule, in its two forms (a filter, and the same test on a row's values).
# Everything that asks whether readers may see something calls one of these.


def published_filter(prefix: str = "", *, at: datetime | None = None) -> Q:
    """Public rows: status Published and a publish time that has come (by `at`, default now).
    `prefix` reaches the rows through a relation, e.g. "verdicts__"."""
    return Q(
        **{
            f"{prefix}status": PublishStatus.PUBLISHED,
            f"{prefix}published_at__lte": at or timezone.now(),
        }
    )


def scheduled_filter(prefix: str = "", *, at: datetime | None = None) -> Q:
    """Rows that are Published but whose time has not come yet."""
    return Q(
        **{
            f"{prefix}status": PublishStatus.PUBLISHED,
            f"{prefix}published_at__gt": at or timezone.now(),
        }
    )


def is_public_state(status: str, published_at: datetime, *, at: datetime | None = None) -> bool:
    """published_filter's rule for one row's values."""
    return status == PublishStatus.PUBLISHED and published_at <= (at or timezone.now())


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Public rows (published_filter)."""
        return self.filter(published_filter())

    def visible(self, *, include_drafts: bool = False):
        """What a page lists: every row for staff previewing drafts, else only public rows."""
        return self.all() if include_drafts else self.published()


class Publishable(models.Model):
    # Everything starts as a draft: publishing is an explicit act (now, or at a set time).
    status = models.CharField(
        max_length=10, choices=PublishStatus.choices, default=PublishStatus.DRAFT
    )
    published_at = models.DateTimeField(
        "publish at",
        default=timezone.now,
        help_text="When readers first see it; a time in the future schedules publication.",
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return is_public_state(self.status, self.published_at)

    @property
    def is_scheduled(self) -> bool:
        return self.status == PublishStatus.PUBLISHED and not self.is_public

    @property
    def not_public_label(self) -> str:
        """The banner staff see on a public page; empty when readers see the item too."""
        if self.is_scheduled:
            return f"Scheduled — not public until {desk_datetime(self.published_at)}"
        return "" if self.is_public else "Draft — not public"


@dataclass(frozen=True)
class PublicationPlan:
    """What a publish or withdraw does to one row: its new state, or None if it stays as is."""

    status: str
    published_at: datetime


def plan_publication(
    row, *, action: str, at: datetime | None, now: datetime
) -> PublicationPlan | None:
    """The one rule for bulk publishing, whatever the model.

    action "publish": a draft or scheduled row goes public at `at` (now if None); a row
    already live keeps its date. action "withdraw": a published or scheduled row returns to
    draft. Rows already in the wanted state are left alone, so counts say what changed.
    """
    if action == "withdraw":
        if row.status == PublishStatus.DRAFT:
            return None
        return PublicationPlan(PublishStatus.DRAFT, row.published_at)
    if action != "publish":
        raise ValueError(f"Unknown publication action {action!r}")
    when = at or now
    if is_public_state(row.status, row.published_at, at=now) or (
        row.status == PublishStatus.PUBLISHED and row.published_at == when
    ):
        return None  # live already (its first date stands), or scheduled for that very time
    return PublicationPlan(PublishStatus.PUBLISHED, when)


@dataclass(frozen=True)
class PublicationOutcome:
    """How many rows a bulk publication changed, and how many were already as asked."""

    changed: int
    unchanged: int


def shows_drafts(request) -> bool:
    """Staff see drafts and scheduled items on the public pages (marked as such).

    A request without a session cookie is a reader: the session is not touched, so readers'
    pages cost no session query and carry no `Vary: Cookie` (shared caches can keep them).
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def private_if(include_drafts: bool, response):
    """A page that shows drafts must never be stored by a shared cache."""
    if include_drafts:
        patch_cache_control(response, private=True, no_store=True)
    return response


def seconds_until_next_publication(*models, longest: int, content: int | None = None) -> int:
    """How long a cached page may live: at most `longest`, and never past the moment a
    scheduled row of `models` goes public. `content`: the content stamp's token, when the
    caller has read it already."""
    now = timezone.now()
    if content is None:
        content = stamps.token(stamps.CONTENT)
    moment = _next_publication(models, now, content)
    if moment is None:
        return longest
    return max(0, min(longest, int((moment - now).total_seconds())))


def _next_publication(models, now: datetime, content: int) -> datetime | None:
    """The soonest moment a scheduled row of `models` goes public (one query for all of them),
    kept in the cache under the content stamp: a row is scheduled, moved or published only by
    an editor's change, which moves that stamp. Once the moment has passed, read again."""
    key = "next-publication:{}:{}".format(content, ",".join(m._meta.label for m in models))
    kept = read_quietly([key], "the next publication").get(key)
    if kept is not None and (kept[0] is None or kept[0] > now):
        return kept[0]
    upcoming = [
        model.objects.filter(scheduled_filter(at=now))
        .order_by()  # no model ordering inside the UNION (SQLite refuses it)
        .values_list("published_at", flat=True)
        for model in models
    ]
    soonest = upcoming[0].union(*upcoming[1:]).order_by("published_at")[:1]
    moment = next(iter(soonest), None)
    write_quietly({key: (moment,)}, settings.PAGE_CACHE_SECONDS, "the next publication")
    return moment

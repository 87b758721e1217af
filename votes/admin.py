from __future__ import annotations

from django.contrib import admin, messages
from django.utils.timesince import timesince

from core.editing import ReadOnlyModelAdmin
from votes.bursts import find_bursts
from votes.models import ModerationEntry, NetworkDay, VoteTally
from votes.services import release_held_votes, void_held_votes


@admin.register(VoteTally)
class VoteTallyAdmin(ReadOnlyModelAdmin):
    """Read-only: tallies change only through votes (and `recount_votes`)."""

    list_display = [
        "tool",
        "ship_count",
        "skip_count",
        "held_ship_count",
        "held_skip_count",
        "verified_ship_count",
        "verified_skip_count",
        "updated_at",
    ]
    list_select_related = ["tool"]


class HeldGroupAdmin(admin.ModelAdmin):
    """What every review queue of held answers shows and does (held votes here, held picks in
    picks/admin.py): a group's time spread and counted-before-the-cap, decided through its
    app's services, never added or deleted by hand. Subclasses annotate `with_held_pattern`."""

    noun = "vote"  # what the group holds, for the message after an action

    @admin.display(description="time spread")
    def time_spread(self, group) -> str:
        first, last = group.first_held_at, group.last_held_at
        if first is None:
            return "—"
        span = "under a minute" if (last - first).total_seconds() < 60 else timesince(first, last)
        return f"{first:%H:%M}–{last:%H:%M} UTC ({span})"

    @admin.display(description="counted before the cap", ordering="counted_count")
    def counted_before(self, group) -> int:
        return group.counted_count

    def _decide(self, request, queryset, decide, done: str) -> None:
        """Decide each selected group through `decide` (a services function)."""
        decided = groups = 0
        for group in queryset:
            result = decide(group=group, editor=request.user)
            if result.entry is not None:
                groups += 1
                decided += result.entry.vote_count
        self.message_user(
            request,
            f"{decided} held {self.noun}{'s' if decided != 1 else ''} in {groups} group"
            f"{'s' if groups != 1 else ''} {done}; the public moderation log says so.",
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NetworkDay)
class HeldVoteGroupAdmin(HeldGroupAdmin):
    """The review queue: held votes grouped by network, tool and day, decided a group at a
    time through votes.services (tallies, the public log and page stamps move together)."""

    list_display = ["tool", "day", "held_votes", "time_spread", "split", "counted_before"]
    list_filter = ["day", "tool"]
    list_select_related = ["tool"]
    actions = ["release_groups", "void_groups"]
    fields = ["tool", "day", "held_votes", "time_spread", "split", "counted_before"]
    readonly_fields = fields
    ordering = ["-day"]

    def get_queryset(self, request):
        return NetworkDay.objects.needs_review()

    def changelist_view(self, request, extra_context=None):
        extra_context = {"bursts": find_bursts(), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="held", ordering="held_count")
    def held_votes(self, group) -> int:
        return group.held_count

    @admin.display(description="ship / skip")
    def split(self, group) -> str:
        return f"{group.held_ship} ship · {group.held_skip} skip"

    @admin.action(description="Release: count the held votes of the selected groups")
    def release_groups(self, request, queryset):
        self._decide(request, queryset, release_held_votes, "released")

    @admin.action(description="Void: never count the held votes of the selected groups")
    def void_groups(self, request, queryset):
        self._decide(request, queryset, void_held_votes, "voided")


@admin.register(ModerationEntry)
class ModerationEntryAdmin(ReadOnlyModelAdmin):
    """The log is written only by release and void; nobody edits or deletes history."""

    list_display = ["created_at", "tool", "action", "vote_count", "votes_cast_on", "decided_by"]
    list_filter = ["action"]
    list_select_related = ["tool", "decided_by"]

"""The Editors group: what editors may do, defined in code and kept in step with it.

Editors add and change the editorial rooms (categories, tools, pricing, reviewers, verdicts,
comparisons) and read verdict history. They never delete tools (that would delete the votes
cast on them), verdicts or comparisons (return them to draft instead), and get nothing in
votes and picks but the held groups and the moderation log (no voter data), nothing in
throttle, axes or auth: no voter data, no rate-limit buckets, no users or groups.
Pricing tiers are the one thing they delete: a price list loses lines.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

EDITORS_GROUP = "Editors"

EDITOR_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "tools.category": ("view", "add", "change"),
    "tools.tool": ("view", "add", "change"),
    "tools.pricingtier": ("view", "add", "change", "delete"),
    "tools.pricechange": ("view",),
    "verdicts.reviewer": ("view", "add", "change"),
    "verdicts.verdict": ("view", "add", "change"),
    "verdicts.verdictchange": ("view",),
    "verdicts.verdictpublication": ("view",),
    "comparisons.comparison": ("view", "add", "change"),
    # A comparison's tools and "ship it if…" lines (its inline; rows are replaced on save).
    "comparisons.comparisontool": ("view", "add", "change", "delete"),
    # Held votes are reviewed as groups (no voter data shown) and decided by admin actions.
    "votes.networkday": ("view", "change"),
    "votes.moderationentry": ("view",),
    # Held head-to-head picks, the same way (picks/admin.py).
    "picks.picknetworkday": ("view", "change"),
}


def editor_permission_codenames() -> set[str]:
    """{"tools.add_tool", ...}: the exact set of permissions the group holds."""
    return {
        f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
        for label, actions in EDITOR_PERMISSIONS.items()
        for action in actions
    }


def sync_editors_group(apps=global_apps, using: str = DEFAULT_DB_ALIAS):
    """Create the Editors group if needed and give it exactly EDITOR_PERMISSIONS.

    Used by the data migration (with historical models) and after every migrate. Permissions
    of models that do not exist yet at that point of migrating are added by the later run.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the data migration needs them now.
    for app_label in {label.split(".")[0] for label in EDITOR_PERMISSIONS}:
        create_permissions(
            global_apps.get_app_config(app_label), verbosity=0, using=using, apps=apps
        )
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    wanted = [
        Q(content_type__app_label=label.split(".")[0], codename=f"{action}_{label.split('.')[1]}")
        for label, actions in EDITOR_PERMISSIONS.items()
        for action in actions
    ]
    group, _ = group_model.objects.using(using).get_or_create(name=EDITORS_GROUP)
    group.permissions.set(permission_model.objects.using(using).filter(reduce(or_, wanted)))
    return group


def sync_editors_group_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    sync_editors_group(apps, using=using)

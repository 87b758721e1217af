from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.images import SafeImageField
from core.stamps import new_token
from core.text import CleansTextOnSave, RendersMarkdownOnSave


class Category(CleansTextOnSave, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("category_detail", args=[self.slug])


class ToolQuerySet(models.QuerySet):
    def for_cards(self):
        """A tool card's own data (category, vote tally, pricing tiers): one query plus one for
        the pricing tiers."""
        return self.select_related("category", "tally").prefetch_related("pricing_tiers")

    def by_slugs(self, slugs: list[str]):
        return self.filter(slug__in=slugs)


STAMP_FIELDS = ("cache_version", "votes_version")


class Tool(RendersMarkdownOnSave, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="tools")
    vendor = models.CharField(max_length=120, blank=True)
    tagline = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    description_html = models.TextField(blank=True, editable=False)
    license_name = models.CharField("licence", max_length=120, blank=True)
    license_is_open_source = models.BooleanField("open-source licence", default=False)
    entry_price_label = models.CharField(
        "entry price", max_length=40, help_text='What it costs to start, e.g. "Free" or "$20/mo".'
    )
    homepage_url = models.URLField("homepage", blank=True)
    download_url = models.URLField("weights or download", blank=True)
    docs_url = models.URLField("documentation", blank=True)
    current_version = models.CharField(
        max_length=40,
        blank=True,
        help_text='The release readers would get today, e.g. "v4" or "2026.11". Verdicts '
        "judged on another version are marked as possibly out of date.",
    )
    # Cards draw logos at 56 px; 112 px serves 2x screens. Logos are fitted, never cropped.
    # Random tokens (core/stamps.py), replaced in the database only (tools/stamps.py).
    # cache_version: whenever anything editors change on this tool's pages (its own data, its
    # verdicts, comparisons); its cached pages are keyed by it. votes_version: whenever its
    # tally moves; only the fragments showing its community figures are keyed by it, so a vote
    # never empties a whole page.
    cache_version = models.PositiveBigIntegerField(default=new_token, editable=False)
    votes_version = models.PositiveBigIntegerField(default=new_token, editable=False)
    logo = SafeImageField(
        upload_to="logos/",
        blank=True,
        thumbnail_sizes=(56, 112),
        crop=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ToolQuerySet.as_manager()
    markdown_fields = {"description": "description_html"}

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug__contains="-vs-"), name="tool_slug_has_no_vs"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The stamps are replaced in the database only (tools/stamps.py); an instance loaded
        # earlier must never write its older token back over a newer one.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in STAMP_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tool_detail", args=[self.slug])

    @property
    def initials(self) -> str:
        words = [w for w in self.name.replace("(", " ").split() if w[:1].isalnum()]
        return "".join(w[0] for w in words[:2]).upper()


class PricingTier(CleansTextOnSave, models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="pricing_tiers")
    name = models.CharField(max_length=80)
    price = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Empty means on request."
    )
    currency = models.CharField(max_length=3, default="USD")
    billing_unit = models.CharField(
        max_length=60, blank=True, help_text='e.g. "per month", "per 1M tokens".'
    )
    notes = models.CharField(max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    last_checked = models.DateField(
        null=True, blank=True, help_text="When an editor last confirmed this price at the vendor."
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "name"], name="pricing_tier_name_unique"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="pricing_tier_price_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool}: {self.name}"

    @property
    def price_label(self) -> str:
        if self.price is None:
            return "On request"
        if self.price == 0:
            return "Free"
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(self.currency, f"{self.currency} ")
        amount = f"{self.price:,.2f}".removesuffix(".00")
        return f"{symbol}{amount}"

    @property
    def price_with_unit(self) -> str:
        """ "$20 per month"; a $0 tier is "Free", with its unit only where it says something
        ("Free, self-hosted"), never "Free per user / month"."""
        unit = self.billing_unit.strip()
        if self.price == 0:
            per_time_or_seat = unit.lower().startswith(("per ", "/", "a ")) or "/" in unit
            return "Free" if not unit or per_time_or_seat else f"Free, {unit}"
        return f"{self.price_label} {unit}" if unit and self.price is not None else self.price_label


class PriceChangeQuerySet(models.QuerySet):
    def for_tool(self, tool):
        """A tool's price history, newest first."""
        return self.filter(tool=tool).order_by("-changed_on", "-id")


class PriceChange(models.Model):
    """A price that changed, dated: written only by tools.services.save_pricing_tier."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="price_changes")
    tier_name = models.CharField(max_length=80)
    old_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    new_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    billing_unit = models.CharField(max_length=60, blank=True)
    changed_on = models.DateField(help_text="When the new price was seen at the vendor.")

    objects = PriceChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(old_price=models.F("new_price")),
                name="price_change_changes_the_price",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool}: {self.tier_name} {self.old_label} → {self.new_label}"

    def _label(self, price) -> str:
        return PricingTier(price=price, currency=self.currency).price_label

    @property
    def old_label(self) -> str:
        return self._label(self.old_price)

    @property
    def new_label(self) -> str:
        return self._label(self.new_price)

from __future__ import annotations

import factory

from tools.models import Category, PricingTier, Tool


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = "Developer Tools"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    category = factory.SubFactory(CategoryFactory)
    vendor = "Acme"
    tagline = factory.LazyAttribute(lambda o: f"{o.name} does one thing well")
    description = "A **useful** tool."
    license_name = "MIT"
    license_is_open_source = True
    entry_price_label = "Free"


class PricingTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PricingTier

    tool = factory.SubFactory(ToolFactory)
    name = factory.Sequence(lambda n: f"Tier {n}")
    price = 20
    billing_unit = "per month"

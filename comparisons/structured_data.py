"""JSON-LD (schema.org) for tool and comparison pages, built as plain dicts from a board.

Each tool is a SoftwareApplication carrying the panel's verdicts as Reviews: a ship is a rating
of 1 and a skip a rating of 0 on a 0–1 scale, and the panel's share of ships is the
AggregateRating once it reaches the panel minimum (core/figures.py). Templates emit the dict
with the `json_ld` filter (json_script escaping).
"""

from __future__ import annotations

from comparisons.board import Board, ToolColumn

SCHEMA = "https://schema.org"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _offers(column: ToolColumn) -> list[dict]:
    offers = []
    for tier in column.tiers:
        if tier.price is None:
            continue
        offer = {
            "@type": "Offer",
            "name": tier.name,
            "price": f"{tier.price:.2f}",
            "priceCurrency": tier.currency,
        }
        if tier.billing_unit:
            offer["description"] = tier.billing_unit
        offers.append(offer)
    return offers


def _review(request, verdict) -> dict:
    reviewer = verdict.reviewer
    return {
        "@type": "Review",
        "name": f"{reviewer.name}: {verdict.get_decision_display()}",
        "author": {
            "@type": "Person",
            "name": reviewer.name,
            "jobTitle": reviewer.title,
            "url": _absolute(request, reviewer.get_absolute_url()),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1 if verdict.is_ship else 0,
            "bestRating": 1,
            "worstRating": 0,
        },
        "reviewBody": verdict.body_text,
        "datePublished": verdict.published_at.date().isoformat(),
    }


def software_application(request, board: Board, index: int) -> dict:
    """The tool in column `index`, with its published verdicts as Reviews."""
    column = board.columns[index]
    tool = column.tool
    url = _absolute(request, tool.get_absolute_url())
    data = {
        "@type": "SoftwareApplication",
        "@id": f"{url}#software",
        "name": tool.name,
        "url": url,
        "description": tool.tagline,
        "applicationCategory": "DeveloperApplication",
        "applicationSubCategory": tool.category.name,
    }
    if tool.vendor:
        data["publisher"] = {"@type": "Organization", "name": tool.vendor}
    if tool.homepage_url:
        data["sameAs"] = tool.homepage_url
    if tool.download_url:
        data["downloadUrl"] = tool.download_url
    if tool.logo:
        data["image"] = _absolute(request, tool.logo.url)
    offers = _offers(column)
    if offers:
        data["offers"] = offers
    reviews = [_review(request, row.verdicts[index]) for row in board.rows if row.verdicts[index]]
    if reviews:
        data["review"] = reviews
    # The small-sample rule (core/figures.py): no rating for search engines below the minimum.
    if column.panel.is_enough:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(column.panel.ship_count / column.panel.total, 2),
            "bestRating": 1,
            "worstRating": 0,
            "reviewCount": column.panel.total,
        }
    return data


def tool_page(request, board: Board) -> dict:
    return {"@context": SCHEMA, **software_application(request, board, 0)}


def comparison_page(request, board: Board, comparison=None, pick_counts=None) -> dict:
    """A WebPage about the compared tools, and each tool with its reviews; with the number of
    head-to-head picks made on it as an InteractionCounter of VoteActions."""
    names = " vs ".join(column.tool.name for column in board.columns)
    apps = [software_application(request, board, i) for i in range(len(board.columns))]
    page = {
        "@type": "WebPage",
        "@id": _absolute(request, request.path),
        "url": _absolute(request, request.path),
        "name": f"{names}: which one should you ship with?",
        "about": [{"@id": app["@id"]} for app in apps],
        "isPartOf": {"@type": "WebSite", "name": "Shipboard", "url": _absolute(request, "/")},
    }
    picks = sum(sum(counts) for counts in (pick_counts or {}).values())
    if picks and len(board.columns) == 2:
        page["interactionStatistic"] = {
            "@type": "InteractionCounter",
            "name": "Head-to-head picks: which would you ship with?",
            "interactionType": f"{SCHEMA}/VoteAction",
            "userInteractionCount": picks,
        }
    if comparison is not None:
        page["description"] = comparison.summary_text
        page["datePublished"] = comparison.published_at.date().isoformat()
        page["dateModified"] = comparison.updated_at.date().isoformat()
    return {"@context": SCHEMA, "@graph": [page, *apps]}

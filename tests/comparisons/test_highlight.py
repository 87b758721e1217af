from __future__ import annotations

from comparisons.highlight import START, STOP, excerpt, mark_headline, mark_terms
from core.text import plain_text


def test_mark_terms_escapes_the_text_before_marking():
    html = mark_terms('<img src=x onerror="alert(1)"> ships', ["ship"])
    assert html == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>ship</mark>s"


def test_a_term_that_looks_like_markup_is_matched_as_text_and_escaped():
    assert mark_terms("a <b> tag", ["<b>"]) == "a <mark>&lt;b&gt;</mark> tag"


def test_a_term_never_matches_inside_an_entity_it_produced():
    """Escaping happens per piece, so "amp" in the query cannot split "&amp;"."""
    assert mark_terms("R&D", ["amp"]) == "R&amp;D"


def test_mark_terms_is_case_insensitive_and_prefers_the_longer_term():
    assert mark_terms("Shipboard ships", ["ship", "shipboard"]) == (
        "<mark>Shipboard</mark> <mark>ship</mark>s"
    )


def test_mark_headline_unescapes_postgres_entities_once_and_marks_only_our_sentinels():
    headline = f"We {START}ship{STOP} &amp; &lt;script&gt; tools"
    assert mark_headline(headline) == "We <mark>ship</mark> &amp; &lt;script&gt; tools"


def test_stray_sentinels_in_stored_text_are_dropped_not_turned_into_marks():
    assert mark_headline(f"odd {STOP} text {START}") == "odd  text "


def test_plain_text_drops_tags_and_decodes_entities():
    assert plain_text("<p>Fast &amp; <strong>cheap</strong></p>\n<p>x</p>") == "Fast & cheap x"


def test_excerpt_centres_on_the_first_match_and_marks_cuts():
    text = ("lorem " * 100) + "needle " + ("ipsum " * 100)
    cut = excerpt(text, ["needle"], width=80)
    assert "needle" in cut
    assert cut.startswith("… ") and cut.endswith(" …")
    assert len(cut) < 100

"""The keyed address hash behind mailed links: one address, one hash per purpose."""

from __future__ import annotations

from core.mail_links import address_hash
from newsletter import tokens
from votes import verification


def test_the_hash_ignores_surrounding_space_and_case():
    assert address_hash(" Reader@Example.COM ", salt="a") == address_hash(
        "reader@example.com", salt="a"
    )
    assert len(address_hash("reader@example.com", salt="a")) == 64


def test_each_purpose_hashes_the_same_address_apart():
    assert address_hash("reader@example.com", salt="a") != address_hash(
        "reader@example.com", salt="b"
    )
    assert tokens.address_hash("reader@example.com") != verification.address_hash(
        "reader@example.com"
    )

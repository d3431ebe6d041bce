"""The seed dataset itself: quotes are verbatim, every fact is there."""

import csv

import pytest
from helpers import DATA, SEED

ARTICLE = SEED / "000_e7104e947feaa275.txt"


def rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.skipif(not ARTICLE.exists(), reason="the seed article is not beside the repository")
@pytest.mark.parametrize("name", ["relationships.csv", "events.csv", "claims.csv"])
def test_evidence_is_verbatim_from_the_article(name):
    article = ARTICLE.read_text("utf-8")
    for row in rows(name):
        assert row["evidence"] in article, row


def test_people_are_bilingual():
    for row in rows("people.csv"):
        assert row["name"] and row["name_en"], row


def test_claims_match_the_headline():
    claims = {r["id"]: int(r["value"]) for r in rows("claims.csv")}
    assert claims["claim-h1-changes"] == 12
    assert claims["claim-h1-new-hires"] == 1
    assert claims["claim-h1-departures"] == 11

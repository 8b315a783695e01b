"""Sources: every one is the course's article, an allowed publisher on its own site, a journal, or a help line's own page."""
from urllib.parse import urlsplit

import pytest

import mbc_edu

# Official domains for each kind of source (a subdomain counts: www.cancer.gov, ace.asco.org).
DOMAINS = {
    "nci": ("cancer.gov",),
    "acs": ("cancer.org",),
    "cancer-net": ("cancer.net",),
    "asco": ("asco.org", "ascopubs.org"),
    "ons": ("ons.org",),
    "nccn": ("nccn.org",),
    "seer": ("seer.cancer.gov",),
    "fda": ("fda.gov",),
    # A peer-reviewed paper: its DOI, PubMed or PubMed Central page, or the journal's own site.
    "journal": ("doi.org", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov", "nejm.org", "ascopubs.org",
                "jamanetwork.com", "thelancet.com", "academic.oup.com"),
}
ASCO_DOI = "https://doi.org/10.1200/"  # ASCO's journals (JCO, JCO Oncology Practice) publish its guidelines
ALLOWED = set(DOMAINS) | {"article", "service"}


def on(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


@pytest.fixture(scope="module")
def sources():
    return mbc_edu.load("sources")


def test_every_source_has_an_allowed_kind(sources):
    assert set(sources["kind"]) <= ALLOWED, set(sources["kind"]) - ALLOWED


def test_the_article_is_breastcancer_org(sources):
    article = sources[sources["kind"] == "article"]
    assert "bco-mbc" in set(article["id"])
    assert all(on(urlsplit(url).hostname, "breastcancer.org") for url in article["url"])


def test_each_kind_is_on_its_official_domain(sources):
    wrong = []
    for row in sources[sources["kind"].isin(list(DOMAINS))].itertuples():
        host = urlsplit(row.url).hostname or ""
        asco_doi = row.kind == "asco" and row.url.startswith(ASCO_DOI)
        if not (asco_doi or any(on(host, d) for d in DOMAINS[row.kind])):
            wrong.append((row.id, row.kind, row.url))
    assert wrong == []


def test_a_service_page_is_cited_only_by_contacts(sources):
    services = set(sources.loc[sources["kind"] == "service", "id"])
    for name in mbc_edu.table_names():
        if name in ("contacts", "sources"):
            continue
        frame = mbc_edu.load(name)
        for column in frame.columns[frame.columns.str.endswith("source_id")]:
            assert not services & set(frame[column].dropna()), (name, column)


def test_the_kind_check_catches_a_wrong_domain():
    assert not on("www.cancer.org.example.com", "cancer.org")
    assert not on("notcancer.gov", "cancer.gov")
    assert on("seer.cancer.gov", "cancer.gov") and on("www.accessdata.fda.gov", "fda.gov")

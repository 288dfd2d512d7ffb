"""Every ADR in ../shared/corpora parses to the number, title, status and date it states.

The expectations below were written by reading each file by hand (not by running
the parser): number from the file name (else the title), title without its number
prefix, canonical status, ISO date. Comments note the files where reading them
takes judgement. A corpus file without an expectation here fails the suite, so a
new file cannot slip in unchecked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.collection.discovery import scan
from adrtui.domain.parsing import parse_file

pytestmark = pytest.mark.corpora

Expected = tuple[int | None, str, str | None, str | None]  # number, title, status, date

SEEDS: dict[str, Expected] = {
    # YAML front matter with id: decision:0004:v1 and a nested links: mapping.
    "0004-python-fastapi-backend.md": (
        4,
        "Python FastAPI for backend (ML-native)",
        "accepted",
        "2024-12-03",
    ),
    # No H1: the title is the H2 "## ADR 001: …"; the status is the first line of a late
    # "### Status" section ("Accepted — this decision stands for the MVP…"); no date.
    "001-backend-framework-fastapi.md": (1, "Backend Framework — FastAPI", "accepted", None),
    # Bold fields; a second "**Status:** Accepted and implemented in MVP" at the very end.
    "002-python-fastapi-tech-stack.md": (
        2,
        "Python + FastAPI Tech Stack",
        "accepted",
        "2026-01-15",
    ),
    # "# ADR-002: …" with bold fields separated by blank lines. Number 2 clashes with the above.
    "ADR-002-python-fastapi-core-stack.md": (
        2,
        "Python 3.11+ and FastAPI as Core Stack",
        "accepted",
        "2025-10-26",
    ),
    # A fenced ```yaml block: "Date Created: 2025-11-17", "Status: ACCEPTED".
    "ADR-005-project-intelligence-fastapi-backend.md": (
        5,
        "FastAPI over Flask/Django - Project Intelligence Platform",
        "accepted",
        "2025-11-17",
    ),
}

ADR_TOOLS: dict[str, Expected] = {
    "0001-record-architecture-decisions.md": (
        1,
        "Record architecture decisions",
        "accepted",
        "2016-02-12",
    ),
    "0002-implement-as-shell-scripts.md": (
        2,
        "Implement as shell scripts",
        "accepted",
        "2016-02-12",
    ),
    "0003-single-command-with-subcommands.md": (
        3,
        "Single command with subcommands",
        "accepted",
        "2016-02-12",
    ),
    "0004-markdown-format.md": (4, "Markdown format", "accepted", "2016-02-12"),
    "0005-help-comments.md": (5, "Help comments", "accepted", "2016-02-13"),
    "0006-packaging-and-distribution-in-other-version-control-repositories.md": (
        6,
        "Packaging and distribution in other version control repositories",
        "accepted",
        "2016-02-16",
    ),
    "0007-invoke-adr-config-executable-to-get-configuration.md": (
        7,
        "Invoke adr-config executable to get configuration",
        "accepted",
        "2016-12-17",
    ),
    "0008-use-iso-8601-format-for-dates.md": (
        8,
        "Use ISO 8601 Format for Dates",
        "accepted",
        "2017-02-21",
    ),
    "0009-help-scripts.md": (9, "Help scripts", "accepted", "2018-06-26"),
}

# MADR's own decisions: front matter holds only Jekyll's parent/nav_order (and, once,
# "status: on hold"); no dates. 0008 and 0013 show "status: …" only inside code blocks.
MADR: dict[str, Expected] = {
    "0000-use-markdown-architectural-decision-records.md": (
        0,
        "Use Markdown Architectural Decision Records",
        None,
        None,
    ),
    "0001-use-CC0-or-MIT-as-license.md": (1, "Dual License the Work", None, None),
    "0002-do-not-use-numbers-in-headings.md": (2, "Do Not Use Numbers in Headings", None, None),
    "0003-provide-own-madr-tools.md": (3, "Write Own MADR Tooling", "on hold", None),
    "0004-write-own-toc-tool.md": (4, "Write Own TOC Tool", None, None),
    "0005-use-dashes-in-filenames.md": (5, "Use Dashes in Filenames", None, None),
    "0006-use-names-as-identifier.md": (6, "Use Names as Identifier", None, None),
    "0007-do-not-emphasize-line-headings.md": (7, "Do Not Emphasize Line Headings", None, None),
    "0008-add-status-field.md": (8, "Add Status Field", None, None),
    "0009-support-links-between-adrs-inside-an-adrs.md": (
        9,
        "Support Links To Other ADRs Inside an ADR",
        None,
        None,
    ),
    "0010-support-categories.md": (10, "Support Categories", None, None),
    "0011-use-asterisk-as-list-marker.md": (11, "Use Asterisk as List Marker", None, None),
    "0012-use-curly-braces-to-denote-placeholder.md": (
        12,
        "Use Curly Braces to Denote Placeholders",
        None,
        None,
    ),
    "0013-use-yaml-front-matter-for-meta-data.md": (
        13,
        "Use YAML front matter for metadata",
        None,
        None,
    ),
    "0014-allow-neutral-arguments.md": (14, 'Allow "neutral" arguments', None, None),
    "0015-include-consulting-informed-of-raci.md": (
        15,
        'Include "Consulted" and "Informed" of RACI',
        None,
        None,
    ),
    "0016-outcome-before-detailed-pros-cons.md": (
        16,
        "Outcome before Detailed Pros and Cons",
        None,
        None,
    ),
    "0017-use-same-format-for-outcomes-and-options.md": (
        17,
        "Use Same Format for Outcomes and Options",
        None,
        None,
    ),
    "0018-use-confirmation-as-heading.md": (18, 'Use "Confirmation" as Heading', None, None),
}

# Date-prefixed names: no numbers. "- Status:" / "- Date:" bullets.
LOG4BRAINS: dict[str, Expected] = {
    "20200924-use-markdown-architectural-decision-records.md": (
        None,
        "Use Markdown Architectural Decision Records",
        "accepted",
        "2020-09-24",
    ),
    "20200925-multi-packages-architecture-in-a-monorepo-with-yarn-and-lerna.md": (
        None,
        "Multi-packages architecture in a monorepo with Yarn and Lerna",
        "accepted",
        "2020-09-25",
    ),
    "20200925-use-prettier-eslint-airbnb-for-the-code-style.md": (
        None,
        "Use Prettier-ESLint Airbnb for the code style",
        "accepted",
        "2020-09-25",
    ),
    "20200926-use-the-adr-number-as-its-unique-id.md": (
        None,
        "Use the ADR number as its unique ID",
        "superseded",
        "2020-09-26",
    ),
    "20200927-avoid-default-exports.md": (None, "Avoid default exports", "accepted", "2020-09-27"),
    "20201016-use-the-adr-slug-as-its-unique-id.md": (
        None,
        "Use the ADR slug as its unique ID",
        "accepted",
        "2020-10-16",
    ),
    "20201026-the-core-api-is-responsible-for-enhancing-the-adr-markdown-body-with-mdx.md": (
        None,
        "The core API is responsible for enhancing the ADR markdown body with MDX",
        "accepted",
        "2020-10-26",
    ),
    "20201103-use-lunr-for-search.md": (None, "Use Lunr for search", "accepted", "2020-11-03"),
    "20210113-distribute-log4brains-as-a-global-npm-package.md": (
        None,
        "Distribute Log4brains as a global NPM package",
        "accepted",
        "2021-01-13",
    ),
}

# Nygard-like; "Date: 05/02/2018" is day first (5 February); emoji statuses.
CLOUD_PLATFORM: dict[str, Expected] = {
    "000-Record-Architecture-Decisions.md": (
        0,
        "Record Architecture Decisions",
        "accepted",
        "2019-05-01",
    ),
    "001-Use-AWS-hosted-elasticsearch.md": (
        1,
        "Use AWS hosted Elasticsearch",
        "accepted",
        "2018-02-05",
    ),
    "002-Use-github-for-architecture-decision-record.md": (
        2,
        "Use GitHub for architecture decision log",
        "accepted",
        "2018-03-26",
    ),
    "003-Use-Concourse-CI.md": (3, "Use Concourse CI", "accepted", "2018-03-28"),
    # "Date: 10/04/18": two-digit year, day first.
    "004-use-kubernetes-for-container-management.md": (
        4,
        "Use kubernetes for running containerised applications",
        "accepted",
        "2018-04-10",
    ),
    "005-ECR-monitoring-and-alerting.md": (
        5,
        "Monitoring/Alerting of ECR Image Counts",
        "accepted",
        "2019-07-04",
    ),
    # "Date 09/04/2018" — no colon after Date.
    "006-Use-github-as-user-directory.md": (
        6,
        "Use GitHub as our identity provider",
        "accepted",
        "2018-04-09",
    ),
    "007-Use-ECR-As-Container-Registry.md": (
        7,
        "Use ECR As Container Registry",
        "accepted",
        "2018-04-06",
    ),
    "008-Support-Deployments-from-Third-Party-CI.md": (
        8,
        "Support Deployments from Third Party CI",
        "accepted",
        "2018-05-03",
    ),
    "009-Naming-convention-for-clusters.md": (
        9,
        "Naming convention for clusters",
        "accepted",
        "2018-06-05",
    ),
    "010-live-0-to-live-1-Cluster.md": (
        10,
        "Migrate from live-0 to live-1 Cluster",
        "accepted",
        "2019-02-28",
    ),
    "011-Introduce-Open-Policy-Agent.md": (
        11,
        "Introduce Open Policy Agent",
        "accepted",
        "2019-06-07",
    ),
    "012-One-cluster-for-dev-staging-prod.md": (
        12,
        "One cluster for dev/staging/prod",
        "accepted",
        "2019-06-01",
    ),
    "013-Use-RSpec-for-cluster-tests.md": (
        13,
        "Use RSpec for our cluster tests",
        "accepted",
        "2019-07-04",
    ),
    "014-Why-we-build-our-own-kubernetes-cluster.md": (
        14,
        "Why we build our own kubernetes cluster",
        "accepted",
        "2019-08-01",
    ),
    "015-Keeping-Terraform-modules-up-to-date.md": (
        15,
        "Keeping Terraform modules up to date",
        "accepted",
        "2020-03-23",
    ),
    "016-Kibana-is-open-to-all-service-teams.md": (
        16,
        "Kibana is open to all service teams",
        "accepted",
        "2020-03-24",
    ),
    "017-Variable-Naming.md": (
        17,
        "Variable names in YAML & Terraform files are in snake case",
        "proposed",
        "2020-08-17",
    ),
    "018-Dedicated-Ingress-Controllers.md": (
        18,
        "Dedicated Ingress Controllers for teams",
        "rejected",
        "2020-09-02",
    ),
    "019-Shared-Ingress-Controllers.md": (
        19,
        "Shared Ingress Controllers for teams",
        "proposed",
        "2020-09-09",
    ),
    "020-Environments-and-Pipeline.md": (20, "Environments and Pipeline", "proposed", "2021-02-26"),
    "021-Multi-cluster.md": (21, "Multi-cluster", "superseded", "2021-05-11"),
    # Its body repeats "**Status**: Completed 2/6/21" per item; the "## Status" line wins.
    "022-EKS.md": (22, "EKS", "accepted", "2024-11-11"),
    "023-Logging.md": (23, "Logging", "accepted", "2024-11-11"),
    "024-SSO-for-CP-Team-to-access-AWS.md": (
        24,
        "Use SSO for CP Team to access AWS Console",
        "proposed",
        "2021-03-31",
    ),
    "025-Domain-names.md": (25, "Domain names", "accepted", "2021-07-07"),
    "026-Managed-Prometheus.md": (26, "Managed Prometheus", "proposed", "2024-11-11"),
    "027-AWS-Console-access-for-users.md": (
        27,
        "AWS Console access for users",
        "proposed",
        "2021-11-03",
    ),
    # 028–031 are sign-posts to private documents: no status section.
    "028-Repo-vulnerability-scanning.md": (28, "Repo vulnerability scanning", None, "2021-11-05"),
    "029-Kubernetes-security-config-auditing.md": (
        29,
        "Kubernetes security config auditing",
        None,
        "2021-11-10",
    ),
    # Copy-paste slip in the source: file 030, heading "# 29 Kubernetes security config auditing".
    "030-AWS-root-user-security.md": (
        30,
        "Kubernetes security config auditing",
        None,
        "2021-12-09",
    ),
    "031-Image-vulnerability-scanning.md": (31, "Image vulnerability scanning", None, "2022-01-05"),
    "033-Manager-cluster.md": (33, "Manager cluster", "accepted", "2022-01-07"),
    # "🤔 Incomplete" is not a canonical status: kept lowercased.
    "034-EKS-Fargate.md": (34, "EKS Fargate", "incomplete", "2022-01-21"),
    "035-deprecated-tls-versions.md": (35, "Deprecated TLS Versions", "accepted", "2022-07-04"),
    "036-multi-cluster.md": (36, "Multi-cluster", "accepted", "2022-09-16"),
    "037-serverless.md": (
        37,
        "Serverless (Lambda/Functions-as-a-Service)",
        "rejected",
        "2022-09-22",
    ),
    "038-split-components-infrastructure.md": (
        38,
        "Split Components Infrastructure",
        "incomplete",
        "2024-03-04",
    ),
    "039-AWS-Network-Firewall.md": (39, "AWS Network Firewall", "accepted", "2025-09-16"),
    "040-use-github-actions.md": (40, "Use GitHub Actions", "accepted", "2026-01-02"),
    "041-decommission-cp-cli-tool.md": (
        41,
        "Decommission the Cloud Platform CLI Tool",
        "accepted",
        "2026-01-02",
    ),
    "042-use-modernisation-platform-accounts.md": (
        42,
        "Use Modernisation Platform accounts",
        "accepted",
        "2026-01-02",
    ),
    "043-new-cidr-ranges.md": (43, "New Cloud Platform CIDR ranges", "accepted", "2026-02-13"),
    "044-naming-container-platform.md": (44, "New Platform Name", "accepted", "2026-03-26"),
    "045-use-a-private-eks-endpoint.md": (
        45,
        "Use a Private EKS Endpoint",
        "accepted",
        "2026-04-02",
    ),
    "046-use-ecr-for-all-user-images.md": (
        46,
        "Use ECR for all User Images",
        "accepted",
        "2026-04-02",
    ),
    "047-use-karpenter-for-scaling.md": (47, "Use Karpenter For Scaling", "accepted", "2026-04-21"),
    "048-per-business-unit-clusters.md": (
        48,
        "Per Business Unit Clusters",
        "accepted",
        "2026-06-05",
    ),
    "049-use-cluster-accounts-for-resources.md": (
        49,
        "Use Cluster Accounts for Resources",
        "accepted",
        "2026-06-05",
    ),
}

EXPECTED: dict[str, dict[str, Expected]] = {
    "seeds": SEEDS,
    "adr-tools": ADR_TOOLS,
    "madr": MADR,
    "log4brains": LOG4BRAINS,
    "cloud-platform": CLOUD_PLATFORM,
}

CASES = [
    pytest.param(corpus, name, *expected, id=f"{corpus}/{name}")
    for corpus, files in EXPECTED.items()
    for name, expected in files.items()
]


def _parse(corpora: Path, corpus: str, name: str):
    return parse_file(corpora / corpus / name, corpora / corpus)


@pytest.mark.parametrize("corpus", sorted(EXPECTED))
def test_every_adr_file_of_the_corpus_has_an_expectation(corpora: Path, corpus: str) -> None:
    found = scan(corpora / corpus)
    names = sorted(path.relative_to(corpora / corpus).as_posix() for path in found.files)
    assert names == sorted(EXPECTED[corpus])


@pytest.mark.parametrize(("corpus", "name", "number", "title", "status", "date"), CASES)
def test_corpus_file_parses_as_written(
    corpora: Path,
    corpus: str,
    name: str,
    number: int | None,
    title: str,
    status: str | None,
    date: str | None,
) -> None:
    adr = _parse(corpora, corpus, name)
    assert (adr.number, adr.title, adr.status, adr.date) == (number, title, status, date)
    assert adr.rel_path == name
    assert adr.encoding == "utf-8" and adr.newline == "\n"


def _links(adr) -> set[tuple[str, str]]:
    return {(link.kind, link.target) for link in adr.links}


def test_adr_tools_amendments_are_stated_links(corpora: Path) -> None:
    five = _parse(corpora, "adr-tools", "0005-help-comments.md")
    nine = _parse(corpora, "adr-tools", "0009-help-scripts.md")
    assert _links(five) == {("amended-by", "0009-help-scripts.md")}
    assert _links(nine) == {("amends", "0005-help-comments.md")}
    assert five.style == "nygard"
    assert five.status_line == 7 and five.title_line == 1


def test_adr_tools_body_prose_states_no_link(corpora: Path) -> None:
    # 0004 says "when one decision supercedes another" in its Context: prose, not a link.
    assert _parse(corpora, "adr-tools", "0004-markdown-format.md").links == ()


def test_log4brains_supersession_both_ways(corpora: Path) -> None:
    old = _parse(corpora, "log4brains", "20200926-use-the-adr-number-as-its-unique-id.md")
    new = _parse(corpora, "log4brains", "20201016-use-the-adr-slug-as-its-unique-id.md")
    assert _links(old) == {("superseded-by", "20201016-use-the-adr-slug-as-its-unique-id.md")}
    assert _links(new) == {("supersedes", "20200926-use-the-adr-number-as-its-unique-id.md")}
    assert old.status_raw is not None and old.status_raw.startswith("superseded by")


def test_log4brains_external_reading_lists_are_not_relations(corpora: Path) -> None:
    lunr = _parse(corpora, "log4brains", "20201103-use-lunr-for-search.md")
    assert lunr.links == ()


def test_cloud_platform_emoji_status_keeps_its_raw_text(corpora: Path) -> None:
    adr = _parse(corpora, "cloud-platform", "021-Multi-cluster.md")
    assert adr.status_raw is not None and adr.status_raw.startswith("⌛️ Superseded by")
    assert _links(adr) == {("superseded-by", "036-multi-cluster.md")}


def test_cloud_platform_heading_number_mismatch_is_a_warning(corpora: Path) -> None:
    adr = _parse(corpora, "cloud-platform", "030-AWS-root-user-security.md")
    assert any("29" in warning and "30" in warning for warning in adr.warnings)
    assert not _parse(
        corpora, "cloud-platform", "029-Kubernetes-security-config-auditing.md"
    ).warnings


def test_seed_front_matter_id_and_related_section(corpora: Path) -> None:
    adr = _parse(corpora, "seeds", "0004-python-fastapi-backend.md")
    assert adr.adr_id == "decision:0004:v1"
    assert adr.front_matter["links"]["external"] == ["GitHub issue #32"]
    assert ("relates-to", "decision:0003:v1") in _links(adr)
    # "GitHub issue #32" under links.external names no ADR.
    assert not any("issue" in target for _kind, target in _links(adr))


def test_seed_bold_fields_give_deciders_and_tags(corpora: Path) -> None:
    adr = _parse(corpora, "seeds", "ADR-002-python-fastapi-core-stack.md")
    assert adr.deciders == ("Navin (Founder)", "Claude Code (Architect)")
    assert adr.tags == ("technology-stack", "programming-language", "web-framework")
    assert adr.style == "bold"
    # "- **Related ADRs:**" followed by nested bullets "ADR-001: …", "ADR-003: …".
    assert {("relates-to", "ADR-001"), ("relates-to", "ADR-003")} <= _links(adr)


def test_seed_yaml_block_fields_and_related_adrs(corpora: Path) -> None:
    adr = _parse(corpora, "seeds", "ADR-005-project-intelligence-fastapi-backend.md")
    assert adr.style == "yaml-block"
    assert adr.status_raw == "ACCEPTED"
    assert adr.status_line == 9
    assert {("relates-to", "ADR-002"), ("relates-to", "ADR-007")} <= _links(adr)


def test_seed_late_status_section(corpora: Path) -> None:
    adr = _parse(corpora, "seeds", "001-backend-framework-fastapi.md")
    assert adr.status_raw is not None
    assert adr.status_raw.startswith("Accepted — this decision stands")
    assert adr.title_line == 1


def test_first_bold_status_wins_over_a_later_one(corpora: Path) -> None:
    adr = _parse(corpora, "seeds", "002-python-fastapi-tech-stack.md")
    assert adr.status_raw == "Accepted" and adr.status_line == 4
    assert adr.deciders == ("Samuel",)


@pytest.mark.parametrize(
    "name",
    [
        "madr/adr-template.md",
        "madr/index.md",
        "log4brains/template.md",
        "log4brains/README.md",
        "log4brains/index.md",
        "cloud-platform/README.md",
    ],
)
def test_non_adr_files_still_parse(corpora: Path, name: str) -> None:
    path = corpora / name
    adr = parse_file(path, path.parent)
    assert adr.rel_path == path.name and adr.title


def test_madr_template_placeholders_are_not_values(corpora: Path) -> None:
    adr = parse_file(corpora / "log4brains" / "template.md", corpora / "log4brains")
    assert adr.status is None and adr.date is None
    assert adr.links == ()
    assert adr.warnings  # says the status and date are unfilled placeholders

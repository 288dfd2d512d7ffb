"""A synthetic ADR corpus for benchmarks and tests: N mixed-style ~3 KB ADRs, ~3 links each.

Deterministic for a given ``seed``: the same call writes byte-identical files, so
benchmark figures are comparable between runs and machines. The files mix the
metadata styles real repositories use (Nygard/adr-tools, MADR front matter,
log4brains bullets, bold fields) so parsers and indexes see realistic input.

Usage from another script::

    from benchmarks.corpus import generate
    generate(Path("/tmp/adrs"), 10_000)

or from a shell: ``python -m benchmarks.corpus DIR [--count N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

STATUSES = (
    ("accepted", 50),
    ("proposed", 15),
    ("superseded", 12),
    ("deprecated", 8),
    ("rejected", 8),
    ("draft", 7),
)
PEOPLE = (
    "Alice Martin",
    "Bo Chen",
    "Chidi Okafor",
    "Dana Kowalski",
    "Erik Larsen",
    "Fatima Haddad",
    "Gita Rao",
    "Hugo Silva",
    "Ines Duarte",
    "Jonas Weber",
    "Kenji Sato",
    "Lena Novak",
    "Mateo Ruiz",
    "Nadia Petrova",
    "Omar Aziz",
)
TAGS = (
    "security",
    "api",
    "database",
    "frontend",
    "infrastructure",
    "observability",
    "testing",
    "performance",
    "integration",
    "compliance",
    "cost",
    "data",
)
VERBS = ("Use", "Adopt", "Replace", "Introduce", "Standardise on", "Retire", "Prefer", "Move to")
TECH = (
    "PostgreSQL",
    "Kafka",
    "Redis",
    "gRPC",
    "GraphQL",
    "Terraform",
    "Kubernetes",
    "OpenID Connect",
    "OAuth2",
    "JSON Schema",
    "OpenTelemetry",
    "Prometheus",
    "feature flags",
    "event sourcing",
    "a service mesh",
    "blue-green deployments",
    "contract tests",
    "a monorepo",
    "semantic versioning",
    "Markdown ADRs",
    "S3 object storage",
    "a message broker",
    "row-level security",
    "SQLite",
)
# Body vocabulary. Generic ADR words are drawn with a Zipf-like skew (some are in
# every ADR, most are rarer); each ADR also talks about its own concern, so topic
# words (``authentication``, ``invoice``) cluster in the ADRs about them, as in real
# collections, instead of being spread evenly over all of them.
_GENERIC_TEXT = """
the we will a to of and in for is that this it be with on as are by our an or not
service services team teams decision decide decided deciding decisions option options
context consequence consequences requirement requirements constraint constraints
simple simpler complexity complex trade off tradeoffs risk risks benefit benefits
because however therefore instead although while when where which who should must can
existing current new legacy proposal proposed accepted rejected superseded deprecated
consider considered alternatives alternative chosen choose choice evaluate evaluated
standard standards convention conventions guideline guidelines practice practices
automation automated manual manually script scripts tooling tool tools library libraries
upgrade upgrades compatibility backward forward breaking change changes cost costs
developer developers review reviews approval support maintenance operations vendor
frontend backend client clients api apis version versions production staging data
model models domain boundary boundaries ownership coupling cohesion performance
"""
GENERIC: tuple[str, ...] = tuple(_GENERIC_TEXT.split())
TOPICS: dict[str, tuple[str, ...]] = {
    "persistence": (
        "database",
        "databases",
        "table",
        "tables",
        "transaction",
        "transactions",
        "replication",
        "replica",
        "replicas",
        "query",
        "queries",
        "storage",
    ),
    "authentication": (
        "authentication",
        "authenticate",
        "authenticated",
        "login",
        "password",
        "passwords",
        "token",
        "tokens",
        "session",
        "sessions",
        "identity",
        "credentials",
    ),
    "authorisation": (
        "authorisation",
        "permission",
        "permissions",
        "role",
        "roles",
        "policy",
        "policies",
        "access",
        "grant",
        "scopes",
        "entitlements",
    ),
    "caching": (
        "cache",
        "caching",
        "cached",
        "eviction",
        "invalidation",
        "latency",
        "memory",
        "warmup",
        "hit",
        "ratio",
    ),
    "messaging": (
        "message",
        "messages",
        "queue",
        "queues",
        "topic",
        "topics",
        "consumer",
        "consumers",
        "producer",
        "producers",
        "broker",
        "ordering",
    ),
    "deployment": (
        "deploy",
        "deployment",
        "deployments",
        "rollout",
        "rollback",
        "canary",
        "pipeline",
        "pipelines",
        "artefact",
        "artefacts",
        "cluster",
        "clusters",
    ),
    "observability": (
        "monitor",
        "monitoring",
        "metric",
        "metrics",
        "alert",
        "alerts",
        "dashboard",
        "dashboards",
        "trace",
        "tracing",
        "logs",
        "telemetry",
    ),
    "configuration": (
        "configuration",
        "configure",
        "configured",
        "environment",
        "environments",
        "flags",
        "settings",
        "defaults",
        "overrides",
    ),
    "search": (
        "search",
        "index",
        "indexes",
        "indexing",
        "ranking",
        "relevance",
        "documents",
        "analyzer",
        "stemming",
        "queries",
    ),
    "billing": (
        "billing",
        "invoice",
        "invoices",
        "payment",
        "payments",
        "customer",
        "customers",
        "subscription",
        "pricing",
        "tax",
    ),
    "audit logging": (
        "audit",
        "auditing",
        "audited",
        "trail",
        "compliance",
        "retention",
        "evidence",
        "regulator",
        "logging",
    ),
    "rate limiting": (
        "rate",
        "limit",
        "limits",
        "limiting",
        "throttling",
        "quota",
        "quotas",
        "burst",
        "traffic",
        "abuse",
    ),
    "schema migrations": (
        "migration",
        "migrations",
        "schema",
        "schemas",
        "backfill",
        "versioning",
        "columns",
        "downtime",
    ),
    "secrets management": (
        "secret",
        "secrets",
        "vault",
        "rotation",
        "encryption",
        "encrypted",
        "keys",
        "certificate",
        "certificates",
    ),
    "service discovery": (
        "discovery",
        "registry",
        "dns",
        "endpoint",
        "endpoints",
        "health",
        "checks",
        "mesh",
        "sidecar",
    ),
    "load balancing": (
        "load",
        "balancer",
        "balancers",
        "balancing",
        "routing",
        "failover",
        "region",
        "regions",
        "sticky",
    ),
    "backups": (
        "backup",
        "backups",
        "restore",
        "restores",
        "recovery",
        "snapshot",
        "snapshots",
        "disaster",
    ),
    "tenant isolation": (
        "tenant",
        "tenants",
        "isolation",
        "isolated",
        "partition",
        "partitions",
        "noisy",
        "neighbour",
    ),
    "error handling": (
        "error",
        "errors",
        "failure",
        "failures",
        "retry",
        "retries",
        "timeout",
        "timeouts",
        "incident",
        "incidents",
        "exceptions",
    ),
    "release management": (
        "release",
        "releases",
        "changelog",
        "semantic",
        "tagging",
        "freeze",
        "hotfix",
        "hotfixes",
    ),
    "documentation": (
        "documentation",
        "docs",
        "diagram",
        "diagrams",
        "readme",
        "guides",
        "records",
        "writing",
    ),
    "onboarding": (
        "onboarding",
        "newcomers",
        "setup",
        "mentoring",
        "handbook",
        "experience",
        "learning",
    ),
}
CONCERNS: tuple[str, ...] = tuple(TOPICS)
SECTION_SENTENCES = 5
#: Syllables for a long tail of rare words (code names, identifiers, jargon), so
#: the term dictionary is as large as a real monorepo's, not just ~400 words.
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ne",
    "su",
    "tra",
    "vex",
    "zor",
    "qui",
    "bel",
    "dan",
    "fi",
    "gor",
    "hal",
    "jin",
    "kor",
    "lum",
    "mar",
    "nox",
    "pel",
    "quo",
    "rin",
    "sa",
    "tel",
    "ur",
    "vin",
)
RARE_WORDS = 30_000


def _zipf(rng: random.Random, words: tuple[str, ...]) -> str:
    # Index drawn as int(len * u**2.2): heavy on the first words, long tail to the rest.
    return words[min(len(words) - 1, int(len(words) * rng.random() ** 2.2))]


def _word(rng: random.Random, topics: tuple[str, str]) -> str:
    pick = rng.random()
    if pick < 0.68:
        return _zipf(rng, GENERIC)
    if pick < 0.90:
        return rng.choice(TOPICS[topics[0]])
    if pick < 0.97:
        return rng.choice(TOPICS[topics[1]])
    return rng.choice(TOPICS[rng.choice(CONCERNS)])


def _rare_words(seed: int) -> list[str]:
    rng = random.Random(seed + 1)
    words: set[str] = set()
    while len(words) < RARE_WORDS:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, rare: list[str], topics: tuple[str, str]) -> str:
    words = [_word(rng, topics) for _ in range(rng.randint(8, 18))]
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rare[int(len(rare) * rng.random() ** 1.5)])
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), rng.choice(TECH))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int, rare: list[str], topics: tuple[str, str]) -> str:
    return " ".join(_sentence(rng, rare, topics) for _ in range(sentences))


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def _weighted_status(rng: random.Random) -> str:
    total = sum(weight for _, weight in STATUSES)
    pick = rng.uniform(0, total)
    for status, weight in STATUSES:
        pick -= weight
        if pick <= 0:
            return status
    return STATUSES[0][0]


def _subjects(rng: random.Random, count: int) -> list[tuple[str, tuple[str, str]]]:
    """Each ADR's title and its (primary, secondary) concerns."""
    subjects = []
    for _ in range(count):
        primary, secondary = rng.sample(CONCERNS, 2)
        title = f"{rng.choice(VERBS)} {rng.choice(TECH)} for {primary}"
        subjects.append((title, (primary, secondary)))
    return subjects


def _body(
    rng: random.Random, target: int, links: list[str], rare: list[str], topics: tuple[str, str]
) -> str:
    """Context/Decision/Consequences sections of about ``target`` characters."""
    sections = ["Context", "Decision", "Consequences"]
    parts: list[str] = []
    link_iter = iter(links)
    size = 0
    turn = 0
    while size < target:
        name = sections[turn % 3] if turn < 3 else f"Notes {turn - 2}"
        paragraph = _paragraph(rng, SECTION_SENTENCES, rare, topics)
        link = next(link_iter, None)
        if link is not None:
            paragraph += f" See [{link[:4]}]({link}) for the related decision."
        chunk = f"## {name}\n\n{paragraph}\n"
        parts.append(chunk)
        size += len(chunk)
        turn += 1
    for link in link_iter:
        parts.append(f"Related: [{link[:4]}]({link})\n")
    return "\n".join(parts)


def _render(
    rng: random.Random,
    number: int,
    title: str,
    names: list[str],
    body_size: int,
    rare: list[str],
    topics: tuple[str, str],
) -> str:
    status = _weighted_status(rng)
    year = rng.randint(2015, 2025)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    deciders = rng.sample(PEOPLE, rng.randint(1, 3))
    tags = rng.sample(TAGS, rng.randint(0, 3))
    earlier = names[: number - 1]
    links = [rng.choice(earlier) for _ in range(min(3, len(earlier)))]
    supersedes = links[0] if links and rng.random() < 0.15 else None
    body = _body(rng, body_size, links[1:] if supersedes else links, rare, topics)
    style = number % 4
    if style == 0:  # Nygard / adr-tools
        status_text = status.capitalize()
        if supersedes:
            status_text += f"\n\nSupersedes [{supersedes[:4]}]({supersedes})"
        return f"# {number}. {title}\n\nDate: {date}\n\n## Status\n\n{status_text}\n\n{body}"
    if style == 1:  # MADR with YAML front matter
        front = [f"status: {status}", f"date: {date}", f"deciders: [{', '.join(deciders)}]"]
        if tags:
            front.append(f"tags: [{', '.join(tags)}]")
        extra = f"Supersedes [{supersedes[:4]}]({supersedes})\n\n" if supersedes else ""
        return "---\n" + "\n".join(front) + f"\n---\n# {title}\n\n{extra}{body}"
    if style == 2:  # log4brains bullets
        bullets = [
            f"- Status: {status}",
            f"- Date: {date}",
            f"- Deciders: {', '.join(deciders)}",
        ]
        if tags:
            bullets.append(f"- Tags: {', '.join(tags)}")
        if supersedes:
            bullets.append(f"- Supersedes: [{supersedes[:4]}]({supersedes})")
        return f"# {title}\n\n" + "\n".join(bullets) + f"\n\n{body}"
    # Bold fields
    lines = [
        f"**Status:** {status.capitalize()}",
        f"**Date:** {date}",
        f"**Deciders:** {', '.join(deciders)}",
    ]
    if supersedes:
        lines.append(f"**Supersedes:** [{supersedes[:4]}]({supersedes})")
    return f"# ADR {number:03d}: {title}\n\n" + "  \n".join(lines) + f"\n\n{body}"


def generate(folder: Path, count: int, seed: int = 0) -> None:
    """Write ``count`` ADRs (``0001-….md`` …) into ``folder`` (created if missing)."""
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rare = _rare_words(seed)
    subjects = _subjects(rng, count)
    names = [f"{n:04d}-{_slug(title)}.md" for n, (title, _) in enumerate(subjects, 1)]
    for number, ((title, topics), name) in enumerate(zip(subjects, names, strict=True), 1):
        body_size = rng.randint(2400, 3000)
        text = _render(rng, number, title, names, body_size, rare, topics)
        (folder / name).write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()

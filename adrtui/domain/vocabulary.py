"""The words of ADRs, in one table: statuses, field labels, section names and link kinds.

Every layer asks here: the parser (which label is a status, which word means
accepted), relations (which kind inverts which), lint (which statuses are known),
the writer (how to word a back-link) and the UI (status order and colours). Before
this table, three modules kept their own lists and disagreed (``replaces`` was a
synonym of ``supersedes`` to the parser and a kind of its own to relations).

Words are compared after :func:`fold`: lowercased, accents kept (``proposé`` and
``propose`` are different words in French), whitespace and punctuation joined
into single dashes. Languages covered: English, German, French, Spanish,
Portuguese, Italian, Dutch, Norwegian, Danish, Swedish, Japanese and Chinese; a
repository adds its own words in ``.adrtui.toml``. Unknown status words are kept
lowercased, never guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

# --------------------------------------------------------------------------- folding

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[\W_]+")
#: Keys longer than this are never labels (and are not cached).
MAX_KEY = 64


def _fold(text: str) -> str:
    return _SEPARATORS.sub("-", _CAMEL.sub("-", text.strip()).lower()).strip("-")


_fold_cached = lru_cache(maxsize=8192)(_fold)


def fold(text: str) -> str:
    """``Decision Makers`` / ``decision_makers`` / ``decisionMakers`` → ``decision-makers``."""
    if len(text) > MAX_KEY:
        return _fold(text[: MAX_KEY * 4])
    return _fold_cached(text)


def _words(*groups: str) -> frozenset[str]:
    """Folded words from space-separated groups (``"status estado"``)."""
    return frozenset(_fold(word.replace("_", " ")) for group in groups for word in group.split())


def _phrases(*phrases: str) -> frozenset[str]:
    return frozenset(_fold(phrase) for phrase in phrases)


# --------------------------------------------------------------------------- statuses

#: The statuses adrtui understands; any other status word is kept lowercased.
CANONICAL_STATUSES: tuple[str, ...] = (
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
    "draft",
)

_STATUS_WORDS_BY_MEANING: dict[str, str] = {
    "proposed": (
        "proposed proposal pending "
        "vorgeschlagen vorschlag beantragt "  # de
        "proposé proposée proposition "  # fr
        "propuesto propuesta "  # es
        "proposto proposta "  # pt, it
        "voorgesteld voorstel "  # nl
        "foreslått foreslået föreslagen föreslaget "  # no, da, sv
        "提案 提案中 提案済み "  # ja
        "提议 提議 已提议 建议 建議 "  # zh
        "proponowany proponowana proponowane zaproponowany zaproponowana zaproponowane "  # pl
        "navrženo navržený navržená navržené "  # cs
        "предложено предложен предложена предложенное "  # ru
        "önerildi önerilen "  # tr
        "제안 제안됨 제안중 "  # ko
    ),
    "accepted": (
        "accepted accept approved adopted decided agreed ratified endorsed "
        "akzeptiert angenommen genehmigt beschlossen entschieden freigegeben "  # de
        "accepté acceptée approuvé approuvée adopté adoptée validé validée "  # fr
        "aceptado aceptada aprobado aprobada adoptado adoptada "  # es
        "aceito aceita aceite aprovado aprovada adotado adotada "  # pt
        "accettato accettata approvato approvata adottato adottata "  # it
        "geaccepteerd aanvaard goedgekeurd aangenomen besloten "  # nl
        "akseptert godkjent vedtatt besluttet "  # no
        "accepteret godkendt vedtaget "  # da
        "accepterad accepterat godkänd godkänt beslutad beslutat antagen antaget "  # sv
        "承認 承認済み 承認済 採用 採用済み 採択 受理 決定 決定済み "  # ja
        "已接受 接受 已采纳 采纳 已採納 採納 已批准 批准 "  # zh
        "已通过 通过 已通過 通過 已决定 已決定 "  # zh
        "zaakceptowany zaakceptowana zaakceptowane akceptowany akceptowana akceptowane "  # pl
        "przyjęty przyjęta przyjęte "  # pl
        "zatwierdzony zatwierdzona zatwierdzone "  # pl
        "přijato přijatý přijatá přijaté schváleno schválený schválená schválené "  # cs
        "принято принят принята принятое утверждено утверждён утвержден одобрено "  # ru
        "kabul onaylandı onaylanan "  # tr
        "승인 승인됨 수락 수락됨 채택 채택됨 결정됨 "  # ko
    ),
    "rejected": (
        "rejected declined refused "
        "abgelehnt verworfen "  # de
        "rejeté rejetée refusé refusée "  # fr
        "rechazado rechazada "  # es
        "rejeitado rejeitada recusado recusada "  # pt
        "rifiutato rifiutata respinto respinta "  # it
        "afgewezen verworpen "  # nl
        "avvist avslått forkastet afvist avvisad avslagen avslaget förkastad "  # no, da, sv
        "却下 却下済み 不採用 否決 "  # ja
        "已拒绝 拒绝 已拒絕 拒絕 否决 已否决 "  # zh
        "odrzucony odrzucona odrzucone "  # pl
        "zamítnuto zamítnutý zamítnutá zamítnuté "  # cs
        "отклонено отклонён отклонен отклонена "  # ru
        "reddedildi reddedilen "  # tr
        "거절 거절됨 반려 반려됨 기각 기각됨 "  # ko
    ),
    "deprecated": (
        "deprecated depreciated obsolete retired "
        "veraltet abgekündigt "  # de
        "déprécié dépréciée obsolète "  # fr
        "obsoleto obsoleta deprecado deprecada "  # es, it
        "depreciado depreciada descontinuado descontinuada "  # pt
        "deprecato deprecata "  # it
        "verouderd afgeschaft "  # nl
        "utgått foreldet avviklet forældet udfaset föråldrad utfasad avvecklad "  # no, da, sv
        "非推奨 廃止 "  # ja
        "已弃用 弃用 已棄用 棄用 已废弃 废弃 已廢棄 廢棄 "  # zh
        "przestarzały przestarzała przestarzałe wycofany wycofana wycofane nieaktualny "  # pl
        "zastaralý zastaralá zastaralé "  # cs
        "устарело устарел устаревшее "  # ru
        "폐기 폐기됨 "  # ko
    ),
    "superseded": (
        "superseded superceded superseeded supersceded replaced "
        "ersetzt abgelöst "  # de
        "remplacé remplacée "  # fr
        "reemplazado reemplazada sustituido sustituida "  # es
        "substituído substituída substituido substituida "  # pt
        "sostituito sostituita "  # it
        "vervangen "  # nl
        "erstattet ersatt "  # no, da, sv
        "置換 置換済み 置き換え済み "  # ja
        "已取代 取代 被取代 已被取代 已替代 被替代 "  # zh
        "zastąpiony zastąpiona zastąpione "  # pl
        "nahrazeno nahrazený nahrazená nahrazené "  # cs
        "заменено заменён заменен заменена "  # ru
        "대체 대체됨 "  # ko
    ),
    "draft": (
        "draft wip "
        "entwurf "  # de
        "brouillon "  # fr
        "borrador "  # es
        "rascunho "  # pt
        "bozza "  # it
        "concept "  # nl
        "utkast udkast "  # no, sv, da
        "下書き ドラフト "  # ja
        "草稿 草案 "  # zh
        "szkic "  # pl
        "черновик "  # ru
        "taslak "  # tr
        "초안 "  # ko
    ),
}

#: Every word that means a canonical status (synonyms, misspellings, other languages).
STATUS_WORDS: Mapping[str, str] = MappingProxyType(
    {word: meaning for meaning, words in _STATUS_WORDS_BY_MEANING.items() for word in words.split()}
)


def status_meaning(word: str) -> str | None:
    """The canonical status a single word means (``Akzeptiert`` → ``accepted``), or None."""
    return STATUS_WORDS.get(word.lower())


# --------------------------------------------------------------------------- labels

#: Field labels, by meaning, as :func:`fold` gives them. A label written
#: ``Datum (Date)`` or ``ステータス (Status)`` is read by either half.
STATUS_LABELS = _words(
    "status state adr-status decision-status current-status",
    "estado estatus situação situacao stato statut état etat zustand",
    "ステータス 状態 状況 状态 狀態",
    "stav статус durum 상태",
)
#: Labels that name the decision itself: ``| Decision | Accepted |`` states the status
#: when its value is a single status word (any other value, such as the decision's
#: wording, is no field; a ``## Decision`` section is prose, never a status).
VERDICT_LABELS = _words(
    "decision decision-outcome outcome verdict",
    "entscheidung décision decisión decisão decisione besluit beslutning beslut",
    "決定 决策 決策 decyzja решение karar 결정",
)
#: Date labels and their preference (0: when decided or written, 1: last touched).
DATE_LABELS: Mapping[str, int] = MappingProxyType(
    {
        **dict.fromkeys(
            _words(
                "date date-created created created-on created-at creation-date decision-date",
                "date-decided decided-on decided date-accepted accepted-on approved-on",
                "date-approved approval-date start-date started started-on issued date-issued",
                "data datum fecha fecha-de-decisión date-de-décision data-da-decisão",
                "date-of-record record-date data-do-registro data-de-registro fecha-de-registro",
                "data-de-criação data-de-criacao fecha-de-creación date-de-création",
                "dato beslutningsdato beslutsdatum",
                "data-della-decisione beslisdatum entscheidungsdatum erstellt",
                "日付 日時 作成日 決定日 日期 创建日期 決策日期 决策日期",
                "дата tarih 날짜 일자 작성일 결정일 data-decyzji",
            ),
            0,
        ),
        **dict.fromkeys(
            _words(
                "last-updated updated updated-on date-updated last-modified modified",
                "aktualisiert geändert mis-à-jour actualizado atualizado aggiornato bijgewerkt",
                "última-atualização ultima-atualizacao última-actualización dernière-mise-à-jour",
                "更新日 更新日期",
            ),
            1,
        ),
    }
)
DECIDER_LABELS = _words(
    "deciders decider decision-makers decision-maker decision-maker-s decided-by",
    "approvers approved-by decision-made-by decisions-made-by decision-owner",
    "entscheider entscheidungsträger décideurs decisores decisori beslissers",
    "beslutningstakere beslutningstagere beslutsfattare",
    "決定者 承認者 决策者 決策者",
    "decydenci 결정자 의사결정자",
)
AUTHOR_LABELS = _words(
    "author authors author-s authored-by written-by proposed-by submitted-by created-by",
    "proposer proposers submitter creator owner owners dri",
    "autor autoren autores auteur auteurs autore autori autora autoras autrice",
    # the one who first wrote it (a later editor may be named too)
    "original-author original-authors autor-original autora-original autores-originais",
    "autores-originales auteur-original autore-originale originalautor",
    "forfatter forfattere författare",
    "作成者 著者 起案者 作者",
    "autorzy автор авторы yazar 작성자 저자",
)
CONSULTED_LABELS = _words(
    "consulted konsultiert consultés consultes consultados consultati geraadpleegd",
    "相談先 协商 諮詢 咨询",
)
INFORMED_LABELS = _words(
    "informed informiert informés informes informados informati geïnformeerd",
    "通知先 知会 知會",
)
TAG_LABELS = _words(
    "tags tag labels keywords categories category topics",
    "schlagwörter schlagworte étiquettes etiquetas etichette trefwoorden",
    "タグ 标签 標籤",
)
TITLE_LABELS = _words("title titel titre título titulo titolo タイトル 标题 標題")
ID_LABELS = _words("id adr-id adr number adr-number nr no code adr-code")
#: Language codes a docs site puts before ``.md`` for a page's translation
#: (``index.en.md``, ``0001-x.zh.md``, ``README.pt-br.md``; mkdocs-static-i18n, Hugo).
LANGUAGE_CODES = _words(
    "en es fr de pt it nl ja zh ko ru pl sv no nb nn da fi cs sk tr uk ar he hi id vi th el",
    "hu ro bg hr sr sl ca eu gl fa ms et lv lt is ga",
)
#: Regions and scripts after a language code (``pt-br``, ``zh-cn``, ``zh-hans``).
LANGUAGE_VARIANTS = _words("br pt cn tw hk hans hant us gb es mx de at ch fr ca be")

#: Words an older or set-aside copy of a page carries before ``.md``
#: (``0249-x.expired.md``, ``0007-y.bak.md``) beside the page itself; any status word
#: (``.draft``, ``.superseded``) and a version (``.v2``) say the same.
COPY_WORDS = _words(
    "old bak backup orig original copy prev previous archived archive expired obsolete stale",
    "tmp temp",
)
#: Front-matter keys under which site generators keep a page's own fields (Zola
#: ``[extra]``, Hugo ``params:``, an ``adr:`` block of the MkDocs ADR plugin).
FIELD_GROUPS = _words("extra params adr meta metadata")
#: Kinds of record a label may name before the field (``RFC Status``, ``Proposal
#: Date``, ``KEP Authors``): the label means what the rest of it means.
RECORD_KINDS = _words("rfc adr proposal decision design kep pep enhancement feature record")

# --------------------------------------------------------------------------- sections

#: Section headings, by role (folded). Emoji and numbering are stripped first.
STATUS_HEADINGS = STATUS_LABELS | _phrases("decision status", "adr status", "current status")
META_HEADINGS = _phrases(
    "metadata",
    # a closing "Notes" section that holds the record's own fields ("Data do Registro: …")
    "notes",
    "notas",
    "notizen",
    "meta data",
    "meta",
    "document information",
    "document info",
    "document control",
    "approval",
    "approvals",
    "decision record",
    "record information",
    "details",
    "info",
    "metadaten",
    "métadonnées",
    "metadatos",
    "metadados",
    "metadati",
)
#: Sections listing a document's history: ``- 25/04/2022: initial draft``,
#: ``- [approved](…) (2022-07-12)``. Their entries carry statuses and dates.
HISTORY_HEADINGS = _phrases(
    "change log",
    "changelog",
    "change history",
    "history",
    "status history",
    "revision history",
    "review history",
    "decision history",
    "document history",
    "approval history",
    "status updates",
    "revisions",
    "version history",
    "änderungsprotokoll",
    "änderungshistorie",
    "historique",
    "historial",
    "histórico",
    "historico",
    "cronologia",
    "storico",
    "geschiedenis",
    "endringslogg",
    "historikk",
    "ændringslog",
    "ändringslogg",
    "historik",
    "変更履歴",
    "履歴",
    "变更记录",
    "變更記錄",
    "修订记录",
)
RELATED_HEADINGS = _phrases(
    "links",
    "see also",
    "relations",
    "relationships",
    "linked decisions",
    "linked adrs",
    "supersedes",
    "superseded by",
    "related",
    "related adrs",
    "related decisions",
    "related records",
    "references",
    "verwandte entscheidungen",
    "siehe auch",
    "voir aussi",
    "véase también",
    "ver também",
    "vedi anche",
    "zie ook",
    "関連",
    "関連adr",
    "相关",
    "相關",
)
#: Headings of MADR's sections (a MADR document is written in its style).
MADR_HEADINGS = _phrases(
    "context and problem statement",
    "decision outcome",
    "considered options",
    "decision drivers",
    "pros and cons of the options",
)
#: Section names that are never a document's title (when it has no ``#`` title).
SECTION_NAMES = (
    STATUS_HEADINGS
    | META_HEADINGS
    | HISTORY_HEADINGS
    | RELATED_HEADINGS
    | MADR_HEADINGS
    | _phrases(
        "context",
        "decision",
        "decisions",
        "consequences",
        "summary",
        "abstract",
        "subject",
        "problem",
        "problem statement",
        "background",
        "overview",
        "introduction",
        "options",
        "rationale",
        "alternatives",
        "alternatives considered",
        "notes",
        "table of contents",
        "contents",
        "toc",
        "more information",
        "related",
        "executive summary",
        "motivation",
        "goals",
        "non goals",
        "proposal",
        "discussion",
        "impact",
        # de, fr, es, pt, it, nl
        "kontext",
        "entscheidung",
        "konsequenzen",
        "zusammenfassung",
        "hintergrund",
        "contexte",
        "décision",
        "conséquences",
        "résumé",
        "contexto",
        "decisión",
        "consecuencias",
        "resumen",
        "decisão",
        "consequências",
        "resumo",
        "contesto",
        "decisione",
        "conseguenze",
        "sommario",
        "besluit",
        "gevolgen",
        "samenvatting",
        # ja, zh
        "背景",
        "コンテキスト",
        "決定",
        "結果",
        "影響",
        "概要",
        "上下文",
        "决策",
        "決策",
        "后果",
        "後果",
        "摘要",
    )
)

# --------------------------------------------------------------------------- link kinds

#: Pairs of link kinds, active side first (A supersedes B ⇔ B superseded-by A).
#: The active side is the orientation used when a relationship is exported once.
KIND_PAIRS: tuple[tuple[str, str], ...] = (
    ("supersedes", "superseded-by"),
    ("amends", "amended-by"),
    ("clarifies", "clarified-by"),
    ("refines", "refined-by"),
    ("extends", "extended-by"),
    ("deprecates", "deprecated-by"),
    ("implements", "implemented-by"),
    ("enables", "enabled-by"),
    ("depends-on", "depended-on-by"),
    ("blocks", "blocked-by"),
    ("mentions", "mentioned-by"),
)

#: Link kinds with a fixed meaning (the relationship pane's sections).
LINK_KINDS: tuple[str, ...] = (
    "supersedes",
    "superseded-by",
    "amends",
    "amended-by",
    "relates-to",
    "mentions",
)

#: Each kind with a known inverse. Kinds not here (a team's own vocabulary) are
#: kept as written, with no derived inverse.
INVERSE_KINDS: Mapping[str, str] = MappingProxyType(
    {
        **{a: b for a, b in KIND_PAIRS},
        **{b: a for a, b in KIND_PAIRS},
        "relates-to": "relates-to",
    }
)

#: Phrases (folded) that name a kind: synonyms, misspellings and other languages.
LINK_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            _words(
                "supersedes supercedes superseeds supersedes-adr replaces obsoletes",
                "supersede supercede replace overrides supplants",
                "ersetzt löst-ab remplace reemplaza sustituye substitui sostituisce vervangt",
                "置き換え元 置換元 替代了 取代了",
            ),
            "supersedes",
        ),
        **dict.fromkeys(
            _phrases(
                "superseded by",
                "superceded by",
                "superseeded by",
                "supersceded by",
                "replaced by",
                "obsoleted by",
                "in favor of",
                "in favour of",
                "deprecated in favor of",
                "deprecated in favour of",
                "deprecate in favor of",
                "ersetzt durch",
                "abgelöst durch",
                "remplacé par",
                "remplacée par",
                "reemplazado por",
                "sustituido por",
                "substituído por",
                "substituido por",
                "sostituito da",
                "vervangen door",
                "overridden by",
                "deprecate in favour of",
                "ersetzt von",
                "abgelöst von",
                "veraltet zugunsten von",
                "obsolète en faveur de",
                "reemplazada por",
                "sustituida por",
                "substituída por",
                "sostituita da",
                "置き換え先",
                "後継",
                "被取代",
                "被替代",
                "已被取代",
                "后继",
                "後繼",
            ),
            "superseded-by",
        ),
        **dict.fromkeys(
            _words(
                "amends amend updates modifies changes ändert modifie modifica altera wijzigt",
                "ergänzt amende enmienda emenda 修正 改訂 修订 修訂",
            ),
            "amends",
        ),
        **dict.fromkeys(
            _phrases(
                "amended by",
                "amend by",
                "updated by",
                "modified by",
                "changed by",
                "geändert durch",
                "modifié par",
                "modificado por",
                "modificato da",
                "gewijzigd door",
                "ergänzt durch",
                "amendé par",
                "modifiée par",
                "enmendado por",
                "modificada por",
                "alterado por",
                "alterada por",
                "emendado por",
                "modificata da",
                "aangepast door",
            ),
            "amended-by",
        ),
        **dict.fromkeys(
            _phrases(
                "relates to",
                "related to",
                "related",
                "relates",
                "relate to",
                "related adrs",
                "related adr",
                "related decisions",
                "related records",
                "see",
                "see also",
                "based on",
                "siehe",
                "siehe auch",
                "voir",
                "voir aussi",
                "ver",
                "ver también",
                "ver também",
                "vedi",
                "vedi anche",
                "zie",
                "zie ook",
                "関連",
                "相关",
                "bezieht sich auf",
                "verwandt mit",
                "basiert auf",
                "lié à",
                "liée à",
                "basé sur",
                "basée sur",
                "relacionado con",
                "relacionada con",
                "basado en",
                "basada en",
                "relacionado a",
                "relacionada a",
                "relacionado com",
                "baseado em",
                "baseada em",
                "correlato a",
                "correlata a",
                "basato su",
                "basata su",
                "gerelateerd aan",
                "gebaseerd op",
                "関連adr",
                "参照",
                "相關",
                "参见",
                "參見",
            ),
            "relates-to",
        ),
        "amend-by": "amended-by",
        "mentioned": "mentions",
        "depends": "depends-on",
        "depend-on": "depends-on",
    }
)

#: Free relation kinds recognised as field keys (kept as written, dash-joined).
FREE_LINK_KINDS = frozenset(
    {kind for pair in KIND_PAIRS for kind in pair} - set(LINK_KINDS) - {"mentioned-by"}
) | frozenset(
    {
        "dependency-of",
        "required-by",
        "requires",
        "influences",
        "influenced-by",
        "complements",
        "builds-on",
        "precedes",
        "follows",
    }
)


def link_kind(phrase: str) -> str | None:
    """The fixed or free kind a folded phrase names, else ``None``."""
    key = fold(phrase)
    kind = LINK_SYNONYMS.get(key)
    if kind is not None:
        return kind
    return key if key in FREE_LINK_KINDS or key in INVERSE_KINDS else None

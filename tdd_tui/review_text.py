"""Reading prose as a reviewer does: sentences, claims, filler, markers, owners, personal data.

Plain functions over strings, shared by the review rules. Code is never
judged as prose: fenced blocks and `code spans` are blanked out first (kept as
spaces, so positions and sentence ends stay where they were).
"""

from __future__ import annotations

import re


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    """Any of words in text, case aside: plain substring searches, which cost a
    fraction of one pass of a long alternation with look-arounds over a 1 MB part."""
    lowered = text.lower()
    return any(word in lowered for word in words)


# -- code is not prose ------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def prose(text: str) -> str:
    """text with fenced code blocks, code spans and HTML comments blanked out."""
    if "`" not in text and "~~~" not in text and "<!--" not in text:
        return text
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    return _COMMENT.sub(blank, _SPAN.sub(blank, _FENCE.sub(blank, text)))


# -- sentences ---------------------------------------------------------------------

# Dots that do not end a sentence: abbreviations, decimals, versions, file names.
_ABBREVIATIONS = r"\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|min|max|no|nr|fig|dr|mr|ms|mrs|st)\."
_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9*`-])|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")


def sentences(text: str) -> list[str]:
    """The sentences (and list items) of text; "e.g. 3 ms" and "2.5 s" stay whole."""
    guarded = re.sub(
        _ABBREVIATIONS, lambda m: m.group(0).replace(".", "\0"), text, flags=re.IGNORECASE
    )
    pieces = _END.split(guarded)
    return [p.replace("\0", ".").strip() for p in pieces if p and p.strip()]


# -- vague claims ------------------------------------------------------------------

VAGUE = (
    "fast",
    "faster",
    "fastest",
    "quick",
    "quickly",
    "slow",
    "scalable",
    "scale well",
    "scales well",
    "highly available",
    "high availability",
    "secure",
    "minimal",
    "low latency",
    "latency should be low",
    "performant",
    "robust",
    "reliable",
    "real-time",
    "real time",
    "efficient",
    "cost-efficient",
    "cost efficient",
    "cheap",
    "lightweight",
    "seamless",
    "seamlessly",
    "as soon as possible",
    "responsive",
    "snappy",
    "blazing",
    "world-class",
    "best-in-class",
    "state of the art",
    "massive",
    "huge",
    "significant",
    "significantly",
    "improved",
    "better performance",
    "high performance",
    "high throughput",
    "low overhead",
    "near-zero",
)

# A measurable target: a number with a unit, a percentage, or a percentile with a number.
_UNITS = (
    r"ms|milliseconds?|µs|us|ns|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|days?|"
    r"weeks?|months?|years?|%|percent|nines|x|k|m|b|kb|mb|gb|tb|pb|kib|mib|gib|tib|"
    r"rps|qps|tps|req/s|requests?(?:/| per )s(?:ec(?:ond)?)?|ops/s|msgs?/s|events?/s|"
    r"users?|keys?|tenants?|requests?|connections?|nodes?|pods?|cores?|vcpus?|cpus?|"
    r"dollars?|usd|eur|\$|€|£|errors?|items?|rows?|records?|files?"
)
_TARGET = re.compile(
    rf"(?:[$€£]\s?\d[\d,.]*[kmb]?|\d[\d,.]*\s?(?:{_UNITS})\b|\bp\d{{2,3}}(?:\.\d+)?\b[^.\n]{{0,30}}\d|"
    rf"\d[\d,.]*\s?%|\b\d+(?:\.\d+)?\s?(?:x|times)\b|\b99(?:\.9+)?\b)",
    re.IGNORECASE,
)
# "secure: mutual TLS", "cost-efficient (no new nodes)": the word is made concrete at once.
_CONCRETE_AFTER = re.compile(r"^\s*(?::|\(|—|–| - )\s*\S")


def _vague_pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({*VAGUE, *extra}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def vague_claims(text: str, extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(the vague word, its sentence) for each claim with no measurable target next to it.

    Next to it means in the same sentence or the one after ("It must be fast.
    Target: 2 ms p99."). A word followed at once by a colon or a bracket with
    specifics ("secure: mutual TLS") is a heading for what follows, not a claim.
    """
    pattern = _PATTERNS.get(extra)
    if pattern is None:
        pattern = _PATTERNS.setdefault(extra, _vague_pattern(extra))
    if not _mentions(text, (*VAGUE, *extra)) or not pattern.search(text):
        return []  # the common case, and a long text is not split for nothing
    parts = sentences(prose(text))
    found = []
    for index, sentence in enumerate(parts):
        for match in pattern.finditer(sentence):
            if _CONCRETE_AFTER.match(sentence[match.end() :]):
                continue
            following = parts[index + 1] if index + 1 < len(parts) else ""
            if _TARGET.search(sentence) or _TARGET.search(following):
                continue
            found.append((match.group(1), sentence))
            break  # one finding per sentence
    return found


def has_target(text: str) -> bool:
    return bool(_TARGET.search(prose(text)))


# -- leftover markers ----------------------------------------------------------------

_MARKER = re.compile(r"(?<![\w-])(TODO|TBD|FIXME|XXX)(?![\w-])|\?\?\?|\bX{3,}\b")


def markers(text: str) -> list[str]:
    """Every leftover marker in the prose (TODO, TBD, FIXME, XXX, ???), in order."""
    plain = prose(text)
    if not any(m in plain for m in ("TODO", "TBD", "FIXME", "XX", "???")):
        return []
    return [m.group(0) for m in _MARKER.finditer(plain)]


# -- filler --------------------------------------------------------------------------

FILLER = (
    "n/a",
    "na",
    "none",
    "nothing",
    "no",
    "yes",
    "standard",
    "as usual",
    "usual",
    "default",
    "normal",
    "ok",
    "fine",
    "later",
    "tbd",
    "todo",
    "tba",
    "see above",
    "see below",
    "same as above",
    "not applicable",
    "not needed",
    "not required",
    "nope",
    "-",
    "--",
    "...",
    "?",
    "revert",
    "roll back",
    "rollback",
    "turn off the flag",
    "disable the flag",
    "redeploy",
    "standard process",
    "the usual",
    "will be decided later",
    "to be decided",
    "to be defined",
)


def filler(text: str, extra: tuple[str, ...] = ()) -> bool:
    """The whole answer says nothing: "N/A", "None.", "Standard.", "N/A, internal service"."""
    if len(text) > 200:
        return False  # filler is short; a long answer is never split for this
    plain = " ".join(text.lower().split()).strip(" .!;")
    if not plain:
        return False
    words = (*FILLER, *extra)
    if plain in words:
        return True
    head, _, rest = plain.partition(",")
    return head.strip() in words and len(rest.split()) <= 3 and head.strip() not in ("no", "yes")


# -- people ----------------------------------------------------------------------------

VAGUE_OWNERS = (
    "the team",
    "team",
    "us",
    "we",
    "everyone",
    "someone",
    "somebody",
    "anyone",
    "all",
    "engineering",
    "eng",
    "dev",
    "devs",
    "tbd",
    "tba",
    "todo",
    "n/a",
    "none",
    "nobody",
    "?",
    "owner",
    "the owner",
    "product",
    "management",
)


_GROUP = re.compile(
    r"^(?:the\s+)?[\w&/ -]{0,30}\b(?:team|squad|group|guild|org|department|dept)s?$"
)


def vague_owner(owner: str, extra: tuple[str, ...] = ()) -> bool:
    """'the team', 'Payments team', 'TBD': nobody who can be asked. 'Lena (Payments team)'
    names a person."""
    plain = " ".join(owner.lower().split()).strip(" .")
    return (
        plain in VAGUE_OWNERS
        or plain in extra
        or not re.search(r"[a-z]", plain)
        or bool(_GROUP.match(plain))
    )


_INLINE_OWNER = re.compile(r"\bowner\s*[:=]\s*(?P<owner>[^;,\n.]+(?:\([^)]*\))?)", re.IGNORECASE)
_INLINE_DATE = re.compile(
    r"\b(?:decide(?:d)?\s+by|due|by|deadline)\s*[:=]?\s*(?P<date>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)


def inline_owner(text: str) -> str:
    """The owner named in a question's own text: "... Owner: Priya (Product); decide by ..."."""
    found = _INLINE_OWNER.search(text)
    return found.group("owner").strip() if found else ""


def inline_date(text: str) -> str:
    found = _INLINE_DATE.search(text)
    return found.group("date") if found else ""


# -- personal data -------------------------------------------------------------------

PERSONAL_DATA = (
    "email",
    "e-mail",
    "email address",
    "ip address",
    "ip addresses",
    "source ip",
    "client ip",
    "per-ip",
    "per ip",
    "phone",
    "phone number",
    "postal address",
    "home address",
    "street address",
    "date of birth",
    "birthday",
    "full name",
    "first name",
    "last name",
    "user name",
    "username",
    "user id",
    "user ids",
    "user_id",
    "customer name",
    "geolocation",
    "location data",
    "passport",
    "social security",
    "credit card",
    "card number",
    "iban",
    "biometric",
    "health data",
    "personal data",
    "pii",
)


_PERSONAL: dict[tuple[str, ...], re.Pattern[str]] = {}


def personal_data(text: str, extra: tuple[str, ...] = ()) -> str:
    """The first personal-data term the text mentions (outside code), or ""."""
    pattern = _PERSONAL.get(extra)
    if pattern is None:
        terms = sorted({*PERSONAL_DATA, *extra}, key=len, reverse=True)
        alternatives = "|".join(re.escape(t) for t in terms)
        pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)
        _PERSONAL[extra] = pattern
    if not _mentions(text, (*PERSONAL_DATA, *extra)) or not pattern.search(text):
        return ""
    found = pattern.search(prose(text))
    return found.group(1).lower() if found else ""


_NOT_STORED = re.compile(
    r"\b(no|not|never|without|none of)\b[^.]{0,40}\b(personal|pii|ip|email)", re.IGNORECASE
)


def denies_personal_data(sentence: str) -> bool:
    """'No personal data is stored', 'does not log the source IP': a mention that denies it."""
    return bool(_NOT_STORED.search(sentence))


def quote(text: str, most: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"

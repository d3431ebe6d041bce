"""The draft of ``graphkit extract``: its files and columns (:class:`Draft`,
:func:`write_draft`), and how rules' findings become rows (:class:`DraftWriter`:
one row per fact with its confidence and flags, then clean-up, ids and the
entities the rows use). The clean-up rules are those of step 4 in
:mod:`graphkit.extract.extract`."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.extract import entities as ent
from graphkit.extract import lexicon as lx
from graphkit.extract.entities import Entity
from graphkit.extract.model import Ref, Row, Sent
from graphkit.schema import vocab

# Flags a row may carry (the `flags` column, `;`-separated).
NEW_ENTITY = "new_entity"
AMBIGUOUS_DATE = "ambiguous_date"
AMBIGUOUS_PERSON = "ambiguous_person"
INFERRED_ORG = "inferred_org"
UNNAMED = "unnamed"
COREFERENCE = "coreference"
KNOWN = "known"
FLAG_ORDER = (NEW_ENTITY, AMBIGUOUS_DATE, AMBIGUOUS_PERSON, INFERRED_ORG, UNNAMED, COREFERENCE, KNOWN)
EXTRA_COLUMNS = ("confidence", "flags", "span")
PUBLISHER_UNKNOWN = "(unknown)"

_PREFERRED = {
    "sources.csv": ("id", "title", "publisher", "published", "retrieved", "url", "language", "note"),
    "people.csv": ("id", "name", "name_en", "aliases", "unnamed", "sources", "note"),
    "organisations.csv": ("id", "kind", "name", "name_en", "category", "aliases", "unnamed", "sources", "note"),
    "relationships.csv": (
        "type", "from", "to", "role", "role_en", "role_category", "start", "end",
        "status", "sources", "evidence", "note",
    ),
    "events.csv": (
        "id", "org", "event_type", "summary", "summary_en", "date", "status", "sources", "evidence", "note",
    ),
}  # fmt: skip
FILES = tuple(_PREFERRED)


def columns(name: str) -> list[str]:
    """The columns of a draft file: graphkit's (vocabulary.toml), then confidence, flags, span."""
    spec = vocab.load().files[name]
    cols = [c for c in _PREFERRED[name] if c in spec.columns]
    cols += [c for c in spec.columns if c not in cols and c not in EXTRA_COLUMNS]
    if name != "sources.csv":
        cols += list(EXTRA_COLUMNS)
    return cols


@dataclass
class Draft:
    """The rows of a draft data folder (one list of dicts per file)."""

    source_id: str
    language: str
    sources: list[dict[str, str]] = field(default_factory=list)
    people: list[dict[str, str]] = field(default_factory=list)
    organisations: list[dict[str, str]] = field(default_factory=list)
    relationships: list[dict[str, str]] = field(default_factory=list)
    events: list[dict[str, str]] = field(default_factory=list)

    def rows(self, name: str) -> list[dict[str, str]]:
        return {
            "sources.csv": self.sources,
            "people.csv": self.people,
            "organisations.csv": self.organisations,
            "relationships.csv": self.relationships,
            "events.csv": self.events,
        }[name]


def write_draft(draft: Draft, outdir: str | Path) -> list[Path]:
    """Write the draft's CSV files (UTF-8) into ``outdir``; events.csv only when there are events."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        rows = draft.rows(name)
        if name == "events.csv" and not rows:
            continue
        cols = columns(name)
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({c: row.get(c, "") for c in cols})
        written.append(path)
    return written


GAN = "甲乙丙丁戊己庚辛壬癸"  # letters of unnamed colleagues (Chinese)


class DraftWriter:
    """Row making and the final draft, for :class:`graphkit.extract.extract._Extractor`."""

    # --------------------------------------------------------------- row making

    def _relationship(
        self,
        sent: Sent,
        rtype: str,
        a: Ref,
        b: Ref,
        fields: dict[str, str],
        *,
        start: str = "",
        end: str = "",
        date_flags=(),
        explicit: bool = False,
        status: str | None = None,
        no_default: bool = False,
        role_adjacent: bool = False,
        weak: bool = False,
    ) -> None:
        if a.entity is b.entity:
            return
        flags: set[str] = set()
        conf = 0.6
        date_col = "end" if rtype == "WORKED_AT" and (end or not start) else "start"
        value = end if date_col == "end" else start
        if rtype == "WORKED_AT" and start and not end:
            date_col, value = "start", start
        if not value and not no_default and rtype in ("WORKED_AT", "FOUNDED", "INVESTED_IN", "APPROACHED"):
            value = f"../{self.published.isoformat()}"
            flags.add(AMBIGUOUS_DATE)
            explicit = False
            conf -= 0.1
        elif value and explicit:
            conf += 0.1
        if date_flags and AMBIGUOUS_DATE in date_flags:
            flags.add(AMBIGUOUS_DATE)
            conf -= 0.05
        values = {
            "type": rtype,
            "from": a.entity,
            "to": b.entity,
            "role": fields.get("role", ""),
            "role_en": fields.get("role_en", ""),
            "role_category": fields.get("role_category", ""),
            "start": value if date_col == "start" else "",
            "end": value if date_col == "end" else "",
            "status": status or ("reported" if sent.reported else "confirmed"),
        }
        if rtype == "WORKED_AT" and status is None and sent.reported:
            values["status"] = "reported"
        new = [e for e in (a.entity, b.entity) if not e.known and not e.unnamed]
        if new:
            flags.add(NEW_ENTITY)
            conf -= 0.1 * len(new)
        if all(e.known for e in (a.entity, b.entity)):
            flags.add(KNOWN)
            conf += 0.15
        if any(e.unnamed for e in (a.entity, b.entity)):
            flags.add(UNNAMED)
            conf -= 0.1
        if "coref" in (a.how, b.how):
            flags.add(COREFERENCE)
            conf -= 0.15
        if "inferred" in (a.how, b.how):
            flags.add(INFERRED_ORG)
            conf -= 0.15
        if role_adjacent and fields.get("role"):
            conf += 0.05
        if weak:
            conf -= 0.15
        pos = a.mention.start if a.mention is not None else (b.mention.start if b.mention is not None else 0)
        self.rows.append(
            Row("relationship", values, sent, conf, flags, (a.entity, b.entity), (sent.index, pos), explicit)
        )

    # -------------------------------------------------------------------- draft

    def _clean_rows(self) -> list[Row]:
        rows = sorted(self.rows, key=lambda r: r.order)
        # a founder's unnamed venture gives way to the startup the article names
        named_v: dict[int, Entity] = {}
        for r in rows:
            if r.kind == "relationship" and r.values["type"] == "FOUNDED" and not r.ends[1].unnamed:
                named_v.setdefault(id(r.ends[0]), r.ends[1])
        replace: dict[int, Entity] = {}
        for r in rows:
            if (
                r.kind == "relationship"
                and r.values["type"] == "FOUNDED"
                and r.ends[1].unnamed
                and id(r.ends[0]) in named_v
            ):
                replace[id(r.ends[1])] = named_v[id(r.ends[0])]
        out: list[Row] = []
        for r in rows:
            if r.kind == "relationship" and id(r.values["to"]) in replace:
                if r.values["type"] == "FOUNDED":
                    continue
                nv = replace[id(r.values["to"])]
                r.values["to"] = nv
                r.ends = (r.ends[0], nv)
            out.append(r)
        # duplicates: exact, then the same fact with a less certain date
        kept: list[Row] = []
        index: dict[tuple, Row] = {}
        by_pair: dict[tuple, list[Row]] = {}
        for r in out:
            v = r.values
            if r.kind == "event":
                key = ("event", id(v["org"]), v["event_type"])
                if key in index:
                    first = index[key]
                    if r.explicit and not first.explicit:
                        kept[kept.index(first)] = r  # the same event, dated: keep the dated telling
                        index[key] = r
                    continue
                index[key] = r
                kept.append(r)
                continue
            if v["type"] == "INVESTED_IN" and v["from"].kind == "Startup" and not v["from"].known:
                v["from"].kind = "Company"
            key = (v["type"], id(v["from"]), id(v["to"]), v["role"], v["start"], v["end"])
            if key in index:
                first = index[key]
                first.confidence = max(first.confidence, r.confidence)
                continue
            pair = (v["type"], id(v["from"]), id(v["to"]))
            earlier = by_pair.get(pair, [])
            if earlier:
                same_date = any(
                    (e.values["start"], e.values["end"]) == (v["start"], v["end"]) for e in earlier
                )
                if not r.explicit or not (v["start"] or v["end"]) or same_date:
                    # nothing new: the earlier row says it with a date at least as good
                    if v["role"] and not earlier[0].values["role"]:
                        earlier[0].values.update({k: v[k] for k in ("role", "role_en", "role_category")})
                    earlier[0].confidence = max(earlier[0].confidence, r.confidence)
                    continue
                weak = [e for e in earlier if not e.explicit]
                if weak:
                    for w in weak:
                        if w in kept:
                            kept.remove(w)
                            if not v["role"] and w.values["role"]:
                                v.update({k: w.values[k] for k in ("role", "role_en", "role_category")})
                    earlier = [e for e in earlier if e.explicit]
            index[key] = r
            by_pair[pair] = [*earlier, r]
            kept.append(r)
        return kept

    def _draft(self) -> Draft:
        rows = self._clean_rows()
        draft = Draft(source_id=self.source_id, language=self.lang)
        title = self.title
        if title is None:
            first_line = self.article.strip().splitlines()[0] if self.article.strip() else ""
            title = first_line.strip()[:200]
        draft.sources.append(
            {
                "id": self.source_id,
                "title": title or self.source_id,
                "publisher": PUBLISHER_UNKNOWN,
                "published": self.published.isoformat(),
                "retrieved": "",
                "url": "",
                "language": self.lang,
                "note": "drafted by graphkit extract",
            }
        )
        # entities referenced by rows, in order of first use
        used: list[Entity] = []
        seen: set[int] = set()
        for r in rows:
            for e in r.ends:
                if id(e) not in seen:
                    seen.add(id(e))
                    used.append(e)
        # kinds of new organisations from their use
        roles: dict[int, set[str]] = {}
        for r in rows:
            if r.kind == "relationship":
                t = r.values["type"]
                roles.setdefault(id(r.ends[0]), set()).add(f"from:{t}")
                roles.setdefault(id(r.ends[1]), set()).add(f"to:{t}")
            else:
                roles.setdefault(id(r.ends[0]), set()).add("event")
        for e in used:
            if e.known or e.is_person or e.kind == "Group":
                continue
            uses = roles.get(id(e), set())
            if uses & {"to:FOUNDED", "to:INVESTED_IN"}:
                e.kind = "Startup"
            elif uses & {"from:APPROACHED", "from:MEMBER_OF"}:
                e.kind = "Company"
            elif (uses <= {"from:INVESTED_IN"} and uses) or any(
                e.name.endswith(s) for s in lx.INVESTOR_SUFFIXES[self.lang]
            ):
                e.kind = "Investor"
            else:
                e.kind = "Company"
        # ids
        taken: set[str] = {e.id for e in self.gaz.entities if e.known and e.id}
        for e in used:
            if e.known:
                continue
            if not e.id:
                base = self._new_id(e)
                nid, k = base, 2
                while nid in taken:
                    nid, k = f"{base}-{k}", k + 1
                e.id = nid
            taken.add(e.id)
        voc = vocab.load()
        # drop rows the vocabulary does not allow (e.g. an investment into a known Company)
        valid_rows = []
        for r in rows:
            if r.kind == "relationship":
                spec = voc.relationships[r.values["type"]]
                if r.ends[0].kind not in spec.sources or r.ends[1].kind not in spec.targets:
                    continue
            valid_rows.append(r)
        rows = valid_rows
        referenced = {id(e) for r in rows for e in r.ends}
        for e in used:
            if id(e) not in referenced:
                continue
            row = self._entity_row(e)
            (draft.people if e.is_person else draft.organisations).append(row)
        for r in rows:
            span = f"{r.sent.s.start}-{r.sent.s.end}"
            conf = f"{min(0.99, max(0.05, r.confidence)):.2f}"
            flags = ";".join(f for f in FLAG_ORDER if f in r.flags)
            if r.kind == "relationship":
                v = dict(r.values)
                v["from"], v["to"] = r.ends[0].id, r.ends[1].id
                v.update(
                    sources=self.source_id,
                    evidence=r.sent.text,
                    note="",
                    confidence=conf,
                    flags=flags,
                    span=span,
                )
                draft.relationships.append(v)
            else:
                v = dict(r.values)
                org = r.ends[0]
                base = f"{org.id}-{v['event_type']}"
                eid, k = base, 2
                while any(x["id"] == eid for x in draft.events):
                    eid, k = f"{base}-{k}", k + 1
                v.update(
                    id=eid,
                    org=org.id,
                    sources=self.source_id,
                    evidence=r.sent.text,
                    note="",
                    confidence=conf,
                    flags=flags,
                    span=span,
                )
                draft.events.append(v)
        return draft

    def _new_id(self, e: Entity) -> str:
        if e.unnamed:
            if e.kind == "Startup":
                return "venture-" + ent.slug(re.sub(r"(?:的创业项目|'s venture).*$", "", e.name), True)
            base = re.sub(r"（未具名）|\(unnamed\)", "", e.name).strip()
            m = re.match(r"(.+?)的同事(.)", base) or re.match(r"(.+?)'s colleague (\w)", base)
            if m:
                anchor = self.gaz.lookup(m.group(1), person=True)
                aid = anchor.id if anchor is not None and anchor.id else ent.slug(m.group(1), True)
                k = GAN.index(m.group(2)) + 1 if m.group(2) in GAN else ord(m.group(2)) - 64
                return f"{aid}-colleague-{k}"
            m = re.match(r"(.+?)第(\d+)位", base) or re.match(r"(.+?)'s departing executive (\d+)", base)
            if m:
                org = self.gaz.lookup(m.group(1), person=False)
                oid = org.id if org is not None and org.id else ent.slug(m.group(1), False)
                return f"{oid}-exec-{m.group(2)}"
            return ent.slug(base, True)
        return ent.slug(e.name, e.is_person)

    def _entity_row(self, e: Entity) -> dict[str, str]:
        span = self.first_mention.get(id(e))
        span_s = f"{span[0]}-{span[1]}" if span else ""
        if e.known:
            row = {k: v for k, v in e.row.items()}
            row["sources"] = self.source_id
            row.update(confidence="0.95", flags=KNOWN, span=span_s)
            if not e.is_person:
                row.setdefault("kind", e.kind)
            return row
        flags = [NEW_ENTITY]
        conf = 0.6
        if e.unnamed:
            flags = [UNNAMED]
            conf = 0.5
        row = {
            "id": e.id,
            "name": e.name,
            "name_en": e.name_en or (ent.person_name_en(e.name) if e.is_person and not e.unnamed else ""),
            "aliases": "",
            "unnamed": "true" if e.unnamed else "false",
            "sources": self.source_id,
            "note": "",
            "confidence": f"{conf:.2f}",
            "flags": ";".join(flags),
            "span": span_s,
        }
        if not e.is_person:
            row["kind"] = e.kind
            row["category"] = ""
        return row

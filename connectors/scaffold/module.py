"""The text of a new cluster module: its words, its Table with a mapping skeleton, its class."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from schemas import vocabularies

from ..conventions.flags import NO, YES
from ..readers.zeus_api import NO_CLASS
from . import personal
from .guesses import IMPORTS, Guess, guess, id_column
from .headers import Sample

SOURCE_FORMATS = {"csv": "csv", "xlsx": "xlsx", "json": "json_api", "xml": "xml_api", "zeus": "zeus_api"}
HANGUL = re.compile(r"[가-힣]")
TABLE_NAMES = {"equipment": "equipment", "service": "services", "expert": "experts"}


@dataclass
class Skeleton:
    """What the scaffold guessed: the mapped fields, the columns left over, the module text."""

    id_column: str
    mapped: list[tuple[str, str, str | None]] = field(default_factory=list)   # (path, column, parser)
    unmapped: list[str] = field(default_factory=list)
    unknown_words: list[str] = field(default_factory=list)
    personal: list[str] = field(default_factory=list)       # unmapped on purpose: a person's data
    no_class: bool = False      # ZEUS records without a standard class, filed under NO_CLASS
    text: str = ""


def class_name(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("_")) + "Connector"


def skeleton(code: str, fmt: str, kind: str, sample: Sample, source: str, title: str) -> Skeleton:
    zeus = fmt == "zeus"
    ident = "equipId" if zeus else id_column(sample.columns, kind)
    out = Skeleton(ident)
    best: dict[str, tuple[tuple[int, int], str]] = {}          # schema path -> (rank, column)
    guesses = {}
    for column in sample.columns:
        found = guess(column, kind, zeus) if column != ident else None
        if found:
            found = found[0], _language(found[1], _cells(sample, column))
            guesses[column] = found[1]
            if found[1].path not in best or found[0] < best[found[1].path][0]:
                best[found[1].path] = (found[0], column)
    chosen = {column for _, column in best.values()}
    for column in sample.columns:
        if column == ident:
            continue
        if column not in chosen:
            out.unmapped.append(column)
            if personal.is_personal_header(column) or personal.is_private(column, _cells(sample, column)):
                out.personal.append(column)
            continue
        found = guesses[column]
        parser = _status(sample, column) if found.parser == "active_if" else found.parser
        if parser is None and found.parser == "active_if":      # no yes/no or status word known
            out.unmapped.append(column)
            continue
        out.mapped.append((found.path, column, parser))
        if found.path.startswith("name.") and not any(p.startswith("title.") for p in best):
            out.mapped.append(("title" + found.path[4:], column, None))   # an expert's title is their name
    words, category_column = _category_words(out, sample, zeus)
    if zeus:
        out.mapped.append(("categories", '("stdClsNm", "equipId")', "class_categories(FIELDS.many())"))
    known, out.unknown_words = _match_categories(words)
    out.no_class = zeus and any(not str(r.get("stdClsNm") or "").strip() for r in sample.rows)
    out.text = _render(code, fmt, kind, source, title, out, known, category_column, sample)
    return out


def _language(found: Guess, cells: list[str]) -> Guess:
    """A Korean text field whose sample values hold no Hangul is English (a CRO's English sheet:
    `Service Name` -> title.en), whatever the header's language."""
    if found.path.endswith(".ko") and cells and not any(HANGUL.search(c) for c in cells):
        return replace(found, path=found.path[:-2] + "en")
    return found


# Status words beyond yes/no: in use (운영, 가동) or not (유휴, 불용, 고장).
ACTIVE = ("운영", "운영중", "가동", "가동중", "정상", "사용가능", "이용가능", "active", "available", "in use")
INACTIVE = ("유휴", "불용", "고장", "수리중", "점검중", "중지", "운영중지", "폐기", "처분", "사용불가", "이용불가",
            "inactive", "idle", "unavailable", "out of service", "retired")


def _status(sample: Sample, column: str) -> str | None:
    """`active_if("Y", "예", inactive=("N",))` from the words the sample writes; None when it
    writes none the scaffold knows. Words it does not know are left for the dry run to name."""
    words = list(dict.fromkeys(_cells(sample, column)))
    yes = [w for w in words if w.casefold() in YES or w.casefold() in ACTIVE]
    no = [w for w in words if w.casefold() in NO or w.casefold() in INACTIVE]
    if not yes and not no:
        return None
    inactive = "(" + ", ".join(q(w) for w in no) + ("," if len(no) == 1 else "") + ")"
    return "active_if(" + "".join(f"{q(w)}, " for w in yes) + f"inactive={inactive})"


def _cells(sample: Sample, column: str) -> list[str]:
    return [str(r[column]).strip() for r in sample.rows
            if r.get(column) not in (None, "") and not isinstance(r[column], (dict, list))]


def _category_words(out: Skeleton, sample: Sample, zeus: bool) -> tuple[list[str], str | None]:
    column = "stdClsNm" if zeus else next((c for p, c, _ in out.mapped if p == "categories"), None)
    if column is None:
        return [], None
    words = []
    for row in sample.rows:
        value = row.get(column)
        if isinstance(value, (list, tuple)):
            words += [str(v).strip() for v in value]
        elif value not in (None, ""):
            words += re.split(r"\s*[,;|\n]\s*", str(value).strip())
    return list(dict.fromkeys(w for w in words if w)), column


def _match_categories(words: list[str]) -> tuple[dict[str, str], list[str]]:
    """Words that are a category's code or label map by themselves; the rest are left to choose."""
    vocab = vocabularies.get("categories")
    labels = {}
    for code in vocab.codes:
        for text in (code, vocab.label(code, "ko"), vocab.label(code, "en")):
            labels[_key(text)] = code
    known = {w: labels[_key(w)] for w in words if _key(w) in labels}
    return known, [w for w in words if w not in known]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", str(text)).casefold()


def _render(code, fmt, kind, source, title, out: Skeleton, known, category_column, sample) -> str:
    names = {"Table", "TermMap"} | {re.match(r"\w+", p).group() for _, _, p in out.mapped if p}
    names.discard("FIELDS")
    by_module = defaultdict(list)
    for name in sorted(names):
        by_module[IMPORTS[name]].append(name)
    by_module["..conventions.sources"].append(source.split("(")[0])
    alias = {"zeus_scope": "sharing_scope as zeus_scope"}
    imports = [f"from {m} import {', '.join(alias.get(n, n) for n in ns)}"
               for m, ns in sorted(by_module.items())]
    lines = [f'"""{title}: a real {fmt} export, scaffolded by `clusterhub connectors new`.',
             "", "Every line is a guess from the column names: check each against the export, map the",
             "columns listed as unmapped, then run `clusterhub connectors try " + code + "`.\"\"\"",
             "from __future__ import annotations", "", *imports, "from . import ClusterConnector", "",
             f'CODE = "{code}"', "",
             f"# The cluster's own category words{_of(category_column)} -> codes of "
             "schemas/vocab/categories.json.", 'FIELDS = TermMap("categories", {']
    lines += [f"    {q(w)}: {q(c)}," for w, c in known.items()]
    lines += [f'    # {q(w)}: "",  # unmapped word: choose a code of schemas/vocab/categories.json'
              for w in out.unknown_words]
    if out.no_class:  # a list answer alone: every record; the detail call adds stdClsNm
        lines.append(f'    # {q(NO_CLASS)}: "",  # records with no standard class (stdClsNm: a ZEUS list '
                     "answer has none, the detail call adds it): choose their code")
    table = TABLE_NAMES[kind]
    lines += ["})", "", f'{table.upper()} = Table("{table}", "{kind}", {source},',
              f'    "{out.id_column}", (']
    for path, column, parser in out.mapped:
        column_text = column if column.startswith("(") else q(column)
        lines.append(f"    ({q(path)}, {column_text}" + (f", {parser})," if parser else "),"))
    lines += [f"    # unmapped: {q(column)}{_seen(sample, column)}" if column not in out.personal else
              f"    # not mapped: {q(column)}  (personal data: a staff member's name or contact stays out)"
              for column in out.unmapped]
    lines += ["))", "", "", f"class {class_name(code)}(ClusterConnector):", "    code = CODE",
              f'    source_format = "{SOURCE_FORMATS[fmt]}"', f"    tables = ({table.upper()},)", ""]
    return "\n".join(lines)


def _of(column: str | None) -> str:
    return f" (column {column})" if column else " (no column holds them yet)"


def _seen(sample: Sample, column: str) -> str:
    """'  (values: 운영, 휴지)' for a column of a few repeated words (a status, a yes/no), to help
    map it. Personal data is never shown, however often it repeats (personal.py): the module is
    committed. Nor are columns of mostly distinct values (notes, free text)."""
    cells = _cells(sample, column)
    values = list(dict.fromkeys(cells))
    if not values or len(values) > 5 or len(values) == len(cells) or personal.is_private(column, cells):
        return ""
    return f"  (values: {', '.join(v[:30] for v in values)})"


def q(text: str) -> str:
    """A Python string literal in double quotes (the house style), Korean kept readable."""
    return json.dumps(text, ensure_ascii=False)

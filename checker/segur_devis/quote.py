"""The parsed quote: lines, priced items and who pays them, DSR mentions, dates, header facts.

Parsing is deliberately forgiving: quotes are pasted from PDFs whose columns end up on one line or spread over
several, with blank lines everywhere. An *item* is a priced line together with the label lines just above it (back
to the previous priced line or table header), which is how a reader groups them too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

from segur_devis.amounts import Amount, find_amounts
from segur_devis.dates import FoundDate, find_dates
from segur_devis.document import Field, Row, Table, TotalEntry, find_fields, find_tables, find_totals
from segur_devis.dsr import DsrMention, find_dsr
from segur_devis.normalize import Folded, fold, literal_first

Payer = Literal["state", "client"]

# Who pays a block of the quote, from the words of its label or of the section heading above it.
CLIENT_MARKERS = re.compile(
    r"a (?:la )?charge (?:du client|de l'etablissement|de l'es\b|du professionnel|de la structure|client)"
    r"|charge client|hors (?:du )?(?:perimetre )?(?:de la )?(?:prestation )?segur|hors sons|hors perimetre"
    r"|non (?:finance|pris en charge|couvert)e?s? par l'etat|non finance|non pris en charge"
    r"|factur\w* (?:directement )?(?:au|a l'|a la) (?:client|etablissement|structure)"
    r"|devis complementaire|options?\b|optionnel|facultati|prestations? complementaires?"
)
STATE_MARKERS = re.compile(
    r"pris en charge par l'etat|finance\w* (?:a 100 ?% )?par l'etat|financement (?:sons|segur|etat)"
    r"|prestation segur|pack segur|au titre du segur|sans reste a charge|reste a charge *(?::|de|=)? *(?:0|nul|zero)"
)
TABLE_HEADER = re.compile(
    r"\b(?:qte|quantite|prix unitaire|pu ht|total ht|montant ht|designation|description)\b"
)
TOTAL_LINE = re.compile(r"\b(?:sous-total|total|net a payer|montant total|tva\b|ttc\b)|\breste a charge\b")
# The mandatory mention often carries the State-paid amount: a summary of the items, not an item of its own.
SUMMARY_LINE = re.compile(literal_first(r"\bmontant de la prestation segur\b"))
# Company footers (« SAS au capital de 150 000 € – RCS Lyon ») and general terms (« indemnité forfaitaire pour frais
# de recouvrement de 40 € ») carry amounts that are not billed services.
LEGAL_LINE = re.compile(
    literal_first(
        r"\bau capital (?:social )?de\b|\brcs\b|\bsiret\b|\bsiren\b|\biban\b|\bindemnite forfaitaire\b"
        r"|\bfrais de recouvrement\b|\bpenalites? de retard\b|\binterets? de retard\b|\bescompte\b"
    )
)
# An unticked box on an order form (« [ ] Commande sous condition de référencement ») asserts no clause; an unticked
# priced option is still an offer the client may take or leave.
UNTICKED = re.compile(r"^[ \t]*(?:\[ ?\]|\( ?\)|[☐□])")
QUOTE_WORDS = re.compile(r"\b(?:devis|bon de commande|proposition commerciale|offre commerciale|commande)\b")
SEGUR_WORDS = re.compile(r"\b(?:segur|sons|referencement|referencee?)\b")
_MAX_LABEL_LINES = 12


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int  # folded offsets, end excluded, without the line break
    end: int
    text: str
    amounts: tuple[Amount, ...]

    @property
    def is_total(self) -> bool:
        """A total, a summary or a legal footer: amounts that are not a billed item."""
        return bool(self.amounts) and (
            TOTAL_LINE.search(self.text) is not None
            or SUMMARY_LINE.search(self.text) is not None
            or LEGAL_LINE.search(self.text) is not None
        )

    @property
    def is_unticked(self) -> bool:
        return UNTICKED.match(self.text) is not None

    @property
    def is_header(self) -> bool:
        return not self.amounts and len(TABLE_HEADER.findall(self.text)) >= 2


@dataclass(slots=True)
class Item:
    """A priced line and its label lines."""

    lines: list[Line]
    payer: Payer | None
    dsr: list[DsrMention] = field(default_factory=list)
    row: Row | None = None  # the table row of its priced line, when it stands in a table

    @property
    def priced(self) -> Line:
        return self.lines[-1]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def label(self) -> str:
        """The folded label, without the amounts of the priced line."""
        last = self.priced
        cut = last.amounts[0].start - last.start if last.amounts else len(last.text)
        return " ".join([line.text for line in self.lines[:-1]] + [last.text[:cut]])

    @property
    def total(self) -> Amount | None:
        return self.priced.amounts[-1] if self.priced.amounts else None


class Quote:
    """A quote's text and everything the rules ask of it. Offsets are in the folded text unless named `original`."""

    def __init__(self, original: str, *, today: date | None = None) -> None:
        self.original = original
        # The day the quote is judged on: what is open or late depends on it (injectable for tests).
        self.today: date = today or date.today()
        self.folded: Folded = fold(original)
        self.folded_text = self.folded.text

    # --- text helpers -------------------------------------------------------------------------------------------

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.folded.span(start, end)

    def is_capitals(self, start: int, end: int) -> bool:
        s, e = self.span(start, end)
        return self.original[s:e].isupper()

    def search(
        self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
    ) -> re.Match[str] | None:
        return pattern.search(self.folded_text, start, len(self.folded_text) if end is None else end)

    # --- structure ----------------------------------------------------------------------------------------------

    @cached_property
    def lines(self) -> list[Line]:
        # One pass for the amounts of the whole text (they never span lines), shared out line by line.
        amounts = find_amounts(self.folded_text)
        lines = []
        pos = 0
        k = 0
        for index, raw in enumerate(self.folded_text.split("\n")):
            end = pos + len(raw)
            first = k
            while k < len(amounts) and amounts[k].start < end:
                k += 1
            lines.append(Line(index, pos, end, raw, tuple(amounts[first:k])))
            pos = end + 1
        return lines

    @cached_property
    def dsr(self) -> list[DsrMention]:
        return find_dsr(self.folded_text, self.is_capitals)

    @cached_property
    def items(self) -> list[Item]:
        items: list[Item] = []
        section: Payer | None = None
        pending: list[Line] = []  # label lines waiting for their priced line
        for line in self.lines:
            if not line.text.strip():
                continue
            if line.is_total:
                pending = []
                continue
            if line.is_header:
                section = _payer(line.text) or section
                pending = [line]
                continue
            if not line.amounts:
                if len(line.text) <= 100 and (marked := _payer(line.text)):
                    section = marked  # a short heading such as « Prestations hors Ségur »
                pending = [*pending, line][-_MAX_LABEL_LINES:]
                continue
            block = [*pending, line]
            # The nearest words that say who pays win: the priced line, then the label lines above it.
            payer = next((p for x in reversed(block) if (p := _payer(x.text))), None)
            items.append(Item(block, payer or section))
            pending = []
        mentions = self.dsr
        starts = [m.start for m in mentions]
        rows = self.rows_by_line
        for item in items:
            item.dsr = mentions[bisect_left(starts, item.start) : bisect_left(starts, item.end)]
            item.row = rows.get(item.priced.index)
        return items

    @cached_property
    def tables(self) -> list[Table]:
        return find_tables([(line.start, line.text) for line in self.lines], self._starts_lower)

    def _starts_lower(self, pos: int) -> bool:
        start = self.folded.to_original(pos)
        return self.original[start : start + 1].islower()

    @cached_property
    def rows_by_line(self) -> dict[int, Row]:
        """Table rows by the index of the line holding their numbers."""
        return {row.line: row for table in self.tables for row in table.rows}

    @cached_property
    def fields(self) -> dict[str, Field]:
        """Header fields by key (`numero_devis`, `numero_referencement`, `logiciel`, `client`…)."""
        return find_fields(self.folded_text, self._line_starts)

    def field_text(self, key: str) -> str | None:
        """A field's value as written in the original text."""
        found = self.fields.get(key)
        return self.original[slice(*self.span(found.start, found.end))].strip() if found else None

    @cached_property
    def totals(self) -> list[TotalEntry]:
        """The entries of every total line (Total HT, TVA, TTC, net à payer, reste à charge, sub-totals)."""
        return [
            entry
            for line in self.lines
            if line.is_total
            for entry in find_totals(line.index, line.start, line.text, line.amounts)
        ]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans. Pasted PDFs break sentences across lines and even blank lines, so a blank line ends a
        sentence only when what follows starts like a new paragraph (a capital, a digit, a bullet)."""
        spans = []
        start = 0
        for m in _SENTENCE_END.finditer(self.folded_text):
            if m.group("blank") is not None:
                nxt = m.end()
                if (
                    nxt < len(self.folded_text)
                    and self.folded_text[nxt].isalpha()
                    and not self.is_capitals(nxt, nxt + 1)
                ):
                    continue  # « avant\n\nle 30/11/2022 »: the sentence goes on
            if m.end() > start:
                spans.append((start, m.end()))
            start = m.end()
        if start < len(self.folded_text):
            spans.append((start, len(self.folded_text)))
        return spans

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentences_matching(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """The sentences that contain a match of `pattern`, in order, each once (one pass over the text)."""
        found: list[tuple[int, int]] = []
        for m in pattern.finditer(self.folded_text):
            i = bisect_right(self._sentence_starts, m.start()) - 1
            if i >= 0 and (not found or found[-1] != self.sentences[i]):
                found.append(self.sentences[i])
        return found

    # --- facts --------------------------------------------------------------------------------------------------

    @cached_property
    def couloir(self) -> str | None:
        mentions = [m for m in self.dsr if m.explicit] or self.dsr
        if not mentions:
            return None
        counts: dict[str, int] = {}
        for m in mentions:
            counts[m.couloir] = counts.get(m.couloir, 0) + 1
        return max(counts, key=lambda c: counts[c])

    @cached_property
    def vague(self) -> int | None:
        vagues = {m.vague for m in self.dsr if m.vague and m.couloir == self.couloir}
        if len(vagues) == 1:
            return vagues.pop()
        if m := _VAGUE.search(self.folded_text):
            return int(m.group(1))
        return None

    @cached_property
    def dates(self) -> list[FoundDate]:
        return find_dates(self.folded_text)

    @cached_property
    def signature_date(self) -> FoundDate | None:
        """The date written right after the most explicit signature label present (« Date de signature : »
        first, then « Fait à …, le », « signé le », « Bon pour accord … le »)."""
        for label in _SIGNATURE_LABELS:
            if found := _labelled_date(self, label):
                return found
        return None

    @cached_property
    def quote_date(self) -> FoundDate | None:
        return _labelled_date(self, _QUOTE_DATE_LABEL)

    def line_at(self, pos: int) -> Line:
        starts = self._line_starts
        return self.lines[bisect_right(starts, pos) - 1]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.start for line in self.lines]

    @cached_property
    def conditional_clause(self) -> re.Match[str] | None:
        """The clause making the order conditional on referencing, unless it is an unticked option of a form."""
        return next(
            (m for m in _CONDITIONAL.finditer(self.folded_text) if not self.line_at(m.start()).is_unticked),
            None,
        )

    @cached_property
    def recognized(self) -> bool:
        """Whether this reads as a Ségur quote at all (else the verdict is `non_reconnu`)."""
        if not self.search(SEGUR_WORDS) and not any(m.explicit for m in self.dsr):
            return False
        has_amount = any(line.amounts for line in self.lines)
        has_quote_word = self.search(QUOTE_WORDS) is not None
        has_code = any(m.explicit for m in self.dsr)
        return (has_amount and (has_quote_word or has_code or self.search(STATE_MARKERS) is not None)) or (
            has_quote_word and has_code
        )


def _payer(text: str) -> Payer | None:
    if CLIENT_MARKERS.search(text):
        return "client"
    if STATE_MARKERS.search(text):
        return "state"
    return None


def _labelled_date(quote: Quote, label: re.Pattern[str]) -> FoundDate | None:
    best: FoundDate | None = None
    text = quote.folded_text
    for m in label.finditer(text):
        for found in find_dates(text, m.end(), min(len(text), m.end() + 60))[:1]:
            if best is None or found.value > best.value:
                best = found
    return best


_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|(?P<blank>\n[ \t]*\n\s*)")
_VAGUE = re.compile(r"\bvague ?([12])\b")
# literal_first: the same patterns, scanned several times faster (each is run over the whole text).
_SIGNATURE_LABELS = tuple(
    re.compile(literal_first(pattern))
    for pattern in (
        r"\bdate\s+de\s+(?:la\s+)?(?:signature|commande)\b",
        r"\bfait\s+a\s+[a-z' -]{1,40},?\s+le\b",
        # « signé le », but not « la VA signée le … » which is another document's date
        r"(?<!va )(?<!aptitude )\bsignee?s?\s+(?:le|en\s+date\s+du)\b",
        r"\bbon\s+pour\s+accord\b",
    )
)
_QUOTE_DATE_LABEL = re.compile(
    r"\b(?:date (?:du devis|de l'offre|de la proposition|d'emission|du bon de commande)|devis du|etabli le"
    r"|emis le|^date)\b",
    re.MULTILINE,
)
_CONDITIONAL = re.compile(
    r"(?:sous\s+condition|conditionne|subordonne|sous\s+reserve)[^.]{0,120}?referencement"
    r"|affermissement[^.]{0,160}?referencement|commande\s+(?:passee\s+)?avant\s+(?:le|son|l'obtention\s+du)\s+referencement"
)

"""The parsed quote: lines, priced items and who pays them, DSR mentions, dates, header facts.

Parsing is deliberately forgiving: quotes are pasted from PDFs whose columns end up on one line or spread over
several, with blank lines everywhere. An *item* is a priced line together with the label lines just above it (back
to the previous priced line or table header), which is how a reader groups them too.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal

from segur_devis.amounts import (
    AMOUNTS_DECLARED,
    Amount,
    find_amounts,
    find_declared_amounts,
    format_euros,
    with_signs,
)
from segur_devis.dates import FoundDate, find_dates
from segur_devis.document import (
    Cell,
    Field,
    Row,
    Table,
    TotalEntry,
    find_captioned_total,
    find_fields,
    find_tables,
    find_totals,
    split_cells,
    total_kind,
)
from segur_devis.document.delimited import delimited_as_tabs
from segur_devis.document.fields import SOFTWARE_VERSION
from segur_devis.document.footnotes import Footnote, calls, find_footnotes
from segur_devis.document.labelled import find_labelled_rows
from segur_devis.document.signatures import column_signature_date
from segur_devis.document.stacked import find_stacked_tables
from segur_devis.document.tables import PAYER_WORDS, RULE_LINE, Role
from segur_devis.document.totals import CARRIED_FORWARD
from segur_devis.dsr import DsrMention, find_dsr
from segur_devis.normalize import Folded, fast, fold, phrases_pattern, repair_ocr
from segur_devis.reference import load

Payer = Literal["state", "client"]

# Who pays a block of the quote, from the words of its label or of the section heading above it (reference.json,
# « markers »).
CLIENT_MARKERS = phrases_pattern(load()["markers"]["client"])
STATE_MARKERS = phrases_pattern(load()["markers"]["state"])
TABLE_HEADER = re.compile(
    r"\b(?:qte|quantite|prix unitaire|pu ht|total ht|montant ht|designation|description)\b"
)
# « Licence WebView 4   Qté 1   PU HT 3 900,00   Total HT 3 900,00 »: an item whose cells name their values
_LABELLED_CELLS = re.compile(r"\bqte\.? ?:? ?\d+(?:,\d+)?\s+(?:p\.? ?u\.?|prix unitaire)\b")
TOTAL_LINE = fast(
    r"\bsous-total|\btotal|\bnet a payer|\bmontant total|\btva\b|\bttc\b|\breste a charge\b|\bmontant a (?:payer|regler)\b"
    r"|\bvaleur (?:nette|brute) (?:totale )?ht\b|\bmontant net (?:ht|ttc)\b"
)
# « 850,00 € HT, soit 1 020,00 € TTC »: an item's price given with its tax, not a total
_PRICE_WITH_TAX = re.compile(r"\bsoit [0-9][0-9 .,]*(?:€|eur\b)? ?ttc\b")
# What may follow an item's price when its tax is given on its line: TVA, TTC, a rate, signs.
_TAX_ONLY = re.compile(r"(?:[\s€=—–,;:.()/%×*+-]|[0-9]|\b(?:ht|ttc|tva|soit|eur|euros|dont|taux|a)\b)*")
_TAX_WORD = re.compile(r"\b(?:tva|ttc|soit)\b")
_WORDS = re.compile(r"[a-z]{3}")
# « Base HT 5 400,00 € — TVA … », « Montant : … »: a sum's label right before the first amount
# « Part État : 64 500,00 € HT — TVA … » (a payer's share)
_SUM_LABEL = re.compile(
    r"\b(?:base|montant|valeur|cout|prix)\b[^a-z]*(?:ht|hors taxes?)?[^a-z]*$|^[ \t]*(?:part|dont)\b"
)
# The mandatory mention often carries the State-paid amount: a summary of the items, not an item of its own
# (« Montant  de  la  Prestation  Ségur » too: a PDF's justified line spaces its words).
SUMMARY_LINE = fast(r"\bmontant\s+de\s+la\s+prestation\s+segur\b")
# A letter's « le montant de 6 400 € HT est intégralement pris en charge »: « le », the amount already known — when
# the quote prices it elsewhere, a restatement (« le montant de 900 € de la formation » alone is an item).
_SUM_OPENING = re.compile(r"[ \t]*(?:montant|somme)\b")
_RESTATED = fast(r"\ble montant (?:total |global )?(?:de |du devis de )(?=[0-9])")
# Company footers (« SAS au capital de 150 000 € – RCS Lyon ») and general terms (« indemnité forfaitaire pour frais
# de recouvrement de 40 € ») carry amounts that are not billed services.
LEGAL_LINE = fast(
    r"\bau capital (?:social )?de\b|\brcs\b|\bsiret\b|\bsiren\b|\biban\b|\bindemnite forfaitaire\b"
    r"|\bfrais de recouvrement\b|\bpenalites? de retard\b|\binterets? de retard\b|\bescompte\b"
)
# An unticked box on an order form (« [ ] Commande sous condition de référencement ») asserts no clause; an unticked
# priced option is still an offer the client may take or leave.
UNTICKED = re.compile(r"^[ \t]*(?:\[ ?\]|\( ?\)|[☐□])")
QUOTE_WORDS = re.compile(r"\b(?:devis|bon de commande|proposition commerciale|offre commerciale|commande)\b")
SEGUR_WORDS = re.compile(r"\b(?:segur|sons|referencement|referencee?)\b")
_MAX_LABEL_LINES = 12
# « … maintenance corrective : 1 » then « 240,00 € HT, soit … » on the next line: a prose line of a PDF wrapped
# inside an amount, whose digit groups are joined again (starts with the line break: a fast literal scan).
_WRAPPED_AMOUNT = re.compile(
    r"\n(?:(?<=[ :(]\d\n)|(?<=[ :(]\d\d\n)|(?<=[ :(]\d\d\d\n))(?=\d{3}(?:[ .]\d{3})*(?:,\d{2}(?!\d)| ?(?:€|eur\b)))"
)
# « Section A — Ségur service paid by the State / Prestation Ségur prise en charge par l'État »: a part's title says
# who pays what follows, however long (a bilingual title doubles its length).
_PART_TITLE = re.compile(r"[ \t]*(?:section|partie|part|volet|lot|tranche) [a-z0-9]{1,3}\b")


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int  # folded offsets, end excluded, without the line break
    end: int
    text: str
    amounts: tuple[Amount, ...]
    # « Total HT » on the line above a line holding only its amount (a totals block pasted one cell per line)
    caption: Line | None = None

    @property
    def is_total(self) -> bool:
        """A total, a summary or a legal footer: amounts that are not a billed item."""
        if self.caption is not None:
            return True
        return bool(self.amounts) and (
            (
                TOTAL_LINE.search(_PRICE_WITH_TAX.sub("", self.text) if "soit" in self.text else self.text)
                is not None
                and not ("qte" in self.text and _LABELLED_CELLS.search(self.text))
                and self.taxed_price is None
            )
            or SUMMARY_LINE.search(self.text) is not None
            or LEGAL_LINE.search(self.text) is not None
            # asked of each line several times: a substring test first
            or ("report" in self.text and CARRIED_FORWARD.search(self.text) is not None)
        )

    @property
    def taxed_price(self) -> int | None:
        """« Formation … : 2 j × 480,00 € HT = 960,00 € HT — TVA 192,00 € — TTC 1 152,00 € »: an item's price
        followed by its own TVA and TTC, nothing else. How many of its amounts are the price (the rest is its tax);
        None for any other line (« Total HT 960,00 € — TVA … » names a total before its first amount)."""
        if len(self.amounts) < 2 or ("tva" not in self.text and "ttc" not in self.text):
            return None
        first = self.amounts[0].start - self.start
        if (
            TOTAL_LINE.search(self.text, 0, first)
            or not _WORDS.search(self.text, 0, first)
            or _SUM_LABEL.search(self.text, 0, first)
        ):
            return None
        ends = [a.end - self.start for a in self.amounts]
        starts = [a.start - self.start for a in self.amounts[1:]] + [len(self.text)]
        rest = "".join(self.text[e:s] for e, s in zip(ends, starts, strict=True))
        if not _TAX_ONLY.fullmatch(rest):
            return None
        tax = _TAX_WORD.search(self.text, first)
        count = sum(1 for a in self.amounts if tax is not None and a.end <= tax.start() + self.start)
        return count or None

    @property
    def extent(self) -> tuple[int, int]:
        """Its span with its caption: what to quote of a total written over two lines."""
        return (self.start if self.caption is None else self.caption.start), self.end

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
    tail: list[Line] = field(default_factory=list)  # its row's designation wrapped below the priced line

    @property
    def priced(self) -> Line:
        return self.lines[-1]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return (self.tail or self.lines)[-1].end

    @property
    def excerpt(self) -> tuple[int, int]:
        """What to quote of it: its priced line, or its whole row when the row is pasted one cell per line."""
        if self.row is not None and self.row.stacked:
            return self.row.start, self.row.end
        return self.priced.start, self.priced.end

    @property
    def label(self) -> str:
        """The folded label, without the amounts of the priced line."""
        last = self.priced
        first = min((n.start for n in self.row.values.values()), default=None) if self.row else None
        if first is None and last.amounts:
            first = last.amounts[0].start
        cut = first - last.start if first is not None else len(last.text)
        return " ".join(
            [line.text for line in self.lines[:-1]] + [last.text[:cut]] + [t.text for t in self.tail]
        )

    @property
    def total(self) -> Amount | None:
        """The amount of the item: its row's total (HT first), else the last amount of its priced line."""
        if self.row is not None:
            for role in _ROW_TOTAL_ROLES:
                if (number := self.row.get(role)) is not None and not number.percent:
                    return Amount(number.value, number.start, number.end)
        amounts, text = self.priced.amounts, self.priced.text
        if (price := self.priced.taxed_price) is not None:
            return amounts[price - 1]  # « … 960,00 € HT — TVA 192,00 € — TTC 1 152,00 € »: the HT price
        if (
            len(amounts) >= 2
            and "soit" in text
            and _PRICE_WITH_TAX.search(text, amounts[-2].end - self.priced.start)
        ):
            return amounts[-2]  # « 700,00 € HT, soit 840,00 € TTC »: the HT price, as on other lines
        return amounts[-1] if amounts else None


class Quote:
    """A quote's text and everything the rules ask of it. Offsets are in the folded text unless named `original`."""

    def __init__(self, original: str, *, today: date | None = None) -> None:
        self.original = original
        # The day the quote is judged on: what is open or late depends on it (injectable for tests).
        self.today: date = today or date.today()
        # What the rules read: a spreadsheet export's cells split by tabs, what OCR confuses read back (same
        # length: offsets still map)
        self.source = repair_ocr(delimited_as_tabs(original))
        self.folded: Folded = fold(self.source)
        self.folded_text = _WRAPPED_AMOUNT.sub(" ", self.folded.text)  # same length: offsets still map

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

    def search_labels(self, pattern: re.Pattern[str]) -> tuple[int, int] | None:
        """The folded span of a match in the text cut to the first cell of each line: a label wrapped in its cell
        beside a value (« Montant de la Prestation Ségur pris │ 18 600,00 € HT », then « en charge par l'État »)
        reads whole there. The span runs from the match's start to its end, across the cells it skips."""
        view, view_starts, line_starts = self._first_cells
        m = pattern.search(view)
        if m is None:
            return None

        def folded(pos: int) -> int:
            k = bisect_right(view_starts, pos) - 1
            return line_starts[k] + pos - view_starts[k]

        return folded(m.start()), folded(m.end())

    @cached_property
    def _first_cells(self) -> tuple[str, list[int], list[int]]:
        text = self._cell_text
        parts: list[str] = []
        view_starts: list[int] = []
        pos = 0
        for line in self.lines:
            cells = split_cells(text[line.start : line.end])
            part = self.folded_text[line.start : line.start + _label_cell_end(text, line.start, cells)]
            view_starts.append(pos)
            parts.append(part)
            pos += len(part) + 1
        return "\n".join(parts), view_starts, [line.start for line in self.lines]

    # --- structure ----------------------------------------------------------------------------------------------

    @cached_property
    def lines(self) -> list[Line]:
        # One pass for the amounts of the whole text (they never span lines), shared out line by line.
        amounts = find_amounts(self.folded_text)
        if "-" in self.folded_text:
            amounts = with_signs(self.folded_text, amounts)
        if AMOUNTS_DECLARED.search(self.folded_text):
            amounts = _merged(amounts, find_declared_amounts(self.folded_text))
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
        return _with_captions(lines)

    @cached_property
    def dsr(self) -> list[DsrMention]:
        return find_dsr(self.folded_text, self.is_capitals)

    @cached_property
    def items(self) -> list[Item]:
        items: list[Item] = []
        rows = self.rows_by_line
        section: Payer | None = None
        pending: list[Line] = []  # label lines waiting for their priced line
        payer_column: re.Match[str] | None = None  # a « Prise en charge » column of the last table header
        tail_end = -1  # the last line of the previous item's row, wrapped below its priced line
        notes, schedule = self._footnote_lines, self._schedule_lines
        labelled = {row.line for row in self.labelled_rows}  # « Qté 2   PU HT …   Total HT … »: an item
        from_section = False  # the last item's payer is only its section's
        boxed, box_item = False, None  # after a box table's rule line; the item of that box row
        for line in self.lines:
            if not line.text.strip() or line.index <= tail_end:
                continue
            if (
                (line.is_total and line.index not in labelled)
                or line.index in notes
                or line.index in schedule
                or line.index in self.restated_lines
            ):
                # a note under the table, an instalment of the schedule: amounts of items already priced
                pending = []
                continue
            if not line.amounts and "+" in line.text and RULE_LINE.fullmatch(line.text):
                # « +------+------+ » closes a row of a box table: its label lines end there, and the lines under
                # the next row's priced line, up to the next rule, are its cells wrapped
                pending, boxed, box_item = [], True, None
                continue
            if line.is_header or line.index in self._table_headers:
                section = self.payer_of_line(line) or section
                payer_column = _PAYER_HEADER.search(line.text)
                pending = [line]
                continue
            row = rows.get(line.index)
            if (
                not line.amounts
                and row is None
                and items
                and (items[-1] is box_item or self._continues_label(items[-1], line))
            ):
                items[-1].tail.append(line)  # « comprenant … » under the label of the priced line above
                if from_section and (said := payer_of(items[-1].label)):
                    items[-1].payer, from_section = said, False  # its own words, wrapped, beat the section
                continue
            if row is None and items and not pending and _price_detail(items[-1], line):
                items[-1].tail.append(line)  # « médecins — 4 × 1 200,00 € HT » under « … 4 800,00 € HT »
                continue
            if not line.amounts and row is None:
                if line.index in self._field_lines and not self.payer_of_line(line):
                    pending = []  # « Logiciel : KinéPro 5.2 »: a header field labels no priced line below it
                    continue
                if (
                    line.index not in self._stacked_lines
                    and (len(line.text) <= 100 or _PART_TITLE.match(line.text))
                    and (marked := self.payer_of_line(line))
                ):
                    section = marked  # a short heading such as « Prestations hors Ségur », or a part's title
                    indent = len(line.text) - len(line.text.lstrip())
                    if not self._starts_lower(line.start + indent):
                        pending = []  # what stands above a heading labels nothing under it (a sentence goes on)
                pending = [*pending, line][-_MAX_LABEL_LINES:]
                continue
            if row is None and _SHARE_LABEL.match(line.text) and _sums_some_items(items, line):
                self._part_summaries.add(line.index)  # « Part officine : 145,00 € HT (lignes 2 et 3) »
                pending = []
                continue
            if row is None and line.taxed_price is not None and _sums_the_items_above(items, line):
                self._part_summaries.add(line.index)  # « Prestation Ségur : 6 400,00 € HT — TVA … — TTC … »
                pending = []
                continue
            block = [*pending, line]
            tail = self.lines[line.index + 1 : row.last_line + 1] if row is not None else []
            # Who pays: the row's own columns (« À la charge du client »), then the nearest words that say it —
            # the priced line, its designation wrapped below, then the label lines above it — then the section.
            payer = (
                _payer_from_columns(row)
                or (_payer_cell(line, payer_column.start()) if payer_column else None)
                or payer_at_end(line)
                or next((p for x in [line, *tail] if (p := self.payer_of_line(x))), None)
                or next((p for x in [line, *tail, *reversed(pending)] if (p := self.payer_of_calls(x))), None)
                or next((p for x in reversed(pending) if (p := self.payer_of_line(x))), None)
            )
            tail_end = row.last_line if row is not None else -1
            item = Item(block, payer or section, row=row, tail=tail)
            from_section = payer is None
            box_item, boxed = (item if boxed else None), False
            items.append(item)
            pending = []
            if payer == "state" and item.total is not None and item.total.value < 0:
                # « Remise Ségur -100 % (prise en charge par l'État) » cancels the price above it: what follows,
                # not cancelled, is billed to the client unless its own words say otherwise
                section = "client"
        mentions = self.dsr
        starts = [m.start for m in mentions]
        for item in items:
            item.dsr = mentions[bisect_left(starts, item.start) : bisect_left(starts, item.end)]
        return items

    @cached_property
    def _cell_text(self) -> str:
        """The folded text with its tabs, which split cells (the folded text turns them into spaces); same offsets."""
        return fold(self.source, keep_tabs=True).text if "\t" in self.source else self.folded_text

    @cached_property
    def _cell_lines(self) -> list[tuple[int, str]]:
        """Each line's folded offset and text with its tabs: what tables and rows are read from."""
        text = self._cell_text
        return [(line.start, text[line.start : line.end]) for line in self.lines]

    @cached_property
    def tables(self) -> list[Table]:
        lines = self._cell_lines
        found = find_tables(lines, self._starts_lower)
        if stacked := find_stacked_tables(lines):
            found = sorted([*found, *stacked], key=lambda table: table.header_line)
        return found

    def _continues_label(self, item: Item, line: Line) -> bool:
        """A line right under a priced line, indented to its label's column and starting in lower case: the rest
        of that label, not the first line of the next item's."""
        above = (item.tail or item.lines)[-1]
        if item.row is not None or above.index != line.index - 1:
            return False
        indent = len(line.text) - len(line.text.lstrip(" "))
        if indent < 2 or not self._starts_lower(line.start + indent):
            return False
        return not above.text[:1].isspace() or (
            above.text[indent - 2 : indent] == "  " and not above.text[indent].isspace()
        )

    def _starts_lower(self, pos: int) -> bool:
        start = self.folded.to_original(pos)
        return self.original[start : start + 1].islower()

    def payer_of_line(self, line: Line) -> Payer | None:
        """`payer_of(line.text)`, read once per line (items ask of each line several times)."""
        if line.index not in self._line_payers:
            self._line_payers[line.index] = payer_of(line.text)
        return self._line_payers[line.index]

    @cached_property
    def _line_payers(self) -> dict[int, Payer | None]:
        return {}

    @cached_property
    def _schedule_lines(self) -> set[int]:
        """The lines of a payment schedule or a recap by payer: under an « Échéancier » or « Récapitulatif »
        heading, up to the next blank line, and any line giving an instalment as a share of the price (« acompte
        30 % à la commande (396,00 € HT) »). They restate the items' amounts."""
        found: set[int] = set()
        if not _SCHEDULE_WORD.search(self.folded_text):
            return found  # one scan of the text spares most quotes the line by line reading
        # under a heading; some line under it already (a blank line right under the heading stays in its block)
        heading = under = False
        for line in self.lines:
            if not line.text.strip():
                heading = heading and not under
            elif not line.amounts and _SCHEDULE_HEADING.match(line.text):
                heading, under = True, False
            elif heading or (line.amounts and _INSTALMENT.search(line.text)):
                found.add(line.index)
                under = True
        return found

    @cached_property
    def footnotes(self) -> dict[str, Footnote]:
        """The notes called by the quote's lines (« (2) Hors Ségur, à la charge du cabinet. »), by mark."""
        if not _FOOTNOTE_MARK.search(self.folded_text):
            return {}  # one scan of the text spares most quotes the line by line reading
        return find_footnotes([(line.start, line.text) for line in self.lines])

    @cached_property
    def _footnote_lines(self) -> set[int]:
        return {k for note in self.footnotes.values() for k in range(note.first_line, note.last_line + 1)}

    def payer_of_calls(self, line: Line) -> Payer | None:
        """Who pays, from the notes a line calls (« Module … — licence (2) », the note saying « hors Ségur »)."""
        if not self.footnotes:
            return None
        for mark in calls(line.text):
            if (note := self.footnotes.get(mark)) and (
                payer := payer_of(self.folded_text[note.start : note.end])
            ):
                return payer
        return None

    @cached_property
    def _stacked_lines(self) -> set[int]:
        """The lines of rows pasted one cell per line: a designation's line there is no heading."""
        return {
            index
            for table in self.tables
            if table.layout == "stacked"
            for row in table.rows
            for index in range(row.first_line, row.last_line + 1)
        }

    @cached_property
    def _part_summaries(self) -> set[int]:
        return set()  # filled by `items`

    @property
    def part_summaries(self) -> set[int]:
        """The lines summing the items right above them with their tax, written without the word « total »
        (« Prestations hors Ségur : 2 400,00 € HT — TVA 480,00 € — TTC 2 880,00 € »): no items of their own."""
        self.items  # noqa: B018  (reading the items finds them)
        return self._part_summaries

    @cached_property
    def restated_lines(self) -> set[int]:
        """The lines restating amounts the quote prices on other lines: a letter's « le montant de 6 400 € HT … »
        (`_RESTATED`), « Montant de la partie 2 : selon l'option retenue, soit 21 600,00 € HT ou 17 900,00 € HT »
        (a line opening with « Montant » whose every amount is another line's price)."""
        found: set[int] = set()
        if "montant" not in self.folded_text:
            return found  # one scan of the text spares most quotes the line by line reading
        written = Counter(a.value for line in self.lines for a in line.amounts)
        for m in _RESTATED.finditer(self.folded_text):
            line = self.line_at(m.start())
            said = next((a for a in line.amounts if a.start == m.end()), None)
            if said is not None and written[said.value] > sum(a.value == said.value for a in line.amounts):
                found.add(line.index)  # the same amount on another line too
        opening = [
            line
            for line in self.lines
            if line.amounts and _SUM_OPENING.match(line.text) and not line.is_total
        ]
        if opening:
            priced = Counter(a.value for line in self.lines if not line.is_total for a in line.amounts)
            found |= {line.index for line in opening if all(priced[a.value] > 1 for a in line.amounts)}
        return found

    @cached_property
    def _field_lines(self) -> set[int]:
        return {self.line_at(f.start).index for f in self.fields.values()}

    @cached_property
    def _table_headers(self) -> set[int]:
        return {table.header_line for table in self.tables}

    @cached_property
    def rows_by_line(self) -> dict[int, Row]:
        """Table rows, and rows whose cells name their values outside tables, by the index of the line holding
        their numbers."""
        rows = {row.line: row for row in self.labelled_rows}
        rows.update((row.line, row) for table in self.tables for row in table.rows)
        return rows

    @cached_property
    def labelled_rows(self) -> list[Row]:
        """« Qté 2   PU HT 3 150,00 €   Total HT 6 500,00 € », « Désignation : … / Prix HT : … » records: rows
        outside tables (`document/labelled.py`)."""
        in_tables = {
            i
            for table in self.tables
            for i in range(
                table.header_line, (table.rows[-1].last_line if table.rows else table.header_line) + 1
            )
        }
        return find_labelled_rows(self._cell_text, self._cell_lines, in_tables)

    @cached_property
    def fields(self) -> dict[str, Field]:
        """Header fields by key (`numero_devis`, `numero_referencement`, `logiciel`, `client`…)."""
        return find_fields(self._cell_text, self._line_starts)

    def field_text(self, key: str) -> str | None:
        """A field's value as written in the original text."""
        found = self.fields.get(key)
        return self._original(found.start, found.end) if found else None

    @cached_property
    def header_facts(self) -> dict[str, str]:
        """What the header and the totals say, as written (amounts as « 1 234,56 »), for the report's facts."""
        facts: dict[str, str] = {}
        for key in ("numero_devis", "editeur", "client", "numero_referencement"):
            if (value := self.field_text(key)) is not None:
                facts[key] = value
        if "editeur" not in facts and (m := _LEGAL_FORM.search(self.folded_text, 0, self._head_end(10))):
            line = self.line_at(m.start())
            cell = next(
                c for c in split_cells(self._cell_text[line.start : line.end], line.start) if c.end >= m.end()
            )
            facts["editeur"] = self._original(cell.start, m.end()).strip("-—–, ")
        software = self.fields.get("logiciel")
        if software is not None:
            # « TilleulSoft DUI 5.4 »: the name, and the version written at its end
            version = SOFTWARE_VERSION.search(software.value)
            cut = software.start + version.start() if version else software.end
            facts["logiciel"] = self._original(software.start, cut).rstrip(
                " ,-–—"
            )  # « LaboSoft SGL, version 8.4 »
            if version is not None:
                facts["version_logiciel"] = self._original(
                    software.start + version.start("number"), software.start + version.end("number")
                )
        if "version_logiciel" not in facts and (value := self.field_text("version_logiciel")) is not None:
            facts["version_logiciel"] = value
        for kind in ("total_ht", "total_ttc", "reste_a_charge"):
            entry = next((e for e in reversed(self.totals) if e.kind == kind), None)
            if entry is not None:
                facts[kind] = format_euros(entry.amount.value).removesuffix(" €")
        return facts

    def _original(self, start: int, end: int) -> str:
        """The original text of a folded span, without surrounding white space."""
        return self.original[slice(*self.span(start, end))].strip()

    def _head_end(self, count: int) -> int:
        """The folded offset where the first `count` lines end."""
        return self.lines[min(len(self.lines), count) - 1].end if self.lines else 0

    @cached_property
    def totals(self) -> list[TotalEntry]:
        """The entries of every total line (Total HT, TVA, TTC, net à payer, reste à charge, sub-totals)."""
        entries = []
        for line in self.lines:
            if line.caption is not None:
                caption = line.caption
                entries += find_captioned_total(
                    line.index,
                    caption.start + len(caption.text) - len(caption.text.lstrip()),
                    caption.text.strip(),
                    line.start,
                    line.text,
                    line.amounts[0],
                )
            elif line.is_total:
                entries += find_totals(line.index, line.start, line.text, line.amounts)
        return entries

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

    def dsr_span(self, couloir: str | None = None) -> tuple[int, int] | None:
        """Where the quote first names a DSR of `couloir` (default: its own), as evidence for a quote-wide finding."""
        wanted = couloir or self.couloir
        mention = next((m for m in self.dsr if m.couloir == wanted), None)
        return (mention.start, mention.end) if mention else None

    @cached_property
    def vague(self) -> int | None:
        if _BOTH_VAGUES.search(self.folded_text):
            return 2  # « Prestation Ségur vague 1 + vague 2 »: one vague 2 prestation, for who had no vague 1
        vagues = {m.vague for m in self.dsr if m.vague and m.couloir == self.couloir}
        if len(vagues) > 1:
            # « a bénéficié de la vague 1 (DSR MS-DUI-Va1) », then the priced « DSR MS-DUI-Va2 »: the vague sold
            vagues = {
                m.vague for m in self.dsr if m.vague in vagues and self.line_at(m.start).amounts
            } or vagues
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
        first, then « Fait à …, le », « signé le », « Bon pour accord / commande … le »); in a signature table
        of two columns, the client's column's."""
        if found := column_signature_date(self._cell_text):
            return found
        # a quote is signed once written: an earlier « bon de commande signé le … » recalls a past order, unless
        # no other signature is found
        issued = self.quote_date
        earlier = None
        for label in _SIGNATURE_LABELS:
            if found := _labelled_date(self, label):
                if issued is None or found.value >= issued.value:
                    return found
                earlier = earlier or found
        return earlier or self._signature_line_date()

    def _signature_line_date(self) -> FoundDate | None:
        """Last, the latest date on a line where the client signs, before or after the word (« Date : 23/10/2026
        Signature et cachet : », « Signature : ______   Date : 23/10/2026 »); not the vendor's nor the VA's."""
        best: FoundDate | None = None
        for m in _SIGNATURE_LINE.finditer(self.folded_text):
            line = self.line_at(m.start())
            if _NOT_THE_CLIENTS.search(line.text):
                continue
            for found in find_dates(self.folded_text, line.start, line.end):
                if best is None or found.value > best.value:
                    best = found
        return best

    @cached_property
    def quote_date(self) -> FoundDate | None:
        """The date labelled as the quote's, else the one written just after its number (« Devis n° X du
        14/10/2026 », « Proposition n° X — 03/03/2025 »), else a letter's « Lyon, le 12 mars 2024 »."""
        if found := _labelled_date(self, _QUOTE_DATE_LABEL):
            return found
        number = self.fields.get("numero_devis")
        if number is not None:
            line_end = self.line_at(number.end).end
            after = find_dates(self.folded_text, number.end, min(line_end, number.end + 40))
            if after:
                return after[0]
        head = self.lines[min(len(self.lines), 20) - 1].end if self.lines else 0
        for m in _LETTER_DATE.finditer(self.folded_text, 0, head):
            if dates := find_dates(self.folded_text, m.end(), min(len(self.folded_text), m.end() + 30)):
                return dates[0]
        return None

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
        # a price in running text, or in a table's price column (a spreadsheet's « 5200.00 », with no currency)
        has_amount = any(line.amounts for line in self.lines) or any(
            row.get(role) for row in self.rows_by_line.values() for role in _ROW_TOTAL_ROLES
        )
        has_quote_word = self.search(QUOTE_WORDS) is not None
        has_code = any(m.explicit for m in self.dsr)
        about_segur = (
            has_amount and (has_quote_word or has_code or self.search(STATE_MARKERS) is not None)
        ) or (has_quote_word and has_code)
        return about_segur and self.looks_like_a_quote

    @cached_property
    def looks_like_a_quote(self) -> bool:
        """A newsletter, a guide or an email may name DSR codes and amounts: a quote has a number, a client, a
        table, a priced line or a title saying what it is — unless its title says it is another document."""
        if _OTHER_TITLE.match(self.folded_text.lstrip()):
            return False
        if self.tables or "numero_devis" in self.fields or "client" in self.fields:
            return True
        if _ACCEPTANCE.search(self.folded_text):
            return True  # a letter with its price in prose and a block for the client to sign it
        if any(_PRICED_END.search(item.priced.text) for item in self.items):
            return True
        head = self.lines[min(len(self.lines), 15) - 1].end if self.lines else 0
        return _TITLE.search(self.folded_text, 0, head) is not None


_SCHEDULE_WORD = fast(
    r"\becheancier|\bmodalites de|\bconditions de|\bcalendrier de|\bplan de paiement|\brecapitulatif|\bsynthese"
    r"|\bacompte|\bsolde|\bavance|\becheance"
)
_FOOTNOTE_MARK = re.compile(r"\(\d\)|\*|[¹²³]")
_SCHEDULE_HEADING = re.compile(
    r"[ \t]*(?:echeancier|modalites de (?:paiement|reglement|facturation)|conditions de (?:paiement|reglement)"
    r"|calendrier de (?:paiement|facturation)|plan de paiement|recapitulatif|synthese)\b[^\n]{0,40}$"
)
# « acompte 30 % à la commande », « solde (70 %) à la mise en service »: an instalment, not an item
_INSTALMENT = re.compile(r"\b(?:acompte|solde|avance|echeance)\b[^\n]{0,30}?\b\d{1,3}(?:,\d+)? ?%")
_AMOUNT_ONLY = re.compile(r"[\s€]*(?:eur|euros|ht|ttc)?\.?\s*")
_CAPTION = re.compile(r"\D{0,40}(?:\d{1,2}(?:[.,]\d{1,2})? ?%\D{0,20})?")


def _sums_the_items_above(items: list[Item], line: Line) -> bool:
    """`line`'s price is the sum of the run of items right above it (each ending where the next starts), none of
    them priced with its own tax: a part's summary, not one more item (two options at the same price, each
    with its TVA and TTC, stay two items)."""
    price = line.amounts[(line.taxed_price or 1) - 1].value
    total, below = Decimal(0), line.index
    for item in reversed(items):
        if (item.tail or item.lines)[-1].index != below - 1 or item.total is None or item.priced.taxed_price:
            return False
        total += item.total.value
        if abs(total - price) <= Decimal("0.05"):
            return True
        below = item.lines[0].index
    return False


# « Part du centre : », « Dont part officine : », « Frais uniques : », a short label and a colon opening a line: the
# share of a payer or of a kind of fee, summing lines priced above (« Formation : 900,00 € » is an item).
_SHARE_LABEL = re.compile(
    r"[ \t]*(?:dont )?(?:part|quote-part|frais (?:uniques|ponctuels|fixes|de mise en service))\b[^:0-9]{0,50}:"
)


def _sums_some_items(items: list[Item], line: Line) -> bool:
    """`line`'s price is the total of one item or of a run of consecutive items above it: a restatement of what
    they cost, not one more item."""
    price = line.amounts[(line.taxed_price or 1) - 1].value
    totals = [item.total.value for item in items if item.total is not None]
    for first in range(len(totals)):
        total = Decimal(0)
        for value in totals[first:]:
            total += value
            if abs(total - price) <= Decimal("0.05"):
                return True
    return False


# « 4 × 1 200,00 € HT »: a quantity times the unit price that follows
_TIMES = re.compile(r"(?P<qty>\d{1,4}(?:,\d+)?) ?(?:[×x*]|fois) ?$")


def _price_detail(item: Item, line: Line) -> bool:
    """The line right under an item's priced line gives only how its price is made (« médecins — 4 × 1 200,00 € HT »
    under « Prestation Ségur … — 4   4 800,00 € HT », a cell wrapped in a PDF): quantity × unit price = its total."""
    if len(line.amounts) != 1 or item.total is None or (item.tail or item.lines)[-1].index != line.index - 1:
        return False
    m = _TIMES.search(line.text, 0, line.amounts[0].start - line.start)
    if m is None:
        return False
    product = Decimal(m.group("qty").replace(",", ".")) * line.amounts[0].value
    return abs(product - item.total.value) <= Decimal("0.05")


def _with_captions(lines: list[Line]) -> list[Line]:
    """A line holding only an amount under a line « Total HT » / « TVA 20 % » / « Net à payer » holding none:
    one total written over two lines (a totals block pasted one cell per line). A block whose labels and values
    stand in two columns is pasted as its labels, then as many values (« Total HT / TVA 20 % / Total TTC », then
    « 6 900,00 € / 1 380,00 € / 8 820,00 € »): each value gets the label of the same rank."""
    k = 0
    while k < len(lines):
        if not _is_amount_only(lines[k]):
            k += 1
            continue
        values = _run(lines, k, 1, _is_amount_only)
        captions = _run(lines, k - 1, -1, _is_caption)[::-1]
        if len(captions) == 1:
            pairs = [(captions[0], values[0])]  # the label right above its value
        elif captions and len(values) >= len(captions):
            pairs = list(zip(captions, values, strict=False))  # labels, then values: paired by rank
        else:
            pairs = []  # labels and values that do not tally: no guess
        for caption, value in pairs:
            lines[value.index] = Line(value.index, value.start, value.end, value.text, value.amounts, caption)
        k = values[-1].index + 1
    return lines


def _run(lines: list[Line], k: int, step: int, test: Callable[[Line], bool]) -> list[Line]:
    """The lines passing `test` from line `k` on, going by `step` (blank lines skipped), up to the first that fails."""
    found: list[Line] = []
    while 0 <= k < len(lines):
        if lines[k].text.strip():
            if not test(lines[k]):
                break
            found.append(lines[k])
        k += step
    return found


def _is_caption(line: Line) -> bool:
    """A total's label alone on its line."""
    text = line.text.strip()
    return not line.amounts and total_kind(text) is not None and _CAPTION.fullmatch(text) is not None


def _is_amount_only(line: Line) -> bool:
    return (
        len(line.amounts) == 1
        and _AMOUNT_ONLY.fullmatch(line.text[: line.amounts[0].start - line.start]) is not None
        and _AMOUNT_ONLY.fullmatch(line.text[line.amounts[0].end - line.start :]) is not None
    )


def _label_cell_end(text: str, start: int, cells: list[Cell]) -> int:
    """Where the first cell of a line ends, relative to `start`; a justified label (« Versions  mises  à  jour  sans
    reste  à  charge  (mise  sur  le       SantéCom DPI 8.0 … ») whose words are two spaces apart before a wider
    gap to its value is one cell."""
    if not cells:
        return 0
    gaps = [text[start + a.end : start + b.start] for a, b in itertools.pairwise(cells)]
    if (
        len(set(gaps)) == 1
        and not gaps[0].strip(" ")
        and all(" " not in c.text and not any(ch.isdigit() for ch in c.text) for c in cells)
    ):
        # a label justified alone on its line, its words evenly spread (« Montant         de         la »)
        return cells[-1].end
    k = 0
    if any(gap != "  " for gap in gaps):
        while k < len(gaps) and gaps[k] == "  ":
            k += 1
    return cells[k].end


def _merged(amounts: list[Amount], more: list[Amount]) -> list[Amount]:
    """Both lists in text order, without an amount of `more` that overlaps one of `amounts`."""
    taken = [(a.start, a.end) for a in amounts]
    extra = [b for b in more if not any(s < b.end and b.start < e for s, e in taken)]
    return sorted([*amounts, *extra], key=lambda a: a.start)


def _payer_from_columns(row: Row | None) -> Payer | None:
    """« Pris en charge État » / « À la charge du client » columns: the client pays what its column says. A row
    both columns share is the State's: the client's share of it is P01's matter."""
    if row is None:
        return None
    client, state = row.get("client"), row.get("state")
    if state is not None and state.value > 0:
        return "state"
    if client is not None and client.value > 0:
        return "client"
    if row.payer is not None:  # « Établissement », « ASP, pour le compte de l'État » under « Payé par »
        if (said := payer_of(row.payer)) is not None:
            return said
        if (word := _PAYER_WORD.search(row.payer)) is not None:
            return "state" if word.group("state") else "client"
    return None


# « Prise en charge » / « Financement » column whose cells name the payer in one word: « État », « Établissement »
_PAYER_HEADER = re.compile(r"\b(?:prise en charge|financement|payeur|paye par|a la charge de)\b")
_PAYER_CELL = re.compile(r" {0,3}" + PAYER_WORDS)
_PAYER_WORD = re.compile(r"\b" + PAYER_WORDS)


def _payer_cell(line: Line, column: int) -> Payer | None:
    """The payer written in a priced line under its table's payer column (the word starts near its heading)."""
    m = _PAYER_CELL.match(line.text, max(0, column - 2))
    if m is None:
        m = _PAYER_CELL.match(line.text, column)
    if m is None:
        return None
    return "state" if m.group("state") else "client"


# « … 62 400,00 État », « … 8 900,00 Établissement », « … 24 800,00 État (SONS) »: the payer's cell after the
# amounts, as the last word of its row (a short precision in brackets may follow it)
_PAYER_AT_END = re.compile(r"\d[ \t|]+" + PAYER_WORDS + r"(?: ?\([^()\d]{1,16}\))?[ \t|]*$")


def payer_at_end(line: Line) -> Payer | None:
    """Who pays, from a payer cell ending a priced line (a « Prise en charge » column on the right)."""
    text = line.text.rstrip()
    ends_in_words = text[-1:].isalpha() or text[-1:] == ")"
    m = _PAYER_AT_END.search(text, max(0, len(text) - 30)) if line.amounts and ends_in_words else None
    if m is None:
        return None
    return "state" if m.group("state") else "client"


def payer_of(text: str) -> Payer | None:
    """Who pays, from the words of a label or heading (client words win: « hors Ségur » names Ségur)."""
    if CLIENT_MARKERS.search(text):
        return "client"
    if STATE_MARKERS.search(text):
        return "state"
    return None


def _labelled_date(quote: Quote, label: re.Pattern[str]) -> FoundDate | None:
    best: FoundDate | None = None
    text = quote.folded_text
    for m in label.finditer(text):
        # 60 characters on, to the end of that line: a date never stops short (« Date   14/10/2026 » in cells)
        eol = text.find("\n", m.end() + 60)
        for found in find_dates(text, m.end(), min(len(text) if eol < 0 else eol, m.end() + 400))[:1]:
            if best is None or found.value > best.value:
                best = found
    return best


# A priced line ends with its amount (« Formation   1 200,00 € HT »), not with a sentence's full stop.
_PRICED_END = re.compile(r"(?:\d|€|eur|euros|\bht|\bttc|\))[ \t]*$")
_TITLE = re.compile(
    r"^[ \t]*(?:devis|bon de commande|proposition (?:commerciale|tarifaire|financiere)|offre (?:commerciale|de prix)"
    r"|commande)\b",
    re.MULTILINE,
)
# Where the client signs an offer: « Bon pour accord, le … », « Lu et approuvé », « Date, signature et cachet du
# client : », « Signature du client précédée de la mention … » (a guide says « signez le bon de commande » inside
# a sentence)
_ACCEPTANCE = re.compile(
    r"^[ \t]*(?:bon pour (?:accord|commande|acceptation)|pour accord|lu et approuve|accord du client)\b"
    r"|^[^\n]{0,40}\b(?:signature et cachet|cachet et signature|date et signature|date, signature"
    r"|signature du client|signature de l'etablissement)\b",
    re.MULTILINE,
)
# « Procès-verbal de vérification d'aptitude », « Attestation de service fait »: a document of the order's later
# life, which names the DSR and the amount of a quote without being one.
_OTHER_TITLE = re.compile(
    r"(?:proces-verbal|pv|compte rendu|compte-rendu|attestation|certificat|rapport|facture)\b(?! (?:pro[ -]?forma|proforma))"
)
_LEGAL_FORM = re.compile(r"\b(?:sas|sarl|sasu|eurl|sa|scop|gie)\b(?! au capital)", re.MULTILINE)
_ROW_TOTAL_ROLES: tuple[Role, ...] = ("total_ht", "total_ttc", "client", "state", "unit_price")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|(?P<blank>\n[ \t]*\n\s*)")
_VAGUE = re.compile(r"\bvague ?([12])\b")
_BOTH_VAGUES = fast(r"\bvague ?1 ?(?:\+|et) ?(?:la )?vague ?2\b|\bva ?1 ?(?:\+|et) ?va ?2\b")
# fast: the same patterns, scanned several times faster (each is run over the whole text).
# how a quote signed or accepted online says so (« signé électroniquement le », « acceptée en ligne le »)
_ONLINE = r"(?:(?:en\s+ligne|electroniquement|par\s+voie\s+electronique)\s+)?"
_SIGNATURE_LABELS = tuple(
    fast(pattern)
    for pattern in (
        r"\bdate\s+(?:de|et)\s+(?:la\s+)?signature\b",
        r"\bdate\s+d'(?:acceptation|accord)\b",
        # the client's own formula, before a « Fait à Bordeaux le … » that may date the vendor's issue in the header
        r"\bbon\s+pour\s+(?:accord|commande)\b",
        # « Fait à Lyon, le », then « Signé à Annecy le »
        r"\bfait\s+a\s+[a-z' -]{1,40},?\s+le\b",
        r"\bsignee?\s+a\s+[a-z' -]{1,40},?\s+le\b",
        # « signé (électroniquement) le », an audit trail's « Signée : 05/11/2026 | 08:47 », but not « la VA signée
        # le … » which is another document's date
        rf"(?<!va )(?<!aptitude )\bsignee?s?(?:\s+{_ONLINE}(?:le|en\s+date\s+du)\b|[\t ]*:(?=[\t ]*\d))",
        # « Commande passée le 06.11.2026 — pour le centre : Dr … »
        rf"\bcommande\s+passee\s+{_ONLINE}le\b",
        # « Lu et approuvé, pour la SELAS, le biologiste responsable : Dr A. Chaouche — le 18.11.2026 »
        r"\blu\s+et\s+approuvee?\b[^\n\d]{0,80}?\ble\b(?=[\t ]*\d)",
        # « Accepté le 03/11/2026 — Dr S. Benhamou », « Offre acceptée en ligne le 14/10/2025 » (an online quoting
        # tool): the client's acceptance of the quote is its signature
        rf"(?<!va )\bacceptee?\s+{_ONLINE}le\b",
        # « Commande validée le 06/10/2026 » (a vendor's portal), « Devis validé en ligne le … »
        # (from its « v », a literal the regex engine skips to, what was validated read behind it)
        "v(?:"
        + "|".join(f"(?<={what} v)" for what in ("commande", "devis", "offre", "proposition", "panier"))
        + rf")alidee?\s+{_ONLINE}le\b",
        # the client's own line: « Signature du client, date : 23/10/2026 », « Signature du biologiste responsable,
        # le 26/10/2026 », « Accord du laboratoire, Dr Brun, biologiste : le … », « Signature du directeur, précédée
        # de la date : … », « Accord, le … », « Lu et approuvé, le … », « Visa du client : le … » (opening its line,
        # a date right after: not « l'accord de l'ARS » in a sentence, nor the vendor's or the VA's line)
        # a public buyer's « Pour le pouvoir adjudicateur, à Dax, le … », « L'acheteur : acceptation de l'offre, … le »
        r"\n[\t ]*(?:signature|accord|pour\s+accord|visa"
        r"|(?:pour\s+)?(?:le\s+|l')?(?:pouvoir\s+adjudicateur|acheteur|representant\s+du\s+pouvoir\s+adjudicateur))\b"
        r"(?![^\n\d]{0,80}?\b(?:editeur|fournisseur|prestataire|vendeur|va|pv)\b)[^\n\d]{0,80}?"
        r"(?:\bdate\b[\t ]*:?|\ble\b)(?=[\t ]*\d)",
        # an order form's « Date de la commande » may be when it was drawn up, before the visa that signs it
        r"\bdate\s+de\s+(?:la\s+)?commande\b",
    )
)
# an e-signature audit trail's « 09/11/2026 16:42:07 UTC — Document signé électroniquement par Anne Ferrand »
_SIGNATURE_LINE = fast(r"\bsignature\b|\bcachet\b|\bsignee?\s+(?:electroniquement\s+)?par\b")
# nor a certificate's validity (« Certificat de signature … valable du 09/11/2026 au 09/11/2029 »)
_NOT_THE_CLIENTS = re.compile(
    r"\b(?:va|verification d'aptitude|proces-verbal|pv|recette|editeur|fournisseur|prestataire|vendeur"
    r"|certificat)\b"
)
# « Date : » opening its line or its column (« DOMISOFT      Date : 04/11/2026 »), « Issued: » (a bilingual quote)
_QUOTE_DATE_LABEL = re.compile(
    r"\b(?:date (?:du devis|de l'offre|de la proposition|d'emission|du bon de commande)|devis du|etabli le"
    r"|emis le|issued(?: on)?)\b|^[ \t]*date\b|  date(?=[ \t]*:)",
    re.MULTILINE,
)
# « Lyon, le 12 mars 2024 » opening a letter (« Fait à Lyon, le » is the signature's, read above), or « Le 21/10/2026 »
# alone under the title
_LETTER_DATE = re.compile(
    r"^[ \t]*(?:(?!fait )[a-z][a-z' -]{1,40}, le\b|le(?=[ \t]+\d{1,2}(?:er)?[ \t/.-]+[a-z0-9]+[ \t/.-]+\d{4}[ \t]*$))",
    re.MULTILINE,
)
_CONDITIONAL = re.compile(
    r"(?:sous\s+condition|conditionne|subordonne|sous\s+reserve)[^.]{0,120}?referencement"
    r"|affermissement[^.]{0,160}?referencement|commande\s+(?:passee\s+)?avant\s+(?:le|son|l'obtention\s+du)\s+referencement"
)

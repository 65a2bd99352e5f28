"""Form fields of the tool pages (docs/outils/), generated so that they follow the data and stay consistent.

- `<!-- outil: couloirs -->` and `<!-- outil: vagues -->`: the `<option>`s of the deadline calculator, from
  reference.json (through segur_devis.tools.deadline_calculator, the code the calculator runs); each couloir option lists its
  vagues in `data-vagues` so the page offers only the vagues that exist for it; `<!-- outil: dispositifs -->`
  the type of establishment or software, asked only where the dates depend on it.
- `<!-- outil: offres -->`: the fieldsets of the multi-year comparison, one per offer (2 shown, up to 4).
"""

from __future__ import annotations

from html import escape
from typing import Any

import sitedata as sd
from mkdocs.exceptions import PluginError

from segur_devis.tools.compare import AMOUNT_FIELDS, MAX_OFFERS, MIN_OFFERS
from segur_devis.tools.deadline_calculator import calculator_choices

# Field id suffix → (label, help text) on the comparison page; the ids match compare.compare_form's errors.
OFFER_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("Nom de l’offre", "Par exemple le nom de l’éditeur ou de la formule."),
    "one_off": (
        "Coûts ponctuels (€)",
        "Montant total payé une seule fois : Prestation Ségur, installation, reprise de données…",
    ),
    "yearly": ("Abonnement annuel (€ par an)", ""),
    "monthly": ("Abonnement mensuel (€ par mois)", ""),
    "maintenance": ("Maintenance annuelle (€ par an)", ""),
    "state": (
        "Part payée par l’État (€)",
        "Le montant de la Prestation Ségur pris en charge par l’État, indiqué sur le devis.",
    ),
}
assert set(OFFER_FIELDS) == {"name", *AMOUNT_FIELDS}


def _couloirs() -> str:
    choices = calculator_choices()
    options = []
    for c in choices["couloirs"]:
        vagues = " ".join(str(v) for cid, v in choices["pairs"] if cid == c["id"])
        options.append(
            f'<option value="{escape(c["id"])}" data-vagues="{vagues}">{escape(c["label"])}</option>'
        )
    return "".join(options)


def _dispositifs() -> str:
    """Where the dates depend on it, the type of establishment or software; `data-paire` says for which choice."""
    options = ['<option value="">Sans objet pour ce couloir et cette vague</option>']
    options += [
        f'<option value="{escape(d["id"])}" data-paire="{escape(d["couloir"])}-{d["vague"]}">{escape(d["label"])}</option>'
        for d in calculator_choices()["dispositifs"]
    ]
    return "".join(options)


def _vagues() -> str:
    return "".join(f'<option value="{v}">Vague {v}</option>' for v in calculator_choices()["vagues"])


def _field(n: int, key: str) -> str:
    label, help_text = OFFER_FIELDS[key]
    ident = f"offre-{n}-{key}"
    attributes = 'autocomplete="off"' if key == "name" else 'inputmode="decimal" autocomplete="off"'
    described = f' aria-describedby="{ident}-aide"' if help_text else ""
    help_html = f'<span class="outils-aide" id="{ident}-aide">{escape(help_text)}</span>' if help_text else ""
    return (
        f'<div class="outils-champ"><label for="{ident}">{escape(label)}</label>{help_html}'
        f'<input type="text" id="{ident}" name="{key}" {attributes}{described}>'
        f'<span class="outils-erreur" id="{ident}-erreur" hidden></span></div>'
    )


def _offers() -> str:
    blocks = []
    for n in range(1, MAX_OFFERS + 1):
        optional = n > MIN_OFFERS
        remove = (
            f'<button type="button" class="md-button outils-retirer" data-offre="{n}">'
            f"Retirer l’offre {n}</button>"
            if optional
            else ""
        )
        blocks.append(
            f'<fieldset class="outils-offre" id="offre-{n}" data-offre="{n}"{" hidden" if optional else ""}>'
            f"<legend>Offre {n}</legend>"
            + "".join(_field(n, key) for key in OFFER_FIELDS)
            + remove
            + "</fieldset>"
        )
    return "".join(blocks)


RENDERERS = {"couloirs": _couloirs, "vagues": _vagues, "dispositifs": _dispositifs, "offres": _offers}


def _render(name: str) -> str:
    if name not in RENDERERS:
        raise PluginError(f"unknown tool placeholder: {name!r}")
    return RENDERERS[name]()


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return sd.replace_placeholders(markdown, "outil", lambda a: _render(a.strip()))

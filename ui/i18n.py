"""Dutch and English labels. One table, keyed by a short English id; `t(key)` picks the language
of the session (chosen in the sidebar; by default the browser's)."""

from __future__ import annotations

import streamlit as st

LANGUAGES = ("nl", "en")

LABELS: dict[str, tuple[str, str]] = {
    # key: (nl, en)
    "app_title": ("Koers", "Koers"),
    "app_caption": (
        "HR-analytics: verloop, verzuim, diversiteit en beloning, betrokkenheid, organisatie",
        "HR analytics: turnover, absence, diversity and pay, engagement, organisation",
    ),
    "page_overview": ("Overzicht", "Overview"),
    "page_turnover": ("Verloop", "Turnover"),
    "page_absence": ("Verzuim", "Absence"),
    "page_diversity": ("Diversiteit & beloning", "Diversity & pay"),
    "page_engagement": ("Betrokkenheid", "Engagement"),
    "page_organisation": ("Organisatie", "Organisation"),
    "page_data": ("Gegevens", "Data"),
    "language": ("Taal", "Language"),
    "period": ("Periode", "Period"),
    "period_last_year": ("Vorig volledig jaar", "Last full year"),
    "period_ytd": ("Dit jaar tot nu", "Year to date"),
    "period_12m": ("Laatste 12 maanden", "Last 12 months"),
    "period_quarter": ("Kwartaal", "Quarter"),
    "period_custom": ("Zelf kiezen", "Custom"),
    "from": ("Van", "From"),
    "to": ("Tot en met", "To"),
    "comparison": ("Vergelijk met", "Compare with"),
    "comparison_previous": ("Vorige periode", "Previous period"),
    "comparison_last_year": ("Zelfde periode vorig jaar", "Same period last year"),
    "organisation": ("Organisatie-eenheid", "Organisational unit"),
    "organisation_help": ("Inclusief onderliggende eenheden", "Sub-units included"),
    "location": ("Vestiging", "Location"),
    "contract_type": ("Soort contract", "Contract type"),
    "work_arrangement": ("Werkplek", "Work arrangement"),
    "all": ("Alle", "All"),
    "data_note": ("Gegevens", "Data"),
    "last_import": ("laatste import", "last import"),
    "data_version": ("dataversie", "data version"),
    "no_data": ("Nog geen gegevens geladen.", "No data loaded yet."),
    "how_calculated": ("Hoe is dit berekend?", "How is this calculated?"),
    "source": ("Bron", "Source"),
    "settings_used": ("Instellingen", "Settings"),
    "withheld_note": (
        "Groepen met minder dan {n} personen worden niet getoond (en zo nodig een extra groep, "
        "zodat een kleine groep niet uit het totaal af te leiden is).",
        "Groups of fewer than {n} people are not shown (and where needed one more group, so that "
        "a small group cannot be worked out from the total).",
    ),
    "too_few": (
        "Minder dan {n} personen voldoen aan deze filters: er worden geen cijfers getoond.",
        "Fewer than {n} people match these filters: no figures are shown.",
    ),
    "download_csv": ("Download CSV", "Download CSV"),
    "download_xlsx": ("Download Excel", "Download Excel"),
    "table": ("Tabel", "Table"),
    "back_to_all": ("Terug naar alle groepen", "Back to all groups"),
    "filtered_to": ("Gefilterd op {group}", "Filtered to {group}"),
    "vs_comparison": ("t.o.v. vergelijkingsperiode", "vs comparison period"),
    "month": ("Maand", "Month"),
    "group": ("Groep", "Group"),
    "value": ("Waarde", "Value"),
    "rose_to": ("{metric} steeg naar {value}", "{metric} rose to {value}"),
    "fell_to": ("{metric} daalde naar {value}", "{metric} fell to {value}"),
    "stayed_at": ("{metric} bleef {value}", "{metric} stayed at {value}"),
    "is_now": ("{metric}: {value}", "{metric}: {value}"),
    "biggest_changes": ("Grootste veranderingen", "Biggest changes"),
    "by": ("Uitsplitsen naar", "Break down by"),
}


def language() -> str:
    """The session's language: chosen in the sidebar, else the browser's (Dutch when it is)."""
    chosen = st.session_state.get("language")
    if chosen in LANGUAGES:
        return chosen
    locale = (getattr(st.context, "locale", None) or "nl").lower()
    return "en" if locale.startswith("en") else "nl"


def t(key: str, **values: object) -> str:
    dutch, english = LABELS[key]
    text = dutch if language() == "nl" else english
    return text.format(**values) if values else text


def label(metric_key: str) -> str:
    """A metric's label from the registry, in the session's language."""
    from analytics.registry import registry

    entry = registry()[metric_key]
    return entry.label_nl if language() == "nl" else entry.label_en


def pick(dutch: str, english: str, **values: object) -> str:
    """A page's own text in the session's language (labels shared by pages live in LABELS)."""
    text = dutch if language() == "nl" else english
    return text.format(**values) if values else text

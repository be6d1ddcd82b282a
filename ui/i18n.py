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
    "no_absence_data": (
        "Er zijn nog geen verzuimgegevens geladen: laad een verzuimexport op de pagina Gegevens.",
        "No absence data has been loaded yet: load an absence export on the Data page.",
    ),
    "by": ("Uitsplitsen naar", "Break down by"),
}


# Category values as the store keeps them (codes) or as HR systems write them, in words: kind →
# value → (nl, en). A value of the data that is not listed is the organisation's own word and is
# shown as it is.
CATEGORIES: dict[str, dict[str, tuple[str, str]]] = {
    "contract_type": {
        "permanent": ("Vast", "Permanent"),
        "temporary": ("Tijdelijk", "Temporary"),
        "intern": ("Stage", "Intern"),
        "flex": ("Flex", "Flex"),
    },
    "work_arrangement": {
        "on_site": ("Op locatie", "On site"),
        "hybrid": ("Hybride", "Hybrid"),
        "remote": ("Op afstand", "Remote"),
    },
    "termination_type": {
        "voluntary": ("Vrijwillig", "Voluntary"),
        "involuntary": ("Onvrijwillig", "Involuntary"),
        "retirement": ("Pensioen", "Retirement"),
        "end_of_contract": ("Einde contract", "End of contract"),
        "death": ("Overlijden", "Death"),
        "other": ("Overig", "Other"),
    },
    "gender": {"F": ("Vrouw", "Woman"), "M": ("Man", "Man"), "X": ("X", "X")},
    # Reasons for leaving are free text of the HR system: the usual Dutch ones are translated
    # (an English export of the same reason reads back in Dutch too).
    "termination_reason": {
        "ander werk": ("Ander werk", "Another job"),
        "eigen verzoek": ("Eigen verzoek", "Own request"),
        "verhuizing": ("Verhuizing", "Moving house"),
        "studie": ("Studie", "Study"),
        "werk-privébalans": ("Werk-privébalans", "Work–life balance"),
        "werkdruk": ("Werkdruk", "Workload"),
        "salaris": ("Salaris", "Pay"),
        "doorgroeimogelijkheden": ("Doorgroeimogelijkheden", "Career prospects"),
        "onvrede over leidinggevende": ("Onvrede over leidinggevende", "Unhappy with manager"),
        "ontslag werkgever": ("Ontslag werkgever", "Dismissed by employer"),
        "ontslag in proeftijd": ("Ontslag in proeftijd", "Dismissed in probation"),
        "disfunctioneren": ("Disfunctioneren", "Poor performance"),
        "vaststellingsovereenkomst": ("Vaststellingsovereenkomst", "Settlement agreement"),
        "dringende reden": ("Dringende reden", "Summary dismissal"),
        "reorganisatie": ("Reorganisatie", "Reorganisation"),
        "pensioen": ("Pensioen", "Retirement"),
        "vervroegd pensioen": ("Vervroegd pensioen", "Early retirement"),
        "overlijden": ("Overlijden", "Death"),
        "einde contract": ("Einde contract", "End of contract"),
        "einde inzet": ("Einde inzet", "End of assignment"),
        "einde stage": ("Einde stage", "End of internship"),
    },
}
UNKNOWN_WORDS = ("(onbekend)", "(unknown)")

# Survey dimensions in words, the usual ones first (the questions table offers them in this
# order); other dimensions are the organisation's own and shown from their key.
SURVEY_DIMENSIONS: dict[str, tuple[str, str]] = {
    "enps": ("eNPS", "eNPS"),
    "psychologische_veiligheid": ("Psychologische veiligheid", "Psychological safety"),
    "bevlogenheid": ("Bevlogenheid", "Work engagement"),
    "engagement": ("Betrokkenheid", "Engagement"),
    "werkdruk": ("Werkdruk", "Workload"),
    "leiderschap": ("Leiderschap", "Leadership"),
    "ontwikkeling": ("Ontwikkeling", "Growth"),
}
_DIMENSION_ALIASES = {"psychological_safety": "psychologische_veiligheid"}


def survey_dimension(key: str | None) -> str:
    """A survey dimension in words in the session's language: "bevlogenheid" → "Work engagement";
    an unlisted key from its own words ("teamgeest" → "Teamgeest")."""
    if key is None:
        return pick("(geen dimensie)", "(no dimension)")
    known = key.strip().lower()
    names = SURVEY_DIMENSIONS.get(_DIMENSION_ALIASES.get(known, known))
    return pick(*names) if names else key.replace("_", " ").strip().capitalize()


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


def category(kind: str, value: str | None, lang: str | None = None) -> str:
    """A category value in words in the session's language (or `lang`, where the session cannot
    be read): "on_site" → "Op locatie", "Ander werk" → "Another job"; unlisted values as they
    are, a missing one as "(onbekend)"."""
    index = 0 if (lang or language()) == "nl" else 1
    if value is None or value == "":
        return UNKNOWN_WORDS[index]
    names = CATEGORIES.get(kind, {})
    found = names.get(value) or names.get(value.strip().lower())
    if found is None:  # written in the other language: "Another job"
        wanted = value.strip().lower()
        found = next((pair for pair in names.values() if pair[1].lower() == wanted), None)
    return found[index] if found else value


def pick(dutch: str, english: str, **values: object) -> str:
    """A page's own text in the session's language (labels shared by pages live in LABELS)."""
    text = dutch if language() == "nl" else english
    return text.format(**values) if values else text

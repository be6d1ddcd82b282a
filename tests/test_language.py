"""Every page speaks one language: in Dutch no English word, in English no Dutch word, and numbers
written the chosen language's way.

Each of the six analysis pages runs on the sample organisation in Dutch and in English. Everything
the user can read is collected: headings, text, captions, KPI labels, values and tooltips, notes,
expander and tab labels, widget labels and options, table headers and cells, the downloads' file
names and headers, and per Plotly chart its titles, axis titles and tick labels, legend, trace
names, hover templates, texts and annotations. The word lists are short and chosen so that they
never occur in the other language; the organisation's own names (units, locations) are left out,
and so are inline code (metric keys, setting names) and the few allowed phrases below.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from ui.i18n import LABELS, LANGUAGES, category


def listed(text: str) -> list[str]:
    """A word list written as one string."""
    return text.split()


PAGES = ("overview", "turnover", "absence", "diversity", "engagement", "organisation")

# Words that are English and never Dutch (not "of", "men", "is", "in", "was", "per", "open",
# "long", "band", "unit", "week", "score", "index", "filter", "contract", "top", "direct",
# "manager", "coach": those are Dutch words as well).
ENGLISH = listed(
    "the and with from to for on are has not no yes by than this that these those which "
    "rate rates headcount turnover absence absent leaver leavers hire hires hired month months "
    "year years day days employee employees department departments share women female male "
    "gender pay gap mean median average total source settings population period left out "
    "wave waves survey response respondents answers estimate estimated measured still after "
    "withheld unknown other others voluntary involuntary retirement death sickness sick spell "
    "spells frequency duration highest lowest largest rose fell stayed click page group groups "
    "layer layers units hourly quartile grade grades age bands generation people persons "
    "favourable safety engagement workload leadership growth narrow reports below above short "
    "reached milestone application end number organisation organization comparison previous "
    "current first last each every between"
)
# Month abbreviations that differ from the Dutch ones, and any English one written before a year.
ENGLISH_MONTHS = re.compile(r"\b(Mar|May|Oct|(Jan|Feb|Apr|Jun|Jul|Aug|Sep|Nov|Dec) \d{4})\b")

# Words that are Dutch and never English (not "man", "over", "met", "week", "stand").
DUTCH = listed(
    "de het een van en niet zonder voor bij tot naar uit onder boven hoogst laagst "
    "verzuim verzuimpercentage verloop medewerker medewerkers maand maanden jaar jaren dag dagen "
    "weken mrt mei okt getoond afgeschermd onbekend overig overige vrouw vrouwen mannen "
    "afdeling afdelingen bezetting uitstroom instroom periode bron instellingen schaal schalen "
    "leeftijd groep groepen totaal gemiddeld gemiddelde mediaan aantal aandeel vrijwillig "
    "onvrijwillig pensioen ziekte ziekmelding meting metingen respons uurloon loonkloof beloning "
    "eenheid eenheden laag lagen leidinggevende leidinggevenden kwartaal geslacht generatie klik "
    "pagina steeg daalde bleef personen vergelijkingsperiode lopende peildatum "
    "berekend populatie beschouwing kort lang schatting gemeten onderdeel uitkomst antwoorden "
    "vragen dienst gegevens tabel grafiek sinds vorige eerste laatste alle geen worden wordt zijn "
    "heeft ook nog maar dan waar zoals welke deze op te om aan door hoe"
)
# A Dutch month abbreviation, also capitalised, only counts before a year ("mei 2025").
DUTCH_MONTHS = re.compile(r"\b(mrt|mei|okt)\b|\b(Mrt|Mei|Okt) \d{4}\b")

# Phrases allowed in Dutch, each with its reason.
ALLOWED_IN_DUTCH = {
    "span of control": "the term Dutch HR uses (there is no Dutch word for it)",
    "left truncation": "the statistical term, given beside the Dutch 'linkse afkapping'",
    "How to identify the right spans of control for your organization": "a cited title",
    "Pew Research Center": "a name",
    "Net Promoter": "a name (eNPS)",
    "Culture Amp": "a name",
}
# Phrases allowed in English, each with its reason.
ALLOWED_IN_ENGLISH = {
    "Berekening van ziekteverzuim, Standaard voor verzuimregistratie": "a cited Dutch title",
    "Projectgroep Uniformering Verzuimgrootheden": "the name of the group that wrote it",
    "Wet verbetering poortwachter": "the name of a Dutch law",
    "lid 10 (samentelling)": "a citation of the Dutch Civil Code (BW 7:629 lid 10)",
    "Ontslagregeling": "the name of a Dutch regulation",
    "gemiddelde ziekteverzuimduur": "the Dutch benchmark's own term, cited as a source (Vernet)",
}

# Numbers written for reading: a decimal point in Dutch (13.5), a decimal comma in English (13,5),
# and the percent sign after a space in Dutch only ("13,5 %" / "13.5%").
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")
DECIMAL_COMMA = re.compile(r"(?<![\d,])\d+,\d{1,2}(?![\d,])")
TIGHT_PERCENT = re.compile(r"\d%")
SPACED_PERCENT = re.compile(r"\d %")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Shown:
    """One text on the page; `figures` when numbers in it are written out for reading."""

    where: str
    text: str
    figures: bool = False


# --- collecting -----------------------------------------------------------------------------------


def plain(text: str) -> str:
    """The text a reader sees: no HTML tags, no Plotly placeholders, no inline code."""
    text = re.sub(r"<extra>.*?</extra>", " ", text)
    text = re.sub(r"%\{[^}]*\}", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    return text.replace("&amp;", "&")


def strings(value: Any) -> Iterator[str]:
    """Every string in a (nested) list."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def chart_texts(spec: dict, where: str) -> Iterator[Shown]:
    layout = spec.get("layout", {})
    title = layout.get("title", {})
    yield Shown(f"{where} title", title.get("text", ""), True)
    yield Shown(f"{where} subtitle", title.get("subtitle", {}).get("text", ""), True)
    yield Shown(f"{where} legend", layout.get("legend", {}).get("title", {}).get("text", ""))
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            yield Shown(f"{where} {name} title", axis.get("title", {}).get("text", ""))
            for tick in strings(axis.get("ticktext", [])):
                yield Shown(f"{where} {name} tick", tick, True)
            for category in strings(axis.get("categoryarray", [])):
                yield Shown(f"{where} {name} category", category)
    for note in layout.get("annotations", []):
        yield Shown(f"{where} annotation", note.get("text", ""), True)
    for number, trace in enumerate(spec.get("data", [])):
        at = f"{where} trace {number}"
        yield Shown(f"{at} name", trace.get("name", ""))
        template = trace.get("hovertemplate", "") + trace.get("texttemplate", "")
        for key in ("hovertemplate", "texttemplate"):
            yield Shown(f"{at} {key}", trace.get(key, ""))
        for key in ("text", "hovertext", "labels"):
            for text in strings(trace.get(key, [])):
                yield Shown(f"{at} {key}", text, True)
        if "customdata" in template:  # keys in customdata are only read where they are shown
            for text in strings(trace.get("customdata", [])):
                yield Shown(f"{at} customdata", text, True)
        colourbar = trace.get("colorbar", {}).get("title", {})
        yield Shown(f"{at} colour bar", colourbar.get("text", ""))
        for axis in ("x", "y"):
            values = trace.get(axis)
            if isinstance(values, list) and not any(ISO_DAY.match(v) for v in strings(values)):
                for text in strings(values):
                    yield Shown(f"{at} {axis}", text, True)


def chart_problems(spec: dict, language: str) -> Iterator[str]:
    """What Plotly itself would write in English: dates on an axis without tick texts or in a
    default hover, and numbers without the Dutch separators."""
    if language != "nl":
        return
    layout = spec.get("layout", {})
    if layout.get("separators") != ",.":
        yield "separators are not Dutch"
    for trace in spec.get("data", []):
        for axis in ("x", "y"):
            values = [v for v in strings(trace.get(axis, [])) if v]
            if not values or not all(ISO_DAY.match(v) for v in values):
                continue
            ref = trace.get(f"{axis}axis", axis).replace(axis, f"{axis}axis")
            if not layout.get(ref, {}).get("ticktext"):
                yield f"{trace.get('name')}: dates on {ref} without Dutch tick texts"
            template = trace.get("hovertemplate")
            if trace.get("hoverinfo") != "skip" and (template is None or f"%{{{axis}" in template):
                yield f"{trace.get('name')}: Plotly writes the dates in the hover"


def frame_texts(frame: pd.DataFrame, where: str) -> Iterator[Shown]:
    for column in frame.columns:
        yield Shown(f"{where} header", str(column))
        values = frame[column]
        if values.dtype == object or str(values.dtype).startswith("str"):
            for value in values.dropna():
                yield Shown(f"{where} cell", str(value), True)
        else:
            for value in values.dropna():
                if float(value) != int(value) or abs(value) >= 1000:
                    # A number column is written by the browser the English way.
                    yield Shown(f"{where} number", f"{value}", True)
                    break


def download_texts(name: str, data: bytes) -> Iterator[Shown]:
    yield Shown("download name", name.rsplit(".", 1)[0].replace("_", " "))
    if name.endswith(".csv"):
        text = data.decode("utf-8-sig")
        dialect = ";" if text.split("\n", 1)[0].count(";") else ","
        for row in csv.reader(io.StringIO(text), delimiter=dialect):
            for cell in row:
                if cell and not re.fullmatch(r"[-\d.,\s%€]*", cell):
                    yield Shown(f"download {name}", cell)
    elif name.endswith(".xlsx"):
        for header in pl.read_excel(io.BytesIO(data)).columns:
            yield Shown(f"download {name} header", header)


def collect(
    app: AppTest, language: str, files: list[tuple[str, bytes]]
) -> tuple[list[Shown], list[str]]:
    """The page's texts, and what its charts would write in English by themselves."""
    shown: list[Shown] = []
    problems: list[str] = []
    for node in app.main:
        kind, proto = node.type, node.proto
        if kind == "exception":
            raise AssertionError(proto.message)
        if kind == "plotly_chart":
            spec = json.loads(proto.spec)
            name = spec.get("layout", {}).get("title", {}).get("text", "")[:40]
            shown += chart_texts(spec, f"chart '{name}'")
            problems += (f"chart '{name}': {p}" for p in chart_problems(spec, language))
        elif kind == "dataframe":
            shown += frame_texts(node.value, "table")
        elif kind == "metric":
            shown.append(Shown("KPI label", proto.label))
            shown.append(Shown("KPI value", proto.body, True))
            shown.append(Shown("KPI change", proto.delta, True))
            shown.append(Shown("KPI tooltip", proto.help))
        elif kind in ("expander", "tab", "status"):
            shown.append(Shown(kind, node.label))
        elif hasattr(proto, "body"):  # headings, markdown, captions, notes
            shown.append(Shown(kind, proto.body))
        elif hasattr(proto, "label"):  # widgets
            shown.append(Shown(f"{kind} label", proto.label))
            for field in ("help", "placeholder"):
                shown.append(Shown(f"{kind} {field}", getattr(proto, field, "") or ""))
            for option in getattr(proto, "options", []):
                text = option if isinstance(option, str) else getattr(option, "content", "")
                shown.append(Shown(f"{kind} option", text))
    for name, data in files:
        shown += download_texts(name, data)
    return [s for s in shown if s.text and s.text.strip()], problems


# --- checking -------------------------------------------------------------------------------------


def proper_names(db: Path) -> list[str]:
    """The organisation's own names (units, departments, locations): never translated."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.sql(
            "SELECT name FROM org_units UNION SELECT department FROM employments "
            "UNION SELECT location FROM employments"
        ).fetchall()
    finally:
        con.close()
    return sorted((name for (name,) in rows if name), key=len, reverse=True)


def words_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


ENGLISH_WORDS = words_pattern(ENGLISH)
DUTCH_WORDS = words_pattern(DUTCH)


def leaks(shown: list[Shown], language: str, names: list[str]) -> list[str]:
    """Each text with a word or a number written in the other language."""
    words, months, allowed = (
        (ENGLISH_WORDS, ENGLISH_MONTHS, ALLOWED_IN_DUTCH)
        if language == "nl"
        else (DUTCH_WORDS, DUTCH_MONTHS, ALLOWED_IN_ENGLISH)
    )
    found = []
    for item in shown:
        text = plain(item.text)
        for phrase in [*allowed, *names]:
            text = text.replace(phrase, " ")
        wrong = [m.group(0) for m in words.finditer(text)]
        wrong += [m.group(0) for m in months.finditer(text)]
        if item.figures:
            if language == "nl":
                wrong += DECIMAL_POINT.findall(text) + TIGHT_PERCENT.findall(text)
            else:
                wrong += DECIMAL_COMMA.findall(text) + SPACED_PERCENT.findall(text)
        if wrong:
            found.append(f"{item.where}: {sorted(set(wrong))} in {item.text[:160]!r}")
    return found


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """Every file the page offers for download (name, bytes), as the media manager receives it."""
    files: list[tuple[str, bytes]] = []
    add = MediaFileManager.add

    def recording(self: MediaFileManager, data: Any, mimetype: str, *args: Any, **kw: Any) -> str:
        name = kw.get("file_name") or (args[1] if len(args) > 1 else None)
        if name and isinstance(data, bytes):
            files.append((name, data))
        return add(self, data, mimetype, *args, **kw)

    monkeypatch.setattr(MediaFileManager, "add", recording)
    return files


def run_in(app: AppTest, name: str, language: str, files: list[tuple[str, bytes]]) -> list[Shown]:
    files.clear()
    app.session_state["language"] = language
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == LABELS[f"page_{name}"][LANGUAGES.index(language)]
    shown, problems = collect(app, language, files)
    assert not problems, "\n".join(problems)
    return shown


@pytest.mark.parametrize("name", PAGES)
def test_every_text_in_the_chosen_language(
    app: AppTest, sample_db: Path, downloads: list[tuple[str, bytes]], name: str
) -> None:
    app.run()
    if name != "overview":
        app.switch_page(f"pages/{name}.py")
    names = proper_names(sample_db)

    dutch = run_in(app, name, "nl", downloads)
    assert len(dutch) > 50  # the page drew its charts, tables and texts
    found = leaks(dutch, "nl", names)
    assert not found, "\n".join(found)
    # KPI values in Dutch: a decimal comma wherever there are decimals.
    values = [s.text for s in dutch if s.where == "KPI value"]
    assert [v for v in values if DECIMAL_POINT.search(v)] == []
    assert any(DECIMAL_COMMA.search(v) for v in values)

    english = run_in(app, name, "en", downloads)
    assert len(english) > 50
    found = leaks(english, "en", names)
    assert not found, "\n".join(found)


def test_the_word_lists_catch_a_leak() -> None:
    """The check itself: each kind of leak is found, proper names and allowed phrases are not."""
    names = ["Juridische Zaken", "Technische Dienst"]
    dutch = [
        Shown("title", "Verloop steeg naar 13,5 % bij Juridische Zaken"),
        Shown("note", "linkse afkapping, left truncation"),
        Shown("caption", "Bron: `include_flex`"),
    ]
    found = leaks(dutch, "nl", names)
    assert not found, "\n".join(found)
    planted = [
        Shown("title", "Turnover rate by department"),
        Shown("tick", "Jan 2025"),
        Shown("tick", "Mar"),
        Shown("value", "13.5 %", True),
        Shown("value", "13,5%", True),
    ]
    assert len(leaks(planted, "nl", names)) == len(planted)
    assert leaks([Shown("title", "Technische Dienst has the highest absence")], "en", names) == []
    english = [
        Shown("title", "Verzuim per afdeling"),
        Shown("tick", "mei 2025"),
        Shown("value", "13,5%", True),
        Shown("value", "13.5 %", True),
    ]
    assert len(leaks(english, "en", names)) == len(english)


def test_category_values_in_words() -> None:
    assert category("work_arrangement", "on_site", "nl") == "Op locatie"
    assert category("work_arrangement", "on_site", "en") == "On site"
    assert category("contract_type", "intern", "nl") == "Stage"
    assert category("termination_type", "end_of_contract", "en") == "End of contract"
    # Reasons are the HR system's own words: known ones in either language, others as they are.
    assert category("termination_reason", "Ander werk", "en") == "Another job"
    assert category("termination_reason", "another job", "nl") == "Ander werk"
    assert category("termination_reason", "Burn-out", "en") == "Burn-out"
    assert category("gender", None, "en") == "(unknown)"


def click(key: str, **point: object) -> dict:
    """A chart selection as Streamlit keeps it in the session."""
    return {key: {"selection": {"points": [point]}}}


# Pages after a click: the notes, buttons and labels that only a drill-down shows.
DRILLED = {
    "turnover": {
        "turnover_by": "work_arrangement",
        **click("turnover_drill_work_arrangement_0", x=0.1, y="Hybride", customdata="hybrid"),
    },
    "absence": click("absence_window", x=1.0, y=0.06, customdata="Wijkverpleging"),
    "diversity": click("div_grade", x="8", customdata="8"),
    "engagement": click("engagement_drill", y="HR", customdata="HR"),
    "organisation": click("organisation_drill", y="ICT", customdata="ICT"),
}


@pytest.mark.parametrize("name", sorted(DRILLED))
def test_a_drilled_down_page_in_the_chosen_language(
    app: AppTest, sample_db: Path, downloads: list[tuple[str, bytes]], name: str
) -> None:
    app.run()
    app.switch_page(f"pages/{name}.py")
    app.run()
    for key, value in DRILLED[name].items():
        app.session_state[key] = value
    names = proper_names(sample_db)
    dutch = run_in(app, name, "nl", downloads)
    found = leaks(dutch, "nl", names)
    assert not found, "\n".join(found)
    english = run_in(app, name, "en", downloads)
    found = leaks(english, "en", names)
    assert not found, "\n".join(found)
    # The drill-down took: a way back is offered, in the language.
    assert any(b.label == "Back to all groups" for b in app.button)


def test_too_few_people_in_the_chosen_language(
    app: AppTest, sample_db: Path, downloads: list[tuple[str, bytes]]
) -> None:
    app.run()
    app.switch_page("pages/turnover.py")
    app.run()
    app.session_state["locations"] = ["Zwolle"]
    app.session_state["contracts"] = ["intern"]
    app.session_state["arrangements"] = ["on_site"]
    names = proper_names(sample_db)
    for language in LANGUAGES:
        expected = LABELS["too_few"][LANGUAGES.index(language)].format(n=5)
        shown = run_in(app, "turnover", language, downloads)
        assert [s.text for s in shown if s.where == "warning"] == [expected]
        found = leaks(shown, language, names)
        assert not found, "\n".join(found)

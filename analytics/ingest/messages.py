"""Every message the importer says to a person, in English and Dutch, in one catalogue.

Messages are kept as data until they are shown: `Text("read_empty")` is a string whose value is
the English sentence (so the command line, `ImportReport.format()` and the tests keep reading
English), and `render("nl")` says the same in Dutch. Parameters are named; a parameter may itself
be a Text or a `Joined` list of them, rendered in the same language. Decimal numbers follow the
language (1.5 in English, 1,5 in Dutch); dates in a Dutch sentence read dd-mm-jjjj.

The user's own headers and values are parameters, quoted as typed (`{header!r}`), never translated.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

LANGUAGES = ("en", "nl")


class Message(NamedTuple):
    en: str
    nl: str


MESSAGES: dict[str, Message] = {
    # --- One error, where it is and what was expected (RowError) -------------------------------
    "file_problem": Message("{file}: {problem}", "{file}: {problem}"),
    "error_row": Message("{file}, row {row}", "{file}, rij {row}"),
    "error_column": Message("{where}, column {column!r}", "{where}, kolom {column!r}"),
    "error_value": Message("{where}: {value!r}", "{where}: {value!r}"),
    "error_expected": Message("{where}: expected {expected}", "{where}: verwacht {expected}"),
    # --- Reading a file (readers.py) ------------------------------------------------------------
    "read_not_found": Message("file not found", "bestand niet gevonden"),
    "read_bad_bom": Message(
        "starts as {encoding} but byte {position} is not valid {encoding}; expected a complete, "
        "uncorrupted export (save it again from the HR system)",
        "begint als {encoding}, maar byte {position} is geen geldige {encoding}; verwacht een "
        "volledige, onbeschadigde export (sla het bestand opnieuw op vanuit het HR-systeem)",
    ),
    "read_empty": Message(
        "the file is empty; expected a header row and data rows",
        "het bestand is leeg; verwacht een kopregel en rijen met gegevens",
    ),
    "read_not_text": Message(
        "this is not a text file; expected CSV, XLSX or Parquet",
        "dit is geen tekstbestand; verwacht CSV, XLSX of Parquet",
    ),
    "read_field_count": Message(
        "rows have {fields} fields but the header has {headers}; expected the same number of "
        "fields on every row",
        "de rijen hebben {fields} velden, maar de kopregel heeft er {headers}; verwacht op elke "
        "rij hetzelfde aantal velden",
    ),
    "read_ragged_row": Message(
        "row {row} has {fields} fields but the header has {expected}; expected {expected} "
        "{delimiter}-separated fields on every row",
        "rij {row} heeft {fields} velden, maar de kopregel heeft er {expected}; verwacht op elke "
        "rij {expected} door {delimiter} gescheiden velden",
    ),
    "read_unparseable": Message(
        "cannot be read as a {delimiter}-separated file; expected {expected} fields on every row "
        "and quotes that close",
        "kan niet gelezen worden als bestand met {delimiter} als scheidingsteken; verwacht op elke "
        "rij {expected} velden en aanhalingstekens die weer sluiten",
    ),
    "read_not_excel": Message(
        "cannot be read as an Excel workbook ({reason})",
        "kan niet gelezen worden als Excel-werkmap ({reason})",
    ),
    "read_no_sheet": Message(
        "has no sheet {sheet!r}; its sheets are {sheets}",
        "heeft geen tabblad {sheet!r}; de tabbladen zijn {sheets}",
    ),
    "read_sheet_failed": Message("cannot be read ({reason})", "kan niet gelezen worden ({reason})"),
    "read_not_parquet": Message(
        "cannot be read as Parquet ({reason})",
        "kan niet gelezen worden als Parquet-bestand ({reason})",
    ),
    # An error of the operating system (no access, a folder instead of a file): its own words.
    "read_system": Message("{reason}", "kan niet gelezen worden: {reason}"),
    # How a file was read (the import report's "read as" line and the data page).
    "dialect_item": Message("{name} {value}", "{name} {value}"),
    "dialect.encoding": Message("encoding", "tekenset"),
    "dialect.delimiter": Message("delimiter", "scheidingsteken"),
    "dialect.sheet": Message("sheet", "tabblad"),
    "dialect.other sheets": Message("other sheets", "andere tabbladen"),
    "dialect.format": Message("format", "formaat"),
    "delimiter.semicolon": Message("semicolon", "puntkomma"),
    "delimiter.comma": Message("comma", "komma"),
    "delimiter.tab": Message("tab", "tab"),
    "delimiter.pipe": Message("pipe", "verticale streep"),
    "encoding_utf8_bom": Message("UTF-8 with BOM", "UTF-8 met BOM"),
    "encoding_cr": Message("{encoding}, CR line ends", "{encoding}, regeleinden CR"),
    # --- Mapping files and kinds (mapping.py) ---------------------------------------------------
    "mapping_unreadable": Message(
        "{file}: cannot read the mapping file: {reason}",
        "{file}: het koppelbestand kan niet gelezen worden: {reason}",
    ),
    "mapping_unknown_keys": Message(
        "{file}: unknown keys {keys}; expected {known}",
        "{file}: onbekende sleutels {keys}; verwacht {known}",
    ),
    "mapping_columns_shape": Message(
        "{file}: [columns] must map header names to column names",
        "{file}: [columns] moet kolomnamen uit het bestand koppelen aan kolomnamen van Koers",
    ),
    "mapping_values_shape": Message(
        "{file}: [values.<column>] must map export values to values",
        "{file}: [values.<kolom>] moet waarden uit de export koppelen aan waarden van Koers",
    ),
    "mapping_bad_kind": Message(
        "{file}: kind {kind!r} is not one of {kinds}",
        "{file}: kind {kind!r} is niet een van {kinds}",
    ),
    "mapping_bad_preset": Message(
        "{file}: preset {preset!r} is not one of {presets}",
        "{file}: preset {preset!r} is niet een van {presets}",
    ),
    "mapping_bad_date_order": Message(
        "{file}: date_order must be dmy, mdy or ymd",
        "{file}: date_order moet dmy, mdy of ymd zijn",
    ),
    "mapping_bad_target": Message(
        "{file}: column {header!r} is mapped to {target!r}, which is not a column of the data "
        "model",
        "{file}: kolom {header!r} is gekoppeld aan {target!r}, maar dat is geen kolom van het "
        "datamodel",
    ),
    "mapping_questions_shape": Message(
        '{file}: [questions] must hold one table per question header ([questions."Header"] '
        'with dimension = "…" and scale = [min, max])',
        "{file}: [questions] moet per vraag (kolomnaam) een tabel bevatten "
        '([questions."Kolomnaam"] met dimension = "…" en scale = [min, max])',
    ),
    "mapping_question_shape": Message(
        '{file}: [questions.{header!r}] must give id and dimension as text (id = "PSV01", '
        'dimension = "…") and scale = [min, max]',
        '{file}: [questions.{header!r}] moet id en dimension als tekst geven (id = "PSV01", '
        'dimension = "…") en scale = [min, max]',
    ),
    "mapping_question_keys": Message(
        "{file}: [questions.{header!r}] has unknown keys {keys}; expected id, dimension, scale",
        "{file}: [questions.{header!r}] heeft onbekende sleutels {keys}; verwacht id, dimension, "
        "scale",
    ),
    "mapping_question_scale": Message(
        "{file}: the scale of question {header!r} must be two whole numbers, the lowest first "
        "(scale = [1, 5])",
        "{file}: de schaal van vraag {header!r} moet uit twee gehele getallen bestaan, de laagste "
        "eerst (scale = [1, 5])",
    ),
    "mapping_question_id_twice": Message(
        "{file}: question id {id!r} is given to two questions (also to {other!r}); expected one "
        "id per question",
        "{file}: vraagcode {id!r} is aan twee vragen gegeven (ook aan {other!r}); verwacht één "
        "code per vraag",
    ),
    "mapping_bad_wave": Message(
        "{file}: wave {wave!r} is not a date; expected wave = 2024-03-31 (the date the survey "
        "closed)",
        "{file}: wave {wave!r} is geen datum; verwacht wave = 2024-03-31 (de datum waarop de "
        "enquête sloot)",
    ),
    "unknown_preset": Message(
        "unknown preset {preset!r}; known: {presets}",
        "onbekende preset {preset!r}; bekend zijn: {presets}",
    ),
    "unknown_kind": Message(
        "unknown kind {kind!r}; expected one of {kinds}",
        "onbekende soort {kind!r}; verwacht een van {kinds}",
    ),
    "no_kind": Message(
        "cannot tell which table this file feeds: no kind has all its required columns.\n"
        "{candidates}\n"
        "[[no_kind_hint]]",
        "niet te zien welke gegevens dit bestand bevat: voor geen enkele soort zijn alle "
        "verplichte kolommen aanwezig.\n"
        "{candidates}\n"
        "[[no_kind_hint]]",
    ),
    "no_kind_candidate": Message(
        "  as {kind}: missing {missing}", "  als {kind}: geen kolom voor {missing}"
    ),
    "missing_columns": Message(
        "this looks like {kind} but has no column for {columns}. Rename the column, or map it in "
        'a mapping file ([columns] "Your header" = "{target}")',
        "dit lijkt een bestand met {kind}, maar er is geen kolom voor {columns}. Geef de kolom "
        'een andere naam, of koppel hem in een koppelbestand ([columns] "Uw kolomnaam" = '
        '"{target}")',
    ),
    "missing_column_examples": Message("{column} (e.g. {examples})", "{column} (bijv. {examples})"),
    # --- Converting cells (convert.py, parse.py) ------------------------------------------------
    "dates_mixed": Message(
        "one date order in the file, but dates are written both day-first (e.g. {day_first}) and "
        "month-first (e.g. {month_first})",
        "één datumvolgorde in het bestand, maar de datums staan er zowel met de dag vooraan "
        "(bijv. {day_first}) als met de maand vooraan (bijv. {month_first})",
    ),
    "dates_ambiguous": Message(
        "dates whose order can be told, but every date could be day-month or month-day "
        "(e.g. {example}): [[date_order_hint]]",
        "datums waarvan de volgorde vast te stellen is, maar elke datum kan dag-maand of "
        "maand-dag zijn (bijv. {example}): [[date_order_hint]]",
    ),
    "expect_date_dmy": Message("a date like 31-12-2024", "een datum als 31-12-2024 (dd-mm-jjjj)"),
    "expect_date_mdy": Message("a date like 12/31/2024", "een datum als 12/31/2024 (m/d/jjjj)"),
    "expect_date": Message("a date", "een datum"),
    "expect_number": Message("a number", "een getal"),
    "expect_whole_number": Message("a whole number", "een geheel getal"),
    "expect_number_above": Message("a number above {minimum}", "een getal groter dan {minimum}"),
    "expect_number_at_least": Message(
        "a number at least {minimum}", "een getal van minstens {minimum}"
    ),
    "expect_number_above_at_most": Message(
        "a number above {minimum} and at most {maximum}",
        "een getal groter dan {minimum} en hoogstens {maximum}",
    ),
    "expect_number_at_least_at_most": Message(
        "a number at least {minimum} and at most {maximum}",
        "een getal van minstens {minimum} en hoogstens {maximum}",
    ),
    "expect_one_of": Message(
        "one of {values} (or map the value in a mapping file under [values.{column}])",
        "een van {values} (of koppel de waarde in een koppelbestand onder [values.{column}])",
    ),
    "expect_value": Message("a value ({column})", "een waarde ({column})"),
    # --- Checks across rows and against the store (checks.py) -----------------------------------
    "termination_before_hire": Message(
        "a termination date on or after the hire date ({hire})",
        "een datum uit dienst op of na de datum in dienst ({hire})",
    ),
    "birth_after_hire": Message(
        "a birth date before the hire date ({hire})",
        "een geboortedatum vóór de datum in dienst ({hire})",
    ),
    "employment_overlaps_store": Message(
        "a period that does not overlap the employment of {employee} already in the store "
        "(hired {hired}); [[replace_hint]]",
        "een periode die niet overlapt met het dienstverband van {employee} dat al is opgeslagen "
        "(in dienst sinds {hired}); [[replace_hint]]",
    ),
    "employment_overlaps_row": Message(
        "a period that does not overlap the employment of {employee} on row {row} (hired {hired})",
        "een periode die niet overlapt met het dienstverband van {employee} op rij {row} "
        "(in dienst sinds {hired})",
    ),
    "employment_overlaps_other_file": Message(
        "a period that does not overlap the employment of {employee} on row {row} of {file} "
        "(hired {hired})",
        "een periode die niet overlapt met het dienstverband van {employee} op rij {row} van "
        "{file} (in dienst sinds {hired})",
    ),
    "end_before_start": Message(
        "an end date on or after the start date ({start})",
        "een einddatum op of na de begindatum ({start})",
    ),
    "employee_unknown": Message(
        "an employee who is in the employee file",
        "een personeelsnummer dat in het medewerkersbestand staat",
    ),
    "job_outside_employment": Message(
        "a start date inside an employment of {employee}",
        "een begindatum binnen een dienstverband van {employee}",
    ),
    "job_overlaps_row": Message(
        "a period that does not overlap the previous one of {employee} (row {row})",
        "een periode die niet overlapt met de vorige van {employee} (rij {row})",
    ),
    "job_overlaps_store": Message(
        "a period that does not overlap the previous one of {employee} (already in the store)",
        "een periode die niet overlapt met de vorige van {employee} (al opgeslagen)",
    ),
    "absence_outside_employment": Message(
        "absence days inside an employment of {employee} (employed {periods})",
        "verzuimdagen binnen een dienstverband van {employee} (in dienst {periods})",
    ),
    "period": Message("{start} – {end}", "{start} – {end}"),
    "period_open": Message("{start} – now", "{start} – heden"),
    "sickness_overlaps_row": Message(
        "a sickness absence that does not overlap an earlier one of {employee} (row {row})",
        "een verzuimmelding die niet overlapt met een eerdere van {employee} (rij {row})",
    ),
    "sickness_overlaps_store": Message(
        "a sickness absence that does not overlap an earlier one of {employee} (already in the "
        "store)",
        "een verzuimmelding die niet overlapt met een eerdere van {employee} (al opgeslagen)",
    ),
    "spell_shared": Message(
        "a spell id used by one employee only (it is also used for {other})",
        "een nummer van een verzuimmelding dat bij één medewerker hoort (het staat ook bij "
        "{other})",
    ),
    "unit_duplicate": Message(
        "a unit id that occurs once", "een eenheidscode die maar één keer voorkomt"
    ),
    "unit_in_store": Message(
        "a unit id not already in the store", "een eenheidscode die nog niet is opgeslagen"
    ),
    "parent_unknown": Message(
        "a parent unit listed in the file", "een bovenliggende eenheid die in het bestand staat"
    ),
    "parent_self": Message(
        "a parent other than the unit itself",
        "een bovenliggende eenheid die niet de eenheid zelf is",
    ),
    "question_duplicate": Message(
        "a question id that occurs once", "een vraagcode die maar één keer voorkomt"
    ),
    "scale_max_low": Message(
        "a scale maximum above the minimum ({minimum})",
        "een hoogste score die hoger is dan de laagste ({minimum})",
    ),
    "question_unknown": Message(
        "a question listed in the survey questions (load that file too)",
        "een vraag uit het bestand met enquêtevragen (laad dat bestand ook)",
    ),
    "score_out_of_scale": Message(
        "a score from {minimum} to {maximum}", "een score van {minimum} tot en met {maximum}"
    ),
    "replace_strands_rows": Message(
        "replacing the stored employments would leave {count} rows of {table} without their "
        "employee (e.g. employee {example}), and every row there needs one; [[replace_all_hint]]",
        "het vervangen van de opgeslagen dienstverbanden laat {count} regels {table} achter zonder "
        "hun medewerker (bijv. medewerker {example}), terwijl elke regel daar er een nodig heeft; "
        "[[replace_all_hint]]",
    ),
    # --- Wide survey exports (survey_wide.py) --------------------------------------------------
    "survey_no_dimension": Message(
        "the dimension of this survey question (its answers run {seen}): [[survey_dimension]]",
        "de dimensie van deze enquêtevraag (de antwoorden lopen {seen}): [[survey_dimension]]",
    ),
    "survey_no_scale": Message(
        "the scale of this survey question (its answers run {seen}): [[survey_scale]]",
        "de schaal van deze enquêtevraag (de antwoorden lopen {seen}): [[survey_scale]]",
    ),
    "survey_no_dimension_scale": Message(
        "the dimension and scale of this survey question (its answers run {seen}): "
        "[[survey_dimension_scale]]",
        "de dimensie en schaal van deze enquêtevraag (de antwoorden lopen {seen}): "
        "[[survey_dimension_scale]]",
    ),
    "survey_seen": Message("from {low} to {high}", "van {low} tot en met {high}"),
    "survey_seen_none": Message("nowhere: the column is empty", "nergens: de kolom is leeg"),
    "survey_id_taken": Message(
        "a question id of its own ({id!r} is also the id of {other!r}); [[survey_id]]",
        "een eigen vraagcode ({id!r} is ook de code van {other!r}); [[survey_id]]",
    ),
    "survey_no_wave": Message(
        "no wave for this survey export; expected a column with the date the survey closed "
        "(e.g. 'Peildatum'), [[survey_wave]], or the date in the file name "
        "(e.g. enquete_2024-03-31.csv)",
        "geen enquêtedatum voor deze enquête-export; verwacht een kolom met de datum waarop de "
        "enquête sloot (bijv. 'Peildatum'), [[survey_wave]], of de datum "
        "in de bestandsnaam (bijv. enquete_2024-03-31.csv)",
    ),
    "survey_question_defined": Message(
        "the definition already stored for question {id!r} (dimension {dimension!r}, scale "
        "{low}–{high}); [[survey_changed_question]]",
        "de definitie die al is opgeslagen voor vraag {id!r} (dimensie {dimension!r}, schaal "
        "{low}–{high}); [[survey_changed_question]]",
    ),
    # --- Notes of the import report ------------------------------------------------------------
    "note_date_order": Message(
        "date order {order} ({evidence})", "datumvolgorde {order} ({evidence})"
    ),
    "order.dmy": Message("dmy", "dd-mm-jjjj"),
    "order.mdy": Message("mdy", "m/d/jjjj"),
    "order.ymd": Message("ymd", "jjjj-mm-dd"),
    "evidence_given": Message("given in the mapping", "opgegeven in de koppeling"),
    "evidence_iso": Message("ISO dates", "ISO-datums"),
    "evidence_day_first": Message(
        "{count} date(s) with a day above 12 first (dd-mm-yyyy)",
        "{count} datum(s) met een dag boven 12 vooraan",
    ),
    "evidence_month_first": Message(
        "{count} date(s) with a day above 12 second (m/d/yyyy)",
        "{count} datum(s) met een dag boven 12 op de tweede plaats",
    ),
    "evidence_equal": Message(
        "day and month are equal in every date", "dag en maand zijn in elke datum gelijk"
    ),
    "note_decimal": Message("{header}: decimal '{decimal}'", "{header}: decimaalteken '{decimal}'"),
    "note_decimal_thousands": Message(
        "{header}: decimal '{decimal}', thousands '{thousands}'",
        "{header}: decimaalteken '{decimal}', scheidingsteken duizendtallen '{thousands}'",
    ),
    "note_empty_rows": Message("{count} empty row(s) skipped", "{count} lege rij(en) overgeslagen"),
    "note_fte_from_hours": Message(
        "fte = contract hours / full-time hours (default {hours})",
        "fte = contracturen / uren voltijd (standaard {hours})",
    ),
    "note_termination_type_from_reason": Message(
        "termination type taken from the termination reason",
        "soort uitdiensttreding afgeleid uit de reden uit dienst",
    ),
    "note_reasons_other": Message(
        "reasons counted as termination type 'other': {reasons}",
        "redenen geteld als soort uitdiensttreding 'other' (overig): {reasons}",
    ),
    "note_snapshot_date_from_name": Message(
        "snapshot date {date} from the file name", "peildatum {date} uit de bestandsnaam"
    ),
    "note_not_read": Message("not read", "niet gelezen"),
    "note_contracts_merged": Message(
        "{rows} contract rows of {people} employees follow on without a gap: merged into "
        "{merged} continuous employments",
        "{rows} contractregels van {people} medewerkers sluiten zonder onderbreking op elkaar "
        "aan: samengevoegd tot {merged} doorlopende dienstverbanden",
    ),
    "note_contracts_merged_history": Message(
        "{rows} contract rows of {people} employees follow on without a gap: merged into "
        "{merged} continuous employments, each contract kept as job history ({history} rows)",
        "{rows} contractregels van {people} medewerkers sluiten zonder onderbreking op elkaar "
        "aan: samengevoegd tot {merged} doorlopende dienstverbanden, elk contract bewaard als "
        "functiehistorie ({history} rijen)",
    ),
    "note_snapshots": Message(
        "snapshots: {dates} reference dates ({first} – {last}) → {employments} employments, "
        "{history} job history rows",
        "standen: {dates} peildata ({first} – {last}) → {employments} dienstverbanden, "
        "{history} rijen functiehistorie",
    ),
    "note_survey_wide": Message(
        "survey export in wide form: {questions} question column(s), {respondents} "
        "respondent(s) → {answers} answer(s)",
        "enquête-export in brede vorm: {questions} vraagkolom(men), {respondents} "
        "respondent(en) → {answers} antwoord(en)",
    ),
    "note_survey_question": Message(
        "question {header!r} → {id} (dimension {dimension}, scale {low}–{high})",
        "vraag {header!r} → {id} (dimensie {dimension}, schaal {low}–{high})",
    ),
    "note_survey_scale_from_header": Message(
        "{header!r}: scale {low}–{high} taken from the header",
        "{header!r}: schaal {low}–{high} afgeleid uit de kolomnaam",
    ),
    "note_survey_enps_recognised": Message(
        "{header!r}: a 0–10 question asking whether one would recommend the organisation, "
        "taken as the eNPS question (dimension enps); give it another dimension under "
        "[questions] if it is not",
        "{header!r}: een vraag van 0 tot 10 of men de organisatie zou aanbevelen, opgevat als "
        "de eNPS-vraag (dimensie enps); geef de vraag een andere dimensie onder [questions] als "
        "dat niet klopt",
    ),
    "note_survey_wave_from_name": Message(
        "wave {date} from the file name", "enquêtedatum {date} uit de bestandsnaam"
    ),
    "note_survey_wave_given": Message(
        "wave {date} from the mapping file", "enquêtedatum {date} uit het koppelbestand"
    ),
    "note_survey_empty_cells": Message(
        "{count} empty answer cell(s): no answer (not counted as 0)",
        "{count} lege antwoordcel(len): geen antwoord (niet geteld als 0)",
    ),
    "note_survey_no_answers": Message(
        "{count} respondent row(s) without any answer skipped",
        "{count} rij(en) van respondenten zonder enig antwoord overgeslagen",
    ),
    "note_survey_questions_stored": Message(
        "questions already stored with the same dimension and scale, kept as they are: {ids}",
        "vragen die al met dezelfde dimensie en schaal zijn opgeslagen, ongewijzigd gelaten: {ids}",
    ),
    # --- The import report (ImportReport.format) -----------------------------------------------
    "report_file": Message("{file} → {kind}", "{file} → {kind}"),
    "report_preset": Message("layout: {preset} preset", "indeling: preset {preset}"),
    "report_dialect": Message("read as: {dialect}", "gelezen als: {dialect}"),
    "report_column": Message("column {header!r} → {column}", "kolom {header!r} → {column}"),
    "report_refused": Message(
        "column {header!r} refused: {category} is never stored; nothing of it loaded",
        "kolom {header!r} geweigerd ({category}): zulke gegevens worden nooit opgeslagen; er is "
        "niets van geladen",
    ),
    "report_unmatched": Message(
        "not stored (no matching column): {headers}",
        "niet opgeslagen (geen passende kolom): {headers}",
    ),
    "report_rows": Message(
        "rows read {read}, loaded {loaded}, rejected {rejected}",
        "rijen gelezen {read}, geladen {loaded}, geweigerd {rejected}",
    ),
    "report_rejects_file": Message(
        "rejected rows written to {name}", "geweigerde rijen geschreven naar {name}"
    ),
    "report_errors": Message("{count} error(s):", "{count} fout(en):"),
    "report_more_errors": Message("… and {count} more", "… en nog {count}"),
    "report_loaded": Message("Loaded. Data version {version}.", "Geladen. Dataversie {version}."),
    "report_not_loaded": Message(
        "Nothing was loaded; the store is unchanged.",
        "Er is niets geladen; de gegevens zijn ongewijzigd.",
    ),
    # --- Uploads and the command line ----------------------------------------------------------
    "mapping_needs_name": Message("a mapping needs a name", "een koppeling heeft een naam nodig"),
    "cli_error": Message("error: {message}", "fout: {message}"),
    # --- Special categories of personal data, refused by name (synonyms.REFUSED_FRAGMENTS) -----
    "category.health": Message(
        "health data (diagnosis, cause of sickness)",
        "gezondheidsgegevens (diagnose, oorzaak van verzuim)",
    ),
    "category.ethnicity": Message("ethnicity", "etniciteit"),
    "category.religion": Message("religion", "religie"),
    "category.political": Message("political opinion", "politieke opvatting"),
    "category.trade_union": Message("trade-union membership", "lidmaatschap van een vakbond"),
    "category.sexual_orientation": Message("sexual orientation", "seksuele geaardheid"),
    # --- Kinds of file and canonical columns, as a sentence names them --------------------------
    # English keeps the name used on the command line and in mapping files.
    "kind.employments": Message("employments", "medewerkers"),
    "kind.job_history": Message("job_history", "functiehistorie"),
    "kind.absences": Message("absences", "verzuim"),
    "kind.org_units": Message("org_units", "organisatie-eenheden"),
    "kind.survey_responses": Message("survey_responses", "enquête-antwoorden"),
    "kind.survey_questions": Message("survey_questions", "enquêtevragen"),
    "kind.survey_invited": Message("survey_invited", "enquête-uitnodigingen"),
    "kind.snapshots": Message("snapshots", "standen op een peildatum"),
    "column.employee_id": Message("employee_id", "personeelsnummer"),
    "column.name": Message("name", "naam"),
    "column.hire_date": Message("hire_date", "datum in dienst"),
    "column.termination_date": Message("termination_date", "datum uit dienst"),
    "column.termination_type": Message("termination_type", "soort uitdiensttreding"),
    "column.termination_reason": Message("termination_reason", "reden uit dienst"),
    "column.regretted": Message("regretted", "betreurd vertrek"),
    "column.gender": Message("gender", "geslacht"),
    "column.birth_date": Message("birth_date", "geboortedatum"),
    "column.department": Message("department", "afdeling"),
    "column.job_title": Message("job_title", "functie"),
    "column.job_family": Message("job_family", "functiegroep"),
    "column.grade": Message("grade", "schaal"),
    "column.manager_id": Message("manager_id", "personeelsnummer leidinggevende"),
    "column.location": Message("location", "vestiging"),
    "column.province": Message("province", "provincie"),
    "column.work_arrangement": Message("work_arrangement", "werkplek"),
    "column.contract_type": Message("contract_type", "soort contract"),
    "column.fte": Message("fte", "fte"),
    "column.annual_salary": Message("annual_salary", "bruto jaarsalaris"),
    "column.annual_bonus": Message("annual_bonus", "variabele beloning"),
    "column.valid_from": Message("valid_from", "geldig vanaf"),
    "column.valid_to": Message("valid_to", "geldig tot en met"),
    "column.start_date": Message("start_date", "begindatum"),
    "column.end_date": Message("end_date", "einddatum"),
    "column.absence_type": Message("absence_type", "soort verzuim"),
    "column.percentage": Message("percentage", "verzuimpercentage"),
    "column.spell_id": Message("spell_id", "nummer verzuimmelding"),
    "column.unit_id": Message("unit_id", "eenheidscode"),
    "column.parent_id": Message("parent_id", "bovenliggende eenheid"),
    "column.wave": Message("wave", "enquêtedatum"),
    "column.respondent_id": Message("respondent_id", "respondent"),
    "column.age_band": Message("age_band", "leeftijdsklasse"),
    "column.tenure_band": Message("tenure_band", "diensttijdklasse"),
    "column.question_id": Message("question_id", "vraagcode"),
    "column.score": Message("score", "score"),
    "column.text": Message("text", "vraagtekst"),
    "column.dimension": Message("dimension", "dimensie"),
    "column.scale_min": Message("scale_min", "laagste score"),
    "column.scale_max": Message("scale_max", "hoogste score"),
    "column.invited": Message("invited", "aantal uitgenodigden"),
    "column.snapshot_date": Message("snapshot_date", "peildatum"),
    "column.contract_hours": Message("contract_hours", "contracturen"),
    "column.fulltime_hours": Message("fulltime_hours", "uren voltijd"),
}


# What to do about a problem names the control where the message is read: a command-line option
# (`surface="cli"`, the default) or the Data page's own field (`surface="app"`). A template says
# `[[name]]`; the hint is put in before the parameters are filled in, so it may use them.
SURFACES = ("cli", "app")
HINTS: dict[str, dict[str, Message]] = {
    "no_kind_hint": {
        "cli": Message(
            'Give --kind, or map the columns in a mapping file ([columns] "Your header" = '
            '"column").',
            'Kies de soort (--kind), of koppel de kolommen in een koppelbestand ([columns] "Uw '
            'kolomnaam" = "kolom").',
        ),
        "app": Message(
            "Choose the 'Kind of data', or match the columns to Koers' columns below.",
            "Kies de 'Soort gegevens', of koppel hieronder de kolommen aan die van Koers.",
        ),
    },
    "date_order_hint": {
        "cli": Message(
            'add date_order = "dmy" or "mdy" to a mapping file (--mapping)',
            'kies de datumnotatie (--date-order), of zet date_order = "dmy" of "mdy" in een '
            "koppelbestand (--mapping)",
        ),
        "app": Message(
            "choose the order under 'Date format'",
            "kies de volgorde bij 'Datumnotatie'",
        ),
    },
    "replace_hint": {
        "cli": Message(
            "use --replace to replace the stored employments",
            "vervang de opgeslagen dienstverbanden (--replace) als dit een volledige nieuwe "
            "export is",
        ),
        "app": Message(
            "tick 'Replace existing data of this kind' if this is a complete new export",
            "vink 'Bestaande gegevens van deze soort vervangen' aan als dit een volledige nieuwe "
            "export is",
        ),
    },
    "replace_all_hint": {
        "cli": Message(
            "load their export together with this one (with --replace), or leave out --replace",
            "laad hun export samen met deze (met --replace), of laat --replace weg",
        ),
        "app": Message(
            "add their export to this import, or untick 'Replace existing data of this kind'",
            "voeg hun export aan deze import toe, of vink 'Bestaande gegevens van deze soort "
            "vervangen' uit",
        ),
    },
    "survey_dimension": {
        "cli": Message(
            'add it to a mapping file as [questions.{key_name}] dimension = "…" (e.g. "enps" for '
            'the 0–10 recommend question), or ignore the column ([columns] {key_name} = "")',
            'zet die in een koppelbestand als [questions.{key_name}] dimension = "…" (bijv. '
            '"enps" voor de aanbevelingsvraag van 0 tot 10), of negeer de kolom ([columns] '
            '{key_name} = "")',
        ),
        "app": Message(
            "choose it in the questions table, or tick 'Ignore'",
            "kies die in de vragentabel, of vink 'Negeren' aan",
        ),
    },
    "survey_scale": {
        "cli": Message(
            "add it to a mapping file as [questions.{key_name}] scale = [min, max], or ignore "
            'the column ([columns] {key_name} = "")',
            "zet die in een koppelbestand als [questions.{key_name}] scale = [min, max], of "
            'negeer de kolom ([columns] {key_name} = "")',
        ),
        "app": Message(
            "fill in its scale in the questions table, or tick 'Ignore'",
            "vul de schaal in de vragentabel in, of vink 'Negeren' aan",
        ),
    },
    "survey_dimension_scale": {
        "cli": Message(
            'add them to a mapping file as [questions.{key_name}] dimension = "…" and scale = '
            '[min, max], or ignore the column ([columns] {key_name} = "")',
            'zet die in een koppelbestand als [questions.{key_name}] dimension = "…" en scale = '
            '[min, max], of negeer de kolom ([columns] {key_name} = "")',
        ),
        "app": Message(
            "fill them in in the questions table, or tick 'Ignore'",
            "vul die in de vragentabel in, of vink 'Negeren' aan",
        ),
    },
    "survey_id": {
        "cli": Message(
            "give one an id under [questions]", "geef een van beide een code onder [questions]"
        ),
        "app": Message(
            "give one of them another id in the questions table",
            "geef een van beide een andere vraagcode in de vragentabel",
        ),
    },
    "survey_wave": {
        "cli": Message(
            "wave = 2024-03-31 in a mapping file", "wave = 2024-03-31 in een koppelbestand"
        ),
        "app": Message("the survey wave on this page", "de enquêtedatum op deze pagina"),
    },
    "survey_changed_question": {
        "cli": Message(
            'give a changed question an id of its own (id = "…" under [questions])',
            'geef een gewijzigde vraag een eigen code (id = "…" onder [questions])',
        ),
        "app": Message(
            "give a changed question an id of its own in the questions table",
            "geef een gewijzigde vraag een eigen vraagcode in de vragentabel",
        ),
    },
}
_HINT = re.compile(r"\[\[([a-z_]+)\]\]")


def hints_in(template: str) -> set[str]:
    """The hints (`[[name]]`) a template names."""
    return set(_HINT.findall(template))


def placeholders(template: str) -> set[str]:
    """The named parameters a template uses, its hints' included (a hint may name the template's
    parameters, e.g. the header it is about)."""
    found = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    for name in hints_in(template):
        for hint in HINTS[name].values():
            found |= {f for text in hint for _, f, _, _ in string.Formatter().parse(text) if f}
    return found


@dataclass(frozen=True)
class Joined:
    """A list inside a message (columns, periods, lines), each item rendered in the message's
    language."""

    items: tuple[object, ...]
    separator: str = ", "


class Text(str):
    """A catalogued message: its `str` value is the English text; `render(language)` is the
    text in that language. Equal to (and hashing like) its English text."""

    key: str
    params: dict[str, object]
    _rendered: dict[tuple[str, str], str]  # rendered once: one Text is often shared by many errors

    def __new__(cls, key: str, /, **params: object) -> Text:
        if key not in MESSAGES:
            raise KeyError(f"no message {key!r} in the catalogue")
        self = super().__new__(cls, fill(key, "en", **params))
        self.key = key
        self.params = params
        self._rendered = {}
        return self

    def render(self, language: str, surface: str = "cli") -> str:
        """The message in `language` ("en" or "nl"; anything else gets English), with its hints
        for `surface` ("cli" or "app")."""
        if language != "nl" and surface == "cli":
            return str.__str__(self)
        wanted = ("nl" if language == "nl" else "en", surface)
        if wanted not in self._rendered:
            self._rendered[wanted] = fill(self.key, language, surface, **self.params)
        return self._rendered[wanted]

    def __reduce__(self) -> tuple[object, ...]:
        # str's own pickling would rebuild from the English text alone (st.cache_data pickles).
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict[str, object]) -> Text:
    return Text(key, **params)


def column_name(column: str) -> Text | str:
    """A canonical column as a sentence names it (datum in dienst / hire_date)."""
    key = f"column.{column}"
    return Text(key) if key in MESSAGES else column


def kind_name(kind: str) -> Text | str:
    key = f"kind.{kind}"
    return Text(key) if key in MESSAGES else kind


def columns_list(columns: Iterable[str]) -> Joined:
    return Joined(tuple(column_name(c) for c in columns))


def render(item: object, language: str, surface: str = "cli") -> str:
    """Anything the importer reports (a Text, a RowError, a plain string) in `language`, with the
    hints for `surface` ("cli": command-line options; "app": the Data page's fields)."""
    renderer = getattr(item, "render", None)
    if callable(renderer):
        return str(renderer(language, surface))
    return str(item)


def fill(key: str, language: str, surface: str = "cli", /, **params: object) -> str:
    """The catalogue's template for `key` in `language`, its hints for `surface` put in, filled
    in (no Text is kept)."""
    nl = language == "nl"
    template = MESSAGES[key].nl if nl else MESSAGES[key].en
    if "[[" in template:
        template = _HINT.sub(
            lambda m: HINTS[m.group(1)][surface].nl if nl else HINTS[m.group(1)][surface].en,
            template,
        )
    return template.format(**{name: _value(v, language, surface) for name, v in params.items()})


def _value(value: object, language: str, surface: str) -> object:
    if type(value) in (str, int):  # most parameters: the user's own text, row numbers
        return value
    if isinstance(value, Text):
        return value.render(language, surface)
    if isinstance(value, Joined):
        return value.separator.join(str(_value(item, language, surface)) for item in value.items)
    if isinstance(value, float):
        shown = f"{value:g}"
        return shown.replace(".", ",") if language == "nl" else shown
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if language == "nl" else value.isoformat()
    return value

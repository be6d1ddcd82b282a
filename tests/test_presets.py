"""Named HRIS presets: structure against the data contract, headers against the real layouts.

The layouts are the shared public HR data (`../shared/data` next to the repository): the column
lists in `layouts/hris_layouts.json`, the Workday seed CSV headers and the HRDataset header.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from analytics.contract import KINDS, SNAPSHOT_KIND, TABLES, ColumnType
from analytics.ingest.normalise import normalise_header
from analytics.ingest.presets import PRESETS, Preset

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LAYOUTS = SHARED_DATA / "layouts"
SEEDS = "layouts/workday_fivetran_seeds/"

# Where each preset's headers come from, per kind: a CSV (path under shared/data, its header row)
# or "entry:field" of hris_layouts.json. Every preset and every kind it declares must be listed.
LAYOUT_SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "afas": {
        "employments": ("afas_profit_getconnector_employments:columns",),
        "job_history": ("afas_profit_getconnector_positions:columns",),
    },
    "visma_raet": {
        "employments": (
            "visma_raet_youforce_hr_core_business_iam_api:person_fields",
            "visma_raet_youforce_hr_core_business_iam_api:employment_fields",
        ),
    },
    "nmbrs": {"employments": ("nmbrs_soap_employee:columns",)},
    "bamboohr": {"employments": ("bamboohr_api_fields:columns",)},
    "bamboohr_report": {
        "employments": (
            "bamboohr_api_fields:report_csv_header_seen_in_third_party_code_low_confidence",
        ),
    },
    "personio": {
        "employments": ("personio_v1_employee:columns",),
        "absences": ("personio_v1_time_off:columns",),
    },
    "workday": {
        "employments": (
            SEEDS + "workday_worker_history_data.csv",
            SEEDS + "workday_personal_information_history_data.csv",
        ),
        "job_history": (SEEDS + "workday_worker_position_history_data.csv",),
        "absences": (SEEDS + "workday_worker_leave_status_data.csv",),
        "org_units": (SEEDS + "workday_organization_data.csv",),
    },
    "hrdataset": {"employments": ("HRDataset_v14.csv",)},
    "erpnext": {
        "employments": ("frappe_erpnext_employee:columns",),
        "absences": ("frappe_hrms_leave_application:columns",),
    },
    "successfactors": {
        "employments": ("sap_successfactors_odata:EmpEmployment_used",),
        "job_history": ("sap_successfactors_odata:EmpJob_select",),
    },
    "odoo": {"absences": ("odoo_hr:hr_leave_fields",)},
}

# Headers a preset may map although the transcribed layout does not list them, each with the
# reason. Raet's field list holds only the fields its connector maps for display; the person key
# `personCode` is what the cited persons.ps1 groups persons and employments on.
NOT_IN_LAYOUT: dict[tuple[str, str], frozenset[str]] = {
    ("visma_raet", "employments"): frozenset({"personCode"}),
}

# Special categories (GDPR art. 9) and EEO data: never mapped by a preset. Short fragments must
# start the normalised header (so `eeo` does not hit `employeeorganisation`).
FORBIDDEN_FRAGMENTS = (
    "race",
    "ethnic",
    "hispanic",
    "latino",
    "religion",
    "health",
    "diagnos",
    "medical",
    "blood",
    "political",
    "disabilit",
    "eeo",
)

# `snapshots` is the employments form stacked by date; its date can come from the file name.
SNAPSHOT_COLUMNS = (*TABLES["employments"].column_names, "snapshot_date")

PRESET_KINDS = [(key, kind) for key, preset in PRESETS.items() for kind in preset.columns]
EMPLOYMENT_PRESETS = [key for key, preset in PRESETS.items() if "employments" in preset.columns]


def kind_columns(kind: str) -> tuple[str, ...]:
    return SNAPSHOT_COLUMNS if kind == SNAPSHOT_KIND else TABLES[kind].column_names


def required_columns(kind: str) -> tuple[str, ...]:
    return ("employee_id",) if kind == SNAPSHOT_KIND else TABLES[kind].required


def column_type(name: str) -> tuple[ColumnType, tuple[str, ...]]:
    """Type and allowed values of a canonical column (same name means same column everywhere)."""
    for table in TABLES.values():
        if name in table.column_names:
            column = table.column(name)
            return column.type, column.allowed
    raise KeyError(name)


# --- structure -----------------------------------------------------------------------------------


def test_presets_exist_with_key_label_and_source() -> None:
    required = {"afas", "visma_raet", "nmbrs", "bamboohr", "personio", "workday", "hrdataset"}
    assert required <= set(PRESETS)
    for key, preset in PRESETS.items():
        assert isinstance(preset, Preset)
        assert preset.key == key
        assert preset.label.strip()
        assert preset.source.strip()
        assert preset.columns, f"{key} maps no kind"


@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_columns_are_canonical_columns_of_their_kind(key: str, kind: str) -> None:
    assert kind in KINDS
    columns = PRESETS[key].columns[kind]
    assert columns, f"{key}/{kind} is empty"
    allowed = set(kind_columns(kind))
    wrong = {header: target for header, target in columns.items() if target not in allowed}
    assert not wrong, f"{key}/{kind} maps to columns {kind} does not have: {wrong}"


@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_one_header_per_canonical_column(key: str, kind: str) -> None:
    columns = PRESETS[key].columns[kind]
    doubled = [target for target, n in Counter(columns.values()).items() if n > 1]
    assert not doubled, f"{key}/{kind}: several headers map to {doubled}"
    # Headers are matched normalised, so two spellings of one header would collide as well.
    normalised = Counter(normalise_header(header) for header in columns)
    assert max(normalised.values()) == 1, f"{key}/{kind}: headers collide when normalised"


@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_required_columns_covered(key: str, kind: str) -> None:
    mapped = set(PRESETS[key].columns[kind].values())
    missing = [col for col in required_columns(kind) if col not in mapped]
    assert not missing, f"{key}/{kind} does not cover required {missing}"


@pytest.mark.parametrize("key", list(PRESETS))
def test_values_map_to_allowed_values(key: str) -> None:
    preset = PRESETS[key]
    mapped = {target for columns in preset.columns.values() for target in columns.values()}
    for column, values in preset.values.items():
        assert column in mapped, f"{key}: values for {column}, which no header maps to"
        kind, allowed = column_type(column)
        # Only enum and bool values are mapped on import; "" is a deliberate "no value".
        assert kind in (ColumnType.ENUM, ColumnType.BOOL), f"{key}: values for {kind} {column}"
        permitted = set(allowed) if kind == ColumnType.ENUM else {"true", "false"}
        assert values, f"{key}: empty value map for {column}"
        wrong = {raw: target for raw, target in values.items() if target not in permitted | {""}}
        assert not wrong, f"{key}/{column}: values outside {sorted(permitted)}: {wrong}"


@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_no_special_category_headers(key: str, kind: str) -> None:
    for header in PRESETS[key].columns[kind]:
        normalised = normalise_header(header)
        for fragment in FORBIDDEN_FRAGMENTS:
            hit = normalised.startswith(fragment) if len(fragment) <= 4 else fragment in normalised
            assert not hit, f"{key}/{kind} maps special-category header {header!r}"


def test_hrdataset_maps_what_the_brief_fixes() -> None:
    preset = PRESETS["hrdataset"]
    columns = preset.columns["employments"]
    assert columns["EmpID"] == "employee_id"
    assert columns["DateofHire"] == "hire_date"
    assert columns["DateofTermination"] == "termination_date"
    assert columns["EmploymentStatus"] == "termination_type"
    assert columns["ManagerID"] == "manager_id"
    assert columns["Sex"] == "gender"
    for code_column in ("DeptID", "GenderID", "PositionID", "EmpStatusID", "ManagerName"):
        assert code_column not in columns
    assert preset.values["termination_type"] == {
        "Voluntarily Terminated": "voluntary",
        "Terminated for Cause": "involuntary",
        "Active": "",
    }


def test_afas_keeps_contract_hours_out_of_fte() -> None:
    afas = PRESETS["afas"]
    for kind, columns in afas.columns.items():
        assert "Uren_per_week" not in columns, kind
        assert "Parttime_percentage" not in columns, kind
    employments = afas.columns["employments"]
    assert employments["FTE"] == "fte"
    assert employments["Begindatum_contract"] == "hire_date"
    assert employments["Einddatum_contract"] == "termination_date"
    # Exactly one of the two contract fields feeds contract_type.
    assert ("Type_contract" in employments) != ("Dienstverband" in employments)


def test_workday_values() -> None:
    values = PRESETS["workday"].values
    assert values["termination_type"]["Terminate_Employee_Voluntary"] == "voluntary"
    assert values["termination_type"]["Terminate_Employee_Involuntary"] == "involuntary"
    assert values["absence_type"]["Regulatory_GBR_Maternity_Leave"] == "pregnancy"


# --- against the real layouts --------------------------------------------------------------------


@cache
def _layout_json() -> dict[str, dict[str, object]]:
    return json.loads((LAYOUTS / "hris_layouts.json").read_text(encoding="utf-8"))


def _clean(name: str) -> str:
    """`ExternalId (connector-built id)` -> `ExternalId`: the layouts annotate some names."""
    return re.sub(r"\s+\(.*\)$", "", name).strip()


@cache
def layout_headers(ref: str) -> tuple[str, ...]:
    if ref.endswith(".csv"):
        with (SHARED_DATA / ref).open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle))
    else:
        entry, field = ref.split(":")
        header = _layout_json()[entry][field]
        assert isinstance(header, list), ref
    return tuple(_clean(name) for name in header if _clean(name))


def headers_for(key: str, kind: str) -> list[str]:
    """A layout's headers in order, as an export would have them (plus the documented extras)."""
    names: dict[str, None] = {}
    for ref in LAYOUT_SOURCES[key][kind]:
        names.update(dict.fromkeys(layout_headers(ref)))
    names.update(dict.fromkeys(sorted(NOT_IN_LAYOUT.get((key, kind), ()))))
    return list(names)


def test_every_preset_and_kind_has_a_layout() -> None:
    assert set(LAYOUT_SOURCES) == set(PRESETS)
    for key, preset in PRESETS.items():
        assert set(LAYOUT_SOURCES[key]) == set(preset.columns), key


layouts = pytest.mark.skipif(
    not (LAYOUTS / "hris_layouts.json").is_file(),
    reason="shared layouts not found next to the repository (../shared/data/layouts)",
)


@layouts
@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_mapped_headers_occur_in_the_layout(key: str, kind: str) -> None:
    known = {h for ref in LAYOUT_SOURCES[key][kind] for h in layout_headers(ref)}
    extra = NOT_IN_LAYOUT.get((key, kind), frozenset())
    assert not extra & known, f"{key}/{kind}: {sorted(extra & known)} are in the layout after all"
    unknown = [h for h in PRESETS[key].columns[kind] if h not in known | extra]
    assert not unknown, f"{key}/{kind}: headers not in the layout (typo?): {unknown}"
    # The layout's own headers, not only the documented extras, carry the required columns.
    from_layout = {t for h, t in PRESETS[key].columns[kind].items() if h in known}
    extra_targets = {PRESETS[key].columns[kind][h] for h in extra}
    missing = [c for c in required_columns(kind) if c not in from_layout | extra_targets]
    assert not missing, f"{key}/{kind}: layout does not cover required {missing}"


@layouts
@pytest.mark.parametrize("key", list(PRESETS))
def test_source_cites_its_layouts(key: str) -> None:
    source = PRESETS[key].source
    for refs in LAYOUT_SOURCES[key].values():
        for ref in refs:
            cited = Path(ref).name if ref.endswith(".csv") else ref.split(":")[0]
            assert cited in source, f"{key}: source does not cite {cited}"
            if not ref.endswith(".csv"):
                assert ref.split(":")[0] in _layout_json(), f"{key}: no layout entry {ref}"


# --- with the importer's mapping (analytics.ingest.mapping) --------------------------------------
# These need the mapper; without it they are skipped and the tests above still run.


@pytest.fixture(scope="module")
def mapping() -> ModuleType:
    return pytest.importorskip("analytics.ingest.mapping")


@layouts
@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_map_columns_maps_preset_headers(mapping: ModuleType, key: str, kind: str) -> None:
    result = mapping.map_columns(headers_for(key, kind), kind=kind)
    assert result.kind == kind
    expected = dict(PRESETS[key].columns[kind])
    got = {header: result.columns.get(header) for header in expected}
    assert got == expected


@layouts
@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_map_columns_with_the_named_preset(mapping: ModuleType, key: str, kind: str) -> None:
    result = mapping.map_columns(headers_for(key, kind), kind=kind, preset=key)
    assert result.preset == key
    for header, target in PRESETS[key].columns[kind].items():
        assert result.columns.get(header) == target, header


@layouts
@pytest.mark.parametrize("key", EMPLOYMENT_PRESETS)
def test_map_columns_detects_employee_layouts(mapping: ModuleType, key: str) -> None:
    result = mapping.map_columns(headers_for(key, "employments"))
    assert result.kind == "employments"
    assert result.columns.get(_header_of(key, "employee_id")) == "employee_id"
    assert result.columns.get(_header_of(key, "hire_date")) == "hire_date"


@pytest.mark.parametrize(("key", "kind"), PRESET_KINDS)
def test_mapper_refuses_no_preset_header(mapping: ModuleType, key: str, kind: str) -> None:
    refused = {h: mapping.refused_category(h) for h in PRESETS[key].columns[kind]}
    assert not {h: c for h, c in refused.items() if c}


def _header_of(key: str, canonical: str) -> str:
    (header,) = [h for h, t in PRESETS[key].columns["employments"].items() if t == canonical]
    return header

"""Named presets for HR systems: how their exports name columns and values.

A preset maps an export's own headers (compared with `normalise_header`) to canonical columns per
input kind, and the export's own values (compared with `normalise_value`) to canonical values.
Generic Dutch/English synonyms live in `synonyms.py`; presets add the system-specific names.

Every preset is built from one entry of the shared layout collection (`hris_layouts.json`, or the
Workday seed files) and names it in `source`. Those entries carry a confidence note: vendor code or
spec (Personio, ERPNext/Frappe HR, Odoo, the Fivetran Workday seeds, HRDataset) is high; headers
read from a third party's integration (AFAS, Visma Raet, Nmbrs, SuccessFactors, BambooHR API) are
medium, because an integrator chose the aliases and a customer's export may differ; the BambooHR
report header is low. OrangeHRM (its import template has no hire date) and HiBob (partial list
without a hire date) are left out: they could not feed any kind on their own.

Values are only given for enum and bool columns (the only ones whose values are mapped), and only
where the generic synonyms do not already cover them. "" means: deliberately no value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    source: str
    # kind (a table name from analytics.contract.KINDS) -> {export header: canonical column}
    columns: Mapping[str, Mapping[str, str]]
    # canonical column -> {export value: canonical value}
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


AFAS = Preset(
    key="afas",
    label="AFAS Profit",
    source=(
        "hris_layouts.json: afas_profit_getconnector_employments (employments, data collection "
        "HrEdf00) and afas_profit_getconnector_positions (job_history, HrEss00); medium "
        "confidence: field aliases of the HelloID GetConnectors"
    ),
    columns={
        "employments": {
            # Medewerker is the employee number; the manager is referred to by the same number in
            # Medewerkernummer_leidinggevende (Persoonsnummer* are person numbers: another key).
            "Medewerker": "employee_id",
            "Naam": "name",
            # One row per contract: Begindatum/Einddatum_contract bound the employment period.
            "Begindatum_contract": "hire_date",
            "Einddatum_contract": "termination_date",
            # The description, not the code: readable in breakdowns (codes are for org_units).
            "Organisatorische_eenheid_omschrijving": "department",
            "Functie_omschrijving": "job_title",
            "Medewerkernummer_leidinggevende": "manager_id",
            # Type_contract holds the contract form (bepaalde / onbepaalde tijd, oproep), which is
            # what contract_type classifies; Dienstverband describes the employment relationship
            # and stays unmapped so one column has one source (map it by hand if only it is filled).
            "Type_contract": "contract_type",
            # FTE is the factor itself; Uren_per_week (contract hours) and Parttime_percentage
            # (a percentage) are not FTE and stay unmapped.
            "FTE": "fte",
        },
        "job_history": {
            "Medewerker": "employee_id",
            "Begindatum_functie": "valid_from",
            "Einddatum_functie": "valid_to",
            "Organisatorische_eenheid_omschrijving": "department",
            "Functie_omschrijving": "job_title",
            "Medewerkernummer_leidinggevende": "manager_id",
            # Percentage is the share of the employment spent in this position, not an FTE.
        },
    },
    # AFAS' contract types (Vast, Tijdelijk, Bepaalde/Onbepaalde tijd, Oproepkracht) are covered by
    # the generic Dutch synonyms.
)

VISMA_RAET = Preset(
    key="visma_raet",
    label="Visma Raet (Youforce HR Core Business)",
    source=(
        "hris_layouts.json: visma_raet_youforce_hr_core_business_iam_api (person_fields, "
        "employment_fields); medium confidence: the HelloID connector's mapping.json and "
        "persons.ps1, nested fields flattened"
    ),
    columns={
        "employments": {
            # The person key. Not in the transcribed field list (that lists the mapped display
            # fields), but persons.ps1 of the cited connector keys persons and employments on it.
            "personCode": "employee_id",
            "gender": "gender",
            # Dotted API paths as flattened headers; `employment_hireDate` (the connector's own
            # flattening) normalises to the same name.
            "employment.hireDate": "hire_date",
            "employment.dischargeDate": "termination_date",
            "employment.organizationUnit.fullName": "department",
            "employment.jobProfile.fullName": "job_title",
            # employment.workingAmount.amountOfWork is hours per week, not an FTE: unmapped.
            # employment.contractCode is the employment's sequence number, not a contract type.
        },
    },
)

NMBRS = Preset(
    key="nmbrs",
    label="Nmbrs",
    source=(
        "hris_layouts.json: nmbrs_soap_employee; medium confidence: the HelloID connector's "
        "mapping.json and persons.ps1 over the Nmbrs SOAP API"
    ),
    columns={
        "employments": {
            # The connector sets the person's ExternalId to Nmbrs' EmployeeId, the same id it puts
            # in CurrentManager.EmployeeID, so employee and manager ids match.
            "ExternalId": "employee_id",
            "Gender": "gender",
            "Birthday": "birth_date",
            "StartDate": "hire_date",
            "EndDate": "termination_date",
            "CurrentDepartment.Description": "department",
            "CurrentFunction.Description": "job_title",
            "CurrentManager.EmployeeID": "manager_id",
            # HoursPerWeek is contract hours, not an FTE: unmapped.
        },
    },
)

BAMBOOHR = Preset(
    key="bamboohr",
    label="BambooHR (API field names)",
    source=(
        "hris_layouts.json: bamboohr_api_fields (columns); medium confidence: the HelloID "
        "connector's employee fields, cross-checked with WebService::BambooHR"
    ),
    columns={
        "employments": {
            # employeeNumber is what reports show as `Employee #` (see bamboohr_report).
            "employeeNumber": "employee_id",
            # hireDate is the latest hire, i.e. the start of the current employment period.
            "hireDate": "hire_date",
            "terminationDate": "termination_date",
            "dateOfBirth": "birth_date",
            "gender": "gender",
            "department": "department",
            "jobTitle": "job_title",
            "location": "location",
            # The current employment status (Full-Time, Part-Time, Contractor, Intern, ...).
            "employmentHistoryStatus": "contract_type",
            # payRate is per payPer (hour, month, year): not an annual salary, unmapped.
            # eeo, ethnicity and ssn are never mapped.
        },
    },
    values={
        # Full-Time/Part-Time (US at-will staff: permanent), Contractor and Intern are generic;
        # Terminated is a status in the same list and says nothing about the contract.
        "contract_type": {"Terminated": ""},
    },
)

BAMBOOHR_REPORT = Preset(
    key="bamboohr_report",
    label="BambooHR (report CSV)",
    source=(
        "hris_layouts.json: bamboohr_api_fields (report_csv_header_seen_in_third_party_code_low_"
        "confidence); low confidence. A preset of its own because the report and the API name "
        "the same columns differently and one kind maps one header per column"
    ),
    columns={
        "employments": {
            "Employee #": "employee_id",
            "Hire Date": "hire_date",
            "Job Title": "job_title",
            "Department": "department",
            "Location": "location",
            # Reports To holds the supervisor's name, not an employee number: unmapped.
            # Status is Active/Inactive, not a termination type.
        },
    },
)

PERSONIO = Preset(
    key="personio",
    label="Personio",
    source=(
        "hris_layouts.json: personio_v1_employee (employments) and personio_v1_time_off "
        "(absences); high confidence: Personio's OpenAPI spec. personio_v1_hourly_absence is not "
        "used: it names the same columns differently (start/end) and day-based time-off is what "
        "absence periods need"
    ),
    columns={
        "employments": {
            "id": "employee_id",
            "gender": "gender",
            "hire_date": "hire_date",
            # The contractual end; last_working_day can be earlier (garden leave) and
            # contract_end_date is the planned end of a fixed-term contract.
            "termination_date": "termination_date",
            "termination_type": "termination_type",
            "termination_reason": "termination_reason",
            "position": "job_title",
            "department": "department",
            "office": "location",
            "employment_type": "contract_type",
            # supervisor is an embedded person (shown by name), weekly_working_hours is hours and
            # fix_salary is per fix_salary_interval: all unmapped.
        },
        "absences": {
            # The API embeds the employee; a flattened export carries its id here.
            "employee": "employee_id",
            "start_date": "start_date",
            "end_date": "end_date",
            "time_off_type": "absence_type",
            # status (approved/pending/rejected/canceled) is not a column of the model: filter
            # rejected and cancelled requests before importing.
        },
    },
    values={
        # employment_type is internal (on the payroll) or external. "internal" covers permanent and
        # fixed-term staff alike (Personio keeps the fixed term in contract_end_date), so it gives
        # no contract type rather than a wrong "permanent"; external (contractors) is generic flex.
        "contract_type": {"internal": ""},
        # Termination and time-off types are configurable per account; Personio accounts are
        # often German, and the generic synonyms are Dutch and English.
        "termination_type": {
            "Kündigung durch Arbeitnehmer": "voluntary",
            "Eigenkündigung": "voluntary",
            "Kündigung durch Arbeitgeber": "involuntary",
            # As the generic synonyms treat its Dutch equivalent, vaststellingsovereenkomst.
            "Aufhebungsvertrag": "involuntary",
            "Ablauf der Befristung": "end_of_contract",
            "Ruhestand": "retirement",
        },
        "absence_type": {
            "Krankheit": "sickness",
            "Mutterschutz": "pregnancy",
            "Elternzeit": "other",
            "Urlaub": "other",
            "Paid vacation": "other",
            "Unpaid vacation": "other",
        },
    },
)

WORKDAY = Preset(
    key="workday",
    label="Workday (tables landed by Fivetran)",
    source=(
        "workday_fivetran_seeds/ (hris_layouts.json: workday_hcm_via_fivetran; high confidence "
        "for Fivetran-landed tables): workday_worker_history_data.csv + "
        "workday_personal_information_history_data.csv (employments), "
        "workday_worker_position_history_data.csv (job_history), "
        "workday_worker_leave_status_data.csv (absences), workday_organization_data.csv "
        "(org_units)"
    ),
    columns={
        # worker_history and personal_information_history share the worker `id`; they are read
        # joined on it (as Fivetran's dbt_workday package does), so one employments file holds both.
        "employments": {
            "id": "employee_id",
            # hire_date is the latest (re)hire; original_hire_date would span earlier periods.
            "hire_date": "hire_date",
            "termination_date": "termination_date",
            # The category is the voluntary/involuntary split; termination_involuntary says the
            # same as a bool and stays unmapped (one source per column).
            "primary_termination_category": "termination_type",
            "primary_termination_reason": "termination_reason",
            "regrettable_termination": "regretted",
            # Annualised base pay in the tenant's reporting currency (annual_summary_* is in the
            # worker's local currency); euros only when the reporting currency is EUR.
            "annual_currency_summary_total_base_pay": "annual_salary",
            "gender": "gender",
            "date_of_birth": "birth_date",
            # hispanic_or_latino, religion, political_affiliation, blood_type and the medical exam
            # fields are special-category data and never mapped.
        },
        "job_history": {
            "worker_id": "employee_id",
            # effective_date dates this version of the position's attributes. start_date/end_date
            # bound the whole position and repeat on every version, so end_date as valid_to would
            # make versions overlap: a version lasts until the next one.
            "effective_date": "valid_from",
            "business_title": "job_title",
            "business_site_summary_name": "location",
            "employee_type": "contract_type",
            # full_time_equivalent_percentage is a percentage (100 = full time) and working_fte /
            # paid_fte are budget fields that stay 0 unless specified: none is a 0-1.5 FTE.
            # The department is an organization_id in worker_position_organization_history.
        },
        "absences": {
            "worker_id": "employee_id",
            "leave_start_date": "start_date",
            # The actual end; estimated_leave_end_date is a forecast. Empty = still on leave.
            "leave_end_date": "end_date",
            "leave_of_absence_type": "absence_type",
            "leave_percentage": "percentage",
        },
        # Only SUPERVISORY organizations form the reporting hierarchy; filter on `type` first.
        "org_units": {
            "id": "unit_id",
            "name": "name",
            "superior_organization_id": "parent_id",
            "manager_id": "manager_id",
        },
    },
    values={
        "termination_type": {
            "Terminate_Employee_Voluntary": "voluntary",
            "Terminate_Employee_Involuntary": "involuntary",
        },
        # Leave types are tenant-configured reference ids; these occur in the seed data.
        "absence_type": {
            "Regulatory_GBR_Maternity_Leave": "pregnancy",
            # Shared parental leave is a parent's leave, not the pregnancy/maternity leave.
            "Regulatory_GBR_Shared_Parental_Leave": "other",
            # Leave because of a (non-work) illness or injury: sickness absence.
            "Disability_USA_Long_Term_Disability": "sickness",
            "Personal_Extended_Jury_Duty_Court_Subpoena": "other",
        },
        # Regular is a generic synonym; reference ids keep their underscore.
        "contract_type": {"Fixed_Term": "temporary"},
    },
)

HRDATASET = Preset(
    key="hrdataset",
    label="HRDataset v14 (Huebner & Patalano)",
    source=(
        "HRDataset_v14.csv header row (synthetic HRIS export of one US company); high confidence"
    ),
    columns={
        "employments": {
            "EmpID": "employee_id",
            "Employee_Name": "name",
            "Sex": "gender",
            "DOB": "birth_date",
            "DateofHire": "hire_date",
            "DateofTermination": "termination_date",
            "TermReason": "termination_reason",
            # Active / Voluntarily Terminated / Terminated for Cause: the termination type.
            "EmploymentStatus": "termination_type",
            "Department": "department",
            "Position": "job_title",
            # ManagerID is an EmpID; ManagerName and the *ID code columns (DeptID, GenderID,
            # PositionID, EmpStatusID, ...) are not mapped, RaceDesc and HispanicLatino never.
            "ManagerID": "manager_id",
            "Salary": "annual_salary",
            # State/Zip are the employee's address, not the work location.
        },
    },
    values={
        "termination_type": {
            "Voluntarily Terminated": "voluntary",
            "Terminated for Cause": "involuntary",
            "Active": "",
        },
    },
)

ERPNEXT = Preset(
    key="erpnext",
    label="ERPNext / Frappe HR",
    source=(
        "hris_layouts.json: frappe_erpnext_employee (employments) and "
        "frappe_hrms_leave_application (absences); high confidence: the DocType definitions"
    ),
    columns={
        "employments": {
            # `employee` is the record name that reports_to and leave applications link to;
            # employee_number is an optional second number.
            "employee": "employee_id",
            "employee_name": "name",
            "gender": "gender",
            "date_of_birth": "birth_date",
            "date_of_joining": "hire_date",
            "relieving_date": "termination_date",
            "reason_for_leaving": "termination_reason",
            "department": "department",
            "designation": "job_title",
            "reports_to": "manager_id",
            "branch": "location",
            # ctc is cost to company (employer costs included), not base pay; date_of_retirement
            # is a planned date. blood_group and health_details are never mapped.
        },
        "absences": {
            "employee": "employee_id",
            "from_date": "start_date",
            "to_date": "end_date",
            "leave_type": "absence_type",
            # status (Open/Approved/Rejected/Cancelled): filter before importing.
        },
    },
    values={
        # ERPNext's Gender records beyond the generic ones. Transgender says nothing about
        # F/M/X and gives no value.
        "gender": {"Genderqueer": "X", "Non-Conforming": "X", "Transgender": ""},
        # The standard leave types; Sick Leave is generic.
        "absence_type": {
            "Casual Leave": "other",
            "Privilege Leave": "other",
            "Compensatory Off": "other",
            "Leave Without Pay": "other",
        },
    },
)

SUCCESSFACTORS = Preset(
    key="successfactors",
    label="SAP SuccessFactors (OData)",
    source=(
        "hris_layouts.json: sap_successfactors_odata (EmpEmployment_used for employments, "
        "EmpJob_select for job_history); medium confidence: the HelloID connector's OData "
        "queries. The low-confidence user data file columns are not used"
    ),
    columns={
        "employments": {
            "userId": "employee_id",
            # The cited connector uses these two as the employment's start and end.
            "originalStartDate": "hire_date",
            "lastDateWorked": "termination_date",
        },
        "job_history": {
            "userId": "employee_id",
            # EmpJob records are effective-dated; endDate is the day before the next record.
            "startDate": "valid_from",
            "endDate": "valid_to",
            "department": "department",
            "jobTitle": "job_title",
            # managerId is the manager's userId.
            "managerId": "manager_id",
            "location": "location",
            # emplStatus is a picklist id and standardHours are hours: unmapped.
        },
    },
)

ODOO = Preset(
    key="odoo",
    label="Odoo Time Off",
    source=(
        "hris_layouts.json: odoo_hr (hr_leave_fields); high confidence for the fields listed. "
        "hr_employee_fields has no hire date and no employee number, so there is no employments "
        "mapping"
    ),
    columns={
        "absences": {
            # Exported with its identifier (employee_id/id) this matches the employee export.
            "employee_id": "employee_id",
            # The request dates are calendar dates; date_from/date_to are timestamps.
            "request_date_from": "start_date",
            "request_date_to": "end_date",
            "work_entry_type_id": "absence_type",
            # state (refuse/cancel/...): filter before importing.
        },
    },
    values={
        # Odoo's standard time-off types.
        "absence_type": {
            "Sick Time Off": "sickness",
            "Paid Time Off": "other",
            "Compensatory Days": "other",
            "Unpaid": "other",
        },
    },
)

PRESETS: dict[str, Preset] = {
    preset.key: preset
    for preset in (
        AFAS,
        VISMA_RAET,
        NMBRS,
        BAMBOOHR,
        BAMBOOHR_REPORT,
        PERSONIO,
        WORKDAY,
        HRDATASET,
        ERPNEXT,
        SUCCESSFACTORS,
        ODOO,
    )
}

"""The columns of a batch CSV or .xlsx: one row per count, grouped by client id and case number.

A client's own columns (name, address, status, declaration facts) and a case's columns (county, dates,
sentence) may be repeated on every row of that client or case, or given once and left blank on the
others; two different values for the same client or case are an error naming both rows. Each column
maps to one field of the case profile (`relief schema`), so a batch row means exactly what a profile
file means. COLUMNS.md is generated from this table (`python -m assembler.batch.columns`).
"""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]

LEVELS = ("client", "case", "count")


@dataclass(frozen=True)
class Column:
    name: str
    level: str  # client, case or count: which rows must agree on it
    path: Path  # where it goes in the profile (client), in the case (case) or in the count (count)
    kind: str  # text, date, bool, int, choice, list, upper
    help: str
    example: str = ""
    required: bool = False


def _c(name, level, path, kind, help, example="", required=False) -> Column:
    return Column(name, level, tuple(path), kind, help, example, required)


_PET = ("petitioner",)
_ADDR = ("petitioner", "mailing_address")
_ATT = ("petitioner", "attorney")
_PROB = ("sentence", "probation")
_JAIL = ("sentence", "county_jail_1170h")
_PRISON = ("sentence", "state_prison")
_REVOKED = ("sentence", "probation", "revocations", 0)
_GRANTED = ("relief_granted", 0)
_REG = ("status", "registration")
BOOL = "true, false or unknown"

COLUMNS: tuple[Column, ...] = (
    # --- the client ------------------------------------------------------------------------------------
    _c("client_id", "client", (), "text", "The clinic's id for the client; names the client's output folder "
       "(letters, digits, '.', '-', '_'). The only thing about a client the terminal shows.", "C001", True),
    _c("legal_name", "client", _PET + ("legal_name",), "text", "Full legal name as on the court record.",
       "Maria Elena Lopez", True),
    _c("other_names", "client", _PET + ("other_names",), "list", "Other names used in any case, separated by ';'.",
       "Maria Lopez"),
    _c("date_of_birth", "client", _PET + ("date_of_birth",), "date", "YYYY-MM-DD.", "1990-04-12"),
    _c("street", "client", _ADDR + ("street",), "text", "Mailing address: street (a mailing address may keep "
       "the home address private).", "1200 W 7th St"),
    _c("unit", "client", _ADDR + ("unit",), "text", "Mailing address: apartment or unit.", "Apt 4"),
    _c("city", "client", _ADDR + ("city",), "text", "Mailing address: city.", "Los Angeles"),
    _c("state", "client", _ADDR + ("state",), "text", "Mailing address: state (default CA).", "CA"),
    _c("zip", "client", _ADDR + ("zip",), "text", "Mailing address: ZIP code.", "90017"),
    _c("phone", "client", _PET + ("phone",), "text", "Client's phone.", "(213) 555-0142"),
    _c("email", "client", _PET + ("email",), "text", "Client's email.", "maria.lopez@example.org"),
    _c("language", "client", _PET + ("preferred_language",), "choice", "Language of the instructions: en or es.",
       "en"),
    _c("attorney_name", "client", _ATT + ("name",), "text", "Attorney of record; blank: self-represented.", ""),
    _c("attorney_bar_number", "client", _ATT + ("state_bar_number",), "text", "Attorney's State Bar number.", ""),
    _c("attorney_firm", "client", _ATT + ("firm",), "text", "Attorney's firm or clinic.", ""),
    _c("attorney_street", "client", _ATT + ("address", "street"), "text", "Attorney's street address.", ""),
    _c("attorney_city", "client", _ATT + ("address", "city"), "text", "Attorney's city.", ""),
    _c("attorney_zip", "client", _ATT + ("address", "zip"), "text", "Attorney's ZIP code.", ""),
    _c("attorney_phone", "client", _ATT + ("phone",), "text", "Attorney's phone.", ""),
    _c("attorney_email", "client", _ATT + ("email",), "text", "Attorney's email.", ""),
    _c("pending_charge", "client", ("status", "pending_charges", 0, "description"), "text",
       "A charge pending now anywhere (short description); blank: none.", ""),
    _c("pending_charges_unknown", "client", ("status", "pending_charges_unknown"), "bool",
       "true when the client does not know whether a charge is pending.", "false"),
    _c("supervision", "client", ("status", "supervision", 0, "kind"), "choice", "Supervision now: probation, "
       "parole, prcs, mandatory_supervision or federal; blank: none.", ""),
    _c("supervision_case_number", "client", ("status", "supervision", 0, "case_number"), "text",
       "The case the supervision belongs to.", ""),
    _c("supervision_ends_on", "client", ("status", "supervision", 0, "ends_on"), "date",
       "When the supervision ends (YYYY-MM-DD).", ""),
    _c("serving_sentence", "client", ("status", "serving_sentence"), "bool", f"Serving a sentence now: {BOOL}.",
       "false"),
    _c("registrant_290", "client", ("status", "registrant_290"), "bool",
       f"Required to register under Pen. Code § 290: {BOOL}.", "false"),
    _c("super_strike_prior", "client", ("status", "super_strike_prior"), "bool",
       f"A prior listed in Pen. Code § 667(e)(2)(C)(iv): {BOOL}.", "false"),
    _c("california_resident_since", "client", ("status", "california_resident_since"), "date",
       "For a certificate of rehabilitation (YYYY-MM-DD).", ""),
    _c("registration_basis", "client", _REG + ("basis",), "choice", "Why the client registers: none, offense_290c "
       "(an offense listed in Pen. Code § 290(c)), court_ordered_290006 (§ 290.006) or terminated_290_5 (ended "
       "under § 290.5); blank: not known.", ""),
    _c("registration_since", "client", _REG + ("since",), "date", "When the duty to register began (YYYY-MM-DD).",
       ""),
    _c("registration_tier", "client", _REG + ("tier",), "int", "Registration tier under Pen. Code § 290(d): 1, 2 "
       "or 3.", ""),
    _c("prior_serious_violent_felony", "client", ("status", "prior_serious_violent_felony"), "bool",
       f"A serious or violent felony conviction not in these rows, out-of-state included (Pen. Code § 1170(h)(3)): "
       f"{BOOL}.", ""),
    _c("incarcerated_since_release", "client", ("status", "incarcerated_since_release"), "bool",
       f"Jailed or imprisoned again since release (certificate of rehabilitation, § 4852.01): {BOOL}.", ""),
    _c("mandatory_life_parole", "client", ("status", "mandatory_life_parole"), "bool",
       f"On or sentenced to mandatory life parole (§ 4852.01(c)): {BOOL}.", ""),
    _c("employment", "client", ("facts", "employment"), "text", "Declaration: work.",
       "I have worked as a certified nursing assistant since 2021."),
    _c("education", "client", ("facts", "education"), "text", "Declaration: schooling and training.", ""),
    _c("family", "client", ("facts", "family"), "text", "Declaration: family.", ""),
    _c("treatment", "client", ("facts", "treatment"), "text", "Declaration: treatment completed.", ""),
    _c("community_service", "client", ("facts", "community_service"), "text", "Declaration: service.", ""),
    _c("hardship", "client", ("facts", "hardship"), "text", "Declaration: how the record holds the client back.",
       "Background checks for a nursing program show this conviction."),
    _c("why_now", "client", ("facts", "why_now"), "text", "Declaration: why relief is needed now.", ""),
    # --- the case (one court case, or one arrest that never became one) -------------------------------
    _c("case_number", "case", ("court_case_number",), "text", "Court case number; blank for an arrest never "
       "filed in court (then rows group by arrest_report_number, else arrest_date).", "9CJ01234", True),
    _c("county", "case", ("county",), "text", "County of the court (or of the arrest).", "Los Angeles", True),
    _c("jurisdiction", "case", ("jurisdiction",), "choice", "california (default), federal or other_state.", ""),
    _c("arrest_date", "case", ("arrest", "date"), "date", "YYYY-MM-DD.", "2019-02-03"),
    _c("arrest_agency", "case", ("arrest", "agency"), "text", "Arresting agency.",
       "Los Angeles Police Department"),
    _c("arrest_report_number", "case", ("arrest", "report_number"), "text", "Arrest or report number.",
       "19-0203-1187"),
    _c("evaded_prosecution", "case", ("arrest", "evaded_prosecution"), "bool",
       f"Absconded or used a false identity (Pen. Code § 851.91(a)(2)): {BOOL}.", ""),
    _c("offense_date", "case", ("offense_date",), "date", "YYYY-MM-DD.", "2019-02-03"),
    _c("conviction_date", "case", ("conviction_date",), "date", "YYYY-MM-DD.", "2019-03-15"),
    _c("judgment_date", "case", ("judgment_date",), "date", "Sentencing date, YYYY-MM-DD.", "2019-03-15"),
    _c("dej_dismissed_on", "case", ("dej_dismissed_on",), "date", "Charges dismissed under former § 1000.3.", ""),
    _c("probation_kind", "case", _PROB + ("kind",), "choice", "summary or formal; blank: no probation "
       "(unless another probation_ column is given).", "summary"),
    _c("probation_suspension", "case", _PROB + ("suspension",), "choice",
       "imposition (ISS) or execution (ESS) of sentence suspended.", "imposition"),
    _c("probation_months", "case", _PROB + ("length_months",), "int", "Length of probation in months.", "24"),
    _c("probation_start", "case", _PROB + ("start",), "date", "YYYY-MM-DD.", "2019-03-15"),
    _c("probation_scheduled_end", "case", _PROB + ("scheduled_end",), "date", "YYYY-MM-DD.", "2021-03-14"),
    _c("probation_ended_on", "case", _PROB + ("ended_on",), "date", "YYYY-MM-DD.", "2021-03-14"),
    _c("probation_outcome", "case", _PROB + ("outcome",), "choice", "completed, terminated_early, "
       "violated_reinstated, revoked, ongoing or unknown.", "completed"),
    _c("probation_violations", "case", _PROB + ("violations",), "bool", f"Any violation, even if reinstated: {BOOL}.",
       "false"),
    _c("revoked_on", "case", _REVOKED + ("on",), "date", "Probation revoked on (YYYY-MM-DD); more than one "
       "revocation needs a profile file.", ""),
    _c("revocation_result", "case", _REVOKED + ("result",), "choice", "What followed the revocation: reinstated, "
       "prison or jail_1170h.", ""),
    _c("jail_days", "case", ("sentence", "jail_days"), "int", "Days of county jail ordered.", "2"),
    _c("jail_1170h", "case", _JAIL + ("subparagraph",), "upper",
       "County jail under Pen. Code § 1170(h)(5): A (straight) or B (split).", ""),
    _c("jail_1170h_release_date", "case", _JAIL + ("release_date",), "date", "YYYY-MM-DD.", ""),
    _c("mandatory_supervision_end", "case", _JAIL + ("mandatory_supervision_end",), "date", "YYYY-MM-DD.", ""),
    _c("prison_sentenced_on", "case", _PRISON + ("sentenced_on",), "date", "State prison: YYYY-MM-DD.", ""),
    _c("prison_ess_pronounced_on", "case", _PRISON + ("ess_pronounced_on",), "date", "A prison term imposed "
       "with execution suspended: the day it was pronounced (YYYY-MM-DD).", ""),
    _c("prison_committed_on", "case", _PRISON + ("committed_on",), "date", "The day of commitment to prison "
       "(YYYY-MM-DD).", ""),
    _c("prison_release_date", "case", _PRISON + ("release_date",), "date", "YYYY-MM-DD.", ""),
    _c("parole_discharge_date", "case", _PRISON + ("parole_discharge_date",), "date", "YYYY-MM-DD.", ""),
    _c("prcs", "case", _PRISON + ("on_prcs",), "bool", "Released to post-release community supervision.", ""),
    _c("fire_camp", "case", _PRISON + ("fire_camp",), "bool", "Served on a fire camp or hand crew.", ""),
    _c("sentence_completed", "case", ("sentence", "completed"), "bool",
       f"Every part of the sentence performed: {BOOL}.", "true"),
    _c("sentence_completed_on", "case", ("sentence", "completed_on"), "date", "YYYY-MM-DD.", ""),
    _c("fines_paid", "case", ("sentence", "fines_paid"), "bool", BOOL + ".", "true"),
    _c("fines_condition_of_probation", "case", ("sentence", "fines_condition_of_probation"), "bool",
       f"Paying the unpaid fines was a condition of probation: {BOOL}.", ""),
    _c("restitution", "case", ("sentence", "restitution"), "choice", "none_ordered, paid or unpaid.", "paid"),
    _c("new_conviction_since_judgment", "case", ("new_conviction_since_judgment",), "bool",
       f"For § 1203.4a: any new offense since judgment: {BOOL}.", ""),
    _c("trafficking_victim", "case", ("trafficking_victim",), "bool",
       f"The conviction resulted from being a victim of human trafficking: {BOOL}.", ""),
    _c("dv_child_elder_pattern", "case", ("dv_child_elder_pattern",), "bool",
       f"§ 851.91(c): a pattern of domestic violence, child or elder abuse: {BOOL}.", ""),
    _c("relief_granted", "case", _GRANTED + ("remedy",), "text", "Relief already granted in this case: 1203.4, "
       "1203.4a, 1203.41, 1203.42, 17b, 1170.18, 11361.8, 1203.425 or 851.93 (automatic, on the RAP sheet), "
       "851.91 …; more than one needs a profile file.", ""),
    _c("relief_granted_on", "case", _GRANTED + ("on",), "date", "When that relief was granted (YYYY-MM-DD).", ""),
    _c("days_out_of_state", "case", ("days_out_of_state",), "int", "Days spent outside California since the "
       "offense (they pause the statute of limitations, Pen. Code § 803(d)).", ""),
    _c("what_happened", "case", ("what_happened",), "text", "The client's own short account.", ""),
    # --- the count (one row each) ---------------------------------------------------------------------
    _c("code", "count", ("code",), "text", "Code: PC, HS, VC, BP, WI …", "PC", True),
    _c("section", "count", ("section",), "text", "Section with subdivisions, e.g. 245(a)(1).", "484", True),
    _c("description", "count", ("description",), "text", "Plain words for the offense.", "petty theft"),
    _c("level_charged", "count", ("level_charged",), "choice", "felony, misdemeanor or infraction.", "misdemeanor"),
    _c("level_convicted", "count", ("level_convicted",), "choice", "felony, misdemeanor or infraction.",
       "misdemeanor"),
    _c("disposition", "count", ("disposition",), "choice", "convicted_plea, convicted_verdict, dismissed, "
       "acquitted, never_filed, diversion_completed, dej_completed, conviction_vacated or pending.",
       "convicted_plea", True),
    _c("may_be_refiled", "count", ("may_be_refiled",), "bool", f"For a dismissed count: {BOOL}.", ""),
    _c("reduced_under_17b", "count", ("reduced_under_17b",), "bool", "Already declared a misdemeanor (true/false).",
       ""),
    _c("value_over_950", "count", ("value_over_950",), "bool", f"Theft or value offenses (Prop 47): {BOOL}.", ""),
    _c("commercial_establishment_open", "count", ("commercial_establishment_open",), "bool", "A burglary: entering "
       f"a business open during regular business hours, to steal (Prop 47 shoplifting, § 459.5(a)): {BOOL}.", ""),
    _c("vehicle_taking", "count", ("vehicle_taking",), "choice", "Veh. Code § 10851: theft (took the car for good) "
       "or driving.", ""),
    _c("forged_instrument_473b", "count", ("forged_instrument_473b",), "bool", "Forgery of a check, bond, bank "
       f"bill, note, cashier's or traveler's check or money order worth $950 or less (§ 473(b)): {BOOL}.", ""),
    _c("victim_relationship", "count", ("victim_relationship",), "choice", "Who the victim was: spouse_or_partner, "
       "dating, cohabitant, child_in_common, family, child, elder, other or none.", ""),
    _c("count_offense_date", "count", ("offense_date",), "date", "This count's own offense date, if it differs.",
       ""),
)

BY_NAME = {c.name: c for c in COLUMNS}
REQUIRED = tuple(c.name for c in COLUMNS if c.required)


def header() -> list[str]:
    return [c.name for c in COLUMNS]


def example_row() -> list[str]:
    return [c.example for c in COLUMNS]


def markdown() -> str:
    """COLUMNS.md: every column, what it means, an example, and whether the header must have it."""
    lines = [
        "# Batch columns",
        "",
        "`relief batch clients.csv -o OUTDIR` (or an .xlsx, first sheet) reads one row per count. Rows are",
        "grouped by `client_id`, then by `case_number` (for an arrest never filed in court: by",
        "`arrest_report_number`, else `arrest_date`). Client and case columns may be repeated on every row of",
        "that client or case, or given once; two different values are an error naming both rows.",
        "Columns marked required must be in the header (`relief batch` stops before any work, exit code 2,",
        "if one is missing or a column is unknown). Blank cells mean \"not given\"; `unknown` in a true/false",
        "column means the client does not know, and the decision says what to find out.",
        "`relief batch --template clients.csv` writes the header and an example row.",
        "",
        "Generated from `assembler/batch/columns.py`.",
        "",
    ]
    for level in LEVELS:
        lines += [f"## {level.capitalize()} columns", "", "| column | required | meaning | example |",
                  "| --- | --- | --- | --- |"]
        for c in COLUMNS:
            if c.level == level:
                lines.append(f"| `{c.name}` | {'yes' if c.required else ''} | {c.help} | {c.example} |")
        lines.append("")
    lines += [
        "## Results of `--assess-only`",
        "",
        "`relief batch clients.csv -o OUTDIR --assess-only` decides without making packets, for a table of any",
        "size; a client's rows must be together (a table sorted by `client_id`). `OUTDIR/results.csv` has a line",
        "per client, case and remedy: `client_id` (or \"row N\"), `rows`, `case` (the court case number, else",
        "the arrest), `county`, `remedy`, `status` (mandatory, discretionary, ineligible, needs_review; `error`",
        "when the client's rows could not be decided), `eligible_now` (yes/no), `eligible_on` (the earliest date",
        "a not-yet remedy applies), `blockers`, `discretion` and `flags` (codes, as in `relief assess --json`),",
        "`questions` (`CODE field`: what to find out), `reasons` (words with their citations, separated by",
        "\" | \"), `error` (row, column and fix). `--results-format xlsx` also writes results.xlsx.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")

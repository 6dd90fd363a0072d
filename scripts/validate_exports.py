#!/usr/bin/env python3
"""Checks the Calcinosis Guide export files with validators that are not ours.

Usage:
    python scripts/validate_exports.py DIR

DIR is the folder `cargo test --test exports` writes (target/exports). It holds backup.json,
checkins.csv, medicines.csv, fhir-bundle.json, reminder-daily.ics, reminder-weekly.ics and
expected.json (what the test meant to write). The files are checked against each other as well:
the CSVs and the FHIR bundle must carry exactly the check-ins and medicines of the backup.

- FHIR: fhir.resources (pydantic models of FHIR R4B, which matches R4 for Bundle, Questionnaire
  and QuestionnaireResponse) validates the Bundle and each entry's resource with the class of its
  resourceType. fhir.resources does not enforce required code bindings (it accepts
  Bundle.type "done"), so every code field is also checked against the codes that
  fhir.resources itself lists for it; then urn:uuid fullUrls, unique fullUrls and linkIds, the
  LOINC pain code, that every answer belongs to a question of the Questionnaire, that
  "lump-now" is answered true exactly in the check-ins whose backup has lump_now, and that every
  lesion group about a lump the backup has marked healed (and not removed: a removed lump has no
  state as of export) answers "lesion.healed" true and "lesion.healed-on" with the backup's
  healed_at (when it has one), and no other group does, a group about a removed lump still
  naming it. Each live
  medicine of the backup is one MedicationStatement (status active, the name as text only, how
  it is taken as the dosage text, dateAsserted its last change) about and from the bundle's one
  Patient. Every time (Bundle.timestamp, authored, dateAsserted, lesion.healed-on) is the
  patient's local date and time with an explicit offset (not "Z"): the offset zoneinfo gives for
  expected.json's zone at that instant, and together the backup's instant (exported, the
  check-in's at, the medicine's upd, the lump's healed_at).
- iCalendar: icalendar parses each file (no property errors, required and single properties
  present), then VEVENT, RRULE, DTSTART (floating), DURATION and the DISPLAY VALARM are compared
  with expected.json; the raw text must have CRLF line ends and lines of at most 75 octets.
- CSV: Python's csv module reads it (after the byte-order mark): header, one row per lesion
  observation (one for a check-in without), every notes cell exactly the backup's note, the
  lump_now cell "yes" exactly where the backup has lump_now (empty elsewhere); utc_offset is
  "UTC+hh:mm" or "UTC-hh:mm", the offset zoneinfo gives for expected.json's zone at the
  check-in, and date, time and offset together are the backup's instant of the check-in;
  lesion_marked_healed_as_of_export is, for a lump the backup has marked healed and not removed,
  its healed_at as a date in the zone (or "yes" without one), and empty for every other row
  (a removed lump's rows still give its name). The medicines
  file has one row per live medicine, name and "how" exactly the backup's.

Exit status: 0 when everything passes; 1 with one line per failure; 2 for bad arguments or a
missing or wrongly pinned validator.
"""

import argparse
import csv
import datetime
import importlib.metadata
import io
import json
import re
import sys
import zoneinfo
from pathlib import Path

PINS = {"fhir.resources": "8.3.0", "icalendar": "7.3.0"}
VENV_PIP = "~/.cache/calcinosis-guide/tools/venv/bin/pip"
LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
# R4 item-type (required binding); fhir.resources lists only the first few of them.
ITEM_TYPES = {
    "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string",
    "text", "url", "choice", "open-choice", "attachment", "reference", "quantity",
}
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UTC_OFFSET = re.compile(r"^UTC([+-])(\d\d):(\d\d)$")
# A local date and time to the second with its offset, as the FHIR bundle writes times.
LOCAL_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
CSV_HEADER = [
    "check_in_id", "date", "time", "utc_offset", "pain", "fever", "lump_now", "raynaud", "stiffness",
    "daily_effect", "sleep_disturbed", "warnings", "immune_weakening", "adherence", "side_effects",
    "other_side_effect", "notes", "lesion_id", "site_id", "site_label", "lesion_name",
    "lesion_marked_healed_as_of_export", "lesion_pain", "size", "signs", "advice_at_the_time",
    "advice_reasons",
]
LEVELS = {"none", "next-visit", "call-today", "get-help-now", "emergency"}
MEDICINES_HEADER = ["medicine_id", "name", "how", "updated"]
STATEMENT_STATUS = {
    "active", "completed", "entered-in-error", "intended", "stopped", "on-hold", "unknown",
    "not-taken",
}


class Failed(Exception):
    """A check that did not pass."""


def check_pins():
    for name, want in PINS.items():
        try:
            found = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found = None
        if found != want:
            print(
                f"validate_exports: {name}=={want} is needed (found {found or 'none'}); install "
                f"it with\n  {VENV_PIP} install {' '.join(f'{n}=={v}' for n, v in PINS.items())}",
                file=sys.stderr,
            )
            sys.exit(2)


def read_json(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise Failed(f"{path.name}: cannot read: {err}") from err


def live_medicines(backup):
    return [m for m in backup["data"].get("medicines", []) if not m.get("del")]


def healed_now(lump):
    """Marked healed and not removed: a removed lump (a tombstone, "del") has no state as of
    export, whatever healed mark it kept."""
    return bool(lump and lump.get("healed") and not lump.get("del"))


def lesions_by_id(backup):
    """Every lesion of the backup, removed ones too: a check-in may still name one."""
    return {l["id"]: l for l in backup["data"].get("lesions", [])}


def instant(text):
    """A backup's RFC 3339 UTC time as an aware datetime."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_local_time(where, text, want, zone):
    """A time the patient's clock read: their local date and time with an explicit offset (never
    "Z"), that offset the one zoneinfo gives for `zone` at the backup's instant `want`, and the
    two together that instant."""
    if not isinstance(text, str) or not LOCAL_TIME.match(text):
        raise Failed(f"{where}: {text!r} is not a local date and time with its offset")
    written = datetime.datetime.fromisoformat(text)
    at = instant(want)
    if written.utcoffset() != at.astimezone(zone).utcoffset():
        raise Failed(f"{where}: {text} does not have {zone.key}'s offset at {want}")
    if written != at:
        raise Failed(f"{where}: {text} is not the backup's {want}")


def live_check_ins(backup):
    data = backup.get("data") if isinstance(backup, dict) else None
    if backup.get("format") != "calcinosis-guide-backup" or not isinstance(data, dict):
        raise Failed("backup.json: not a calcinosis-guide-backup with data")
    return {c["id"]: c for c in data.get("checkins", []) if not c.get("del")}


# FHIR ---------------------------------------------------------------------------------------


def code_errors(model, path, errors):
    """Every code field whose fhir.resources definition lists its codes must use one of them."""
    from pydantic import BaseModel

    for name, field in type(model).model_fields.items():
        value = getattr(model, name, None)
        if value is None:
            continue
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        allowed = extra.get("enum_values")
        if allowed and allowed[-1] == "+":
            allowed = None  # fhir.resources cut the list short: checked by hand where it matters
        values = value if isinstance(value, list) else [value]
        for i, v in enumerate(values):
            where = f"{path}.{field.alias or name}" + (f"[{i}]" if isinstance(value, list) else "")
            if allowed and isinstance(v, str) and v not in allowed:
                errors.append(f"{where}: {v!r} is not one of {', '.join(allowed)}")
            elif isinstance(v, BaseModel):
                code_errors(v, where, errors)


def link_ids(items, into, types=None):
    for item in items or []:
        into.append(item["linkId"])
        if types is not None:
            types.append(item.get("type"))
        link_ids(item.get("item"), into, types)


def check_fhir(path, backup, check_ins, medicines, lesions, zone):
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    obj = read_json(path)
    try:
        bundle = Bundle.model_validate(obj)
        entries = obj.get("entry") or []
        for i, entry in enumerate(entries):
            resource = entry.get("resource") or {}
            cls = get_fhir_model_class(resource.get("resourceType"))
            cls.model_validate(resource)
    except (ValidationError, KeyError, TypeError, ValueError) as err:
        raise Failed(f"{path.name}: not a valid FHIR R4B Bundle: {err}") from err
    errors = []
    code_errors(bundle, "Bundle", errors)
    if errors:
        raise Failed(f"{path.name}: codes outside their required value sets: {'; '.join(errors)}")
    if obj["type"] != "collection":
        raise Failed(f"{path.name}: Bundle.type is {obj['type']!r}, not 'collection'")
    check_local_time(f"{path.name}: Bundle.timestamp", obj.get("timestamp"), backup["exported"], zone)

    urls = [e.get("fullUrl", "") for e in entries]
    bad = [u for u in urls if not UUID_URN.match(u)]
    if bad:
        raise Failed(f"{path.name}: fullUrl not a lowercase urn:uuid: {bad[:3]}")
    if len(set(urls)) != len(urls):
        raise Failed(f"{path.name}: fullUrls repeat")
    for e in entries:
        if e["resource"].get("id") != e["fullUrl"][len("urn:uuid:"):]:
            raise Failed(f"{path.name}: resource id does not match its fullUrl {e['fullUrl']}")

    kinds = [e["resource"]["resourceType"] for e in entries]
    if kinds.count("Questionnaire") != 1:
        raise Failed(f"{path.name}: {kinds.count('Questionnaire')} Questionnaires, not 1")
    questionnaire = next(e["resource"] for e in entries if e["resource"]["resourceType"] == "Questionnaire")
    if not re.fullmatch(r"[A-Z][A-Za-z0-9_]{0,254}", questionnaire.get("name", "")):
        raise Failed(f"{path.name}: Questionnaire.name is not usable as an identifier (que-0)")
    asked, types = [], []
    link_ids(questionnaire.get("item"), asked, types)
    bad = sorted(set(types) - ITEM_TYPES, key=str)
    if bad:
        raise Failed(f"{path.name}: Questionnaire item types not in R4 item-type: {bad}")
    if len(set(asked)) != len(asked):
        raise Failed(f"{path.name}: Questionnaire linkIds repeat (que-2)")
    pain = next((i for i in questionnaire["item"] if i["linkId"] == "pain"), None)
    if not pain or not any(
        c.get("system") == LOINC and c.get("code") == PAIN_CODE for c in pain.get("code", [])
    ):
        raise Failed(f"{path.name}: the pain question does not carry LOINC {PAIN_CODE}")

    responses = [e["resource"] for e in entries if e["resource"]["resourceType"] == "QuestionnaireResponse"]
    statements = check_statements(path, entries, kinds, medicines, zone)
    others = sorted(set(kinds) - {"Questionnaire", "QuestionnaireResponse", "Patient", "MedicationStatement"})
    if others:
        raise Failed(f"{path.name}: unexpected resource types {others}")
    check_healed_questions(path, questionnaire)
    patients = [e["fullUrl"] for e in entries if e["resource"]["resourceType"] == "Patient"]
    if responses and len(patients) != 1:
        raise Failed(f"{path.name}: {len(patients)} Patients, not 1, for the responses")
    seen = set()
    healed_groups = removed_groups = advised = 0
    for r in responses:
        cid = r.get("identifier", {}).get("value")
        if cid not in check_ins:
            raise Failed(f"{path.name}: response for {cid!r}, which is not a live check-in of the backup")
        seen.add(cid)
        if r["questionnaire"] != questionnaire["url"]:
            raise Failed(f"{path.name}: {cid}: questionnaire {r['questionnaire']!r} is not the bundle's")
        if r["status"] != "completed":
            raise Failed(f"{path.name}: {cid}: status {r['status']!r}")
        check_local_time(f"{path.name}: {cid}: authored", r.get("authored"), check_ins[cid]["at"], zone)
        answered = []
        link_ids(r.get("item"), answered)
        unknown = sorted(set(answered) - set(asked))
        if unknown:
            raise Failed(f"{path.name}: {cid}: answers to no question: {unknown}")
        value = [a for i in r["item"] if i["linkId"] == "pain" for a in i.get("answer", [])]
        if [a.get("valueInteger") for a in value] != [check_ins[cid]["pain"]]:
            raise Failed(f"{path.name}: {cid}: pain answer {value} is not {check_ins[cid]['pain']}")
        # "I have a lump or sore now": answered true when ticked, left out otherwise (the form
        # asks it only with a fever and no lump known).
        lump = [a for i in r["item"] if i["linkId"] == "lump-now" for a in i.get("answer", [])]
        want = [True] if check_ins[cid].get("lump_now") else []
        if [a.get("valueBoolean") for a in lump] != want:
            raise Failed(f"{path.name}: {cid}: lump-now answer {lump} is not {want}")
        for field in ("subject", "source"):
            if (r.get(field) or {}).get("reference") != patients[0]:
                raise Failed(f"{path.name}: {cid}: {field} does not refer to the bundle's Patient")
        # The advice the check-in gave: a level, as the backup kept it when it is this copy's.
        level = [a["valueCoding"]["code"] for i in r["item"] if i["linkId"] == "advice" for a in i["answer"]]
        why = [a["valueCoding"]["code"] for i in r["item"] if i["linkId"] == "advice-reasons" for a in i["answer"]]
        if len(level) != 1 or level[0] not in LEVELS:
            raise Failed(f"{path.name}: {cid}: advice {level} is not one level")
        given = check_ins[cid].get("given")
        if given and given.get("upd") == check_ins[cid].get("upd"):
            if (level[0], why) != (given["level"], given.get("why", [])):
                raise Failed(f"{path.name}: {cid}: advice {level[0]} {why} is not the {given['level']!r} given")
            advised += 1
        healed, removed = check_healed_groups(path, cid, r, lesions, zone)
        healed_groups += healed
        removed_groups += removed
    if seen != set(check_ins):
        raise Failed(f"{path.name}: {len(check_ins) - len(seen)} live check-ins have no response")
    if not any(c.get("lump_now") for c in check_ins.values()):
        raise Failed(f"{path.name}: no check-in with lump_now to test its answer with")
    if not advised:
        raise Failed(f"{path.name}: no check-in with the advice it was given, to test the advice with")
    if not healed_groups or not removed_groups:
        raise Failed(f"{path.name}: no lesion group about a healed lump, or none about one removed "
                     f"after it was marked healed, to test lesion.healed with")
    offsets = {r["authored"][-6:] for r in responses}
    if len(offsets) < 2:
        raise Failed(f"{path.name}: no change of offset among the responses to test authored with")
    return (f"Bundle of {len(entries)} resources (1 Questionnaire, {len(responses)} responses, "
            f"{statements} MedicationStatements, each about the one Patient), advice as given "
            f"({advised} responses), lesion.healed as in the backup "
            f"({healed_groups} groups healed; {removed_groups} about a removed lump answer neither), times local in {zone.key} with their offsets "
            f"({' '.join(sorted(offsets))}) and the backup's instants")


def check_healed_questions(path, questionnaire):
    """The lesion group asks the healed state, worded as the lump's state at export."""
    group = next((i for i in questionnaire.get("item", []) if i["linkId"] == "lesion"), {})
    types = {i["linkId"]: i for i in group.get("item", [])}
    for link, kind in (("lesion.healed", "boolean"), ("lesion.healed-on", "dateTime")):
        item = types.get(link)
        if item is None or item.get("type") != kind:
            raise Failed(f"{path.name}: the lesion group does not ask {link} as {kind}")
        if "as of export" not in item.get("text", ""):
            raise Failed(f"{path.name}: {link} does not say it is as of export: {item.get('text')!r}")


def check_healed_groups(path, cid, response, lesions, zone):
    """Each lesion group answers lesion.healed true exactly when the backup's lump is marked
    healed and not removed, and lesion.healed-on with its healed_at when it has one; a group
    about a removed lump still names it. Returns how many groups were about a healed lump and
    how many about one removed after it was marked healed."""
    healed = removed = 0
    for group in (i for i in response.get("item", []) if i["linkId"] == "lesion"):
        answers = {i["linkId"]: i.get("answer", []) for i in group.get("item", [])}
        lid = [a.get("valueString") for a in answers.get("lesion.id", [])]
        lump = lesions.get(lid[0]) if lid else None
        is_healed = healed_now(lump)
        if lump and lump.get("del") and lump.get("healed"):
            names = [a.get("valueString") for a in answers.get("lesion.name", [])]
            if lump.get("name") and names != [lump["name"]]:
                raise Failed(f"{path.name}: {cid}: {lid}: removed lump's name {names} is not {lump['name']!r}")
            removed += 1
        want = [True] if is_healed else []
        got = [a.get("valueBoolean") for a in answers.get("lesion.healed", [])]
        if got != want:
            raise Failed(f"{path.name}: {cid}: {lid}: lesion.healed {got} is not {want}")
        want_on = [lump["healed_at"]] if is_healed and lump.get("healed_at") else []
        got_on = [a.get("valueDateTime") for a in answers.get("lesion.healed-on", [])]
        if len(got_on) != len(want_on):
            raise Failed(f"{path.name}: {cid}: {lid}: lesion.healed-on {got_on} is not {want_on}")
        for got, want in zip(got_on, want_on):
            check_local_time(f"{path.name}: {cid}: {lid}: lesion.healed-on", got, want, zone)
        healed += is_healed
    return healed, removed


def check_statements(path, entries, kinds, medicines, zone):
    """One MedicationStatement per live medicine, in order, about and from the one Patient."""
    statements = [e["resource"] for e in entries if e["resource"]["resourceType"] == "MedicationStatement"]
    patients = [e["fullUrl"] for e in entries if e["resource"]["resourceType"] == "Patient"]
    if len(statements) != len(medicines):
        raise Failed(f"{path.name}: {len(statements)} MedicationStatements for {len(medicines)} live medicines")
    if medicines and len(patients) != 1:
        raise Failed(f"{path.name}: {len(patients)} Patients, not 1, for the medicine statements")
    for s, m in zip(statements, medicines):
        where = f"{path.name}: MedicationStatement {m['id']!r}"
        if [i.get("value") for i in s.get("identifier", [])] != [m["id"]]:
            raise Failed(f"{where}: identifier is not the medicine's id")
        if s.get("status") not in STATEMENT_STATUS or s["status"] != "active":
            raise Failed(f"{where}: status {s.get('status')!r} is not 'active'")
        concept = s.get("medicationCodeableConcept") or {}
        if concept != {"text": m["name"].strip()}:
            raise Failed(f"{where}: medicationCodeableConcept {concept} is not the name as text only")
        how = m.get("how", "").strip()
        dosage = [d.get("text") for d in s.get("dosage", [])]
        if dosage != ([how] if how else []):
            raise Failed(f"{where}: dosage text {dosage} is not {how!r}")
        for field in ("subject", "informationSource"):
            if (s.get(field) or {}).get("reference") != patients[0]:
                raise Failed(f"{where}: {field} does not refer to the bundle's Patient")
        check_local_time(f"{where}: dateAsserted", s.get("dateAsserted"), m["upd"], zone)
    return len(statements)


# iCalendar ----------------------------------------------------------------------------------


def check_ics(path, expected):
    import icalendar

    raw = path.read_bytes()
    if not raw.endswith(b"\r\n") or b"\n" in raw.replace(b"\r\n", b""):
        raise Failed(f"{path.name}: line ends are not all CRLF")
    if b"\r" in raw.replace(b"\r\n", b""):
        raise Failed(f"{path.name}: a bare carriage return")
    long = [n for n, line in enumerate(raw.split(b"\r\n"), 1) if len(line) > 75]
    if long:
        raise Failed(f"{path.name}: lines longer than 75 octets: {long[:5]}")
    try:
        raw.decode("utf-8")
        cal = icalendar.Calendar.from_ical(raw)
        cal.validate()
    except Exception as err:  # the parser raises several kinds
        raise Failed(f"{path.name}: icalendar cannot read it: {err}") from err
    for component in cal.walk():
        if component.errors:
            raise Failed(f"{path.name}: {component.name}: {component.errors}")
        for name in component.required:
            if name not in component:
                raise Failed(f"{path.name}: {component.name} has no {name}")
        for name in component.singletons:
            if isinstance(component.get(name), list):
                raise Failed(f"{path.name}: {component.name} has {name} more than once")
        if sum(name in component for name in component.exclusive) > 1:
            raise Failed(f"{path.name}: {component.name} has both of {component.exclusive}")
    if cal.get("VERSION") != "2.0":
        raise Failed(f"{path.name}: VERSION is {cal.get('VERSION')!r}")
    events = cal.walk("VEVENT")
    if len(events) != 1:
        raise Failed(f"{path.name}: {len(events)} VEVENTs, not 1")
    event = events[0]
    want = expected.get(path.name)
    if not want:
        raise Failed(f"{path.name}: not described in expected.json")
    start = event.decoded("DTSTART")
    if not isinstance(start, datetime.datetime) or start.tzinfo is not None or event["DTSTART"].params:
        raise Failed(f"{path.name}: DTSTART {start!r} is not a floating local date-time")
    if start.isoformat() != want["dtstart"]:
        raise Failed(f"{path.name}: DTSTART {start.isoformat()} is not {want['dtstart']}")
    stamp = event.decoded("DTSTAMP")
    if stamp.utcoffset() != datetime.timedelta(0):
        raise Failed(f"{path.name}: DTSTAMP is not in UTC")
    if event.decoded("DURATION") != datetime.timedelta(minutes=10):
        raise Failed(f"{path.name}: DURATION is not 10 minutes")
    rrule = event["RRULE"].to_ical().decode()
    if rrule != want["rrule"]:
        raise Failed(f"{path.name}: RRULE {rrule} is not {want['rrule']}")
    for name, key in (("SUMMARY", "summary"), ("DESCRIPTION", "description")):
        if str(event.get(name)) != want[key].replace("\r\n", "\n"):
            raise Failed(f"{path.name}: {name} {str(event.get(name))!r} is not {want[key]!r}")
    alarms = event.walk("VALARM")
    if len(alarms) != 1:
        raise Failed(f"{path.name}: {len(alarms)} VALARMs, not 1")
    alarm = alarms[0]
    if alarm.get("ACTION") != "DISPLAY" or not alarm.get("DESCRIPTION"):
        raise Failed(f"{path.name}: the alarm is not a DISPLAY alarm with a DESCRIPTION")
    if alarm.decoded("TRIGGER") != datetime.timedelta(0):
        raise Failed(f"{path.name}: the alarm is not at the start")
    return f"VEVENT {rrule} from {start.isoformat()}, DISPLAY alarm"


# CSV ----------------------------------------------------------------------------------------


def unguard(cell):
    """The text less each ' the formula guard put before a formula character, at the start of
    the cell or after a separator a spreadsheet may split on."""
    out, at_start = [], True
    for i, ch in enumerate(cell):
        if at_start and ch != " ":
            at_start = False
            if ch == "'" and i + 1 < len(cell) and cell[i + 1] in FORMULA_START:
                continue
        out.append(ch)
        if ch in ",;\t|":
            at_start = True
    return "".join(out)


def check_semicolon_reading(path, text):
    """A spreadsheet whose list separator is ';' (the default in Portugal) reads quotes only at
    the start of a field: no field it sees may start like a formula."""
    for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=";"), 1):
        for field in row:
            if field.lstrip(" ").startswith(FORMULA_START):
                raise Failed(f"{path.name}: read with ';', record {n} has a formula field {field!r}")


def check_csv(path, check_ins, lesions, zone):
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        raise Failed(f"{path.name}: no UTF-8 byte-order mark")
    text = raw[3:].decode("utf-8")
    if not text.endswith("\r\n") or not text.startswith(",".join(CSV_HEADER) + "\r\n"):
        raise Failed(f"{path.name}: header or CRLF record ends missing")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    check_semicolon_reading(path, text)
    if rows[0] != CSV_HEADER:
        raise Failed(f"{path.name}: header is {rows[0]}")
    body = rows[1:]
    bad = [n for n, r in enumerate(body, 2) if len(r) != len(CSV_HEADER)]
    if bad:
        raise Failed(f"{path.name}: rows {bad[:5]} do not have {len(CSV_HEADER)} cells")
    want = sum(max(1, len(c.get("obs", []))) for c in check_ins.values())
    if len(body) != want:
        raise Failed(f"{path.name}: {len(body)} rows, expected {want} (one per observation)")
    col = {name: i for i, name in enumerate(CSV_HEADER)}
    zone_name = zone.key
    tricky = said = removed_rows = given_rows = 0
    offsets, local_times, healed_cells = set(), {}, {}
    for n, row in enumerate(body, 2):
        c = check_ins.get(row[col["check_in_id"]])
        if c is None:
            raise Failed(f"{path.name}: row {n} is not a live check-in of the backup")
        note = c.get("notes", "")
        cell = row[col["notes"]]
        if unguard(cell) != note:
            raise Failed(f"{path.name}: row {n} notes {cell!r} is not {note!r} with formula guards")
        tricky += any(ch in note for ch in ',"\n') or note != note.encode("ascii", "ignore").decode()
        lump = "yes" if c.get("lump_now") else ""
        if row[col["lump_now"]] != lump:
            raise Failed(f"{path.name}: row {n} lump_now {row[col['lump_now']]!r} is not {lump!r}")
        said += row[col["lump_now"]] == "yes"
        cid = row[col["check_in_id"]]
        at = instant(c["at"])
        found = UTC_OFFSET.match(row[col["utc_offset"]])
        if not found or int(found[3]) > 59:
            raise Failed(f"{path.name}: row {n} utc_offset {row[col['utc_offset']]!r} is not UTC+hh:mm")
        sign = -1 if found[1] == "-" else 1
        offset = datetime.timedelta(minutes=sign * (int(found[2]) * 60 + int(found[3])))
        if offset != at.astimezone(zone).utcoffset():
            raise Failed(f"{path.name}: row {n} utc_offset {offset} is not {zone_name}'s at {c['at']}")
        try:
            written = datetime.datetime.strptime(
                f"{row[col['date']]} {row[col['time']]}", "%Y-%m-%d %H:%M"
            ).replace(tzinfo=datetime.timezone(offset))
        except ValueError as err:
            raise Failed(f"{path.name}: row {n} date and time are not YYYY-MM-DD and hh:mm") from err
        if written != at.replace(second=0, microsecond=0):
            raise Failed(f"{path.name}: row {n} {written.isoformat()} is not the check-in's {c['at']}")
        offsets.add(offset)
        local_times.setdefault((row[col["date"]], row[col["time"]]), set()).add((cid, offset))
        lump = lesions.get(row[col["lesion_id"]]) if row[col["lesion_id"]] else None
        if lump and lump.get("del") and lump.get("healed"):
            if row[col["lesion_name"]] != lump.get("name", ""):
                raise Failed(f"{path.name}: row {n} lesion_name {row[col['lesion_name']]!r} is not the removed lump's")
            removed_rows += 1
        if healed_now(lump):
            when = lump.get("healed_at")
            healed = instant(when).astimezone(zone).date().isoformat() if when else "yes"
        else:
            healed = ""
        cell = row[col["lesion_marked_healed_as_of_export"]]
        if cell != healed:
            raise Failed(f"{path.name}: row {n} lesion_marked_healed_as_of_export {cell!r} is not {healed!r}")
        if healed:
            healed_cells[healed == "yes"] = healed_cells.get(healed == "yes", 0) + 1
        # The advice the patient was shown: as the backup kept it when it is this copy's.
        advice = row[col["advice_at_the_time"]]
        if advice not in LEVELS:
            raise Failed(f"{path.name}: row {n} advice_at_the_time {advice!r} is not a level")
        given = c.get("given")
        if given and given.get("upd") == c.get("upd"):
            reasons = "; ".join(given.get("why", []))
            if (advice, row[col["advice_reasons"]]) != (given["level"], reasons):
                raise Failed(f"{path.name}: row {n} advice {advice!r} is not the {given['level']!r} given")
            given_rows += 1
        for name in CSV_HEADER:
            if row[col[name]].startswith(FORMULA_START):
                raise Failed(f"{path.name}: row {n} {name} could run as a spreadsheet formula")
    if not tricky:
        raise Failed(f"{path.name}: no note with commas, quotes, line breaks or non-ASCII to test")
    if not said:
        raise Failed(f"{path.name}: no row with lump_now to test the column with")
    if not given_rows:
        raise Failed(f"{path.name}: no check-in with the advice it was given, to test the column with")
    repeated = [t for t, seen in local_times.items() if len({o for _, o in seen}) > 1]
    if len(offsets) < 2 or not repeated:
        raise Failed(f"{path.name}: no change of offset, or no local time seen twice, to test utc_offset with")
    if set(healed_cells) != {False, True} or not removed_rows:
        raise Failed(f"{path.name}: no healed lump with a date, one without, or one removed after it "
                     f"was marked healed, to test the column with")
    return (f"{len(body)} rows for {len(check_ins)} check-ins, notes exact ({tricky} tricky), "
            f"lump_now as in the backup ({said} yes), advice as given ({given_rows} rows), date + time + utc_offset the "
            f"backup's instant to the minute in {zone_name} ({len(offsets)} offsets; {' '.join(repeated[0])} "
            f"twice), healed as in the backup ({healed_cells[False]} rows with a date, "
            f"{healed_cells[True]} 'yes', {removed_rows} of a removed lump empty)")


def instant(text):
    """An RFC 3339 time (with "Z" or an offset) as an aware datetime."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_medicines_csv(path, medicines):
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        raise Failed(f"{path.name}: no UTF-8 byte-order mark")
    text = raw[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not text.endswith("\r\n") or rows[0] != MEDICINES_HEADER:
        raise Failed(f"{path.name}: header {rows[0]} or CRLF record ends wrong")
    body = rows[1:]
    if [r[0] for r in body] != [m["id"] for m in medicines]:
        raise Failed(f"{path.name}: rows {[r[0] for r in body]} are not the live medicines")
    check_semicolon_reading(path, text)
    for row, m in zip(body, medicines):
        want = [m["id"], m["name"], m.get("how", ""), m["upd"]]
        # The time of the last change is local, with its offset (as the check-ins' and FHIR's
        # times): the same moment as the backup's UTC one.
        local = row[3]
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", local) or (
            instant(local) != instant(m["upd"])
        ):
            raise Failed(f"{path.name}: updated {local} is not {m['upd']} in local time with its offset")
        if [unguard(cell) for cell in row[:3]] != want[:3]:
            raise Failed(f"{path.name}: row {row} is not {want} with formula guards")
        if any(cell.startswith(FORMULA_START) for cell in row):
            raise Failed(f"{path.name}: a cell of {m['id']} could run as a spreadsheet formula")
    if not any(m["name"].startswith(FORMULA_START) for m in medicines):
        raise Failed(f"{path.name}: no formula-like name to test the guard with")
    return f"{len(body)} medicines, names and how exact"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Validate Calcinosis Guide export files.")
    parser.add_argument("dir", metavar="DIR", help="folder with the exports (target/exports)")
    args = parser.parse_args(argv)
    check_pins()
    root = Path(args.dir)
    if not root.is_dir():
        print(f"validate_exports: {root} is not a directory", file=sys.stderr)
        return 2

    failures = []
    try:
        backup = read_json(root / "backup.json")
        check_ins = live_check_ins(backup)
        medicines = live_medicines(backup)
        lesions = lesions_by_id(backup)
        expected_all = read_json(root / "expected.json")
        expected = expected_all.get("ics", {})
        zone_name = expected_all.get("zone")
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, TypeError, ValueError) as err:
            raise Failed(f"expected.json: zone {zone_name!r} is not a zone this Python knows") from err
    except Failed as err:
        print(f"FAIL {err}")
        return 1
    checks = [
        ("fhir-bundle.json", lambda p: check_fhir(p, backup, check_ins, medicines, lesions, zone)),
        ("checkins.csv", lambda p: check_csv(p, check_ins, lesions, zone)),
        ("medicines.csv", lambda p: check_medicines_csv(p, medicines)),
        ("reminder-daily.ics", lambda p: check_ics(p, expected)),
        ("reminder-weekly.ics", lambda p: check_ics(p, expected)),
    ]
    for name, check in checks:
        path = root / name
        try:
            if not path.is_file():
                raise Failed(f"{name}: missing")
            print(f"ok   {name}: {check(path)}")
        except Failed as err:
            failures.append(str(err))
            print(f"FAIL {err}")
    print(f"{len(checks) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reading-grade check for the Calcinosis Guide section files.

Usage:
    python scripts/readability.py [--max 8] [--target 6] [--enforce-all] DIR...

For every section file (*.json, searched recursively) under each DIR, the script builds the
section's body text (lead, block headings, paragraphs and bullets, questions and answers),
computes the Flesch-Kincaid grade with textstat (pinned to 0.7.4) and prints one line per
section: file, grade, words.

The language of a file is taken from its path: the nearest folder at or above it whose name
starts with "en" (English) or is a language tag with hyphenation rules ("pt", "pt-BR", ...).
Files with no language folder are checked as English. English is checked against --max.
Portuguese is measured with the Flesch reading ease as adapted for Portuguese by Martins et al.
(1996): 248.835 - 1.015 x words per sentence - 84.6 x syllables per word, where 50 to 75 reads as
"easy" (school years 5 to 8) and below 50 as "difficult"; it must be at least --pt-min (default
50, the grade-8 ceiling). Syllables are counted by pyphen's Portuguese hyphenation, which counts
a little low (one for "dia", "saude"): the figure errs easy, so the margin matters more than the
number. The Flesch-Kincaid grade is printed beside it for comparison only (it was made for
English). Other languages are only reported, unless --enforce-all is given.

Exit status: 0 when every enforced section is at or below --max; 1 when one is above it, when a
file cannot be read or parsed, or when a DIR holds no section files; 2 for bad arguments or a
missing textstat.
"""

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

TEXTSTAT_VERSION = "0.7.4"
ENGLISH = "en_US"  # textstat's own default dictionary, so results match plain textstat use
SENTENCE_END = (".", "!", "?", ":")
CLOSERS = "\"'”’»)]"
LANG_TAG = re.compile(r"^([a-z]{2,3})(?:[-_]([A-Za-z]{2}|[A-Za-z]{4}|\d{3}))?$")
TEXT_LIST_FIELDS = ("paragraphs", "bullets")


class SectionError(Exception):
    """A section file that cannot be checked."""


def load_textstat():
    with warnings.catch_warnings():
        # textstat 0.7.4 imports pkg_resources, which warns on newer setuptools.
        warnings.simplefilter("ignore")
        try:
            import textstat  # noqa: WPS433 (import inside function on purpose)
        except ImportError:
            print(
                "readability: textstat is not installed. Install the pinned version:\n"
                "  python3 -m venv ~/.cache/calcinosis-guide/tools/venv\n"
                f"  ~/.cache/calcinosis-guide/tools/venv/bin/pip install textstat=={TEXTSTAT_VERSION}",
                file=sys.stderr,
            )
            sys.exit(2)
    try:
        from importlib.metadata import version

        found = version("textstat")
    except Exception:  # pragma: no cover - metadata missing is unusual
        found = "unknown"
    if found != TEXTSTAT_VERSION:
        print(
            f"readability: warning: textstat {found} is installed, results are pinned to "
            f"{TEXTSTAT_VERSION}",
            file=sys.stderr,
        )
    return textstat


def sentence(piece):
    """Return piece stripped, ending in sentence punctuation (". " is added when missing)."""
    piece = " ".join(piece.split())
    if not piece:
        return ""
    if piece.rstrip(CLOSERS).endswith(SENTENCE_END):
        return piece + " "
    return piece + ". "


def text_field(obj, field, where):
    value = obj.get(field)
    if value is None:
        return []
    if not isinstance(value, str):
        raise SectionError(f'{where}"{field}" must be a string')
    return [value]


def list_field(obj, field, where):
    value = obj.get(field)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SectionError(f'{where}"{field}" must be a list of strings')
    return value


def section_pieces(data):
    """The body pieces of a section, in reading order."""
    if not isinstance(data, dict):
        raise SectionError("the top level must be a JSON object")
    pieces = text_field(data, "lead", "")
    blocks = data.get("blocks", [])
    if not isinstance(blocks, list):
        raise SectionError('"blocks" must be a list')
    for i, block in enumerate(blocks):
        where = f"blocks[{i}]."
        if not isinstance(block, dict):
            raise SectionError(f"blocks[{i}] must be an object")
        pieces += text_field(block, "heading", where)
        for field in TEXT_LIST_FIELDS:
            pieces += list_field(block, field, where)
    questions = data.get("questions", [])
    if not isinstance(questions, list):
        raise SectionError('"questions" must be a list')
    for i, qa in enumerate(questions):
        where = f"questions[{i}]."
        if not isinstance(qa, dict):
            raise SectionError(f"questions[{i}] must be an object")
        pieces += text_field(qa, "question", where)
        pieces += text_field(qa, "answer", where)
    return pieces


def body_text(data):
    return "".join(sentence(p) for p in section_pieces(data)).strip()


def language_of(name, pyphen):
    """(dictionary, english?) when a folder name is a language, else None.

    A name starting with "en" is English; another name is a language when it looks like a
    tag ("pt", "pt-BR", "de_AT") that pyphen has hyphenation rules for.
    """
    if name.lower().startswith("en"):
        return ENGLISH, True
    if LANG_TAG.match(name):
        lang = pyphen.language_fallback(name.replace("-", "_"))
        if lang:
            return lang, False
    return None


def file_language(path, root, pyphen):
    """(dictionary, english?, tag) for a file: the nearest language folder at or above it.

    Folders below DIR are looked at first (nearest first), then DIR and its parents. With no
    language folder at all the file is checked as English, textstat's default.
    """
    candidates = list(reversed(path.relative_to(root).parts[:-1]))
    candidates += list(reversed(root.resolve().parts))
    for name in candidates:
        found = language_of(name, pyphen)
        if found:
            return found[0], found[1], name
    return ENGLISH, True, "no language folder, checked as English"


def portuguese_ease(textstat, text):
    """Flesch reading ease adapted for Portuguese (Martins et al. 1996), from textstat's counts
    in the language already set (unrounded: textstat's own averages are rounded to one decimal)."""
    words = textstat.lexicon_count(text)
    sentences = max(1, textstat.sentence_count(text))
    syllables = textstat.syllable_count(text)
    return 248.835 - 1.015 * words / sentences - 84.6 * syllables / max(1, words)


def is_section_file(path, data):
    """JSON files in a "sections" folder are sections; elsewhere, files that look like one."""
    if "sections" in path.parts[:-1]:
        return True
    return isinstance(data, dict) and ("blocks" in data or "lead" in data)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Flesch-Kincaid grade of each Calcinosis Guide section file."
    )
    parser.add_argument("dirs", metavar="DIR", nargs="+", help="folder(s) holding section files")
    parser.add_argument("--max", type=float, default=8.0, help="highest grade allowed (default 8)")
    parser.add_argument("--target", type=float, default=6.0, help="grade to aim for (default 6)")
    parser.add_argument(
        "--pt-min",
        type=float,
        default=50.0,
        help="lowest Portuguese reading ease allowed (Martins et al.; default 50)",
    )
    parser.add_argument(
        "--enforce-all",
        action="store_true",
        help="apply --max to every language, not only English",
    )
    args = parser.parse_args(argv)

    textstat = load_textstat()
    import pyphen

    failures = []
    over_target = []
    rows = 0
    for d in args.dirs:
        root = Path(d)
        if not root.is_dir():
            failures.append(f"{d}: not a directory")
            continue
        found = 0
        for path in sorted(root.rglob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
                failures.append(f"{path}: cannot parse: {err}")
                found += 1
                continue
            if not is_section_file(path, data):
                print(f"{path}: skipped (not a section file)")
                continue
            found += 1
            try:
                text = body_text(data)
            except SectionError as err:
                failures.append(f"{path}: {err}")
                continue
            if not text:
                failures.append(f"{path}: the section has no body text")
                continue

            lang, english, tag = file_language(path, root, pyphen)
            textstat.set_lang(lang)
            grade = textstat.flesch_kincaid_grade(text)
            words = textstat.lexicon_count(text)
            rows += 1
            if lang.startswith("pt"):
                ease = portuguese_ease(textstat, text)
                print(f"{path}\treading ease {ease:.1f}\twords {words}\t[{lang}; Martins et al.,"
                      f" at least {args.pt_min:g}; Flesch-Kincaid {grade:.1f} for comparison]")
                if ease < args.pt_min:
                    failures.append(f"{path}: Portuguese reading ease {ease:.1f} is below {args.pt_min:g}")
                continue
            enforced = english or args.enforce_all
            if english:
                note = "" if tag.lower().startswith("en") else f"; {tag}"
            else:
                note = "; enforced" if enforced else "; reported only"
            print(f"{path}\tgrade {grade:.1f}\twords {words}\t[{lang}{note}]")
            if enforced and grade > args.max:
                failures.append(f"{path}: grade {grade:.1f} is above the maximum {args.max:g}")
            elif enforced and grade > args.target:
                over_target.append(f"{path}: grade {grade:.1f} (target {args.target:g})")
        if found == 0:
            failures.append(f"{d}: no section files (*.json) found")

    for line in over_target:
        print(f"note: above target but within the maximum: {line}")
    if failures:
        print("readability check FAILED:", file=sys.stderr)
        for line in failures:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"readability check passed: {rows} section(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

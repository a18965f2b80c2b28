"""Make dataset text safe to show: nothing in the data may drive the terminal or break a line.

`HIDDEN` is the one list of characters that are shown as escapes wherever text reaches a terminal
or a flat file (README, "Security model", names the same set):
- C0 and C1 control characters and DEL (terminal escapes, BEL, NUL, backspace, carriage return);
- bidirectional controls: ALM, LRM, RLM, the embeddings and overrides LRE–RLO and the isolates
  LRI–PDI, which can make text read backwards ("Trojan Source");
- invisible characters: soft hyphen, Mongolian vowel separator, zero-width space, word joiner and
  the invisible operators, the deprecated format characters, the byte-order mark, interlinear
  annotation marks, Hangul fillers (which pass for blank names) and tag characters;
- the line and paragraph separators U+2028 and U+2029, which some tools read as line breaks.
Zero-width joiner and non-joiner and variation selectors stay: emoji and some scripts need them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

_CONTROLS_BUT_NEWLINE = "\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f"
_INVISIBLE = (
    "\\u00ad\\u061c\\u115f\\u1160\\u180e\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f"
    "\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb\\U000e0000-\\U000e007f"
)
HIDDEN = "\\n" + _CONTROLS_BUT_NEWLINE + _INVISIBLE
"""A regular-expression character class body."""
_UNSAFE = f"[{HIDDEN}]"
_UNSAFE_KEEP_NEWLINES = f"[{_CONTROLS_BUT_NEWLINE}{_INVISIBLE}]"
_UNSAFE_IN_JSON = f"[\\x7f-\\x9f{_INVISIBLE}]"
"""JSON writes C0 controls as escapes itself."""
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.cache
def pattern(regex: str) -> re.Pattern[str]:
    """`re.compile`, on first use and kept: a module's patterns cost nothing to the calls that do not
    use them (compiling this module's and the date forms took about 6 ms of every start-up, `--help` too)."""
    return re.compile(regex)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, keep_newlines: bool = False) -> str:
    """`text` with control and invisible characters written out as escapes."""
    return pattern(_UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE).sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    import json

    return json.dumps(match.group())[1:-1]  # \\u escapes, a surrogate pair beyond the BMP


def to_json(value: Any, indent: int | None = None, compact: bool = False, sort_keys: bool = False) -> str:
    """JSON text, UTF-8 readable, with every `HIDDEN` character as a \\u escape: parsed, it is exact.

    Indented, it is written by msgspec: the standard library's encoder is pure Python whenever it
    indents (seven times slower on the bundled dataset), and the text is the same but for a float in
    exponent form (`1e16` for `1e+16`), which kjtimeline writes none of. On one line it is the
    standard library's C encoder: msgspec would leave a UTF-8 copy inside every Korean and Japanese
    string it wrote, and the streaming exports would grow with the dataset.
    """
    if indent:
        import msgspec  # here: a call that writes no JSON (`--help`) has no use for it

        raw = msgspec.json.encode(value, order="sorted" if sort_keys else None)
        text = msgspec.json.format(raw, indent=indent).decode("utf-8")
    else:
        texts = _strings(value, compact) if type(value) in (list, tuple) else None
        text = texts if texts is not None else _json_encoder(compact, sort_keys).encode(value)
    return pattern(_UNSAFE_IN_JSON).sub(_json_escape, text)


def _strings(value: list[Any] | tuple[Any, ...], compact: bool) -> str | None:
    """A list of texts, the commonest value of the exports (facts, places, aliases), written with the
    C encoder's own escaping at a third of the encoder's cost (the same text); None for any other list."""
    try:
        return "[" + ("," if compact else ", ").join(map(_string_encoder(), value)) + "]"
    except TypeError:  # an item that is not a text
        return None


@functools.cache
def _string_encoder() -> Callable[[str], str]:
    from json.encoder import encode_basestring

    return encode_basestring


@functools.cache
def _json_encoder(compact: bool, sort_keys: bool) -> Any:
    """`json.dumps` builds an encoder on every call with options: half its cost on a short list.

    `json` is imported here: a call that writes no JSON (`--help`, the terminal view) has no use for it."""
    import json

    separators = (",", ":") if compact else None
    return json.JSONEncoder(ensure_ascii=False, separators=separators, sort_keys=sort_keys)


_WIDTH_CHARS = "\u3000\uff01-\uffef"
"""Full-width Latin letters, digits and signs (ＡＢＣ１), half-width katakana (ｶﾀｶﾅ), the ideographic space."""
_ACCENTED_CHARS = "\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff"
"""Latin letters with accents (é, ō, ü, ạ) and loose combining accents; kana voicing marks (が) stay."""
_WIDTH_FORMS = f"[{_WIDTH_CHARS}]+"
_ACCENTED = f"[{_ACCENTED_CHARS}]"
_FOLDED_RUNS = f"[{_WIDTH_CHARS}{_ACCENTED_CHARS}]+"
"""Runs of the characters `fold` rewrites: one scan of the text finds both kinds, not one scan each."""


@functools.cache
def _unaccented(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", char) if not "\u0300" <= c <= "\u036f")


def _width_folded(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group()).casefold()


def fold(text: str) -> str:
    """The form text is compared in, for names and searches alike: composed (NFC), case folded, the
    full- and half-width forms as their usual characters (NFKC on those only), and accents on Latin
    letters dropped, so "Sato", "satō" and "ＳＡＴＯ" are one word. Only the characters that need it are
    rewritten: most text is ASCII, Hangul or kana, and folding runs over every event on every search."""
    folded = unicodedata.normalize("NFC", text).casefold()
    if folded.isascii():
        return folded
    return pattern(_FOLDED_RUNS).sub(_folded_run, folded)


def _folded_run(match: re.Match[str]) -> str:
    return _fold_run(match.group())


@functools.lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    """A run of width forms and accented letters folded: width forms first, then the accents of the result
    (full-width ￣ is a space and a combining macron). Runs repeat (the full-width brackets of Japanese text)."""
    run = pattern(_WIDTH_FORMS).sub(_width_folded, run)
    return pattern(_ACCENTED).sub(lambda match: _unaccented(match.group()), run)


_IRREGULAR = {"woman": "women", "man": "men", "child": "children", "person": "people"}
_IRREGULAR_BACK = {plural: singular for singular, plural in _IRREGULAR.items()}
_SIBILANT = ("s", "x", "z", "ch", "sh")


def word_forms(word: str) -> tuple[str, ...]:
    """A folded word and its English singular and plural, which a search treats as the same word.

    The rule is small on purpose (no stemming): women/woman (and man, child, person), -ies/-y,
    -es after s, x, z, ch or sh, and -s. Words match as substrings, so a singular already finds
    its regular plural ("summit" is in "summits"); the forms add what a substring cannot reach.
    """
    forms = [word]
    if word in _IRREGULAR:
        forms.append(_IRREGULAR[word])
    elif word in _IRREGULAR_BACK:
        forms.append(_IRREGULAR_BACK[word])
    elif word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith("es") and word[:-2].endswith(_SIBILANT):
        forms.append(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.append(word[:-1])
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    return tuple(forms)


def search_words(text: str) -> tuple[tuple[str, ...], ...]:
    """What a search for `text` looks for: each word (split at spaces), as its `word_forms`."""
    return tuple(word_forms(word) for word in fold(text).split())


def find_word(forms: tuple[str, ...], folded: str) -> int:
    """Where the first of a word's forms occurs in already folded text, or -1."""
    for form in forms:
        position = folded.find(form)
        if position >= 0:
            return position
    return -1


def has_all_words(words: tuple[tuple[str, ...], ...], texts: tuple[str, ...]) -> bool:
    """Every word (in one of its forms) occurs somewhere in `texts`, in any order: the one meaning of
    `search` and of every `--text` filter."""
    # One fold of the texts a line apart is the fold of each (no form of a word spans a line, and fold
    # rewrites no character by its neighbours across one): a call for all of a record's texts, not one each.
    folded = fold("\n".join(texts))
    return all(find_word(forms, folded) >= 0 for forms in words)

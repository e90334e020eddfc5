"""How the give-and-take commands show a person, an amount, a kind and an outcome."""

from __future__ import annotations

from typing import Any


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def who(ref: dict[str, Any] | None, me_id: int) -> str:
    if ref is None:
        return "-"
    return "you" if ref["id"] == me_id else str(ref["name"])


def amount(value: dict[str, str] | None) -> str:
    return f"{value['amount']} {value['currency']}" if value else "-"


def sums(values: dict[str, str]) -> str:
    return ", ".join(f"{amount} {currency}" for currency, amount in values.items()) or "-"


def kind_word(code: str) -> str:
    from knoten.reciprocity.vocabulary import FAVOUR_KINDS

    return next((word.en for word in FAVOUR_KINDS if word.code == code), code)


def outcome_word(code: str, won: dict[str, str] | None = None) -> str:
    from knoten.reciprocity.vocabulary import OUTCOMES

    word = next((word.en for word in OUTCOMES if word.code == code), code)
    return f"{word} ({amount(won)})" if won else word

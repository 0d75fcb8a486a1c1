"""Amounts in euro written out in words, as a certificate or a payment order states them:
"сто двадесет и три евро и петдесет цента" / "one hundred and twenty-three euro and fifty cents".

English comes from num2words; num2words has no Bulgarian, so Bulgarian is written here. Its
rules: "евро" is neuter (едно, две евро), "цент" masculine (един, два цента), "хиляда"
feminine (две хиляди), "милион" masculine (два милиона); "и" stands before the last word of
a number ("сто и пет", "сто двадесет и три", "хиляда и петстотин", "две хиляди двадесет и
едно")."""

from num2words import num2words

ONES = {
    "m": ("нула", "един", "два", "три", "четири", "пет", "шест", "седем", "осем", "девет"),
    "f": ("нула", "една", "две", "три", "четири", "пет", "шест", "седем", "осем", "девет"),
    "n": ("нула", "едно", "две", "три", "четири", "пет", "шест", "седем", "осем", "девет"),
}
TEENS = ("десет", "единадесет", "дванадесет", "тринадесет", "четиринадесет", "петнадесет", "шестнадесет",
         "седемнадесет", "осемнадесет", "деветнадесет")
TENS = ("", "", "двадесет", "тридесет", "четиридесет", "петдесет", "шестдесет", "седемдесет", "осемдесет",
        "деветдесет")
HUNDREDS = ("", "сто", "двеста", "триста", "четиристотин", "петстотин", "шестстотин", "седемстотин",
            "осемстотин", "деветстотин")


def _parts_below_thousand(number, gender):
    """The words of 1..999, as separate parts ("сто", "двадесет", "три")."""
    parts = []
    hundreds, rest = divmod(number, 100)
    if hundreds:
        parts.append(HUNDREDS[hundreds])
    if 10 <= rest < 20:
        parts.append(TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            parts.append(TENS[tens])
        if ones:
            parts.append(ONES[gender][ones])
    return parts


def _join(parts):
    # A last part that has its own "и" ("сто и двадесет хиляди") takes no second one.
    if len(parts) == 1 or " и " in parts[-1]:
        return " ".join(parts)
    return " ".join(parts[:-1]) + " и " + parts[-1]


def _parts(number, gender):
    """The number as parts, each a phrase; "и" goes before the last one."""
    if number == 0:
        return []
    if number < 1000:
        return _parts_below_thousand(number, gender)
    for size, one, many, group_gender in ((10 ** 9, "един милиард", "милиарда", "m"),
                                          (10 ** 6, "един милион", "милиона", "m"),
                                          (1000, "хиляда", "хиляди", "f")):
        if number >= size:
            high, rest = divmod(number, size)
            head = one if high == 1 else f"{_join(_parts(high, group_gender))} {many}"
            return [head, *_parts(rest, gender)]
    raise AssertionError("unreachable")


def bulgarian_number(number, gender="m"):
    """A whole number 0..999 999 999 999 in words; ``gender`` of the counted noun: "m", "f", "n"."""
    if number < 0 or number >= 10 ** 12:
        raise ValueError("out of range")
    if number == 0:
        return ONES[gender][0]
    return _join(_parts(number, gender))


def bulgarian_amount(cents):
    euros, rest = divmod(int(cents), 100)
    text = f"{bulgarian_number(euros, 'n')} евро"
    if rest:
        unit = "цент" if rest == 1 else "цента"
        text += f" и {bulgarian_number(rest, 'm')} {unit}"
    return text


def english_amount(cents):
    euros, rest = divmod(int(cents), 100)
    text = f"{num2words(euros, lang='en')} euro"
    if rest:
        text += f" and {num2words(rest, lang='en')} {'cent' if rest == 1 else 'cents'}"
    return text


def amount_in_words(cents, language="bg"):
    return bulgarian_amount(cents) if (language or "bg")[:2] == "bg" else english_amount(cents)

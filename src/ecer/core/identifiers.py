"""Identifiers in official registers: the unified social credit code (统一社会信用代码, GB 32100-2015)."""

from __future__ import annotations

#: GB 32100-2015 §4.2 / 附录: the 31 characters of the code (digits and capital letters without I, O, Z, S, V),
#: each with its value 0–30 in this order.
CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

#: GB 32100-2015 §5 (校验码计算): weight of positions 1–17, 3^(i-1) mod 31.
CREDIT_CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def credit_code_check_character(first17: str) -> str:
    r"""The check character (position 18) of a unified social credit code.

    .. math:: C_{18} = 31 - \left(\sum_{i=1}^{17} C_i W_i \bmod 31\right), \quad 31 \mapsto 0

    first17 : the first 17 characters of the code (registration authority, type, region code, organisation code)
    Returns the character whose value is C₁₈ in ``CREDIT_CODE_CHARACTERS``.
    Raises ValueError naming the position of a character the code does not allow.

    Reference: GB 32100-2015《法人和其他组织统一社会信用代码编码规则》§5 and 附录 A (weights 1, 3, 9, 27, 19, …).

    >>> credit_code_check_character("91440300192203821")  # Huawei Technologies Co., Ltd., 914403001922038216
    '6'
    >>> credit_code_check_character("9144030071526726X")  # Tencent (Shenzhen), 9144030071526726XG
    'G'
    """
    if len(first17) != 17:
        raise ValueError(f"expected the first 17 characters, got {len(first17)}")
    total = 0
    for position, (char, weight) in enumerate(zip(first17, CREDIT_CODE_WEIGHTS, strict=True), start=1):
        value = CREDIT_CODE_CHARACTERS.find(char)
        if value < 0:
            raise ValueError(f"character {char!r} at position {position} is not allowed in a credit code")
        total += value * weight
    check = 31 - total % 31
    return CREDIT_CODE_CHARACTERS[0 if check == 31 else check]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid unified social credit code, or None when it is.

    The reasons are sentences a user can act on (length, a character outside GB 32100's set with its position,
    a wrong check character with the expected one). Lower-case letters are not accepted: the register prints
    capitals, and a code is never altered silently.

    >>> credit_code_problem("914403001922038216") is None
    True
    >>> credit_code_problem("914403001922038217")
    "check character (position 18) is '7', GB 32100-2015 gives '6' for the first 17 characters"
    >>> credit_code_problem("9144030019220382")
    'a credit code has 18 characters, this one has 16'
    """
    if len(code) != 18:
        return f"a credit code has 18 characters, this one has {len(code)}"
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CODE_CHARACTERS:
            return (
                f"character {char!r} at position {position} is not allowed "
                f"(GB 32100-2015 uses digits and capital letters without I, O, Z, S, V)"
            )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        return f"check character (position 18) is {code[17]!r}, GB 32100-2015 gives {expected!r} for the first 17 characters"
    return None

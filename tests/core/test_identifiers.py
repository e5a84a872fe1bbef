"""GB 32100-2015 check character, against codes printed on real business licences."""

import pytest

from ecer.core.identifiers import CREDIT_CODE_WEIGHTS, credit_code_check_character, credit_code_problem

# Published weights of GB 32100-2015 附录 A, copied from the standard's table, not computed.
GB32100_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_weights_are_the_standards_table() -> None:
    assert CREDIT_CODE_WEIGHTS == GB32100_WEIGHTS


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",  # 华为技术有限公司
        "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    ],
)
def test_real_codes_are_valid(code: str) -> None:
    assert credit_code_check_character(code[:17]) == code[17]
    assert credit_code_problem(code) is None


def test_check_value_31_maps_to_zero() -> None:
    # 17 zeros then '1' at position 17 (weight 28): sum 28, 31 - 28 = 3 -> '3'; one '1' at position 1: 31 - 1 = 30 -> 'Y'
    assert credit_code_check_character("1" + "0" * 16) == "Y"
    assert credit_code_check_character("0" * 16 + "1") == "3"
    # all zeros: sum 0, 31 - 0 = 31 -> 0
    assert credit_code_check_character("0" * 17) == "0"


def test_wrong_check_character_names_the_expected_one() -> None:
    assert credit_code_problem("914403001922038217") == (
        "check character (position 18) is '7', GB 32100-2015 gives '6' for the first 17 characters"
    )


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("9144030019220382", "18 characters, this one has 16"),
        ("91440300I92203821X", "'I' at position 9"),
        ("9144030071526726xg", "'x' at position 17"),
    ],
)
def test_malformed_codes(code: str, fragment: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and fragment in problem

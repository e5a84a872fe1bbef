"""Findings: validation errors, warnings and grades as one frozen, serialisable type.

Every finding has a stable ``code`` from the registry below, a ``level``, a message in Chinese and
English, the ``evidence`` (numbers or values that triggered it) and, for input, a ``location``
(file, sheet, row, column). Codes are unique (a test keeps them so) and documented in
``docs/findings.md``.

>>> f = make("E_REGION_UNKNOWN", location=Location(file="r.csv", row=3, column="region_code"),
...          value="990000")
>>> f.code, f.level
('E_REGION_UNKNOWN', 'error')
>>> "990000" in f.message_en and "r.csv" in f.text("en")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["error", "warning", "info"]


class Location(BaseModel):
    """Where in the user's input a finding points (1-based row numbers as a spreadsheet shows them)."""

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def text(self, lang: str = "zh") -> str:
        parts = []
        if self.file:
            parts.append(f"文件 {self.file}" if lang == "zh" else f"file {self.file}")
        if self.sheet:
            parts.append(f"工作表 {self.sheet}" if lang == "zh" else f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"第 {self.row} 行" if lang == "zh" else f"row {self.row}")
        if self.column:
            parts.append(f"列 {self.column}" if lang == "zh" else f"column {self.column}")
        return ("，" if lang == "zh" else ", ").join(parts)


class Finding(BaseModel):
    """One finding. Frozen; JSON-serialisable; the same object in CLI, API, web and reports."""

    model_config = ConfigDict(frozen=True)

    code: str
    level: Level
    message_zh: str
    message_en: str
    fix_zh: str = ""
    fix_en: str = ""
    evidence: dict[str, Any] = Field(default_factory=dict)
    location: Location | None = None

    def text(self, lang: str = "zh") -> str:
        """One line for a terminal: location, message, fix (a message that ends with its own question mark or
        full stop gets no second one before the fix).

        >>> f = make("W_PERCENT_LOOKS_FRACTION", value=0.135, as_percent="13.5%")
        >>> "是否应为 13.5%？处理：本列" in f.text("zh"), "did you mean 13.5%? Fix: this" in f.text("en")
        (True, True)
        """
        loc = self.location.text(lang) if self.location else ""
        msg = self.message_zh if lang == "zh" else self.message_en
        fix = self.fix_zh if lang == "zh" else self.fix_en
        sep = "：" if lang == "zh" else ": "
        head = f"[{self.code}] " + (loc + sep if loc else "")
        stop = "" if msg.endswith(("？", "。", "！", "?", ".", "!")) else ("。" if lang == "zh" else ".")
        tail = (stop + ("处理：" if lang == "zh" else " Fix: ") + fix) if fix else ""
        return head + msg + tail

    def bilingual(self) -> str:
        return self.text("zh") + "\n" + self.text("en")


@dataclass(frozen=True)
class FindingCode:
    """A registered code: templates use ``str.format`` fields filled from the evidence."""

    code: str
    level: Level
    zh: str
    en: str
    fix_zh: str = ""
    fix_en: str = ""


_CODES: dict[str, FindingCode] = {}


def register(code: FindingCode) -> FindingCode:
    if code.code in _CODES:
        raise ValueError(f"finding code registered twice: {code.code}")
    _CODES[code.code] = code
    return code


def codes() -> dict[str, FindingCode]:
    """All registered codes (read-only view)."""
    return dict(_CODES)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}[\s:,]")
_PAREN = re.compile(r"^(?P<zh>[^()（）]*?)\s*[（(](?P<en>[A-Za-z][^()（）]*)[）)]$")


def bilingual(value: str) -> tuple[str, str]:
    """The Chinese and English halves of a ``"中文 / English"`` (or ``"中文 (English)"``) text; a text in one
    language is both halves. Messages use the half of their language, so an English message is all English.

    >>> bilingual("模板 / template"), bilingual("规则选项 (rule option)"), bilingual("gce/kWh")
    (('模板', 'template'), ('规则选项', 'rule option'), ('gce/kWh', 'gce/kWh'))
    >>> bilingual("key repeated (row 3) / 键重复（第 3 行）")
    ('键重复（第 3 行）', 'key repeated (row 3)')

    An English half may quote Chinese values (the valid choices of a column) when it starts with an English word:

    >>> bilingual("可选：是, 否 / valid: 是, 否")
    ('可选：是, 否', 'valid: 是, 否')
    """
    for sep in (" / ", "/"):
        if sep in value:
            a, b = value.split(sep, 1)
            if _CJK.search(a) and not _CJK.search(b):
                return a.strip(), b.strip()
            if _CJK.search(b) and not _CJK.search(a):
                return b.strip(), a.strip()
    if " / " in value:
        a, b = (t.strip() for t in value.split(" / ", 1))
        if _CJK.search(a) and _ENGLISH_WORD.match(b):
            return a, b
    m = _PAREN.match(value)
    if m and _CJK.search(m.group("zh")) and not _CJK.search(m.group("en")):
        return m.group("zh"), m.group("en")
    return value, value


# Evidence keys that carry ECER's own bilingual labels (never what a user typed: a header or value is shown as is).
BILINGUAL_KEYS = frozenset({"kind", "what", "detail", "period", "method"})


def _fields(evidence: dict[str, Any], lang: int) -> _Blank:
    return _Blank({k: (bilingual(v)[lang] if isinstance(v, str) and k in BILINGUAL_KEYS else v)
                   for k, v in evidence.items()})


def make(code: str, *, location: Location | None = None, **evidence: Any) -> Finding:
    """Build a finding from a registered code, filling its templates from ``evidence``. A bilingual label in one of
    ``BILINGUAL_KEYS`` (``kind="模板 / template"``) fills the Chinese message with its Chinese half and the English one
    with its English half; the evidence keeps the whole text."""
    try:
        c = _CODES[code]
    except KeyError:
        raise KeyError(f"unknown finding code {code!r}; known: {sorted(_CODES)}") from None
    zh, en = _fields(evidence, 0), _fields(evidence, 1)
    return Finding(
        code=c.code,
        level=c.level,
        message_zh=c.zh.format_map(zh),
        message_en=c.en.format_map(en),
        fix_zh=c.fix_zh.format_map(zh),
        fix_en=c.fix_en.format_map(en),
        evidence={k: _jsonable(v) for k, v in evidence.items()},
        location=location,
    )


def codes_markdown() -> str:
    """The registry as the Markdown table of ``docs/findings.md`` (a test keeps that file current)."""
    lines = [
        "# Finding codes",
        "",
        "Every error, warning and note ECER reports is a finding with one of these stable codes",
        "(`src/ecer/findings.py`; generated — do not edit by hand, run",
        "`python -c \"from ecer.findings import codes_markdown; print(codes_markdown(), end='')\" > docs/findings.md`).",
        "Fields in braces are filled from the finding's evidence.",
        "",
        "| code | level | 中文 | English | 处理 / fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in sorted(_CODES.values(), key=lambda c: c.code):
        fix = " / ".join(x for x in (c.fix_zh, c.fix_en) if x)
        lines.append(f"| `{c.code}` | {c.level} | {c.zh} | {c.en} | {fix} |".replace("\n", " "))
    return "\n".join(lines) + "\n"


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return str(v)


class FindingsError(Exception):
    """Raised when an operation cannot go on; carries the findings that stopped it."""

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        first = self.findings[0].bilingual() if self.findings else "no findings"
        more = f" (+{len(self.findings) - 1} more)" if len(self.findings) > 1 else ""
        super().__init__(first + more)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == "error" for f in findings)


# --- registry -----------------------------------------------------------------------------------
# Input (ingest) errors: E_*; warnings: W_*; assessment results: A_*; reference data: R_*.
for _c in [
    FindingCode("E_FILE_EMPTY", "error", "文件为空或没有数据行", "the file is empty or has no data rows",
                "填写模板中的数据行后重新上传", "fill in the template's data rows and upload again"),
    FindingCode("E_FILE_FORMAT", "error", "无法读取文件（{detail}）", "cannot read the file ({detail})",
                "上传 UTF-8 或 GBK 编码的 CSV，或 .xlsx 文件", "upload a UTF-8 or GBK CSV, or an .xlsx file"),
    FindingCode("E_FILE_TOO_LARGE", "error", "文件的{what}为 {size}，超过上限 {limit}",
                "the file's {what} is {size}, over the limit of {limit}",
                "拆分文件后分批上传，或用命令行 ecer load 导入；xlsx 解压上限见 ECER_MAX_* 设置（docs/web.md）",
                "split the file, or load it with `ecer load`; the xlsx inflation limits are the ECER_MAX_* settings "
                "(docs/web.md)"),
    FindingCode("E_SHEET_MISSING", "error", "找不到工作表“{expected}”（现有：{found}）",
                "sheet '{expected}' not found (the workbook has: {found})",
                "把数据放在名为“{expected}”的工作表中，或用 --sheet 指定", "put the data in a sheet named '{expected}', or pass --sheet"),
    FindingCode("E_HEADER_MISSING", "error", "缺少必填列“{column}”", "required column '{column}' is missing",
                "从 ecer template {template} 生成模板，按模板表头填写", "start from `ecer template {template}` and keep its headers"),
    FindingCode("E_HEADER_UNKNOWN", "error", "无法识别的列“{column}”", "unrecognised column '{column}'",
                "删除该列，或改成模板中的列名：{expected}", "remove it, or rename it to one of the template's columns: {expected}"),
    FindingCode("E_HEADER_DUPLICATE", "error", "列“{column}”出现了不止一次", "column '{column}' appears more than once",
                "删除重复的列", "remove the duplicate column"),
    FindingCode("E_UNIT_MISMATCH", "error", "列“{column}”表头单位为 {found}，模板要求 {expected}",
                "column '{column}' is headed in {found}, the template expects {expected}",
                "把数值换算为 {expected} 并修改表头，或使用模板原表头", "convert the values to {expected} and fix the header, or use the template's header"),
    FindingCode("E_REQUIRED", "error", "必填值为空", "a required value is empty",
                "填写该单元格", "fill in this cell"),
    FindingCode("E_NOT_NUMBER", "error", "“{value}”不是数字", "'{value}' is not a number",
                "填写数字（不带单位、不带千分位以外的符号）", "enter a plain number (no unit, no text)"),
    FindingCode("E_NEGATIVE", "error", "数值 {value} 为负，能源和经济量不能为负",
                "the value {value} is negative; energy and economic quantities cannot be negative",
                "核对数据，填写非负数", "check the data and enter a non-negative number"),
    FindingCode("E_REGION_MALFORMED", "error", "行政区划代码“{value}”格式错误，应为 6 位数字（GB/T 2260）",
                "region code '{value}' is malformed: GB/T 2260 codes are 6 digits",
                "填写 6 位行政区划代码，如 110000（北京市）", "enter the 6-digit code, e.g. 110000 (Beijing)"),
    FindingCode("E_REGION_UNKNOWN", "error", "未知的行政区划代码“{value}”", "unknown region code '{value}'",
                "先在地区表中登记该地区（ecer load regions），或改正代码", "register the region first (`ecer load regions`) or correct the code"),
    FindingCode("E_REGION_PARENT", "error", "上级地区代码“{value}”不存在", "parent region code '{value}' does not exist",
                "先登记上级地区，或改正上级代码", "register the parent first, or correct the parent code"),
    FindingCode("E_PERIOD_MALFORMED", "error", "期间“{value}”格式错误", "period '{value}' is malformed",
                "使用 2021、2021H1、2021Q3 或 2021-07 格式", "use 2021, 2021H1, 2021Q3 or 2021-07"),
    FindingCode("E_DUPLICATE_KEY", "error", "地区 {region} 期间 {period} 重复（也出现在第 {other_row} 行）",
                "region {region}, period {period} appears twice (also on row {other_row})",
                "每个地区每个期间只保留一行", "keep one row per region and period"),
    FindingCode("E_FEEDSTOCK_ABOVE_TOTAL", "error", "原料用能 {feedstock} 大于能源消费总量 {total}",
                "feedstock energy {feedstock} exceeds total energy consumption {total}",
                "原料用能是能源消费总量的一部分，核对两列数值和单位", "feedstock is part of the total: check both values and their units"),
    FindingCode("E_EXCLUSIONS_ABOVE_TOTAL", "error", "扣除项合计 {excluded} 大于能源消费总量 {total}",
                "the exclusions add up to {excluded}, more than total energy consumption {total}",
                "核对原料用能、单列能耗和非化石能源的数值与单位", "check feedstock, separately listed and non-fossil values and their units"),
    FindingCode("E_PRICE_BASE_MIXED", "error", "GDP 可比价基年不一致：本文件含 {found}",
                "GDP is on mixed constant-price bases: this file has {found}",
                "把所有 GDP 换算到同一基年价格（如 2020 年价）后再导入", "restate all GDP at one base year's prices (e.g. 2020) before loading"),
    FindingCode("E_PRICE_BASE_MALFORMED", "error", "价格基年“{value}”不是四位年份", "price-base year '{value}' is not a 4-digit year",
                "填写如 2020 的年份", "enter a year such as 2020"),
    FindingCode("E_VALUE_INVALID", "error", "值“{value}”无效：{detail}", "value '{value}' is invalid: {detail}",
                "{fix_zh}", "{fix_en}"),
    FindingCode("E_STORE_BUSY", "error", "数据库正被占用：{detail}", "the store is busy: {detail}",
                "稍后重试：另一个程序（如 ecer load，或打开着该文件的 duckdb）正在使用它；等待秒数可用 ECER_STORE_WAIT 设置",
                "try again later: another program (an `ecer load`, or a duckdb session holding the file open) is "
                "using it; ECER_STORE_WAIT sets how many seconds to wait"),
    FindingCode("E_NO_DATA", "error", "没有可评估的数据：{detail}", "no data to assess: {detail}",
                "先导入数据（ecer load energy FILE），或用 --data 指定目录", "load data first (`ecer load energy FILE`) or pass --data DIR"),
    FindingCode("E_UNKNOWN_NAME", "error", "未知的{kind}“{value}”，可选：{valid}", "unknown {kind} '{value}'; valid: {valid}",
                "使用列出的名称之一", "use one of the names listed"),
    FindingCode("W_BLANK_ROWS_SKIPPED", "warning", "跳过了 {count} 个空行", "skipped {count} blank rows", "", ""),
    FindingCode("W_MISSING_COMPARISON", "warning", "地区 {region} 缺少对比期 {period} 的数据，无法计算{what}",
                "region {region} has no data for {period}; cannot compute {what}",
                "补充该期间数据", "load data for that period"),
    FindingCode("W_REFDATA_UNVERIFIED", "warning", "参考数据“{name}”中有 {count} 行置信度不高（{confidence}）",
                "reference table '{name}' has {count} rows of {confidence} confidence",
                "使用前核对官方原文", "check against the official text before relying on them"),
    # ingest (appended by the ingest module's author)
    FindingCode("E_UNIT_MISSING", "error", "列“{column}”的表头没有写单位", "column '{column}' has no unit in its header",
                "在表头括号中写明单位，如“{expected_header}”", "put the unit in brackets in the header, e.g. '{expected_header}'"),
    FindingCode("E_HEADER_NOT_FOUND", "error", "在前 {rows} 行中找不到{template}模板的表头（{where}）",
                "no {template} template header in the first {rows} rows ({where})",
                "从 ecer template 生成模板，保留模板表头", "start from `ecer template` and keep the template's header row"),
    FindingCode("W_FINDINGS_TRUNCATED", "warning", "{finding_code} 共 {total} 条，只列出前 {shown} 条",
                "{finding_code}: {total} in all, only the first {shown} are listed",
                "改正已列出的问题后重新检查", "fix the ones listed and check again"),
    FindingCode("W_PERCENT_LOOKS_FRACTION", "warning", "百分比列中的值 {value} 小于 1，是否应为 {as_percent}？",
                "the value {value} in a percent column is below 1; did you mean {as_percent}?",
                "本列按百分数填写（13.5 表示 13.5%），不要使用 Excel 百分比格式",
                "this column takes percentages (13.5 means 13.5 %); do not use Excel's percent format"),

    FindingCode("E_INTERNAL", "error", "服务器内部错误（编号 {ref}），详情已记入服务器日志",
                "internal server error (reference {ref}); the details are in the server log",
                "稍后重试；如仍失败，把编号告知管理员", "try again; if it keeps failing, give the reference to the administrator"),
    FindingCode("E_HTTP", "error", "请求失败（HTTP {status}）：{detail}", "request failed (HTTP {status}): {detail}",
                "检查请求地址和方法，接口说明见 /docs", "check the URL and method; the API is described at /docs"),
    FindingCode("E_UNIT_INVALID", "error", "“{value}”不是{column}可用的单位", "'{value}' is not a usable unit for {column}",
                "使用 {expected} 等单位", "use a unit such as {expected}"),
    FindingCode("W_PRICE_BASE_DIFFERS", "warning",
                "地区 {region} 期间 {period} 的 GDP 为 {base} 年价，对比期的价格基年不同，未计算强度变化",
                "region {region}, period {period}: GDP is at {base} prices but the comparison period is on another "
                "price base; the intensity change is not computed",
                "把各期 GDP 换算到同一基年价格后重新导入", "restate every period's GDP at one base year's prices and reload"),
    # dual control, right by the texts (issue 5)
    FindingCode("W_PERIOD_SUM_DIFFERS", "warning",
                "地区 {region} {period} 的 {column}：直接填报 {given_text} {unit}，{months} 个月合计 {summed_text} {unit}（相差 {difference}）；评估采用直接填报的数值",
                "region {region}, {period}, {column}: given as {given_text} {unit}, its {months} months add up to {summed_text} {unit} "
                "({difference}); the assessment uses the value given",
                "核对年度（或季度）数据与月度数据，改正有误的一方后重新导入",
                "check the period's figure against its months, correct the wrong one and reload"),
    FindingCode("W_PERIOD_NOT_BUILT", "warning", "地区 {region} 的 {period} 未由月度数据汇总：{reason_zh}",
                "region {region}: {period} is not built from its months: {reason_en}",
                "把各月数据换算到同一口径后重新导入，或直接填报该期间", "restate the months on one basis, or give the period itself"),
    FindingCode("E_ELECTRICITY_FACTOR_MISSING", "error",
                "{year} 年没有等价值（发电煤耗）折标系数，无法扣除可再生能源和非化石能源电力（地区：{regions}）",
                "no coal-equivalent (等价值, 发电煤耗) electricity factor for {year}: renewable and non-fossil electricity "
                "cannot be deducted (regions: {regions})",
                "在能源数据中填写“发电煤耗（克标准煤/千瓦时）”列，或导入系数文件（ecer load electricity_factors 文件；"
                "ecer template electricity_factors）；若本数据的能源消费总量按当量值统计，把“电力折标口径”填为 calorific",
                "fill the column 'electricity_coal_rate (gce/kWh)' of the energy data, or load a factor file "
                "(`ecer load electricity_factors FILE`; `ecer template electricity_factors`); if your totals carry "
                "electricity at the calorific value, set 'electricity_basis' to calorific"),
    FindingCode("W_ELECTRICITY_SUPPLY_RATE", "warning",
                "{year} 年的等价值系数用的是供电煤耗 {value} 克标准煤/千瓦时（{source}）；国家统计局发电煤耗计算法用发电煤耗，二者相差数克",
                "the {year} coal-equivalent factor is a supply (供电) coal rate, {value} gce/kWh ({source}); NBS's "
                "发电煤耗计算法 uses the generation (发电) rate, a few grams lower",
                "如有本省或全国该年的发电煤耗，随数据一并提供", "supply the year's generation coal rate with your data if you have it"),
    FindingCode("W_ELECTRICITY_BASIS_DIFFERS", "warning",
                "地区 {region} 期间 {period} 的电力折标口径（{basis}）与对比期 {other_period}（{other_basis}）不同，比较口径不一致",
                "region {region}, {period}: electricity basis {basis} differs from the comparison period {other_period} "
                "({other_basis}); the comparison mixes bases",
                "把各期能源数据换算到同一折标口径后重新导入", "restate every period's energy on one electricity basis and reload"),
    FindingCode("I_BASE_YEAR", "info",
                "{period} 是{plan_zh}规划的基期年，不按该规划目标评价；导入{previous_zh}目标后按{previous_zh}规划评价",
                "{period} is the base year of the {plan} plan and is not graded against its targets; load {previous} "
                "targets to grade it against the {previous} plan",
                "", ""),
    FindingCode("E_PERIOD_OUTSIDE_PLAN", "error", "期间 {period} 不在可评价的五年规划内：{detail_zh}",
                "period {period} is outside the plans that can be assessed: {detail_en}",
                "选择 {first}–{last} 年内的期间，或导入该规划的目标（ecer load targets 文件）",
                "choose a period in {first}–{last}, or load that plan's targets (`ecer load targets FILE`)"),
    FindingCode("I_RENEWABLE_READINGS_DIFFER", "info",
                "地区 {region} {period}：新增可再生能源电力按“较上年新增”扣除时，总量增速 {growth_previous}（{grade_previous}）；"
                "按“较 2020 年累计新增”扣除时 {growth_base}（{grade_base}）；本次采用“{used_zh}”",
                "region {region}, {period}: with new renewable electricity counted over the previous year the total grew "
                "{growth_previous} ({grade_previous}); counted over the 2020 base {growth_base} ({grade_base}); used: {used}",
                "用 --renewable-reading 选择读法", "choose the reading with --renewable-reading"),
    FindingCode("E_IMPLAUSIBLE_VALUE", "error", "地区 {region} {period} 的{column_zh} {value}：{reason_zh}",
                "region {region}, {period}, {column}: {value}: {reason_en}",
                "{fix_zh}；如确属实际数据，导入时加 --accept-implausible（网页上传页勾选“数值已核对，仍然导入”）",
                "{fix_en}; if the value is right, load with --accept-implausible (on the upload page tick "
                "'values checked, load anyway')"),
    FindingCode("E_PDF_NO_CJK_FONT", "error", "本机没有中文字体，无法生成中文 PDF 报告（中文会显示为方框）",
                "no Chinese (CJK) font on this machine: the Chinese PDF report cannot be printed (it would show boxes)",
                "安装中文字体，如 Debian/Ubuntu：apt-get install fonts-noto-cjk；或先生成 HTML 报告再用浏览器打印",
                "install a CJK font, e.g. on Debian/Ubuntu `apt-get install fonts-noto-cjk`, or write the HTML report "
                "and print it from a browser"),
    FindingCode("E_REVISION_UNCONFIRMED", "error",
                "{files} 会修改库中已有的 {values} 个数值（{rows} 行），如 {first}；未导入任何数据",
                "{files} would change {values} stored values ({rows} rows), e.g. {first}; nothing was loaded",
                "核对列出的修改；确认后加 --revise 重新导入（网页上传点“确认修改并导入”，接口加 revise=true），旧值保留在历史中",
                "check the changes listed; to apply them load again with --revise (the upload page's 'confirm and "
                "load', revise=true in the API); the old values stay in the history"),
    FindingCode("I_REVISION_APPLIED", "info", "{file}：修改了 {rows} 行已有数据（{values} 个数值），旧值保留在历史中（ecer history）",
                "{file}: revised {rows} stored rows ({values} values); the old values stay in the history (`ecer history`)",
                "", ""),
    FindingCode("I_ROWS_UNCHANGED", "info", "{file}：{rows} 行与库中数据相同，未重复写入",
                "{file}: {rows} rows are already stored with the same values and were not written again", "", ""),
    FindingCode("W_IMPLAUSIBLE_VALUE", "warning", "地区 {region} {period} 的{column_zh} {value}：{reason_zh}",
                "region {region}, {period}, {column}: {value}: {reason_en}", "{fix_zh}", "{fix_en}"),
    FindingCode("E_REGION_RETIRED", "error", "行政区划代码“{value}”（{name}）已于 {year} 年撤销或变更，其区域现属 {successors}",
                "region code '{value}' ({name}) was retired in {year}; its area is now {successors}",
                "改用现行代码（{successor_codes}），或在地区表中登记旧代码",
                "use the current code ({successor_codes}), or register the old code in a regions file"),
    # energy conversion (refdata lookups, services.energy, `ecer energy convert`)
    FindingCode("E_ELECTRICITY_FACTOR_NOT_SHIPPED", "error",
                "{year} 年没有电力折标准煤等价值系数（发电煤耗法）；已收录年份：{years}",
                "no coal-equivalent electricity factor (等价值, 发电煤耗法) for {year}; years shipped: {years}",
                "随数据提供该年的发电煤耗（数据中的发电煤耗列，或电力折标系数文件），或将官方数值作为 electricity_conversion "
                "的新版本载入；不会改用当量值",
                "supply the year's factor with your data (a 发电煤耗 column, or an electricity-factor file), or load the "
                "official value as a new electricity_conversion edition; ECER does not fall back to the calorific value"),
    FindingCode("E_CARRIER_AMBIGUOUS", "error", "“{carrier}”没有唯一的折标准煤系数：{detail_zh}",
                "'{carrier}' has no single standard-coal coefficient: {detail_en}", "{fix_zh}", "{fix_en}"),
    FindingCode("E_QUANTITY_MALFORMED", "error", "无法读取“{item}”：{problem_zh}", "cannot read '{item}': {problem_en}",
                "按 品种=数值单位 书写，如 原煤=1000t、电力=500MWh、气田天然气=2万m3",
                "write CARRIER=VALUE UNIT, e.g. 原煤=1000t, 电力=500MWh, 气田天然气=2万m3"),
    # hostile input (issue 6 §3)
    FindingCode("E_CELL_FORMULA_ERROR", "error", "单元格 {cell} 是公式错误值 {value}，不是数据",
                "cell {cell} holds the formula error {value}, not a value",
                "在 Excel 中改正该单元格的公式（或直接填写数值）后重新保存", "correct the cell's formula in Excel (or type "
                "the value) and save the file again"),
    # the API: a request body that is not well-formed (uploads)
    FindingCode("E_UPLOAD_MALFORMED", "error", "上传内容格式不正确：{detail}", "the upload is not well-formed: {detail}",
                "用表单字段 file 上传文件（multipart/form-data，如 curl -F file=@数据.xlsx），或把文件作为请求体发送并加 "
                "?filename=",
                "send the file as the form field `file` (multipart/form-data, e.g. `curl -F file=@data.xlsx`), or as "
                "the raw request body with ?filename="),
    # benchmark levels (issue 7, wt-bench7): classification gaps, `ecer catalog import benchmark-levels`
    FindingCode("W_BENCHMARK_NO_LEVEL", "warning",
                "{count} 个生产单元（{field} / {sub_category}）在 {edition} 年版中没有标杆水平和基准水平，未分级：{units}",
                "{count} production units ({field} / {sub_category}) have no benchmark and baseline level in the "
                "{edition} edition and were not classified: {units}",
                "导入该版本的官方表（ecer catalog import benchmark-levels --edition {edition} 文件），或核对领域和子类名称"
                "（ecer catalog show benchmark_levels）；缺口见 ecer catalog show benchmark_level_gaps",
                "load the edition's official table (`ecer catalog import benchmark-levels --edition {edition} FILE`), or "
                "check the field and sub-category names (`ecer catalog show benchmark_levels`); gaps: "
                "`ecer catalog show benchmark_level_gaps`"),
    FindingCode("W_BENCHMARK_NO_VALUE", "warning", "{count} 个生产单元 {year} 年没有单位产品能耗，未分级：{units}",
                "{count} production units have no unit-product energy for {year} and were not classified: {units}",
                "补填该年的单位产品能耗（按本领域指标口径）", "fill in the year's unit-product energy (on the field's basis)"),
    FindingCode("W_BENCHMARK_SAVING_UNIT", "warning",
                "指标单位 {unit} 乘以产量单位 {output_unit} 不能换算为吨标准煤，{field} 的节能量未计算",
                "the indicator unit {unit} times the output unit {output_unit} does not convert to tce; the savings of "
                "{field} were not computed",
                "以能源单位（千克标准煤、千克标准油、千瓦时）为分子填写指标单位",
                "give the indicator unit with an energy numerator (kgce, kgoe, kWh)"),
    FindingCode("W_BENCHMARK_CAPACITY_UNITS_MIXED", "warning",
                "{field} {region} {year} 年的产能单位不一致（{units}），占比按单位分别计算",
                "{field}, {region}, {year}: capacities are in different units ({units}); shares are computed per unit",
                "统一产能单位后重新导入", "state every capacity in one unit and load again"),
    FindingCode("E_BENCHMARK_FIELD_UNKNOWN", "error", "领域“{value}”不在重点领域清单中", "field '{value}' is not a key field of "
                "the benchmark tables", "改用清单中的名称（ecer catalog show benchmark_fields）：{valid}",
                "use a field name of the list (`ecer catalog show benchmark_fields`): {valid}"),
    FindingCode("E_BENCHMARK_ORDER", "error", "标杆水平 {benchmark} 不优于基准水平 {baseline}（{direction_zh}）",
                "the benchmark level {benchmark} is not better than the baseline level {baseline} ({direction})",
                "核对两列是否填反：指标越低越好时标杆水平应小于基准水平（转炉工序 −30 优于 −10）",
                "check whether the two columns are swapped: when lower is better the benchmark is the smaller value "
                "(converter −30 is better than −10)"),
    FindingCode("E_BENCHMARK_DUPLICATE", "error", "领域 {field} 子类 {sub_category} 重复（也出现在第 {other_row} 行）",
                "field {field}, sub-category {sub_category} appears twice (also row {other_row})",
                "每个领域和子类只保留一行；不同口径请写入不同子类",
                "keep one row per field and sub-category; put a different basis in its own sub-category"),
    FindingCode("E_CATALOG_EDITION_EXISTS", "error", "用户目录中已有 {name} 的 {edition} 版（{provenance}），未导入",
                "the user catalog already holds {name} edition {edition} ({provenance}); nothing was imported",
                "确认替换时加 --replace（旧的用户版本被替换），或换一个版本名",
                "add --replace to replace it (the old user edition is replaced), or choose another edition name"),
    FindingCode("I_CATALOG_IMPORTED", "info", "已将 {rows} 行导入 {name} 的 {edition} 版（用户目录 {path}；{provenance}）",
                "imported {rows} rows as {name} edition {edition} (user catalog {path}; {provenance})", "", ""),
    FindingCode("I_IMPORT_ROWS_ABOVE_HEADER", "info", "第 {rows} 行在表头（第 {header_row} 行）之上，是标题或说明，未作为数据读取",
                "rows {rows} are above the header (row {header_row}): a title or a note, not read as data",
                "如其中有数据，把它移到表头之下", "if any of them holds data, move it below the header"),
    FindingCode("I_CATALOG_SHADOWS_SHIPPED", "info",
                "用户导入的 {name} {edition} 版取代随软件发布的同名版本（{shipped_rows} 行）；删除用户目录中的该版本即恢复",
                "the imported {name} edition {edition} takes the place of the shipped edition of that name "
                "({shipped_rows} rows); delete it from the user catalog to restore the shipped one", "", ""),
    # enterprises, production units and unit performance (issue 7 §1, wt-units7)
    FindingCode("E_CREDIT_CODE_INVALID", "error", "统一社会信用代码“{value}”无效：{reason_zh}",
                "unified social credit code '{value}' is invalid: {reason}",
                "按营业执照核对 18 位代码（GB 32100-2015：数字和大写字母，不含 I、O、Z、S、V，第 18 位为校验码）",
                "copy the 18 characters from the business licence (GB 32100-2015: digits and capital letters without "
                "I, O, Z, S, V; the 18th is the check character)"),
    FindingCode("E_INDUSTRY_CODE_INVALID", "error", "行业代码“{value}”无效：{reason_zh}",
                "industry code '{value}' is invalid: {reason}",
                "填写 GB/T 4754-2017 的大类（2 位）、中类（3 位）或小类（4 位）代码，不带门类字母，如 3011 水泥制造；"
                "可查 ecer catalog show industry_codes",
                "enter a GB/T 4754-2017 division (2 digits), group (3) or class (4) without the section letter, e.g. "
                "3011 (cement); see `ecer catalog show industry_codes`"),
    FindingCode("W_INDUSTRY_CODE_UNVERIFIED", "warning", "行业代码“{value}”未能核对：{reason_zh}",
                "industry code '{value}' could not be verified: {reason}",
                "核对代码是否为 GB/T 4754-2017 的现行代码", "check that it is a current GB/T 4754-2017 code"),
    FindingCode("E_DUPLICATE_RECORD", "error", "{key} 重复（也出现在第 {other_row} 行）",
                "{key} appears twice (also on row {other_row})", "每条记录只保留一行", "keep one row per record"),
    FindingCode("E_SUB_CATEGORY_UNKNOWN", "error", "领域“{field}”没有细分类别“{value}”；可选：{valid}",
                "field '{field}' has no sub-category '{value}'; valid: {valid}",
                "按 ecer catalog show benchmark_levels 中该领域的类别填写", "use one of the field's sub-categories in "
                "`ecer catalog show benchmark_levels`"),
    FindingCode("W_FIELD_WITHOUT_LEVELS", "warning",
                "领域“{field}”在参考目录中还没有标杆/基准水平，细分类别“{value}”未能核对，该装置暂不能分级",
                "field '{field}' has no benchmark levels in the catalog yet: sub-category '{value}' was not checked "
                "and the unit cannot be classified",
                "用 ecer catalog import benchmark-levels 导入该领域的官方表", "import the field's official table with "
                "`ecer catalog import benchmark-levels`"),
    FindingCode("E_ENTERPRISE_UNKNOWN", "error", "企业“{value}”不在企业名录中（库中和本次导入都没有）",
                "enterprise '{value}' is not in the enterprises (neither stored nor in this load)",
                "先导入企业名录（ecer load enterprises），或与本文件一同导入（--with enterprises=FILE），或改正代码",
                "load the enterprise first (`ecer load enterprises`), or with this file (`--with enterprises=FILE`), or "
                "correct the code"),
    FindingCode("E_UNIT_UNKNOWN", "error", "装置“{value}”不在生产装置表中（库中和本次导入都没有）",
                "production unit '{value}' is not in the production units (neither stored nor in this load)",
                "先导入生产装置表（ecer load production_units），或与本文件一同导入（--with production_units=FILE）",
                "load the unit first (`ecer load production_units`), or with this file (`--with production_units=FILE`)"),
    FindingCode("E_UNIT_ENERGY_MISSING", "error", "装置 {unit} {period} 既没有单位产品能耗，也没有任何能源品种消费量",
                "unit {unit}, {period}: neither the unit-product energy nor any carrier is given",
                "填写单位产品能耗，或填写各能源品种的消费量", "fill in unit_energy, or the energy used by carrier"),
    FindingCode("W_UNIT_ENERGY_DIFFERS", "warning",
                "装置 {unit} {period}：填报的单位产品能耗 {reported} 与按能源品种计算的 {computed}（{unit_label}）相差 {diff}；采用填报值",
                "unit {unit}, {period}: the reported unit-product energy {reported} and the one computed from the "
                "carriers, {computed} ({unit_label}), differ by {diff}; the reported value is used",
                "核对两者的口径（如可比熟料、能量因数）或能源消费量", "check the basis of both (comparable clinker, energy "
                "factor) or the quantities"),
    FindingCode("W_UNIT_ENERGY_BASIS", "warning",
                "装置 {unit} {period}（{field} {sub_category}）单位产品能耗 {value} {unit_label} 远离合理区间 {window}"
                "（标杆 {benchmark}，基准 {baseline}，{edition} 年版）：{hint_zh}",
                "unit {unit}, {period} ({field} {sub_category}): unit-product energy {value} {unit_label} is far outside "
                "{window} (benchmark {benchmark}, baseline {baseline}, {edition} edition): {hint}",
                "核对口径（须为 {basis}）和单位（须为 {unit_label}）", "check the basis (it must be {basis}) and the unit "
                "(it must be {unit_label})"),
    # two-high (两高) project inventory (issue 7 §5, §7; wt-projects7): input, checks, decisions
    FindingCode("E_PROJECT_CREDIT_CODE", "error", "统一社会信用代码“{value}”无效：{reason_zh}",
                "unified social credit code '{value}' is invalid: {reason_en}",
                "按营业执照填写 18 位统一社会信用代码（GB 32100-2015，大写字母，不含 I、O、Z、S、V）",
                "copy the 18-character code from the business licence (GB 32100-2015, capital letters, no I, O, Z, S, V)"),
    FindingCode("E_PROJECT_INDUSTRY_CODE", "error", "行业代码“{value}”不是 GB/T 4754 代码（2–4 位数字）",
                "industry code '{value}' is not a GB/T 4754 code (2–4 digits)",
                "填写国民经济行业分类代码，如 3110（炼铁）、3011（水泥制造）", "enter a GB/T 4754-2017 code, e.g. 3110, 3011"),
    FindingCode("W_PROJECT_SECTOR_INDUSTRY", "warning",
                "项目 {project}：行业代码 {industry_code} 不属于所填“两高”行业 {sector_zh}（该行业代码前缀：{prefixes}）",
                "project {project}: industry code {industry_code} is not in the sector given, {sector} (its GB/T 4754 "
                "prefixes: {prefixes})", "核对行业代码和“两高”行业", "check the industry code and the sector"),
    FindingCode("E_PROJECT_UNKNOWN", "error", "库中没有项目“{value}”", "no project '{value}' in the store",
                "用 ecer projects list 查看已导入的项目编号", "see the stored project ids with `ecer projects list`"),
    FindingCode("E_DECISION_INVALID", "error", "处置决定无效：{detail}", "the decision is invalid: {detail}",
                "{fix_zh}", "{fix_en}"),
    FindingCode("W_PROJECT_ENERGY_REVIEW_MISSING", "warning",
                "项目 {project}（{status_zh}）没有节能审查意见：未经节能审查不得开工建设，已建成的不得投入生产、使用（严重）",
                "project {project} ({status}) has no energy review (节能审查): without it a project may not be built, nor "
                "a built one operated (serious)", "核实节能审查情况；未审查的依法停止建设或生产并补办",
                "verify the energy review; stop construction or operation until it is obtained"),
    FindingCode("I_PROJECT_ENERGY_REVIEW_PENDING", "info", "项目 {project}（拟建）尚无节能审查意见：须在开工前取得",
                "project {project} (planned) has no energy review yet: it must be obtained before construction", "", ""),
    FindingCode("W_PROJECT_EIA_MISSING", "warning", "项目 {project}（{status_zh}）没有环评批复：环评未经批准不得开工建设",
                "project {project} ({status}) has no EIA approval (环评): without it a project may not be built",
                "核实环评审批情况", "verify the EIA approval"),
    FindingCode("W_PROJECT_APPROVAL_ORDER", "warning", "项目 {project}：{what_zh}",
                "project {project}: {what_en}", "核对审批和开工日期；先建后批的按规定整改",
                "check the approval and construction dates; a project built before approval is to be rectified"),
    FindingCode("W_PROJECT_BELOW_BENCHMARK", "warning",
                "项目 {project}：设计{indicator} {design} {unit} 未达到{field}能效标杆水平 {benchmark} {unit}"
                "（差距 {gap} {unit}，{gap_pct}；{edition} 年版）",
                "project {project}: design {indicator} {design} {unit} does not reach the {field} benchmark level "
                "{benchmark} {unit} (gap {gap} {unit}, {gap_pct}; {edition} edition)",
                "按标杆水平优化设计（发改产业〔2021〕1609号 二）", "revise the design to the benchmark level (1609号 二)"),
    FindingCode("W_PROJECT_BELOW_BASELINE", "warning",
                "项目 {project}：{indicator} {design} {unit} 劣于{field}能效基准水平 {baseline} {unit}（{edition} 年版）",
                "project {project}: {indicator} {design} {unit} is worse than the {field} baseline level {baseline} {unit} "
                "({edition} edition)", "限期改造到基准水平以上（一般不超过 3 年）",
                "retrofit above the baseline within the deadline (generally 3 years at most)"),
    FindingCode("W_PROJECT_BELOW_BASELINE_PAST_DEADLINE", "warning",
                "项目 {project}：{indicator} {design} {unit} 劣于基准水平 {baseline} {unit}，改造期限 {deadline} 已过",
                "project {project}: {indicator} {design} {unit} is worse than the baseline {baseline} {unit} and the "
                "retrofit deadline {deadline} has passed", "不能按期改造完毕的项目淘汰退出（1609号 三）",
                "a project not retrofitted in time is phased out (1609号 三)"),
    FindingCode("I_PROJECT_AT_BENCHMARK", "info",
                "项目 {project}：设计{indicator} {design} {unit} 达到{field}能效标杆水平 {benchmark} {unit}（{edition} 年版）",
                "project {project}: design {indicator} {design} {unit} reaches the {field} benchmark level {benchmark} "
                "{unit} ({edition} edition)", "", ""),
    FindingCode("W_PROJECT_BENCHMARK_UNKNOWN", "warning", "项目 {project}：无法对照能效标杆水平：{detail}",
                "project {project}: cannot be compared with the benchmark level: {detail}", "{fix_zh}", "{fix_en}"),
    FindingCode("W_PROJECT_CAPACITY_REPLACEMENT_MISSING", "warning",
                "项目 {project}：{subject} 新建项目须实施产能{kind_zh}置换，未填产能置换方案",
                "project {project}: a new {subject} project needs capacity replacement ({kind}); no plan is given",
                "提交产能置换方案（文号、退出产能）", "give the capacity-replacement plan (number, capacity retired)"),
    FindingCode("W_PROJECT_ENERGY_REPLACEMENT_MISSING", "warning",
                "项目 {project}：地区 {region} {reason_zh}，新上项目须实行能耗{kind_zh}替代，未填替代方案（需 ≥ {needed} tce/年）",
                "project {project}: region {region} {reason_en}; a new project needs energy replacement ({kind}); none is "
                "given (needs ≥ {needed} tce/yr)", "提交能耗等量或减量替代方案（替代量、来源）",
                "give an equal or reduced energy-replacement plan (amount, source)"),
    FindingCode("W_PROJECT_ENERGY_REPLACEMENT_SHORT", "warning",
                "项目 {project}：能耗替代量 {given} tce/年 少于所需 {needed} tce/年（{kind_zh}替代）",
                "project {project}: the energy replacement of {given} tce/yr is below the {needed} tce/yr needed ({kind})",
                "补足替代来源", "find further replacement"),
    FindingCode("W_PROJECT_REGION_RED_SUSPENDED", "warning",
                "项目 {project}：地区 {region} {period} 能耗强度预警为一级（红色，强度不降反升），国家规划布局之外的“两高”项目节能审查暂停",
                "project {project}: region {region} has a grade-1 (red) intensity warning in {period} (intensity rose): "
                "energy reviews of two-high projects outside the national plan are suspended",
                "待地区预警解除后再报节能审查", "submit the energy review once the region's warning is lifted"),
    FindingCode("W_PROJECT_REGION_NO_DATA", "warning", "项目 {project}：地区 {region} 没有可评估的能耗数据，无法计算剩余用能空间：{detail}",
                "project {project}: region {region} has no energy data that can be assessed; its remaining headroom is not "
                "computed: {detail}", "导入该地区（或其所属省份）的能源数据和目标（ecer load energy / targets）",
                "load the region's (or its province's) energy data and targets (`ecer load energy|targets FILE`)"),
    FindingCode("I_PROJECT_HEADROOM_SHARE", "info",
                "项目 {project}：年能耗 {project_tce} tce 占地区 {region} {plan_zh}剩余用能增量 {headroom} tce 的 {share}（截至 {period}）",
                "project {project}: its {project_tce} tce/yr is {share} of region {region}'s remaining {plan} increment "
                "{headroom} tce (as of {period})", "", ""),
    FindingCode("W_PROJECT_HEADROOM_LARGE", "warning",
                "项目 {project}：年能耗占地区 {region} 剩余用能增量的 {share}（≥ {threshold}）",
                "project {project}: takes {share} of region {region}'s remaining increment (≥ {threshold})",
                "与本地区能耗双控目标做好衔接（1310号 (十二)）", "reconcile with the region's dual-control target (1310号 (十二))"),
    FindingCode("W_PROJECT_HEADROOM_EXCEEDED", "warning",
                "项目 {project}：年能耗 {project_tce} tce 超过地区 {region} 剩余用能增量 {headroom} tce（{share}）",
                "project {project}: its {project_tce} tce/yr exceeds region {region}'s remaining increment {headroom} tce "
                "({share})", "须能耗替代或调整建设规模", "needs energy replacement or a smaller scale"),
    FindingCode("I_PROJECT_DATES_INCOMPLETE", "info",
                "项目 {project}（{status_zh}）未填开工日期，无法核对审批顺序", "project {project} ({status}) has no "
                "construction start: the order of approvals cannot be checked", "补填开工日期", "give the construction start"),
    FindingCode("I_PROJECT_WINDOW_GUIDANCE", "info",
                "项目 {project}：年综合能耗 {project_tce} tce ≥ 5 万吨标准煤，国家发展改革委加强窗口指导",
                "project {project}: {project_tce} tce/yr ≥ 50,000 tce: NDRC window guidance applies", "", ""),
    # ingest: check and load decide regions the same way (issue 6 §3, wt-ingest)
    FindingCode("I_REGIONS_CATALOG_ONLY", "info",
                "地区代码只按 {against_zh} 核对，未包括库中已登记的地区；`ecer load` 还接受库中的地区",
                "region codes were checked against {against_en} only, not against the regions in a store; `ecer load` "
                "also accepts the store's regions",
                "加 --store 库文件，检查结果即与 ecer load 完全相同", "give --store FILE to check exactly as `ecer load` "
                "will decide"),
    # pollutant total-emission control: accounting and task decomposition in the core (issue 8 §1-§2, wt-poll)
    FindingCode("E_POLLUTANT_COLUMN_MISSING", "error", "{what}缺少列“{column}”（需要：{expected}）",
                "{what}: column '{column}' is missing (needed: {expected})", "按所列列名补齐该列",
                "add the column under one of the names listed"),
    FindingCode("E_POLLUTANT_VALUE_INVALID", "error", "{what}：{record} 的“{column}”值 {value} 无效：{detail}",
                "{what}: '{column}' of {record} is {value}, which is invalid: {detail}",
                "按说明改正该值；没有有效数值的记录不能参加计算（不会按 0 处理）",
                "correct the value as the message says; a record without a valid number cannot take part (it is never "
                "taken as 0)"),
    FindingCode("E_POLLUTANT_NO_BASE", "error",
                "{what}：{record} 没有基年排放量：遵循基数，基数外的量不能核算",
                "{what}: {record} has no base-year emissions: accounting follows the base, nothing outside it can be "
                "counted",
                "先提供该地区该污染物的基年排放量，或改正地区代码和污染物",
                "give the region's base-year emissions of the pollutant first, or correct the region code and pollutant"),
    FindingCode("E_POLLUTANT_KEY_EMPTY", "error",
                "{what}第 {line} 行（{record}）缺少{fields_zh}：地区代码、污染物和年份是记录的键，键不全的记录无法核算",
                "{what}, row {line} ({record}): no {fields_en}; region code, pollutant and year are a record's key, and "
                "a record without its whole key cannot be counted",
                "补填该行的{fields_zh}", "fill in the row's {fields_en}"),
    FindingCode("W_POLLUTANT_NEGATIVE_REDUCTION", "warning",
                "减排措施 {measure}（{record}，{kind}）的削减量为 {value} t（负数）：该年排放量因此增加",
                "reduction measure {measure} ({record}, {kind}) reduces by {value} t, a negative amount: it raises the "
                "year's emissions", "核对去除量是否确实低于上年；若是，保留负值如实核算",
                "check that the facility removed less than the year before; if so, keep the negative value"),
    FindingCode("W_POLLUTANT_MEASURE_BEFORE_BASE", "warning",
                "减排措施 {measure}（{record}）的年份不晚于基年 {base_year}，未计入核算",
                "reduction measure {measure} ({record}) is dated in or before the base year {base_year} and is not "
                "counted", "基年及以前的削减已含在基年排放量中；如年份有误请改正",
                "reductions up to the base year are already in its emissions; correct the year if it is wrong"),
    FindingCode("W_POLLUTANT_EMISSIONS_NEGATIVE", "warning",
                "{record}：核算排放量为 {value} t（负数），削减量大于基年排放量与新增量之和",
                "{record}: the accounted emissions are {value} t, below zero: the reductions exceed the base and the "
                "new emissions", "核对减排措施是否重复计算，以及基年排放量",
                "check the measures for double counting, and the base-year emissions"),
    FindingCode("W_POLLUTANT_STRUCTURAL_REPEATED", "warning",
                "结构减排措施 {measure}（{record}）在 {years} 年都计了削减量：关停企业的削减量只在关停当年计一次",
                "structural measure {measure} ({record}) is counted in {years}: a closed plant's reduction counts once, "
                "in the year of its closure", "分批关停的请按生产线分别编号；否则删去重复年份",
                "give each line closed in stages its own id; otherwise remove the repeated years"),
    FindingCode("I_POLLUTANT_AFTER_LEDGER", "info",
                "{count} 条减排措施或新增量晚于 {through_year} 年，未列入本台账", "{count} measure or new-emission rows "
                "are after {through_year} and are not in this ledger", "需要时把台账延长到这些年份",
                "extend the ledger to those years if they are wanted"),
    FindingCode("I_POLLUTANT_NO_TARGET", "info", "{count} 个地区污染物序列没有{what}，未作比较：{series}",
                "{count} region and pollutant series have no {what} and are not compared: {series}",
                "需要时补充这些序列的目标（基年须一致）", "give those series a target (with the same base year) if wanted"),
    FindingCode("E_DECOMPOSITION_NO_WEIGHT", "error",
                "按“{method}”分解：所有地区的权重都为 0，任务 {total} t 无法分配",
                "decomposition by '{method}': every region's weight is 0, the task of {total} t cannot be shared",
                "检查基年排放量和指标；至少一个地区须有正权重", "check the base emissions and indicators; at least one "
                "region needs a positive weight"),
    FindingCode("W_DECOMPOSITION_TASK_ABOVE_BASE", "warning",
                "按“{method}”分解：{region} 分得任务 {task} t，超过其基年排放量 {base} t",
                "decomposition by '{method}': {region} is given {task} t, more than its base emissions of {base} t",
                "调整方法参数（如差距系数）或总任务", "adjust the method's parameters (e.g. the gap factor) or the total"),
    # one progress machinery for every target (issue 8 §6, wt-carbon): ecer.core.targets.tracking
    FindingCode("E_TARGET_BASE_MISSING", "error",
                "{what}：{record} 没有基年 {base_year} 的数值，无法计算累计进度",
                "{what}: {record} has no value for the base year {base_year}, so no cumulative progress can be "
                "computed", "补充该序列基年的数值，或改正基年", "give the series' base-year value, or correct the base year"),
    FindingCode("I_TARGET_MISSING", "info", "{count} 个地区没有{what}，未作比较：{series}",
                "{count} regions have no {what} and are not compared: {series}", "需要时补充这些地区的目标",
                "give those regions a target if wanted"),
    FindingCode("W_TARGET_YEAR_GAP", "warning",
                "{what}：{record} 缺少 {year} 年的上一年数值，该年的逐年变化和预警等级空缺",
                "{what}: {record} has no value for the year before {year}: that year's change and grade are left empty",
                "补充缺少年份的数值", "give the value of the missing year"),
    # carbon dual control: CO2 from energy, intensity, progress (issue 8 §3, wt-carbon)
    FindingCode("E_CARBON_COLUMN_MISSING", "error", "{what}缺少列“{column}”（需要：{expected}）",
                "{what}: column '{column}' is missing (needed: {expected})", "按所列列名补齐该列",
                "add the column under one of the names listed"),
    FindingCode("E_CARBON_CARRIER_UNKNOWN", "error",
                "{record}：能源品种“{carrier}”不在排放因子表中，也不是非化石能源、外购电力或热力，未计算其排放",
                "{record}: the carrier '{carrier}' is neither in the emission-factor table nor a non-fossil carrier, "
                "purchased electricity or heat: its CO2 is not computed",
                "改用排放因子表中的品种名（{known}），或随数据提供该品种的低位发热量、单位热值含碳量和碳氧化率",
                "use a carrier name of the factor table ({known}), or give the carrier's NCV, carbon content and "
                "oxidation rate with the data"),
    FindingCode("E_CARBON_UNIT_INVALID", "error",
                "{record}：“{carrier}”的单位“{unit}”无法换算为 {expected}", "{record}: the unit '{unit}' of "
                "'{carrier}' cannot be converted to {expected}", "改用可换算为 {expected} 的单位",
                "use a unit convertible to {expected}"),
    FindingCode("E_CARBON_VALUE_INVALID", "error", "{what}：{record} 的“{column}”值 {value} 无效：{detail}",
                "{what}: '{column}' of {record} is {value}, which is invalid: {detail}",
                "按说明改正该值；没有有效数值的记录不计算排放（不会按 0 处理），其地区年度合计空缺",
                "correct the value as the message says; a record without a valid number gets no CO2 (it is never taken "
                "as 0) and its region's total for the year is left empty"),
    FindingCode("E_CARBON_FACTOR_RANGE", "error",
                "{record}：“{carrier}”的低位发热量在因子表中只给出区间 {low}–{high} {unit}，系统不替用户选取数值",
                "{record}: the factor table gives the NCV of '{carrier}' only as a range {low}–{high} {unit}; ECER does "
                "not pick a value in it", "随数据提供该燃料的低位发热量（ncv 列，实测或供应商数据）",
                "give the fuel's NCV with the data (column ncv: measured or the supplier's figure)"),
    FindingCode("E_CARBON_GRID_FACTOR_MISSING", "error",
                "{record}：外购电力按“{convention}”应取 {factor_year} 年{scope_zh}电网排放因子（{region}），但没有该因子"
                "（已有年份：{years}）", "{record}: by the convention '{convention}' purchased electricity needs the "
                "{factor_year} {scope} grid factor ({region}), which is not available (years available: {years})",
                "随数据提供该年的电网排放因子，或改用其他取值年份规则（如 --grid-lag），或将官方数值作为新版本导入",
                "supply the year's grid factor with the data, choose another year convention (e.g. --grid-lag), or "
                "import the official value as a new edition"),
    FindingCode("W_CARBON_FACTOR_UNVERIFIED", "warning",
                "“{carrier}”使用的排放因子参数置信度为 {confidence}：{note}",
                "the factor parameters used for '{carrier}' have confidence {confidence}: {note}",
                "有实测或官方数值时随数据提供", "give measured or official values with the data if you have them"),
    FindingCode("I_CARBON_NET_EXPORT", "info",
                "{record}：净调入“{carrier}”为负（{value}），按净调出计负排放 {co2_text} tCO2",
                "{record}: the net import of '{carrier}' is negative ({value}): a net export, counted as {co2_text} tCO2",
                "核对是否确为净调出", "check that it is indeed a net export"),
    FindingCode("I_CARBON_FEEDSTOCK_EXCLUDED", "info",
                "原料用能 {count} 条记录未计燃烧排放（按燃烧计约 {co2_text} tCO2）：原料中的碳留在产品中",
                "{count} feedstock records carry no combustion CO2 (about {co2_text} tCO2 had they been burnt): their carbon "
                "stays in the products", "", ""),
    FindingCode("E_CARBON_GDP_MISSING", "error",
                "{record}：没有可比价地区生产总值，无法计算碳排放强度", "{record}: no constant-price GDP, so no CO2 "
                "intensity", "提供该地区该年的可比价地区生产总值（亿元）", "give the region's constant-price GDP of the "
                "year (10⁸ CNY)"),
    # two-high projects: annual energy against capacity × design unit energy; faces (issue 7 s3, wt-i7)
    FindingCode("W_PROJECT_ENERGY_INCONSISTENT", "warning",
                "项目 {project}：年综合能耗 {annual} tce 与产能 {capacity} {capacity_unit} × 设计{indicator} {design} {unit} "
                "推算的 {expected} tce/年不符（比值 {ratio}，合理区间 {low}–{high}{basis_zh}）：{cause_zh}",
                "project {project}: the annual energy of {annual} tce does not match capacity {capacity} {capacity_unit} "
                "× design {indicator} {design} {unit} = {expected} tce/yr (ratio {ratio}, plausible {low}–{high}"
                "{basis_en}): {cause_en}",
                "核对年综合能耗（吨标准煤，当量值）、产能及其单位和设计单位产品能耗{suggest_zh}",
                "check the annual energy (tce, calorific value), the capacity and its unit, and the design unit energy"
                "{suggest_en}"),
    FindingCode("I_PROJECT_ENERGY_UNCHECKED", "info",
                "项目 {project}：年综合能耗未能与产能 × 设计单位产品能耗核对：{detail}",
                "project {project}: the annual energy could not be checked against capacity × design unit energy: "
                "{detail}", "产能单位写成与指标单位（{unit}）分母相同的数量每年或每日，如 万吨/年、t/d",
                "give the capacity per year or per day in the indicator's denominator ({unit}), e.g. 万吨/年, t/d"),
]:
    register(_c)

# key-project indicators of 国发〔2021〕33号 (issue 8 §4, wt-indicators)
for _c in [
    FindingCode("E_INDICATOR_UNKNOWN", "error", "{where_zh}：指标代码“{indicator}”不在重点工程指标目录中",
                "{where_en}: the indicator code '{indicator}' is not in the key-project catalogue",
                "改用目录中的代码（ecer indicators catalog 列出全部；如 {known}）",
                "use a code of the catalogue (`ecer indicators catalog` lists them; e.g. {known})"),
    FindingCode("E_INDICATOR_UNIT_MISMATCH", "error",
                "{where_zh}：指标 {indicator}（{name_zh}）的单位写作“{unit}”，目录单位为“{expected}”",
                "{where_en}: indicator {indicator} ({name_en}) is given in '{unit}', the catalogue's unit is '{expected}'",
                "按目录单位“{expected}”填写数值（注意 万/% 等单位错写：如 86% 写成 0.86 或 86万）",
                "give the value in the catalogue's unit '{expected}' (mind 万/% slips: 86 % is 86, not 0.86 or 86万)"),
    FindingCode("E_INDICATOR_VALUE_RANGE", "error",
                "{where_zh}：指标 {indicator}（{name_zh}）的数值 {value}{unit} 不可能：{detail_zh}",
                "{where_en}: indicator {indicator} ({name_en}) has the value {value} {unit}, which is impossible: {detail_en}",
                "核对数值及其单位后重新导入", "check the value and its unit and load again"),
    FindingCode("E_INDICATOR_VALUE_INVALID", "error", "{where_zh}：指标 {indicator} 的数值“{value}”无效：{detail}",
                "{where_en}: the value '{value}' of indicator {indicator} is invalid: {detail}",
                "填写数字；没有数值的记录不参加评估（不会按 0 处理）",
                "give a number; a record without one is not assessed (it is never taken as 0)"),
    FindingCode("W_INDICATOR_QUALITATIVE_VALUE", "warning",
                "{where_zh}：指标 {indicator}（{name_zh}）是定性目标（“{target_text}”），所填数值 {value} 保存但不评估",
                "{where_en}: indicator {indicator} ({name_en}) is a qualitative target ('{target_text}'); the value {value} is "
                "kept but not graded", "定性目标在备注（note）中说明进展即可", "describe the progress of a "
                "qualitative target in the note"),
    FindingCode("I_INDICATOR_QUALITATIVE", "info",
                "指标 {indicator}（{name_zh}）是定性目标（“{target_text}”），没有可比较的数值，状态为“无法评估”",
                "indicator {indicator} ({name_en}) is a qualitative target ('{target_text}'): there is no number to compare "
                "with, its status is 'cannot be assessed'", "", ""),
    FindingCode("I_INDICATOR_NATIONAL_AMOUNT", "info",
                "指标 {indicator}（{name_zh}）的目标 {target}{unit} 是全国总量，未分解到地区：{regions} 的数值只列出，不评估",
                "indicator {indicator} ({name_en}): the target of {target} {unit} is the whole country's and is not "
                "assigned to regions: the values of {regions} are listed, not graded",
                "地区的分解目标下达后按地区目标评估；全国数值用地区代码 100000",
                "a region is graded once its share is assigned; give national values under region code 100000"),
    FindingCode("E_INDICATOR_NO_DATA", "error", "没有重点工程指标数据：{detail}", "no key-project indicator data: {detail}",
                "先导入指标数值（ecer indicators load 指标.xlsx；模板：ecer template indicator_values）",
                "load indicator values first (`ecer indicators load values.xlsx`; template: `ecer template "
                "indicator_values`)"),
]:
    register(_c)

# pollutant total-emission control: templates, loads and the service (issue 8 §1, §7; wt-pol-data)
for _c in [
    FindingCode("E_POLLUTANT_IMPLAUSIBLE", "error",
                "地区 {region} {pollutant} {year} 年排放量 {value} t 不可信：{reason_zh}",
                "region {region}, {pollutant}, {year}: emissions of {value} t are implausible: {reason_en}",
                "核对单位（吨 / 万吨：表头写“排放量（万吨）”则按万吨换算）和数值；确认无误时用 --accept-implausible 导入",
                "check the unit (吨 / 万吨: a header '排放量（万吨）' is read in 万吨) and the value; if it is right, load "
                "with --accept-implausible"),
    FindingCode("W_POLLUTANT_IMPLAUSIBLE", "warning",
                "地区 {region} {pollutant} {year} 年排放量 {value} t 存疑（已确认导入）：{reason_zh}",
                "region {region}, {pollutant}, {year}: emissions of {value} t look implausible (loaded as confirmed): "
                "{reason_en}", "核对单位（吨 / 万吨）和数值", "check the unit (吨 / 万吨) and the value"),
    FindingCode("W_POLLUTANT_INPUT_UNUSED", "warning",
                "措施 {measure} 的核算方法为 {method}，不使用“{column}”（值 {value}），该值不参加计算",
                "measure {measure} is accounted by {method}, which does not use '{column}' (value {value}); the value "
                "takes no part", "核对核算方法；若方法无误，删去该值", "check the method; if it is right, remove the value"),
    FindingCode("E_POLLUTANT_TARGET_EMPTY", "error",
                "{region} {pollutant} 的目标既没有降低百分比，也没有重点工程减排量",
                "the target of {region} {pollutant} has neither a percentage nor a key-project quantity",
                "至少填写“排放总量降低目标（%）”或“重点工程减排量（吨）”之一", "give the percentage, the key-project quantity, or both"),
    FindingCode("I_POLLUTANT_NATIONAL_TARGET", "info",
                "{count} 个地区污染物序列没有导入本地区的百分比目标，比照国发〔2021〕33号 全国目标计算进度：{series}",
                "{count} region and pollutant series have no regional percentage target loaded; their progress is "
                "measured against the national targets of 国发〔2021〕33号: {series}",
                "导入本地区目标（ecer template pollutant_targets），进度即按地区目标计算",
                "load the regions' own targets (`ecer template pollutant_targets`) to measure against them"),
    FindingCode("E_POLLUTANT_NO_DATA", "error", "没有污染物数据：{detail}", "no pollutant data: {detail}",
                "先导入排放量（ecer pollutants load 排放量.xlsx；模板：ecer template pollutant_emissions），再导入减排措施和新增量",
                "load emissions first (`ecer pollutants load emissions.xlsx`; template: `ecer template "
                "pollutant_emissions`), then measures and new emissions"),
    FindingCode("I_POLLUTANT_REPORTED_DIFFERS", "info",
                "{record}：核算排放量 {accounted} t，统计排放量 {reported} t（相差 {difference}）",
                "{record}: accounted emissions {accounted} t, reported emissions {reported} t ({difference})", "", ""),
]:
    register(_c)

# pollutant new emissions from the urban population (issue 8 §1; wt-pol-data)
for _c in [
    FindingCode("E_POLLUTANT_INCREMENT_MISSING", "error",
                "{record} 的新增排放量为空，用于计算的城镇人口和人均系数也不全（缺：{missing}）",
                "{record}: no new emissions are given, and the population and coefficient to compute them are "
                "incomplete (missing: {missing})",
                "直接填写新增排放量（吨），或填全当年、上年城镇常住人口和人均产生系数",
                "give the new emissions (t), or all of this year's and last year's urban population and the "
                "per-capita coefficient"),
    FindingCode("W_POLLUTANT_INCREMENT_BOTH", "warning",
                "{record}：新增排放量直接填写为 {given} t，按人口和人均系数推算为 {computed} t；采用直接填写的数值",
                "{record}: new emissions are given as {given} t, the population and coefficient give {computed} t; the "
                "value given is used", "核对两者；只保留其一可消除此提示", "check both; keep one of them to clear this"),
]:
    register(_c)
for _c in [
    FindingCode("E_POLLUTANT_MEASURE_IMPLAUSIBLE", "error",
                "措施 {measure}（{record}）削减 {value} t，超过该地区该污染物的基年排放量 {base} t：可能是万吨/吨单位错误",
                "measure {measure} ({record}) cuts {value} t, more than the region's base-year emissions of the "
                "pollutant, {base} t: a 万吨/吨 slip?",
                "核对该措施的输入及其单位（吨 / 万吨、立方米 / 万立方米）；确认无误时用 --accept-implausible 导入",
                "check the measure's inputs and their units (吨 / 万吨, 立方米 / 万立方米); if right, load with "
                "--accept-implausible"),
    FindingCode("W_POLLUTANT_MEASURE_IMPLAUSIBLE", "warning",
                "措施 {measure}（{record}）削减 {value} t，超过基年排放量 {base} t（已确认导入）",
                "measure {measure} ({record}) cuts {value} t, more than the base-year emissions of {base} t (loaded as "
                "confirmed)", "核对该措施的输入及其单位", "check the measure's inputs and their units"),
]:
    register(_c)

# regional industrial-transfer index (issue 9 §3, §4; wt-transfer): ecer.core.transfer, services/transfer
for _c in [
    FindingCode("E_TRANSFER_TOO_FEW_REGIONS", "error",
                "{what}：只有 {count} 个地区有完整的指标值，至少需要 2 个", "{what}: only {count} regions have every "
                "indicator value; at least 2 are needed", "补充更多地区的指标，或减少指标",
                "load the indicators of more regions, or use fewer indicators"),
    FindingCode("E_TRANSFER_NO_SPREAD", "error",
                "{what}：所有地区在全部指标上取值相同，无法区分（熵权与 TOPSIS 均无定义）",
                "{what}: every region has the same value on every indicator, so none can be told apart (entropy weights "
                "and TOPSIS are undefined)", "核对指标数据；至少一个指标须在地区间有差异",
                "check the indicator data; at least one indicator must differ between regions"),
    FindingCode("E_TRANSFER_VALUE_INVALID", "error", "{what}：{record} 的“{column}”值 {value} 无效：{detail}",
                "{what}: '{column}' of {record} is {value}, which is invalid: {detail}", "按说明改正该值",
                "correct the value as the message says"),
    FindingCode("W_TRANSFER_REGION_INCOMPLETE", "warning",
                "{count} 个地区缺少部分指标值，未参加排序：{regions}（缺：{missing}）",
                "{count} regions lack some indicator values and are not ranked: {regions} (missing: {missing})",
                "补充这些地区的指标值，或用 --indicators 只选各地区都有的指标",
                "load those regions' values, or choose with --indicators only indicators every region has"),
    FindingCode("E_TRANSFER_NO_DATA", "error", "{what}：库中没有{year}承接产业转移评价指标",
                "{what}: the store holds no transfer indicators{year_en}", "先用 ecer transfer load 导入 transfer_indicators 模板",
                "load the transfer_indicators template first (ecer transfer load)"),
    FindingCode("E_TRANSFER_UNKNOWN", "error", "{what}“{value}”不存在（可选：{known}）",
                "{what} '{value}' does not exist (known: {known})", "改用所列之一", "use one of those listed"),
    FindingCode("I_TRANSFER_CONSTRAINT_NOT_APPLIED", "info", "约束“{constraint_zh}”未应用：{reason_zh}",
                "the constraint '{constraint_en}' was not applied: {reason_en}", "{fix_zh}", "{fix_en}"),
    FindingCode("E_TRANSFER_SHARE_INVALID", "error", "{record}：分享比例“{value}”无效：{detail}",
                "{record}: the sharing schedule '{value}' is invalid: {detail}",
                "写成“起始年-终止年:转出地比例”，多段用分号分隔，如 2024-2026:60%;2027-2030:40%，年份须在协议期内且不重叠",
                "write 'first-last:origin share', segments separated by ;, e.g. 2024-2026:60%;2027-2030:40%, years inside "
                "the agreement and not overlapping"),
    FindingCode("W_TRANSFER_DIRECTION_UNMET", "warning",
                "项目 {project}：转入地 {region}（{macro_zh}）不在指导意见为“{class_zh}”规定的承接方向内（{rule}）",
                "project {project}: the destination {region} ({macro_en}) is not among the directions the guidance gives "
                "for '{class_en}' ({rule})", "核对转入地，或说明不按指导意见方向转移的理由",
                "check the destination, or state why the transfer departs from the guidance's direction"),
]:
    register(_c)

# LMDI decomposition and target allocation (issue 9; wt-analysis)
for _c in [
    FindingCode("E_LMDI_INPUT", "error", "LMDI 分解的输入有误：{detail}", "LMDI decomposition input: {detail}",
                "按说明改正输入数据（每个时期、每个分项一行，因素为有限数）",
                "correct the input as the message says (one row per period and sub-category, finite factors)"),
    FindingCode("E_LMDI_PERIOD_MISSING", "error", "LMDI 分解：没有时期 {period} 的数据（已有：{known}）",
                "LMDI decomposition: no data for period {period} (have: {known})",
                "选择已有数据的时期，或先导入该时期的数据", "choose a period that has data, or load that period first"),
    FindingCode("E_LMDI_SIGN_CHANGE", "error",
                "{record}：“{factor}”从 {start} 的 {v0} 变为 {end} 的 {vt}，正负号改变，对数平均数无定义，无法做 LMDI 分解",
                "{record}: '{factor}' changes sign from {v0} in {start} to {vt} in {end}; the logarithmic mean is "
                "undefined, so LMDI cannot decompose it",
                "把正负号改变的项拆成单独的分项（例如电力净调出单列），或换用不跨越符号变化的时期",
                "split the term that changes sign into a separate sub-category (e.g. net electricity exports), or "
                "choose periods that do not straddle the sign change"),
    FindingCode("E_LMDI_AGGREGATE_ZERO", "error",
                "{identity}：{start} 为 {v0}、{end} 为 {vt}，{model} 需要两期总量同号且不为 0",
                "{identity}: {v0} in {start} and {vt} in {end}; {model} needs a non-zero aggregate of the same sign "
                "in both periods", "改用加法 LMDI-I（允许一端为 0），或换用总量不为 0 的时期",
                "use additive LMDI-I (which allows a zero at one end), or periods with a non-zero aggregate"),
    FindingCode("E_LMDI_II_DEGENERATE", "error",
                "{identity} {start}→{end}：两期都有数值的分项几乎不占总量（LMDI-II 权重之和 {weight}），LMDI-II 的效应超出数值范围",
                "{identity} {start}→{end}: the sub-categories present in both periods carry almost none of the "
                "aggregate (LMDI-II weight sum {weight}); the LMDI-II effects are beyond the range of numbers",
                "改用 LMDI-I（Ang 2015 推荐的一般方法）", "use LMDI-I (the general method Ang 2015 recommends)"),
    FindingCode("E_LMDI_NOT_PERFECT", "error",
                "{identity} {start}→{end}：各效应之和与总变化相差 {relative}（相对），超过 1e-9，结果不予输出",
                "{identity} {start}→{end}: the effects miss the total change by {relative} (relative), above 1e-9; "
                "no result is given", "报告此问题并附上输入数据（这是程序错误，不是数据错误）",
                "report this with the input data (a program error, not a data error)"),
    # sectoral energy for LMDI (issue 9 §1; wt-sector): the sector_energy template's checks
    FindingCode("E_SECTOR_UNKNOWN", "error", "部门“{value}”不在部门代码表（参考表 lmdi_sectors）中",
                "the sector '{value}' is not in the sector code list (reference table lmdi_sectors)",
                "改用 第一产业、第二产业、第三产业、居民生活 或 GB/T 4754-2017 门类字母 A–T（ecer catalog show lmdi_sectors）",
                "use primary, secondary, tertiary, household or a GB/T 4754-2017 section letter A–T "
                "(`ecer catalog show lmdi_sectors`)"),
    FindingCode("E_SECTOR_SCHEME_MIXED", "error",
                "地区 {region} {year} 年同时使用三次产业和 GB/T 4754-2017 门类（{sectors_zh}），各部门合计会重复计算",
                "region {region}, {year}: the rows mix the three industries and GB/T 4754-2017 sections ({sectors_en}), "
                "so the sectors would be counted twice", "同一地区同一年只用一种分法：三次产业，或门类 A–T",
                "use one scheme per region and year: the three industries, or the sections A–T"),
    FindingCode("E_SECTOR_VALUE_ADDED", "error", "地区 {region} {year} 年{sector_zh}：{detail_zh}",
                "region {region}, {year}, {sector_en}: {detail_en}", "{fix_zh}", "{fix_en}"),
    FindingCode("E_SECTOR_ABOVE_TOTAL", "error",
                "地区 {region} {year} 年各部门能源消费量合计 {sum}，超过该地区能源消费总量 {total}（energy 表）{excess}，"
                "超出容差 {tolerance}",
                "region {region}, {year}: the sectors' energy adds up to {sum}, above the region's total energy "
                "{total} (energy table) by {excess}, beyond the {tolerance} tolerance",
                "核对部门数据与地区总量是否同一口径（等价值或当量值）、同一单位；部门合计不应超过总量",
                "check that the sectors and the total are on one basis (coal equivalent or calorific) and in one unit; "
                "the sectors cannot add up to more than the total"),
    FindingCode("W_SECTOR_ABOVE_TOTAL", "warning",
                "地区 {region} {year} 年各部门能源消费量合计 {sum}，超过该地区能源消费总量 {total}（energy 表）{excess}，"
                "超出容差 {tolerance}（已按确认导入）",
                "region {region}, {year}: the sectors' energy adds up to {sum}, above the region's total energy "
                "{total} (energy table) by {excess}, beyond the {tolerance} tolerance (loaded as confirmed)",
                "核对部门数据与地区总量是否同一口径、同一单位", "check that the sectors and the total are on one basis and "
                "in one unit"),
    FindingCode("E_SECTOR_UNIT_SLIP", "error", "地区 {region} {year} 年{what_zh}：{reason_zh}，很可能是 万吨标准煤 与 吨标准煤 的单位错写",
                "region {region}, {year}, {what_en}: {reason_en}; most likely a 万tce / tce unit slip",
                "核对能源消费量列表头的单位（{header}）：数值须与表头单位一致；确属实情时导入加 --accept-implausible",
                "check the unit in the energy header ({header}): the numbers must be in that unit; if the values are "
                "right, load with --accept-implausible"),
    FindingCode("W_SECTOR_UNIT_SLIP", "warning", "地区 {region} {year} 年{what_zh}：{reason_zh}，可能是 万吨标准煤 与 吨标准煤 的单位错写（已按确认导入）",
                "region {region}, {year}, {what_en}: {reason_en}; possibly a 万tce / tce unit slip (loaded as confirmed)",
                "核对能源消费量列表头的单位（{header}）", "check the unit in the energy header ({header})"),
    FindingCode("I_SECTOR_TOTAL_UNCHECKED", "info",
                "地区 {region} {year} 年库中没有能源消费总量，各部门合计 {sum} 未与总量比较",
                "region {region}, {year}: the store holds no total energy, so the sectors' sum {sum} was not compared "
                "with it", "先导入该地区该年的能源消费数据（ecer load energy），再导入部门数据",
                "load the region's energy data for the year first (`ecer load energy`), then the sector data"),
    FindingCode("E_ALLOCATION_INPUT", "error", "目标分配的输入有误：{detail}", "target allocation input: {detail}",
                "按说明改正各地区的能耗、GDP 和指标数据", "correct the regions' energy, GDP and indicator data as the "
                "message says"),
    FindingCode("E_ALLOCATION_UNREACHABLE", "error",
                "按“{method}”无法使全国强度降低 {target}：各地区目标限定在 {low}–{high} 之间时，汇总降低率只能在 "
                "{reach_low}–{reach_high} 之间", "by '{method}' the national intensity cut of {target} cannot be met: "
                "with regional targets held within {low}–{high} the aggregate ranges only over "
                "{reach_low}–{reach_high}", "调整档差、目标上下限或全国目标", "change the tier gaps, the target bounds or "
                "the national target"),
    FindingCode("E_AHP_INCONSISTENT", "error",
                "AHP 判断矩阵一致性比率 CR = {cr}，不小于 0.10（n = {n}，λmax = {lmax}），判断不一致",
                "AHP comparison matrix: consistency ratio CR = {cr} is not below 0.10 (n = {n}, λmax = {lmax}); the "
                "judgements are inconsistent", "修改两两比较判断，使 CR < 0.10（Saaty 1980）",
                "revise the pairwise judgements until CR < 0.10 (Saaty 1980)"),
    FindingCode("E_AHP_MATRIX", "error",
                "AHP 判断矩阵第 {row} 行（{row_name}）第 {column} 列（{column_name}）的值 {value} 不可用：{detail}",
                "AHP comparison matrix, row {row} ({row_name}), column {column} ({column_name}): the value {value} "
                "cannot be used: {detail}",
                "按 Saaty 1–9 标度填写正数（可写成 1/3 这样的分数），对角线为 1，且第 j 行第 i 列等于第 i 行第 j 列的倒数",
                "enter positive numbers on Saaty's 1–9 scale (fractions such as 1/3 are fine), 1 on the diagonal, "
                "and the cell (j, i) equal to 1 over the cell (i, j)"),
    FindingCode("E_ZSG_DEA_FAILED", "error", "零和收益 DEA 无法完成：{detail}", "ZSG-DEA could not finish: {detail}",
                "检查各地区的投入产出数据（是否有极端值），或减少 DEA 投入产出的个数",
                "check the regions' inputs and outputs for extreme values, or use fewer DEA inputs and outputs"),
    FindingCode("W_ZSG_DEA_ALL_EFFICIENT", "warning",
                "{n} 个地区在 {m} 个投入、{s} 个产出下初始 CCR 效率都是 1，零和收益 DEA 不做任何调整，各地区基本目标都等于全国目标 "
                "{target}", "all {n} regions are CCR-efficient at the start with {m} input(s) and {s} output(s); ZSG-DEA "
                "moves nothing, so every region's basic target equals the national target {target}",
                "地区少而投入产出多时 DEA 区分不出效率差别（常用经验：地区数不少于投入产出总数的 3 倍）；减少投入产出或改用其他方法",
                "with few regions and many inputs and outputs DEA cannot tell efficiencies apart (a common rule of "
                "thumb: at least three times as many regions as inputs and outputs); use fewer of them or another "
                "method"),
]:
    register(_c)

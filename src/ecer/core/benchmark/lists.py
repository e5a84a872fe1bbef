"""Work lists: the retrofit list (below baseline, upgradable, with its guide's technology paths) and the exit list
(below baseline, marked not upgradable in time).

发改产业〔2021〕1609号 三: "对需开展技术改造的项目……在规定时限内将能效改造升级到基准水平以上，力争达到能效标杆水平；
对于不能按期改造完毕的项目进行淘汰". Technology paths: 发改产业〔2022〕200号, each guide's 二(二)
"加快成熟工艺普及推广，有序推动改造升级" (table ``retrofit_technologies_2022``, joined to a field through
``benchmark_fields.guide_annex``); the fields added in 2023 have no guide and get no path.
"""

from __future__ import annotations

import polars as pl

from ecer.core.benchmark.formulas import BELOW_BASELINE

MATURE = "二(二)"
"""Section prefix of the guides' mature techniques to diffuse (改造升级)."""
_SEP = "；"


def technology_paths(technologies: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """Field → its guide's mature technology paths (``technology_paths``, joined with "；") and their count.

    technologies : ``retrofit_technologies_2022`` (annex_no, section, technology_cn); fields : ``benchmark_fields``
    (field, guide_annex).
    """
    mature = (
        technologies.filter(pl.col("section").str.starts_with(MATURE))
        .group_by("annex_no", maintain_order=True)
        .agg(
            pl.col("technology_cn").str.join(_SEP).alias("technology_paths"),
            pl.len().cast(pl.Int64).alias("technology_count"),
        )
    )
    return fields.select("field", pl.col("guide_annex").cast(pl.Int64)).join(
        mature, left_on="guide_annex", right_on="annex_no", how="left"
    )


def retrofit_list(classified: pl.DataFrame, technologies: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """Units below baseline that can be retrofitted, with deadline, gaps, savings [tce/a] and technology paths,
    largest saving to baseline first. A unit of a field without a guide keeps ``technology_paths`` null."""
    paths = technology_paths(technologies, fields)
    below = classified.filter((pl.col("level_class") == BELOW_BASELINE) & pl.col("upgradable"))
    return below.join(paths, on="field", how="left").sort(
        ["deadline", "saving_to_baseline_tce", "unit_id"], descending=[False, True, False], nulls_last=True
    )


def exit_list(classified: pl.DataFrame) -> pl.DataFrame:
    """Units below baseline that the user marked not upgradable in time (``upgradable`` False): to exit by the
    field's deadline (1609号 三 "不能按期改造完毕的项目进行淘汰"), earliest deadline and largest capacity first.
    A unit marked not upgradable but not below baseline is not on the list."""
    out = classified.filter((pl.col("level_class") == BELOW_BASELINE) & ~pl.col("upgradable"))
    return out.sort(["deadline", "capacity", "unit_id"], descending=[False, True, False], nulls_last=True)

"""Write src/ecer/refdata/industry_codes/2017/data.csv: GB/T 4754-2017 divisions (all 97) and the groups and
classes of the benchmark fields and the six two-high sectors.

Run: .venv/bin/python scripts/build_industry_codes.py. The codes and names are GB/T 4754-2017《国民经济行业分类》
表 5 (as amended by 第1号修改单, 国统字〔2019〕66号), transcribed by hand; ``complete`` marks a division whose groups
and classes are all listed, so an unlisted code in it is unknown (elsewhere it is only unverified).
"""

from __future__ import annotations

import csv
from pathlib import Path

DIVISIONS = """A 01 农业;02 林业;03 畜牧业;04 渔业;05 农、林、牧、渔专业及辅助性活动
B 06 煤炭开采和洗选业;07 石油和天然气开采业;08 黑色金属矿采选业;09 有色金属矿采选业;10 非金属矿采选业;11 开采专业及辅助性活动;12 其他采矿业
C 13 农副食品加工业;14 食品制造业;15 酒、饮料和精制茶制造业;16 烟草制品业;17 纺织业;18 纺织服装、服饰业;19 皮革、毛皮、羽毛及其制品和制鞋业;20 木材加工和木、竹、藤、棕、草制品业;21 家具制造业;22 造纸和纸制品业;23 印刷和记录媒介复制业;24 文教、工美、体育和娱乐用品制造业;25 石油、煤炭及其他燃料加工业;26 化学原料和化学制品制造业;27 医药制造业;28 化学纤维制造业;29 橡胶和塑料制品业;30 非金属矿物制品业;31 黑色金属冶炼和压延加工业;32 有色金属冶炼和压延加工业;33 金属制品业;34 通用设备制造业;35 专用设备制造业;36 汽车制造业;37 铁路、船舶、航空航天和其他运输设备制造业;38 电气机械和器材制造业;39 计算机、通信和其他电子设备制造业;40 仪器仪表制造业;41 其他制造业;42 废弃资源综合利用业;43 金属制品、机械和设备修理业
D 44 电力、热力生产和供应业;45 燃气生产和供应业;46 水的生产和供应业
E 47 房屋建筑业;48 土木工程建筑业;49 建筑安装业;50 建筑装饰、装修和其他建筑业
F 51 批发业;52 零售业
G 53 铁路运输业;54 道路运输业;55 水上运输业;56 航空运输业;57 管道运输业;58 多式联运和运输代理业;59 装卸搬运和仓储业;60 邮政业
H 61 住宿业;62 餐饮业
I 63 电信、广播电视和卫星传输服务;64 互联网和相关服务;65 软件和信息技术服务业
J 66 货币金融服务;67 资本市场服务;68 保险业;69 其他金融业
K 70 房地产业
L 71 租赁业;72 商务服务业
M 73 研究和试验发展;74 专业技术服务业;75 科技推广和应用服务业
N 76 水利管理业;77 生态保护和环境治理业;78 公共设施管理业;79 土地管理业
O 80 居民服务业;81 机动车、电子产品和日用产品修理业;82 其他服务业
P 83 教育
Q 84 卫生;85 社会工作
R 86 新闻和出版业;87 广播、电视、电影和录音制作业;88 文化艺术业;89 体育;90 娱乐业
S 91 中国共产党机关;92 国家机构;93 人民政协、民主党派;94 社会保障;95 群众团体、社会团体和其他成员组织;96 基层群众自治组织及其他组织
T 97 国际组织"""

# (code, name, two-high sector or "", benchmark fields it holds)
DETAIL = """171 棉纺织及印染精加工||
1711 棉纺纱加工||针织物、纱线
1712 棉织造加工||棉、化纤及混纺机织物
176 针织或钩针编织物及其制品制造||
1761 针织或钩针编织物织造||针织物、纱线
221 纸浆制造||
222 造纸||
2221 机制纸及纸板制造||卫生纸原纸、纸巾原纸
251 精炼石油产品制造|石化|
2511 原油加工及石油制品制造|石化|炼油
2519 其他原油制造|石化|
252 煤炭加工|化工|
2521 炼焦|化工|煤制焦炭
2522 煤制合成气生产|化工|
2523 煤制液体燃料生产|化工|
2524 煤制品制造|化工|
2529 其他煤炭加工|化工|
253 核燃料加工||
2530 核燃料加工||
254 生物质燃料加工||
2541 生物质液体燃料生产||
2542 生物质致密成型燃料加工||
261 基础化学原料制造|化工|
2611 无机酸制造|化工|
2612 无机碱制造|化工|烧碱;纯碱
2613 无机盐制造|化工|
2614 有机化学原料制造|化工|乙烯;对二甲苯;煤制甲醇;煤制烯烃;精对苯二甲酸;乙二醇;煤制乙二醇
2619 其他基础化学原料制造|化工|电石;黄磷
262 肥料制造|化工|
2621 氮肥制造|化工|合成氨;尿素
2622 磷肥制造|化工|磷酸一铵;磷酸二铵
2623 钾肥制造|化工|
2624 复混肥料制造|化工|
264 涂料、油墨、颜料及类似产品制造|化工|
2643 工业颜料制造|化工|钛白粉
265 合成材料制造|化工|
2651 初级形态塑料及合成树脂制造|化工|聚氯乙烯
2652 合成橡胶制造|化工|
2653 合成纤维单（聚合）体制造|化工|
2659 其他合成材料制造|化工|
281 纤维素纤维原料及纤维制造||
2811 化纤浆粕制造||
2812 人造纤维（纤维素纤维）制造||粘胶短纤维
291 橡胶制品业||
2911 轮胎制造||子午线轮胎
301 水泥、石灰和石膏制造|建材|
3011 水泥制造|建材|水泥熟料
3012 石灰和石膏制造|建材|
304 玻璃制造|建材|
3041 平板玻璃制造|建材|平板玻璃
3042 特种玻璃制造|建材|
3049 其他玻璃制造|建材|
307 陶瓷制品制造|建材|
3071 建筑陶瓷制品制造|建材|建筑陶瓷
3072 卫生陶瓷制品制造|建材|卫生陶瓷
311 炼铁|钢铁|
3110 炼铁|钢铁|炼铁
312 炼钢|钢铁|
3120 炼钢|钢铁|炼钢
313 钢压延加工|钢铁|
3130 钢压延加工|钢铁|
314 铁合金冶炼|钢铁|
3140 铁合金冶炼|钢铁|铁合金冶炼
321 常用有色金属冶炼|有色金属冶炼|
3211 铜冶炼|有色金属冶炼|铜冶炼
3212 铅锌冶炼|有色金属冶炼|铅冶炼;锌冶炼
3213 镍钴冶炼|有色金属冶炼|
3214 锡冶炼|有色金属冶炼|
3215 锑冶炼|有色金属冶炼|
3216 铝冶炼|有色金属冶炼|电解铝
3217 镁冶炼|有色金属冶炼|
3218 硅冶炼|有色金属冶炼|工业硅
3219 其他常用有色金属冶炼|有色金属冶炼|
322 贵金属冶炼|有色金属冶炼|
3221 金冶炼|有色金属冶炼|
3222 银冶炼|有色金属冶炼|
3229 其他贵金属冶炼|有色金属冶炼|
323 稀有稀土金属冶炼|有色金属冶炼|
3231 钨钼冶炼|有色金属冶炼|
3232 稀土金属冶炼|有色金属冶炼|
3239 其他稀有金属冶炼|有色金属冶炼|
324 有色金属合金制造||
3240 有色金属合金制造||
325 有色金属压延加工||
3251 铜压延加工||
3252 铝压延加工||
3253 贵金属压延加工||
3254 稀有稀土金属压延加工||
3259 其他有色金属压延加工||
441 电力生产|煤电|
4411 火力发电|煤电|
4412 热电联产|煤电|
4413 水力发电||
4414 核力发电||
4415 风力发电||
4416 太阳能发电||
4417 生物质能发电||
4419 其他电力生产||
442 电力供应||
4420 电力供应||
443 热力生产和供应||
4430 热力生产和供应||"""

COMPLETE = {"25", "31", "32", "44"}  # every group and class of these divisions is listed
SECTOR_OF_DIVISION = {"25": "石化", "26": "化工", "30": "建材", "31": "钢铁", "32": "有色金属冶炼"}
DOC = "GB/T 4754-2017"
CLAUSE = "表5 国民经济行业分类和代码表（按第1号修改单修订）"
SOURCE = (
    "GB/T 4754-2017《国民经济行业分类》, 国家统计局 国统字〔2019〕66号 附件（按第1号修改单修订）; "
    "http://www.xqtravel.com/display/387798.html (repost of the NBS notice); "
    "https://www.360docs.net/doc/1011946243.html (code table); transcribed by hand"
)
SECTOR_NOTE = (
    "two_high_sector: the six sectors of 环办环评〔2021〕45号 (煤电、石化、化工、钢铁、有色金属冶炼、建材) "
    "mapped onto the code by judgement, not by the document"
)


def rows() -> list[dict[str, str]]:
    out = []
    for line in DIVISIONS.splitlines():
        section, rest = line.split(" ", 1)
        for item in rest.split(";"):
            code, name = item.split(" ", 1)
            out.append(
                {
                    "code": code,
                    "level": "division",
                    "section": section,
                    "name_zh": name,
                    "parent": "",
                    "complete": "true" if code in COMPLETE else "false",
                    "two_high_sector": SECTOR_OF_DIVISION.get(code, ""),
                    "benchmark_fields": "",
                }
            )
    for line in DETAIL.splitlines():
        head, sector, fields = line.split("|")
        code, name = head.split(" ", 1)
        out.append(
            {
                "code": code,
                "level": "group" if len(code) == 3 else "class",
                "section": "",
                "name_zh": name,
                "parent": code[:-1],
                "complete": "",
                "two_high_sector": sector,
                "benchmark_fields": fields,
            }
        )
    by_code = {r["code"]: r for r in out}
    for r in out:
        if not r["section"]:
            r["section"] = by_code[r["code"][:2]]["section"]
    for r in out:
        r.update(
            doc_no=DOC,
            clause=CLAUSE,
            source=SOURCE,
            confidence="medium",
            notes=SECTOR_NOTE if r["two_high_sector"] else "",
        )
    return sorted(out, key=lambda r: r["code"])


def main() -> None:
    path = Path(__file__).resolve().parents[1] / "src/ecer/refdata/industry_codes/2017/data.csv"
    data = rows()
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(data[0]))
        w.writeheader()
        w.writerows(data)
    print(f"wrote {len(data)} rows to {path}")


if __name__ == "__main__":
    main()

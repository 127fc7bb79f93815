"""A small next-year report in the genre's format, written for the tests (not the city's real 2024 report).

Its one table has 2023 targets and their outcomes (预期目标 and 完成情况) for
indicators the 2023 report set targets for, some named differently: in
traditional characters, with a bracketed unit, and one shortened past what
the matcher accepts (城镇新增就业 for 城镇新增就业人数).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

STEM = "suzhou-2024-plan-report"
TEXT = """—— 2024年1月在市第十七届人民代表大会第三次会议上
一、2023年国民经济和社会发展计划执行情况
对照预期目标，预计固定资产投资等1个指标无法完成。
表1  2023年主要指标完成情况
\t指标
分类
\t序号
\t指标名称
\t2023年预期目标
\t完成情况

\t经济
发展
实力
\t1
\t地区生产总值
\t增长5%左右
\t增长4.6%

\t
\t2
\t固定资产投资
\t增长5%左右
\t下降1.2%

\t
\t3
\t社會消費品零售總額（亿元）
\t增长6%以上
\t增长7.5%

\t
\t4
\t城镇新增就业
\t20万人
\t21.6万人

\t绿色
转型
发展
\t5
\t单位地区生产总值能源消耗降低
\t4.6%左右
\t完成省下达任务


（一）主要计划目标完成情况
实现地区生产总值2.47万亿元，增长4.6%。
（二）重点任务完成情况
1．产业实力稳步提升。规模以上工业总产值达到4.4万亿元，增长1.2%。
二、2024年国民经济和社会发展计划安排
上述目标中，绿色转型发展目标是约束性的，经济发展实力目标是预期性的。
三、完成2024年国民经济和社会发展计划的主要措施
围绕2024年全市经济社会发展的二大类5项主要预期目标，建议抓好二个方面2项重点任务。
（一）全力推动经济发展
1．促进投资合理增长。新增省级智能工厂二十家，引进人才1200人以上。
（二）加快绿色发展
2．打造优美生态环境。建成城市公园15个。
"""
META = {
    "file": f"{STEM}.txt",
    "title_zh": "关于苏州市2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告（测试用）",
    "title_en": "Report on Suzhou's 2023 plan and 2024 draft plan (made up for the tests)",
    "city_zh": "苏州市",
    "city_en": "Suzhou",
    "author_zh": "苏州市发展和改革委员会",
    "author_en": "Suzhou Municipal Development and Reform Commission",
    "delivered": "2024-01-10",
    "delivered_at_zh": "苏州市第十七届人民代表大会第三次会议",
    "source_url": "http://example.org/suzhou-2024-plan-report",
    "review_year": 2023,
    "plan_year": 2024,
}


def make_project(root: Path, destination: Path) -> Path:
    """A copy of the project (sources, curated data, gazetteer, ontology, queries) plus the next-year report."""
    for part in ("ontology", "queries", "data/curated", "data/sources"):
        shutil.copytree(root / part, destination / part)
    shutil.copy(root / "data" / "gazetteer.toml", destination / "data" / "gazetteer.toml")
    (destination / "data" / "sources" / f"{STEM}.txt").write_text(TEXT, encoding="utf-8")
    (destination / "data" / "sources" / f"{STEM}.meta.json").write_text(json.dumps(META, ensure_ascii=False), encoding="utf-8")
    return destination

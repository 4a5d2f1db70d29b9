"""Every plan indicator's definition, written once.

One record per results variable that a plan target judges or a run chart shows as a plan
indicator: its Chinese names, numerator and denominator in words, the model variables its
equation uses, the plan lines that set or define it, and the published definitions found (quoted
verbatim with their source). docs/indicators.md is generated from this table and from the
equations of health_system.mdl, so the page shows the formula the model computes; tests keep the
page, the table and the model in step:

    .venv/bin/python -m sim.model.indicators > docs/indicators.md
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sim.model import MODEL_FILE
from sim.model.outputs import BY_NAME
from sim.model.sketch import SKETCH_MARK

__all__ = ["Quote", "Indicator", "INDICATORS", "model_equations", "references",
           "indicators_markdown"]

# The plans (seeds), cited as `seeds/<file>:<line>`.
S000 = "seeds/000_bace529e69db1a54.txt"  # Hangzhou 14th five-year health plan
S001 = "seeds/001_5e872680af3ad2eb.txt"  # Zhejiang 2020 work plan
S002 = "seeds/002_9eca0ffaebb7c8a5.txt"  # Lishui 14th five-year plan
S004 = "seeds/004_7550778e61264481.txt"  # Jiamusi 14th five-year plan
# Published sources found (stored public copies; none is the issuing ministry's own page).
BPHS_INDICATORS = ("BPHS performance-indicator document, 计算公式 section "
                   "(m.docduoduo.com/p-2754636.html)")
BPHS_REPORTING = ("BPHS reporting system, C# class `Pro.Core.Model.RPT_JKDAInput` (public "
                  "GitHub code; the search index does not name the repository)")
BPHS_SCORING = ("BPHS scoring service, TypeScript, indicators H00/H01/D00/D01 (public GitHub "
                "code; the search index does not name the repository)")
DIABETES_PLAN = ("健康中国行动——糖尿病防治行动实施方案（2024—2030年）, news reprint "
                 "www.xiejiarong.cn/index.php/index-view-aid-581.html (traditional script)")
CVD_PLAN = ("健康中国行动——心脑血管疾病防治行动实施方案（2023—2030年）, Southern Weekly text "
            "as reprinted (garbled) at vhb.ymdmx.cn/news/19a29999681.html; official text not found")
HEALTH_NEWS_2030 = ("15th five-year plan targets for 2030, 健康报 2026-03-17 "
                    "(jkbayu.com/a/gundongtu/2026/0317/18250.html; "
                    "research/external_data_2020.md §6)")


@dataclass(frozen=True)
class Quote:
    """A verbatim text and where it is: `seeds/<file>:<line>`, a URL, or a repository file."""

    text: str
    source: str


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One plan indicator. `variables` are the model variables its .mdl equation uses (a test
    checks they are exactly those); `numerator` and `denominator` are (zh, en) in words;
    `plan_lines` quote the plan text that sets a target on it or defines it; `definitions` quote
    the published definitions found; `note` (zh, en) says where sources disagree and why the
    model follows the one it does, or what the model leaves out."""

    name: str
    names_zh: tuple[str, ...]
    numerator: tuple[str, str]
    denominator: tuple[str, str]
    variables: tuple[str, ...]
    plan_lines: tuple[Quote, ...] = ()
    definitions: tuple[Quote, ...] = ()
    note: tuple[str, str] = ("", "")


_PATIENTS = ("估计患者数（应管理人数，18岁及以上，诊断与否）",
             "estimated patients (adults 18+, diagnosed or not; 应管理人数)")
_THOUSANDS = ("常住人口（千人）", "residents (thousands)")
_MANAGED = ("年内在基层管理的患者（已管理未规范 + 规范管理）",
            "patients under primary-care management (managed + standardized stocks)")
_AGE_SCOPE = ("基本公共卫生服务的服务对象为35岁及以上常住居民中的患者；模型的估计患者为18岁及以上，"
              "分母略大。", "The BPHS serves patients among residents aged 35+; the model's "
              "estimated patients are adults 18+, a slightly larger denominator.")
# Who the BPHS hypertension and diabetes services are for: the age scope of their rates.
_SERVICE_SCOPE = (
    Quote("1. 服务对象 :辖区内 35 岁及以上常住居民中原发性高血压患者。", "community health "
          "centre page, zicheng.dcnsqys.com/fuwuxiangmu/gonggongweishengfuwu/2017-11-01/323.html"),
    Quote("辖区内35岁及以上常住居民中2型糖尿病患者。", "Xiushan county government, 2型糖尿病患者"
          "健康管理服务指南, cqxs.gov.cn/bm/wsjkw/zwgk_77940/zfxxgkml_178039/jczwgk/fwzn/jkfw/"
          "202212/t20221202_11351784.html"))

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        name="standardized_management_rate", names_zh=("规范管理率", "基层规范管理服务率"),
        numerator=("按照规范要求进行管理的患者（规范管理）",
                   "patients managed to the standard (standardized stock)"),
        denominator=_MANAGED, variables=("standardized patients", "managed patients"),
        plan_lines=(Quote("高血压、糖尿病患者规范管理率>70%", f"{S000}:182"),
                    Quote("高血压、Ⅱ型糖尿病患者基层规范管理服务率达到65%以上", f"{S004}:374"),
                    Quote("2型糖尿病患者基層規范管理服務率達到70%及以上", DIABETES_PLAN),
                    Quote("规范管理率不低于70%", CVD_PLAN)),
        definitions=(
            Quote("高血压患者规范管理率=按要求规范管理的高血压 人数/年内管理的高血压患者人数*100%",
                  BPHS_INDICATORS),
            Quote("糖尿病患者规范管理率=按要求规范管理的糖尿病人数/年内管理的糖尿病患者人数*100%",
                  BPHS_INDICATORS),
            Quote("辖区内应管理人数 GXY_RWS … 已管理高血压患者人数 GXY_GLRS … 按照规范要求提供"
                  "高血压患者健康管理服务的人数 GXY_GFGLRS … 高血压患者基层规范管理服务率 "
                  "GXY_GFGLRS/GXY_GLRS", BPHS_REPORTING),
            Quote("2型糖尿病患者基层规范管务率（%） TNB_GFGLRS/TNB_GLRS", BPHS_REPORTING),
            Quote("按照规范要求进行高血压患者健康管理的人数 / 一年内已管理的高血压患者人数",
                  BPHS_SCORING),
            Quote("2014年西安市基层医疗机构高血压健康管理率、规范管理率和血压控制率分别为39.35%、"
                  "83.15%%和62.60%", "218.28.6.71:81/Qikan/Article/Detail?id=667998927"),
            Quote("The rates of record establishment, health management and blood glucose "
                  "control rate in managed patients in Urumqi City were 46.94%, 38.37% and "
                  "59.92% … The rate of standardized management was 75.89%",
                  "zjyfyxzz.com/CN/10.19485/j.cnki.issn2096-5087.2025.01.020"),
            *_SERVICE_SCOPE),
        note=("两个名称，一个指标。基本公共卫生服务项目绩效指标把规范管理率定义为按要求规范管理的"
              "人数除以年内管理的患者人数；报表与考核系统计算基层规范管理服务率用同一分子、分母，"
              "应管理人数只用于管理率。已报告的数值也印证这一分母：西安2014年规范管理率83.15%而"
              "健康管理率39.35%，乌鲁木齐2017—2021年75.89%而38.37%；以全部估计患者为分母的比例"
              "不可能高于管理率。未找到以全部估计患者为分母定义基层规范管理服务率的文本；模型原先的"
              "公式即如此（现为 standardized_share_of_patients，不是规划指标）。官方原文（基本公共"
              "卫生服务规范第三版；2023年心脑血管、2024年糖尿病行动方案的指标说明）在可检索的资料中"
              "未找到。" + _AGE_SCOPE[0],
              "Two names, one indicator. The BPHS performance indicators define 规范管理率 as "
              "patients managed to the standard / patients under management in the year; BPHS "
              "reporting and scoring systems compute 基层规范管理服务率 with the same numerator "
              "and denominator, keeping 应管理人数 (estimated patients) for the management rate "
              "only. Reported values confirm the denominator: Xi'an 2014, 83.15% with a "
              "management rate of 39.35%; Urumqi 2017-2021, 75.89% with 38.37%; a rate over all "
              "estimated patients cannot exceed the management rate. No text was found that "
              "divides 基层规范管理服务率 by all estimated patients; the model's earlier formula "
              "did (now `standardized_share_of_patients`, not a plan indicator). The official "
              "texts (the BPHS specification, 3rd edition; the indicator notes of the 2023 "
              "cardiovascular and 2024 diabetes action plans) were not found in the searchable "
              "corpora. A survey (Song Z. et al., Chin J Epidemiol 2021;42(11):2001) reports "
              "社区规范管理率 45.72% and 社区健康管理率 54.10% of diagnosed hypertensives aged "
              "35+, both over diagnosed patients: a survey measure, not the plan indicator. "
              + _AGE_SCOPE[1])),
    Indicator(
        name="standardized_share_of_patients", names_zh=("规范管理患者占估计患者比例",),
        numerator=("规范管理的患者", "patients under standardized management"),
        denominator=_PATIENTS, variables=("standardized patients", "estimated patients"),
        note=("不是规划指标：没有已发表的定义以全部估计患者为规范管理的分母。保留它，是为了把覆盖面"
              "与规范程度放在一起看（等于管理率 × 规范管理率）。",
              "Not a plan indicator: no published definition divides standardized management "
              "by all estimated patients. Kept to show coverage and standard together (it "
              "equals the management rate times the standardized management rate).")),
    Indicator(
        name="management_rate", names_zh=("健康管理率", "管理率"), numerator=_MANAGED,
        denominator=_PATIENTS,
        variables=("managed patients", "standardized patients", "estimated patients"),
        definitions=(
            Quote("高血压患者健康管理率=年内已管理高血压人数/ 年内辖区内高血压患者总人数*100%",
                  BPHS_INDICATORS),
            Quote("一年内已管理的高血压患者数 / 年内辖区应管理高血压患者总数", BPHS_SCORING),
            *_SERVICE_SCOPE),
        note=_AGE_SCOPE),
    Indicator(
        name="awareness_rate", names_zh=("知晓率",),
        numerator=("已诊断患者（知晓未管理 + 已管理 + 规范管理）",
                   "diagnosed patients (aware unmanaged + managed + standardized)"),
        denominator=_PATIENTS, variables=("known patients", "estimated patients"),
        plan_lines=(Quote("18歲及以上居民糖尿病知曉率達到60%及以上", DIABETES_PLAN),
                    Quote("高血压的知晓率不低于65%", CVD_PLAN)),
        note=("国家行动方案的知晓率分别针对30岁及以上（高血压）和18岁及以上（糖尿病）居民；模型为"
              "18岁及以上。未找到正式的计算公式。",
              "The national action plans' awareness rates cover residents aged 30+ "
              "(hypertension) and 18+ (diabetes); the model's covers adults 18+. No formal "
              "formula was found.")),
    Indicator(
        name="beds_per_1000_residents", names_zh=("每千人医疗机构床位数",),
        numerator=("医疗卫生机构床位数", "beds in medical and health institutions"),
        denominator=_THOUSANDS, variables=("total beds", "total population"),
        definitions=(Quote("八、每千人医疗机构床位数:指医疗卫生机构床位数与常住人口数(千人)之比。",
                           f"{S000}:375"),),
        note=("规划计入全部医疗卫生机构床位（000:375），护理院亦在其内；模型计入的床位类型见上方"
              " total beds 的方程。",
              "The plans count every bed of medical and health institutions, 护理院 included "
              "(000:375); the bed types the model counts are those of `total beds` above.")),
    Indicator(
        name="nursing_share_of_primary_care_beds", names_zh=("基层医疗卫生机构护理床位占比",),
        numerator=("基层医疗卫生机构护理床位", "primary-care nursing beds"),
        denominator=("基层医疗卫生机构床位", "all primary-care beds"),
        variables=("beds", "is primary bed"),
        plan_lines=(Quote("基层医疗卫生机构护理床位占比达到30%以上", f"{S000}:276"),
                    Quote("基层医疗卫生机构护理床位占比达到30%以上", f"{S002}:157")),
        note=("规划未给出计算公式；按字面理解为基层护理床位除以基层全部床位。",
              "The plans give no formula; read literally: primary-care nursing beds / all "
              "primary-care beds.")),
    Indicator(
        name="geriatric_rehabilitation_nursing_beds_per_1000_elderly",
        names_zh=("每千名老人拥有医疗机构老年康复护理床位",),
        numerator=("医疗机构老年康复、护理床位",
                   "rehabilitation and nursing beds of medical institutions"),
        denominator=("60岁及以上常住人口（千人）", "residents aged 60+ (thousands)"),
        variables=("beds", "nursing home beds", "population aged 60 plus"),
        plan_lines=(Quote("每千名老人拥有医疗机构老年康复护理床位4张以上", f"{S001}:63"),),
        note=("“老人”的年龄口径（60岁或65岁）未说明，模型取60岁及以上；计入的床位类型见上方方程。",
              "The plan does not say whether 老人 means 60+ or 65+; the model uses 60+. The "
              "bed types counted are those of the equation above.")),
    Indicator(
        name="rehabilitation_beds_per_1000", names_zh=("每千常住人口康复床位数",),
        numerator=("康复床位", "rehabilitation beds"), denominator=_THOUSANDS,
        variables=("beds", "total population"),
        plan_lines=(Quote("全市每千常住人口康复床位数0.3张", f"{S002}:65"),)),
    Indicator(
        name="tcm_beds_per_1000", names_zh=("每千常住人口中医类医院床位数",),
        numerator=("中医类医院床位", "TCM hospital beds"), denominator=_THOUSANDS,
        variables=("beds", "total population"),
        plan_lines=(Quote("公立中医类医院床位数按照每千常住人口0.77张左右", f"{S002}:65"),),
        note=("规划水平针对公立中医类医院；模型的 hospital TCM 床位为区域概况中所填的中医类医院"
              "床位。", "The plan's level is for public (公立) TCM hospitals; the model's "
              "`hospital TCM` beds are the TCM hospital beds the region profile gives.")),
    Indicator(
        name="doctors_per_1000_residents", names_zh=("每千人执业（助理）医师数",),
        numerator=("执业（助理）医师", "practising (assistant) doctors"),
        denominator=_THOUSANDS, variables=("practising doctors", "total population"),
        plan_lines=(Quote("practising doctors 3.7 per 1,000 by 2030", HEALTH_NEWS_2030),),
        definitions=(Quote("六、每千人执业医师数:指执业(助理)医师数与常住人口数(千人)之比。",
                           f"{S000}:371"),)),
    Indicator(
        name="nurses_per_1000_residents", names_zh=("每千人注册护士数",),
        numerator=("注册护士", "registered nurses"), denominator=_THOUSANDS,
        variables=("registered nurses", "total population"),
        plan_lines=(Quote("registered nurses 5.1 per 1,000 by 2030", HEALTH_NEWS_2030),),
        definitions=(Quote("七、每千人注册护士数:指注册护士数与常住人口数(千人)之比。",
                           f"{S000}:373"),)),
    Indicator(
        name="gps_per_10000_hukou", names_zh=("每万人全科医生数",),
        numerator=("注册为全科医生专业的医师", "doctors registered as GPs"),
        denominator=("户籍人口（万人）", "hukou (registered) population (10,000s)"),
        variables=("general practitioners", "hukou population"),
        plan_lines=(Quote("全市每万人注册全科医生数达到6名", f"{S000}:182"),),
        definitions=(Quote("九、每万人全科医生数:某一行政区域内注册为全科医生专业的医师总数与该"
                           "行政区域内的户籍人口(万人)之比。", f"{S000}:377"),)),
    Indicator(
        name="family_doctor_contracting_rate",
        names_zh=("家庭医生签约服务覆盖率", "签约覆盖率", "签约服务率"),
        numerator=("签约居民", "residents with a family-doctor contract"),
        denominator=("常住人口", "resident population"),
        variables=("contracted residents", "total population"),
        plan_lines=(Quote("全市签约覆盖率达到40%", f"{S000}:182"),
                    Quote("签约服务率达到40%以上", f"{S001}:51")),
        definitions=(Quote("常住人口数 … 2.5 常住人口签约数（人）", BPHS_REPORTING),),
        note=("未找到正式公式；报表系统并列常住人口签约数与常住人口数。丽水“覆盖所有家庭”"
              f"（{S002}:137）以家庭计，模型不模拟。",
              "No formal formula was found; the reporting system lists contracted residents "
              f"beside residents. Lishui's 'all households' ({S002}:137) counts households, "
              "which the model does not.")),
    Indicator(
        name="key_group_contracting_rate", names_zh=("重点人群签约率",),
        numerator=("签约的重点人群（老年人、慢性病病人等）",
                   "contracted key-group members (the elderly, chronic patients, …)"),
        denominator=("重点人群", "key-group members"),
        variables=("family doctor contracting rate", "key group priority"),
        plan_lines=(Quote("重点人群签约率>80%", f"{S000}:182"),
                    Quote("老年人、慢性病病人等重点人群签约率达70%以上", f"{S001}:51")),
        note=("模型不单独模拟重点人群：以全体签约率乘以基年重点人群与全体签约率之比（上限1）近似。",
              "The model does not track key groups: it scales the all-resident rate by the "
              "base-year ratio of the key-group to the all-resident rate (capped at 1).")),
    Indicator(
        name="elderly_health_management_rate", names_zh=("老年人健康管理率",),
        numerator=("年内接受1次及以上老年人健康管理服务的人数",
                   "people aged 65+ given at least one elderly health-management service in "
                   "the year"),
        denominator=("65岁及以上常住居民", "residents aged 65+"),
        variables=("elderly served", "TIME STEP", "population aged 65 plus"),
        plan_lines=(Quote("65岁以上老年人健康管理率达到72%以上", f"{S000}:278"),
                    Quote("老年人健康管理率、高血压、糖尿病患者规范管理率>70%", f"{S000}:182"),
                    Quote("65岁及以上老年人城乡社区规范化健康管理服务率达到65%以上",
                          f"{S004}:422")),
        definitions=(
            Quote("十三、老年人健康管理率:指年内辖区内接受1次及以上老年人健康管理服务的人数占同期"
                  "辖区内65岁及以上常住居民数的比例。", f"{S000}:385"),
            Quote("65岁及以上老年人城乡社区规范健康管理服务率（%） OLDMAN_FWRS/OLDMAN_CZRKS",
                  BPHS_REPORTING)),
        note=("佳木斯的指标（规范化健康管理服务率）分母相同，分子为接受规范服务的人数，不多于接受1次"
              "及以上服务的人数；以本指标评判佳木斯目标偏乐观。",
              "Jiamusi's indicator (规范化健康管理服务率) has the same denominator but counts "
              "people given the standard service, no more than those given at least one "
              "service: judging Jiamusi's target with this indicator is optimistic.")),
    Indicator(
        name="infant_care_places_per_1000",
        names_zh=("每千人口托位数", "每千人拥有婴幼儿照护设施托位"),
        numerator=("婴幼儿照护设施托位", "places in infant-care facilities"),
        denominator=_THOUSANDS, variables=("infant care places", "total population"),
        plan_lines=(Quote("距离“十四五”期末4.5个的目标", "The Paper, reprinted at "
                          "nqhzrxhii9.gl-nl.com (research/external_data_2020.md §7)"),),
        definitions=(Quote("十一、每千人拥有婴幼儿照护设施托位:指婴幼儿照护设施托位数与常住人口数"
                           "(千人)之比。", f"{S000}:381"),)),
    Indicator(
        name="growth_stations_per_1000_under_3", names_zh=("每千名3岁以下婴幼儿成长驿站数",),
        numerator=("婴幼儿成长驿站", "infant and toddler growth stations"),
        denominator=("3岁以下婴幼儿（千人）", "children under 3 (thousands)"),
        variables=("growth stations", "population aged 0 to 2"),
        plan_lines=(Quote("每千名3岁以下婴幼儿拥有2家成长驿站", f"{S000}:294"),)),
    Indicator(
        name="hospital_occupancy", names_zh=("病床使用率",),
        numerator=("实际占用总床日数", "bed-days occupied"),
        denominator=("实际开放总床日数", "bed-days available"),
        variables=("bed days demanded", "acute beds", "days per year"),
        plan_lines=(Quote("公立医院床位使用率、平均住院日、床护比不符合医院等级评审标准",
                          f"{S002}:69"),),
        definitions=(
            Quote("病床使用率=期内实际占用总床日数÷期内实际开放总床日数。",
                  "ajahip.com/zhishiku/90446.html"),
            Quote("医院 … 2,575,612,968 … 1,920,237,366 … 74.55", "2021年全国中医药统计摘编 "
                  "table B05 (实际开放总床日数, 实际占用总床日数, 病床使用率), "
                  "www.natcm.gov.cn/2021tjzb/")),
        note=("官方统计表与此公式一致：1,920,237,366 ÷ 2,575,612,968 = 74.55%。模型以入院 × "
              "平均住院日得到床日需求，以医院普通与中医床位计开放床日，故为需求除以能力，可超过"
              "100%。",
              "The official table agrees with the formula: 1,920,237,366 / 2,575,612,968 = "
              "74.55%. The model's bed-days are demanded (admissions × length of stay) and its "
              "available bed-days those of hospital general and TCM beds: demand over "
              "capacity, which can exceed 100%.")),
    Indicator(
        name="implied_life_expectancy", names_zh=("人均期望寿命", "人均预期寿命"),
        numerator=("各性别出生时预期寿命（按出生性别比加权）",
                   "each sex's life expectancy at birth, weighted by its share of births"),
        denominator=("—", "—"), variables=("life expectancy by sex", "sex share at birth"),
        plan_lines=(Quote("到2025年,人均期望寿命达到83.88岁", f"{S000}:87"),
                    Quote("人均预期寿命", f"{S004}:109"), Quote("80.00", f"{S004}:113")),
        definitions=(Quote("一、人均期望寿命:一般指当前出生的人口在各年龄组死亡率保持现有水平不变的"
                           "情况下平均预期可存活的年数。", f"{S000}:361"),),
        note=("运行程序求解死亡水平，使本指标等于情景的预期寿命路径：它复现输入，并非预测。",
              "The runner solves the mortality level so that this equals the scenario's life "
              "expectancy path: it reproduces an input, it does not project it.")),
)

BY_INDICATOR = {i.name: i for i in INDICATORS}


def model_equations(text: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """(equation, comment) of every variable of the .mdl, by name, one per element-wise
    definition, with line continuations joined and whitespace collapsed."""
    body = (MODEL_FILE.read_text(encoding="utf-8") if text is None else text).split(SKETCH_MARK)[0]
    found: dict[str, list[tuple[str, str]]] = {}
    for chunk in body.split("|"):
        chunk = chunk.strip()
        match = re.match(r"([A-Za-z][A-Za-z0-9 ]*?)\s*(\[[^\]]*\])?\s*=", chunk)
        if not match:
            continue
        fields = [" ".join(re.sub(r"\\\s*\n", " ", f).split()) for f in chunk.split("~")]
        comment = fields[2] if len(fields) > 2 else ""
        found.setdefault(match.group(1), []).append((fields[0], comment))
    return found


# Vensim functions the indicator equations may use.
FUNCTIONS = ("ZIDZ", "SUM", "MIN", "MAX", "INTEG")


def references(equation: str, names) -> set[str]:
    """The model variables an equation's right-hand side uses. Raises ValueError if anything
    is left that is not a variable, a function, a number or an operator."""
    rest = re.sub(r"\[[^\]]*\]", "", equation.split("=", 1)[1])
    used = set()
    for name in sorted(names, key=len, reverse=True):  # longest first: `total beds` before `beds`
        pattern = rf"(?<![\w]){re.escape(name)}(?![\w])"
        if re.search(pattern, rest):
            used.add(name)
            rest = re.sub(pattern, " ", rest)
    rest = re.sub(rf"\b({'|'.join(FUNCTIONS)})\b", " ", rest)
    if not re.fullmatch(r"[\s\d.,()+\-*/]*", rest):
        raise ValueError(f"{equation}: not a variable, function or number: {rest.strip()!r}")
    return used


def _term(name: str, equations) -> str:
    definitions = equations[name]
    comment = definitions[-1][1]
    if any("INTEG(" in eq for eq, _ in definitions):
        return f"- `{name}`: stock. {comment}"
    shown = "; ".join(f"`{eq}`" for eq, _ in definitions)
    return f"- {shown}. {comment}".rstrip()


def _quotes(quotes: tuple[Quote, ...]) -> list[str]:
    return [f"  - 「{q.text}」 — {q.source}" for q in quotes] or ["  - —"]


def indicators_markdown() -> str:
    """docs/indicators.md (a test keeps them equal). Regenerate with:
    python -m sim.model.indicators > docs/indicators.md"""
    equations = model_equations()
    lines = ["# 指标定义 / Indicator definitions", "",
             "Generated from `sim/model/indicators.py` and the equations of "
             "`sim/model/health_system.mdl` by `python -m sim.model.indicators > "
             "docs/indicators.md`; a test fails if this page, the table or the model drift "
             "apart. Each indicator is written once: its names, numerator and denominator, "
             "the equation the model computes, the plan lines that use it and the published "
             "definitions found, quoted verbatim. 本页由代码生成：每个指标的名称、分子、分母、"
             "模型方程、使用它的规划条文和已找到的公开定义（原文引用）。", "",
             "| indicator | 中文 | 分子 numerator | 分母 denominator |", "|---|---|---|---|"]
    for ind in INDICATORS:
        lines.append(f"| `{ind.name}` | {'；'.join(ind.names_zh)} | {ind.numerator[1]} | "
                     f"{ind.denominator[1]} |")
    for ind in INDICATORS:
        output = BY_NAME[ind.name]
        (equation, comment), = equations[output.model]
        lines += ["", f"## `{ind.name}` — {output.label_zh} / {output.long_name}", "",
                  f"Model equation (`health_system.mdl`), units {output.units}:", "", "```",
                  equation, "```", "", f"Model comment: {comment}", "",
                  "Where (模型变量):"]
        lines += [_term(name, equations) for name in ind.variables]
        lines += ["", f"- 中文名称: {'；'.join(ind.names_zh)}",
                  f"- 分子: {ind.numerator[0]} / numerator: {ind.numerator[1]}",
                  f"- 分母: {ind.denominator[0]} / denominator: {ind.denominator[1]}",
                  "- 规划条文 / plan lines:", *_quotes(ind.plan_lines),
                  "- 已发表的定义 / published definitions:", *_quotes(ind.definitions)]
        if ind.note[0]:
            lines += [f"- 说明: {ind.note[0]}", f"- Note: {ind.note[1]}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(indicators_markdown(), end="")

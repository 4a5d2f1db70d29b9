"""Chart and table text in Chinese and English."""

from __future__ import annotations

from sim.model.outputs import BY_NAME

LANGS = ("zh", "en")

TEXT = {
    "pyramid_title": {"zh": "{region}人口金字塔：{y0}年与{y1}年", "en": "{region}: population pyramid, {y0} vs {y1}"},
    "male": {"zh": "男", "en": "Male"},
    "female": {"zh": "女", "en": "Female"},
    "age": {"zh": "年龄（岁）", "en": "Age (years)"},
    "persons_thousand": {"zh": "人数（千人）", "en": "Persons (thousands)"},
    "age_groups_title": {"zh": "{region}各年龄组人口占比", "en": "{region}: age groups, share of residents"},
    "share_percent": {"zh": "占常住人口比例（%）", "en": "Share of resident population (%)"},
    "year": {"zh": "年份", "en": "Year"},
    "vital_title": {"zh": "{region}出生、死亡与净迁移", "en": "{region}: births, deaths and net migration"},
    "persons_per_year_thousand": {"zh": "人数（千人/年）", "en": "Persons per year (thousands)"},
    "births": {"zh": "出生", "en": "Births"},
    "deaths": {"zh": "死亡", "en": "Deaths"},
    "net_migration": {"zh": "净迁移", "en": "Net migration"},
    "share_0_14": {"zh": "0—14岁", "en": "Aged 0-14"},
    "share_15_59": {"zh": "15—59岁", "en": "Aged 15-59"},
    "share_60_plus": {"zh": "60岁及以上", "en": "Aged 60+"},
    "share_65_plus": {"zh": "65岁及以上", "en": "Aged 65+"},
    "share_80_plus": {"zh": "80岁及以上", "en": "Aged 80+"},
    "scenario": {"zh": "情景", "en": "Scenario"},
    "chronic_title": {"zh": "{region}慢病管理：高血压与糖尿病", "en": "{region}: hypertension and diabetes management"},
    "beds_title": {"zh": "{region}床位", "en": "{region}: beds"},
    "workforce_title": {"zh": "{region}卫生人力", "en": "{region}: health workforce"},
    "care_title": {"zh": "{region}签约服务与一老一小", "en": "{region}: family doctors, elderly and infant care"},
    "hypertension": {"zh": "高血压", "en": "Hypertension"},
    # Bed types (sim.model.dimensions), as table headers name them.
    "hospital_general": {"zh": "医院普通床位", "en": "hospital general"},
    "hospital_tcm": {"zh": "中医类医院床位", "en": "hospital TCM"},
    "hospital_rehabilitation": {"zh": "医院康复床位", "en": "hospital rehabilitation"},
    "primary_general": {"zh": "基层普通床位", "en": "primary general"},
    "primary_nursing": {"zh": "基层护理床位", "en": "primary nursing"},
    "diabetes": {"zh": "糖尿病", "en": "Diabetes"},
    "percent": {"zh": "%", "en": "%"},
    "thousand_patients": {"zh": "患者（千人）", "en": "Patients (thousands)"},
    "per_10000_hukou": {"zh": "人/万户籍人口", "en": "Per 10,000 hukou residents"},
    "target": {"zh": "目标", "en": "target"},
    # Run charts (sim.reports.run_charts): panel titles, axis units, reference lines.
    "patients_title": {"zh": "高血压患者数", "en": "Hypertension patients"},
    "capacity": {"zh": "慢病管理负荷", "en": "Chronic-care load"},
    "load_unit": {"zh": "负荷（管理患者数÷管理能力）", "en": "Load (managed patients ÷ capacity)"},
    "capacity_line": {"zh": "管理能力上限（负荷 = 1）", "en": "Capacity (load = 1)"},
    "bed_mix_title": {"zh": "每千常住人口床位数", "en": "Beds per 1,000 residents"},
    "bed_types_title": {"zh": "每千常住人口中医类与康复床位数", "en": "TCM and rehabilitation beds per 1,000 residents"},
    "beds_unit": {"zh": "张/千常住人口", "en": "Beds per 1,000 residents"},
    "elderly_beds_unit": {"zh": "张/千名60岁及以上老人", "en": "Beds per 1,000 aged 60+"},
    "occupancy_title": {"zh": "医院病床使用率", "en": "Hospital bed occupancy"},
    "occupancy_norm": {"zh": "规划病床使用率 {level}（模型假设）", "en": "Planning norm {level} (model assumption)"},
    "staff_title": {"zh": "每千常住人口医师与护士数", "en": "Doctors and nurses per 1,000 residents"},
    "staff_unit": {"zh": "人/千常住人口", "en": "Per 1,000 residents"},
    "places_unit": {"zh": "托位/千常住人口", "en": "Places per 1,000 residents"},
    "stations_unit": {"zh": "个/千名3岁以下婴幼儿", "en": "Stations per 1,000 children under 3"},
    "hiring_full": {"zh": "招聘预算满足率各年均为100%，未绘图。", "en": "Hiring budget share: 100% in every year (not drawn)."},
    "target_legend": {"zh": "目标 {comparison}{level}（{deadline}年）", "en": "Target {comparison} {level} by {deadline}"},
    "observed": {"zh": "实际值（公布数）", "en": "Observed (published)"},
    "observed_projected": {"zh": "实际｜预测", "en": "observed | projected"},
    "source_note": {"zh": "来源：health-sim 模拟（情景：{scenario}）；基期为2020年第七次人口普查。",
                    "en": "Source: health-sim projection (scenario: {scenario}); base year 2020 census."},
    "assumed_note": {"zh": "2020年起点数字{total}项中{assumed}项为推算或假设（各有区间，见calibration/{region}/profile.yaml）。",
                     "en": "{assumed} of the {total} starting figures of 2020 are derived or assumed (each with a range: calibration/{region}/profile.yaml)."},
    # The terminal (sim.interfaces.cli): summaries and their headings.
    "summary_heading": {"zh": "{region}（{region_en}），情景：{scenario}", "en": "{region} ({region_zh}), scenario {scenario}"},
    "summary_columns": {"zh": "年份|常住人口|65岁及以上占比|60岁及以上占比|出生人口|预期寿命(岁)",
                        "en": "year|residents|65+ share|60+ share|births|e0"},
    "targets_hint": {"zh": "（逐项结论：python -m sim targets {file} --lang zh）", "en": " (python -m sim targets {file} --lang en for the table)"},
    "results_folder": {"zh": "结果：{path}", "en": "results: {path}"},
    "targets_no_folder": {"zh": "（未写结果文件夹、未绘图；python -m sim run {file} 写出含图表的结果文件夹）", "en": "(no results folder written, no charts drawn: python -m sim run {file} writes them)"},
    "uncertainty_heading": {"zh": "情景 {scenario}：{n}次抽样，种子 {seed}", "en": "{scenario}: {n} samples, seed {seed}"},
    "no_targets": {"zh": "该地区没有规划目标", "en": "no targets for this region"},
    # What it would take (sim.reports.reach_report).
    "reach_target": {"zh": "目标 {id}：{indicator} {level}（{deadline}年）", "en": "target {id}: {indicator} {level} by {deadline}"},
    "reach_baseline": {"zh": "  基线：{deadline}年为{value}（{margin_word} {margin}）", "en": "  baseline: {value} in {deadline} ({margin_word} {margin})"},
    "reach_lever": {"zh": "  杠杆 {label}（{lever}），自{start}年起（此前各年按情景）：", "en": "  lever {lever} ({label}), from {start} on:"},
    "reach_change": {"zh": "    基线 {base} → 所需 {required} {unit}（变化 {change}{percent}）", "en": "    baseline {base} → required {required} {unit} (change {change}{percent})"},
    "reach_with": {"zh": "  采用后：{deadline}年为{value}（{margin_word} {margin}）", "en": "  with it: {value} in {deadline} ({margin_word} {margin})"},
    "reach_already": {"zh": "  基线已达成：无需改变杠杆（{lever} 保持 {base} {unit}）", "en": "  reached at the baseline: no change needed ({lever} stays at {base} {unit})"},
    "reach_unreachable": {"zh": "  {lever} 在允许范围 {low} 至 {high} {unit} 内任何取值都无法达成；最好时{deadline}年为{value}（{margin_word} {margin}）", "en": "  no setting of {lever} from {low} to {high} {unit} reaches it; at best {value} in {deadline} ({margin_word} {margin})"},
    "reach_unreachable_joint": {"zh": "  各杠杆都取最高值仍无法达成；{deadline}年为{value}（{margin_word} {margin}）", "en": "  not reached even with every lever at its highest setting: {value} in {deadline} ({margin_word} {margin})"},
    "reach_runs": {"zh": "  模型运行：{runs}次（相同设定只运行一次）", "en": "  model runs: {runs} (identical settings run once)"},
    "reach_rounded": {"zh": "  （所需值已按有效数字向达成方向取整）", "en": "  (required values rounded to meaningful digits, towards reaching the target)"},
    "margin_word": {"zh": "余量", "en": "margin"},
    "shortfall_word": {"zh": "差距", "en": "shortfall"},
    # Verdicts an input decides (sim.analysis.verdicts.set_by_input) and the reached count.
    "set_by_input": {"zh": "由输入决定，非预测", "en": "set by input, not projected"},
    "not_modelled_count": {"zh": "未建模：规划中另有{n}项目标模型无法评判（{file}逐项列出原因）",
                           "en": "not modelled: {n} targets of the plans ({file} lists them with reasons)"},
    "reached_count": {"zh": "期限前达成的规划目标：{judged}项中{reached}项",
                      "en": "plan targets reached by their deadlines: {reached} of {judged}"},
    "reached_count_inputs": {"zh": "期限前达成的规划目标：预测的{judged}项中{reached}项；另有{inputs}项由输入决定，非预测",
                             "en": "plan targets reached by their deadlines: {reached} of {judged} projected; {inputs} more set by input, not projected"},
    "uncertainty_set_by_input": {"zh": "由输入决定，非预测：{ids}。期限在基期或之前，或指标复现一项输入，期限值来自输入（区域档案的基期值，属于假设的在其区间内抽样；或一项输入的路径），不是模型的预测；理由见 probabilities.csv 的 input_reason 列。",
                                 "en": "Set by input, not projected: {ids}. The deadline is at or before the base year, or the indicator reproduces an input: the value at the deadline comes from the inputs (the profile's base-year values, drawn within their ranges where they are assumptions, or an input's path), not from the projection; reasons in column input_reason of probabilities.csv."},
    # Scenario comparison: the pyramid chart (the page's words: sim.reports.compare_text).
    "compare_pyramid_title": {"zh": "{region}人口金字塔:{y0}年与各情景末年", "en": "{region}: population pyramid, {y0} and each scenario's final year"},
    "compare_base_year": {"zh": "{year}年(各情景相同)", "en": "{year} (all scenarios)"},
    "assumption": {"zh": "假设", "en": "assumption"},
    "lever": {"zh": "政策杠杆", "en": "lever"},
    # Monte Carlo fan charts and tables (sim.reports.fancharts, sim.reports.uncertainty_report).
    "fan_median": {"zh": "抽样中位数", "en": "Median of the samples"},
    "fan_central": {"zh": "中心运行（各假设取中心值，即 sim run 的结果）", "en": "Central run (every assumption at its central value, as sim run)"},
    "fan_band50": {"zh": "50%区间（25%—75%分位）", "en": "50% band (25th-75th percentile)"},
    "fan_band90": {"zh": "90%区间（5%—95%分位）", "en": "90% band (5th-95th percentile)"},
    "fan_target": {"zh": "目标 {level}（{deadline}年）", "en": "Target {level} ({deadline})"},
    "fan_probability": {"zh": "达成概率 {p}", "en": "P(reached) {p}"},
    "fan_title": {"zh": "{region}：{indicator}", "en": "{region}: {indicator}"},
    "fan_subtitle": {"zh": "情景：{scenario}；{n}次抽样的不确定性区间", "en": "scenario: {scenario}; uncertainty from {n} samples"},
    "fan_year": {"zh": "年份", "en": "Year"},
    "fan_note": {"zh": "来源：health-sim 蒙特卡罗模拟，种子 {seed}；在假设的区间内按区域档案所列分布抽样。", "en": "Source: health-sim Monte Carlo, seed {seed}; assumptions drawn within their ranges by the distributions in the region profile."},
    "fan_note_posterior": {"zh": "来源：health-sim 蒙特卡罗模拟，种子 {seed}；{keys}由校准后验样本联合抽取，其余假设在其区间内按区域档案所列分布抽样。", "en": "Source: health-sim Monte Carlo, seed {seed}; {keys} drawn jointly from the calibration's posterior, the other assumptions within their ranges by the distributions in the region profile."},
    "uncertainty_invalid": {"zh": "注意：{ids}的期限值在部分样本中超出0—100%（模型在这些参数下越出有效范围），见 probabilities.csv 的 p_outside_0_1 列。", "en": "Caution: for {ids} the value at the deadline leaves 0-100% in some samples (the model leaves its valid range there); see column p_outside_0_1 of probabilities.csv."},
    "uncertainty_held": {"zh": "情景文件设定、未抽样的假设：{keys}", "en": "Assumptions set by the scenario file and held fixed (not sampled): {keys}"},
    "uncertainty_none": {"zh": "无", "en": "none"},
    "posterior_used": {"zh": "{keys}：由校准后验样本 calibration/{region}/fit/{file} 联合抽取（{rows}行，拟合于{made}），有放回地重抽行", "en": ""},
    "posterior_not_used": {"zh": "{keys}：按判断区间抽取，未用后验（{reason}）", "en": ""},
    "uncertainty_origin": {"zh": "由校准后验样本联合抽取（历史数据估计）的输入：{posterior}；其余按判断区间抽取：{judged}。{note}", "en": "Drawn jointly from the calibration's posterior sample (estimated from history): {posterior}. Drawn from judged ranges: {judged}. {note}"},
    "uncertainty_intro": {"zh": "{n}次抽样（种子 {seed}）；达成概率 = 在期限年份达成目标的样本比例，抽样误差不超过 ±{err:.1f} 个百分点。", "en": "{n} samples (seed {seed}); P(reached) = share of samples reaching the target in its deadline year, sampling error at most ±{err:.1f} points."},
    # Sensitivity tables and ranking charts (sim.reports.sensitivity_report, sim.reports.sensitivity_charts).
    "sensitivity_legend_ST": {"zh": "总效应指数 ST（含交互作用）", "en": "Total index ST (with interactions)"},
    "sensitivity_legend_S1": {"zh": "一阶指数 S1（单独作用）", "en": "First-order index S1 (alone)"},
    "sensitivity_legend_mu_star": {"zh": "μ*：平均绝对基本效应", "en": "μ*: mean absolute elementary effect"},
    "sensitivity_legend_sigma": {"zh": "σ：基本效应标准差（非线性或交互）", "en": "σ: spread of the effects (non-linearity or interactions)"},
    "sensitivity_direction_up": {"zh": "假设取值越高，目标数值越高", "en": "higher assumption, higher value"},
    "sensitivity_direction_down": {"zh": "假设取值越高，目标数值越低", "en": "higher assumption, lower value"},
    "sensitivity_direction_unclear": {"zh": "方向不明确（非单调或交互）", "en": "no clear direction (non-monotonic or interactions)"},
    "sensitivity_legend_ci": {"zh": "横线：95%置信区间", "en": "whiskers: 95% confidence interval"},
    "sensitivity_title": {"zh": "{region}：{target}（{deadline}年{comparison}{level}）哪些假设起决定作用", "en": "{region}: {target} ({comparison} {level} by {deadline}): which assumptions decide it"},
    "sensitivity_axis_sobol": {"zh": "{deadline}年数值的方差中由该假设解释的份额（Sobol指数，0—1）", "en": "Share of the variance of the {deadline} value due to the assumption (Sobol index, 0-1)"},
    "sensitivity_axis_morris": {"zh": "假设在其取值范围内变动时{deadline}年数值的平均绝对变化（{unit}）", "en": "Mean absolute change of the {deadline} value when the assumption moves across its range ({unit})"},
    "sensitivity_note": {"zh": "来源：health-sim 全局敏感性分析（{method}，{runs}次模拟，情景 {scenario}）；另有{others}项假设未列出（影响更小或约为零）。", "en": "Source: health-sim global sensitivity ({method}, {runs} runs, scenario {scenario}); {others} further assumptions not shown (smaller or about zero effects)."},
    "sensitivity_heading": {"zh": "{region}：{scenario}情景各规划目标的关键假设", "en": "{region}, scenario {scenario}: the assumptions that decide each target"},
    "sensitivity_how_sobol": {"zh": "如何阅读：每个假设在其区间内按声明的分布（均匀或三角）抽样，共{runs}次模拟（Sobol方法，基样本{n}）。S1为该假设单独解释的目标数值方差份额，ST还包括它与其他假设的交互作用；ST接近0表示该假设在其区间内几乎不影响该目标。±为95%置信区间（bootstrap）。", "en": "How to read: every assumption is sampled over its range with its declared distribution (uniform or triangular), {runs} model runs (Sobol, base sample {n}). S1 is the share of the variance of the target's value at its deadline that the assumption explains alone; ST adds its interactions with the others. ST near 0: the assumption, over its range, hardly matters for that target. ± is the 95% confidence half-width (bootstrap)."},
    "sensitivity_how_morris": {"zh": "如何阅读：Morris筛选法，{n}条轨迹，共{runs}次模拟。μ*为假设从其区间一端变到另一端时目标数值的平均绝对变化（目标单位；比例以百分点计），σ大表示非线性或交互作用；μ*接近0表示该假设几乎不影响该目标。±为95%置信区间（bootstrap）。", "en": "How to read: Morris screening, {n} trajectories, {runs} model runs. μ* is the mean absolute change of the target's value at its deadline when the assumption moves from one end of its range to the other (target units; shares in percentage points); a large σ means non-linearity or interactions. μ* near 0: the assumption hardly matters for that target. ± is the 95% confidence half-width (bootstrap)."},
    "sensitivity_constant": {"zh": "在这些假设下该目标数值不变（没有假设影响它）。", "en": "The target's value does not change under these assumptions (none affects it)."},
    "sensitivity_outside": {"zh": "注意：{count}次模拟中该比例超出0—1（模型在部分抽样值下数值不稳定），指数部分反映这种不稳定。", "en": "Caution: in {count} runs this share lies outside 0-1 (the model is numerically unstable at some sampled values); the indices partly measure that instability."},
    "sensitivity_skipped": {"zh": "期限在模拟期之外、未分析的目标：{ids}", "en": "Targets with a deadline outside the horizon, not analysed: {ids}"},
    # Published counts against the model (sim.reports.anchors_report).
    "anchors_heading": {"zh": "{region}：公布的卫生资源数与模型（{scenario}情景，{engine}引擎）在同一日期的比较", "en": "{region}: published health-resource counts against the model (scenario {scenario}, {engine} engine) at the counts' dates"},
    "anchors_within": {"zh": "在±{tol}以内：{n}行中{k}行；最大差距：{series}（{date}）{gap}", "en": "within ±{tol}: {k} of {n} rows; largest gap: {series} ({date}) {gap}"},
    "anchors_no_rows": {"zh": "没有可与模型比较的公布数。", "en": "no published count to compare with the model"},
    "anchors_not_in_model": {"zh": "模型中没有：{items}", "en": "not in the model: {items}"},
    "anchors_left_out": {"zh": "未比较（口径不同或在模拟期之外）：{items}", "en": "left out (another scope, or outside the run): {items}"},
    "anchors_sep": {"zh": "；", "en": "; "},
    "anchors_columns": {"zh": "公布的卫生资源数|日期|公布值|模型值|相对误差", "en": "series|date|published|model|rel_error"},
    # Chinese names of the published series (their statistical-bulletin wording); English shows the ids of anchors.csv.
    "anchors_series_beds_total": {"zh": "医疗卫生机构床位", "en": "beds_total"},
    "anchors_series_beds_hospital": {"zh": "医院床位（含护理院）", "en": "beds_hospital"},
    "anchors_series_beds_primary": {"zh": "基层医疗卫生机构床位", "en": "beds_primary"},
    "anchors_series_beds_rehabilitation_hospital": {"zh": "康复医院床位", "en": "beds_rehabilitation_hospital"},
    "anchors_series_beds_nursing_home": {"zh": "护理院床位", "en": "beds_nursing_home"},
    "anchors_series_beds_tcm_hospital": {"zh": "中医医院床位", "en": "beds_tcm_hospital"},
    "anchors_series_beds_township_health_centre": {"zh": "乡镇卫生院床位", "en": "beds_township_health_centre"},
    "anchors_series_doctors": {"zh": "执业（助理）医师", "en": "doctors"},
    "anchors_series_nurses": {"zh": "注册护士", "en": "nurses"},
    "anchors_series_gps": {"zh": "全科医生", "en": "gps"},
    "anchors_series_health_technicians": {"zh": "卫生技术人员", "en": "health_technicians"},
    "anchors_item": {"zh": "{series}（{date}）：{why}", "en": "{series} ({date}): {why}"},
    # Why a count is not compared (sim.analysis.anchors: Skipped.why).
    "anchors_why_health_technicians": {"zh": "卫生技术人员还包括药师、技师等，模型没有这一存量", "en": "health technicians also count pharmacists, technicians and others: the model has no such stock"},
    "anchors_why_beds_township_health_centre": {"zh": "模型的基层床位不按机构（乡镇卫生院、社区卫生服务中心）细分", "en": "the model's primary-care beds are not split by institution (township or community centres)"},
    "anchors_why_beds_tcm_hospital": {"zh": "公布的中医医院不含中西医结合医院，模型的中医类床位包含", "en": "the published TCM hospitals exclude the integrated TCM-Western hospitals the model's TCM beds include"},
    "anchors_why_basis": {"zh": "口径为{basis}，模型统计全市机构", "en": "basis {basis}: the model counts the whole city's institutions"},
    "anchors_why_outside": {"zh": "在模拟期（{first}年11月1日至{last}年11月1日）之外", "en": "outside the run (1 Nov {first} to 1 Nov {last})"},
}


# Units of scenario keys (sim.inputs.keys) in Chinese, for the comparison report; others shown as is.
UNITS_ZH = {
    "children per woman": "孩子数/妇女", "year": "年", "person/year": "人/年",
    "boys per 100 girls": "男婴/100名女婴", "1": "比值", "patients per GP": "患者/全科医生",
    "1/year": "1/年", "day": "天", "bed/year": "张/年", "nurse per bed": "护士/床",
    "doctor per 1000 residents": "医师/千人", "place/year": "托位/年",
    "station/year": "驿站/年", "person per GP per year": "人/全科医生/年",
    "person per GP": "人/全科医生", "bed per 1000 aged 80+": "张/千名80岁及以上老人",
    "bed per 1000 residents per year": "张/千常住人口/年",
    # units of outputs (sim.model.outputs), as sensitivity charts name them
    "per 1000 residents": "每千常住人口", "per 1000 aged 60+": "每千名60岁及以上老人",
    "per 10000 hukou residents": "每万户籍人口", "per 1000 aged 0-2": "每千名3岁以下婴幼儿",
}


def unit_label(unit: str, lang: str) -> str:
    return UNITS_ZH.get(unit, unit) if lang == "zh" else unit


def t(key: str, lang: str, **fields) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    return TEXT[key][lang].format(**fields)


#: Half-width punctuation -> its full-width form in Chinese text (STYLE: Chinese end to end).
FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})


def zh_text(text: str, lang: str) -> str:
    """`text` with full-width punctuation when `lang` is Chinese (labels written with
    half-width brackets, e.g. the model's 每千人执业(助理)医师数); unchanged in English."""
    return text.translate(FULL_WIDTH) if lang == "zh" else text


def region_name(region, lang: str) -> str:
    return region.name_zh if lang == "zh" else region.name_en


def target_label(target, lang: str) -> str:
    """A target's indicator label in the language, with the selected element if any (in
    Chinese where TEXT has it, e.g. 高血压)."""
    output = BY_NAME[target.indicator]
    name = zh_text(output.label_zh, lang) if lang == "zh" else output.long_name
    extra = ", ".join(TEXT[e]["zh"] if lang == "zh" and e in TEXT else e
                      for e in target.select.values())
    if not extra:
        return name
    return f"{name}（{extra}）" if lang == "zh" else f"{name} ({extra})"

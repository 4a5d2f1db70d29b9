"""Numbers taken from publications (or set as assumptions) for the 2020 health-sector baseline.

Same conventions as published_figures.py: each constant has its source beside it; "research/..." is
a project research note (research/external_data_2020.md, research/city_health_resources.md,
research/seed_*.md), which gives the original publication, the web address of the copy that was read
and a confidence mark; "seeds/<file>:<line>" is a plan text. Constants named *_ASSUMED* are
assumptions, not observations; each has a plausible range (*_RANGE).
"""

# ---------------------------------------------------------------------------------------------
# China 2020 (NHC 2020年我国卫生健康事业发展统计公报; research/external_data_2020.md §4a, medium)
# ---------------------------------------------------------------------------------------------
NHC_2020_SOURCE = ("NHC 2020年我国卫生健康事业发展统计公报 (full text jiankangribao.cn/zhongyi/content_0HIDR2021.html); "
                   "research/external_data_2020.md §4a, city_health_resources.md §4 (medium)")
CHINA_BEDS_PER_1000 = {2020: 6.46, 2023: 7.23}            # all institutions; 2023: NBS report (gilin.com.cn)
CHINA_BEDS_HOSPITAL_SHARE_2020 = 0.784                   # hospitals 713.1万
CHINA_DOCTORS_PER_1000 = {2020: 2.90, 2022: 3.15}        # practising (assistant); 2022: Xinhua (itfastcode.com)
CHINA_NURSES_PER_1000 = {2020: 3.34, 2022: 3.71}         # registered nurses; 2022: same
CHINA_GPS_PER_10000_2020 = 2.90
CHINA_DOCTORS_2020_WAN = 408.6
CHINA_NURSES_2020_WAN = 470.9
CHINA_TECHNICIANS_2020_WAN = 1067.8                      # health technical staff (卫生技术人员)
CHINA_ADMISSIONS_2020_WAN = 23_013                       # 入院人次 (repo xujiann/health-indicators)
CHINA_YEAREND_POPULATION_2020_WAN = 141_212
CHINA_ADMISSIONS_PER_100_2020 = round(100 * CHINA_ADMISSIONS_2020_WAN / CHINA_YEAREND_POPULATION_2020_WAN, 1)  # 16.3
# Hospital bed occupancy and average length of stay (hospitals). 2021: 2021年全国中医药统计摘编 table B05,
# natcm.gov.cn (high); 2023: 2023 NHC bulletin reprint (125.65.46.38/down/363453869.phtml, medium);
# 2020: 72.3% (repo xujiann/health-indicators xlsx, medium-low; COVID year). research/city_health_resources.md §4.
CHINA_OCCUPANCY_HOSPITALS = {2020: 0.723, 2021: 0.7455}
CHINA_ALOS_HOSPITALS = {2021: 9.2, 2023: 8.8}            # days
# National admissions (万人次), beds (万张) and beds per 1,000 of the NHC bulletins
# (calibration/sources/health_series/observed.csv, rows china,admissions / beds_total / beds_per_1000; medium):
# residents = beds / beds per 1,000, so admissions per resident come from the same bulletins.
CHINA_ADMISSIONS_WAN = {2015: 21054, 2019: 26596, 2023: 30187.3}
CHINA_BEDS_WAN = {2015: 701.5, 2019: 880.7, 2023: 1017.37}
CHINA_BEDS_PER_1000_BULLETIN = {2015: 5.11, 2019: 6.30, 2023: 7.23}
NATCM_2021_SOURCE = ("2021年全国中医药统计摘编 table B05 (natcm.gov.cn/2021tjzb/.../B05.htm): hospitals 74.55%, "
                     "9.20 days; research/city_health_resources.md §4 (high)")
# Older adults' hospitalisation, NHSS 2018: 24.9% a year (Wu N. et al., Int J Equity Health 2023;22:169; high);
# whole-population NHSS 2018 rate ~13.7% (recalled in the notes, LOW). external_data_2020.md §4a.
NHSS_2018_OLDER_ADULT_ADMISSION_RATE = 0.249
NHSS_2018_ALL_AGES_ADMISSION_RATE_LOW_CONFIDENCE = 0.137
# Census 2020 TFR (research-derived, sources/china_census2020_asfr_derived.csv header): births by mother's age.
CHINA_CENSUS_TFR_2020 = 1.2786

# ---------------------------------------------------------------------------------------------
# Zhejiang
# ---------------------------------------------------------------------------------------------
# Zhejiang government work report 2021 (14th FYP goals), China News Service 2021-01-26, reprint
# m.fyrmtzx.cn/p/47584.html: "每千人执业(助理)医师数从3.67人提高到4.3人,每千人医疗机构床位数从5.99张提高到7.5张"
# (2020 level -> 2025 goal).
ZHEJIANG_WORK_REPORT_2021_SOURCE = (
    "Zhejiang government work report 2021 via China News Service 2021-01-26 (reprint m.fyrmtzx.cn/p/47584.html): "
    "每千人执业(助理)医师数从3.67人提高到4.3人,每千人医疗机构床位数从5.99张提高到7.5张")
ZHEJIANG_DOCTORS_PER_1000 = {2020: 3.67, 2025: 4.3}
ZHEJIANG_BEDS_PER_1000 = {2020: 5.99, 2025: 7.5}
# 2020 provincial work priorities (浙卫发〔2020〕11号), seeds/001_5e872680af3ad2eb.txt:51.
ZHEJIANG_2020_PRIORITIES = "seeds/001_5e872680af3ad2eb.txt"
# 2023 provincial work priorities (浙卫发〔2023〕10号), wsjkw.zj.gov.cn/art/2023/4/25/art_1229123468_5105599.html
# (official page, read in the project's search corpus): 家庭医生居民签约服务覆盖率达42%以上,重点人群签约覆盖率达85%以上.
ZHEJIANG_2023_PRIORITIES_SOURCE = ("Zhejiang 2023 health work priorities, 浙卫发〔2023〕10号 "
                                   "(wsjkw.zj.gov.cn/art/2023/4/25/art_1229123468_5105599.html)")

# ---------------------------------------------------------------------------------------------
# Hangzhou's hospital-bed split, the only city breakdown found (research/city_health_resources.md §1b; medium): the
# nation's and Zhejiang's hospital beds are split as Hangzhou's. The cities' own later counts and their back-out to
# 2020 are in their tables (calibration/<city>/tables/inputs.csv, source and method of each value).
# ---------------------------------------------------------------------------------------------
# Hangzhou, end of March 2024 (2024年1-3月杭州市医疗机构、床位和卫生技术人员数, mirror
# cicmart.com/art/2024/4/15/art_1229318801_4253988.html). Excludes 3,623 clinics and village clinics.
HANGZHOU_2024Q1_SOURCE = ("2024年1-3月杭州市医疗机构、床位和卫生技术人员数 (mirror cicmart.com/art/2024/4/15/"
                          "art_1229318801_4253988.html); research/city_health_resources.md §1b (medium)")
HANGZHOU_2024Q1_BEDS_HOSPITALS = 95_386            # 414 hospitals, incl. TCM, rehabilitation, nursing homes
HANGZHOU_2024Q1_BEDS_TCM = 12_517                  # 46 TCM hospitals
HANGZHOU_2024Q1_BEDS_INTEGRATED_TCM = 5_491        # 8 integrated TCM-Western hospitals (中西医结合)
HANGZHOU_2024Q1_BEDS_REHABILITATION = 3_834        # 17 rehabilitation hospitals
HANGZHOU_2024Q1_BEDS_NURSING_HOMES = 6_265         # 35 nursing homes (护理院)
# Fujian 2020 (福建统计年鉴2021, table 17-5 各类卫生机构情况(2020年), tjj.fujian.gov.cn/tongjinianjian/dz2021/cn-en/html/
# 1705.htm, official, found with the search tool 2026-12-01): 护理院 7, 600 beds; hospitals 169,245 beds. The only other
# split of hospital beds with nursing homes found: a province where nursing homes are rare (0.35% of hospital beds,
# Hangzhou 6.6%). No nursing-home count was found for Lishui, Jiamusi, Zhejiang or Heilongjiang.
FUJIAN_2020_SOURCE = ("福建统计年鉴2021 table 17-5 各类卫生机构情况(2020年), tjj.fujian.gov.cn/tongjinianjian/dz2021/cn-en/html/"
                      "1705.htm (official): 护理院 7 institutions, 600 beds; hospitals 169,245 beds")
FUJIAN_2020_BEDS_NURSING_HOMES = 600
FUJIAN_2020_BEDS_HOSPITALS = 169_245

# ---------------------------------------------------------------------------------------------
# Hypertension and diabetes (research/external_data_2020.md §5)
# ---------------------------------------------------------------------------------------------
# National adult (18+) prevalence chosen for the common table: CCDRFS 2018 (China Chronic Disease and Risk
# Factor Surveillance), weighted to the national population: hypertension 27.5% (Zhang M. et al., Chin J
# Epidemiol 2021; medium-high); diabetes 12.4% (Wang L. et al., JAMA 2021;326:2498, PMC8715349; high).
HYPERTENSION_ADULT_PREVALENCE = 0.275
DIABETES_ADULT_PREVALENCE = 0.124
ADULT_AGE = 18
# Hypertension age gradients (shape only; each survey's own level is absorbed by a survey offset):
# InterASIA 2000-01, ages 35-74 by sex (Gu D. et al., Hypertension 2002; medium);
HTN_INTERASIA = {"male": {(35, 44): 0.174, (45, 54): 0.282, (55, 64): 0.407, (65, 74): 0.473},
                 "female": {(35, 44): 0.107, (45, 54): 0.268, (55, 64): 0.389, (65, 74): 0.502}}
# CHS 2012-15 age gradient described in a review of Wang Z. et al., Circulation 2018 (ddayh.cn; medium, approximate):
# 18-34 ~5%, 35-44 ~1/6 (65-74 ">50%" is used only as a check);
HTN_CHS = {(18, 34): 0.05, (35, 44): 1 / 6}
# CCDRFS 2010 (PubMed 22883726 abstract; medium): 18-24 9.7%, >=75 72.8%; men 35.1%, women 31.8% (adults).
HTN_CCDRFS_2010_AGE = {(18, 24): 0.097, (75, 100): 0.728}
HTN_CCDRFS_2010_SEX = {"male": 0.351, "female": 0.318}
# Diabetes: no age-specific national rates in the notes. Sex: TIDE 2015-17 (Li Y. et al., BMJ 2020;369:m997)
# estimates 129.8 million patients, 70.4 million men and 59.4 million women (reprint qidong0513.com/xyxw/
# info_57_itemid_155.html, medium).
DIABETES_PATIENTS_MILLION = {"male": 70.4, "female": 59.4}
DIABETES_LOGIT_SLOPE_ASSUMED = 0.05      # per year of age; odds x1.65 a decade (range 0.035-0.07)
DIABETES_PLATEAU_AGE_ASSUMED = 70        # flat from 70 (Chinese prevalence peaks at 70-89: Qiao Q. et al.,
#                                          Diabetes Care 2003;26:1770, DECODA; found in the search corpus)

# Cascade (adults): CHS 2012-15 awareness 51.6% (quoted in 中国高血压防治指南2024 and 中国心血管病报告; medium).
HTN_AWARE_SHARE = 0.516
# 2015 CCDNS (China Chronic Disease and Nutrition Surveillance), diagnosed hypertensives aged >=35 (Song Z. et al.,
# Chin J Epidemiol 2021;42(11):2001, html.rhhz.net/zhlxbx/20211116.htm; high): community health-management rate
# 54.10% and community standardised-management rate 45.72%, both of the diagnosed patients.
CCDNS_MANAGED_OF_DIAGNOSED = 0.5410
CCDNS_STANDARDIZED_OF_DIAGNOSED = 0.4572
# Diabetes awareness 36.7% (CCDRFS 2018, Wang L. et al., JAMA 2021; high).
DM_AWARE_SHARE = 0.367
CASCADE_RANGES = {"aware_htn": (0.30, 0.70), "aware_dm": (0.25, 0.60), "managed": (0.10, 0.45),
                  "standardized": (0.55, 0.92)}

# ---------------------------------------------------------------------------------------------
# Plan texts (seeds). The baseline's levers continue the observed pace, never a plan's aim: the plans' own
# paces and levels are the scenarios/<region>/plan.yaml files, each entry citing its seed line.
# ---------------------------------------------------------------------------------------------
HANGZHOU_PLAN = "seeds/000_bace529e69db1a54.txt"
JIAMUSI_PLAN = "seeds/004_7550778e61264481.txt"
# Length-of-stay caps by grade (002:L67): tertiary-A / B general 6.5 / 7.5 days, TCM 8.5 / 9.5 days.
LISHUI_ALOS_CAPS = {"3A general": 6.5, "3B general": 7.5, "3A TCM": 8.5, "3B TCM": 9.5}
NO_LENGTH_OF_STAY_CAP = 30                       # sim.inputs.keys: a cap of 30 days means no cap
#: A level lever's observed trend (doctors per 1,000, nurses per bed) is continued to the baseline scenarios' horizon
#: (scenarios/*/baseline.yaml end in 2035) and held after it: no observation says how long a trend lasts.
OBSERVED_TREND_END = 2035

# National 托位 per 1,000 residents: 2.03 at end-2021 (CCTV/The Paper, medium-low); the 2020 level ~1.8 is recalled
# from the 14th FYP outline table (LOW); the national aim of 4.5 by 2025 (十四五公共服务规划, medium) is a target, used
# by the catalogs and the plan scenarios only. external_data_2020.md §7.
INFANT_PLACES_PER_1000 = {"2020_recalled": 1.8, 2021: 2.03}
INFANT_PLACES_PER_1000_RANGE = (1.0, 2.5)
INFANT_CARE_DEMAND_SHARE = 0.30                  # ">30% of families want care" (same source, medium)
INFANT_CARE_DEMAND_SHARE_RANGE = (0.20, 0.50)
# Zhejiang's 2020 programme: 全省新增3岁以下婴幼儿照护服务机构200家、新增托位5000个 (seeds/001:L61); context only.
ZHEJIANG_NEW_INFANT_PLACES_2020 = 5_000
# National GPs per 10,000 residents (NHC bulletins; calibration/sources/health_series/observed.csv rows
# china,gps_per_10000: 2020 2.90, 2022 3.28, 2023 3.99; medium). The 2022-23 jump (+0.71) is larger than 2020-22
# (+0.19 a year) and may include doctors adding a GP registration.
CHINA_GPS_PER_10000 = {2020: 2.90, 2022: 3.28, 2023: 3.99}
OBSERVED_SERIES_SOURCE = ("NHC statistical bulletins, calibration/sources/health_series/observed.csv (rows china,{series}; "
                          "transcription github:xujiann/health-indicators, medium)")
# Nurse turnover 2017 (Gan L. et al., 中华护理杂志 2020;55(2):198, high): east 2.35%, central 1.92% a year
# (Heilongjiang is "central" in the NHC grouping).
NURSE_TURNOVER = {"east": 0.0235, "central": 0.0192}
NURSE_TURNOVER["east and central (mean)"] = round((NURSE_TURNOVER["east"] + NURSE_TURNOVER["central"]) / 2, 5)  # the nation

# ---------------------------------------------------------------------------------------------
# Assumptions shared by the three regions (ranges for the profile)
# ---------------------------------------------------------------------------------------------
PRIMARY_NURSING_SHARE_2020_ASSUMED = 0.10        # of primary-care beds; below the 30% 2025 target
PRIMARY_NURSING_SHARE_2020_RANGE = (0.0, 0.25)
# Diabetes: no management figures in the notes; the hypertension (CCDNS) ratios are applied (calibration.build.health.chronic).
NURSE_RETIREMENT_RATE_ASSUMED = 0.02             # nurses retire at 50-55 (external_data_2020 §6); young workforce
DOCTOR_ATTRITION_ASSUMED = 0.035                 # retirement ~2.5% + quits ~1%
DOCTOR_ATTRITION_RANGE = (0.02, 0.07)
NURSE_ATTRITION_RANGE = (0.025, 0.08)
DROPOUT_RATE_ASSUMED = 0.10
DROPOUT_RATE_RANGE = (0.03, 0.30)
# Default of chronic.destandardization_rate (see STRUCTURAL_ASSUMPTIONS below, range 0.05-0.3); the standardization
# rate's default keeps the 2020 share in balance with it.
MODEL_BASE_DESTANDARDIZATION_RATE = 0.15
STANDARDIZATION_RATE_RANGE = (0.3, 3.0)
PREVALENCE_SCALE_RANGE = (0.7, 1.4)
ALOS_RANGE = (6.5, 11.0)                         # 6.5 = Lishui's cap for tertiary-A general hospitals (002:L67)
OCCUPANCY_RANGE = (0.55, 0.95)
APPROVAL_THRESHOLD_ASSUMED = 0.85                # grading standards set occupancy around 85-93% (recalled, not verified)
APPROVAL_THRESHOLD_RANGE = (0.75, 0.93)
TRANSFER_TO_TRAINING_RATIO_ASSUMED = 0.5         # transfer-training starts per training place
TRANSFER_TO_TRAINING_RANGE = (0.0, 1.5)
SCREENING_RATE_ASSUMED = {"hangzhou": 0.05, "lishui": 0.05, "jiamusi": 0.02, "china": 0.03, "zhejiang": 0.05}
SCREENING_RATE_RANGE = (0.0, 0.20)
# Zhejiang 2023 priorities: 城乡居民免费健康体检人数达1000万以上 (~15% of residents a year; used in the note only)
ZHEJIANG_FREE_CHECKS_2023 = 10_000_000

# --- Structural assumptions: how the health system responds --------------------------------------------------------
# The model's behavioural constants, the same for every region. Each value is the modellers' judgement that the model
# file (sim/model/health_system.mdl) used as its constant before it became a profile input; (value, low, high,
# distribution, note), in the key's unit (sim.inputs.keys.KEYS). Triangular where the value rests on a norm or a
# programme's design; uniform where only bounds are judged. No city or national measurement of these was found in the
# research notes.
STRUCTURAL_ASSUMPTIONS = {
    "chronic.background_detection_rate": (0.02, 0.01, 0.05, "uniform",
        "Chosen so that awareness rises slowly; national surveys of 2012-2018 put hypertension awareness at 32-52% "
        "(research/external_data_2020.md §5). Not calibrated: no city awareness series exists (history_missing.csv)."),
    "chronic.detection_per_contracting": (0.05, 0.02, 0.20, "uniform",
        "Extra detection when everyone is contracted to a family doctor (scaled by the contracting rate); no study "
        "measuring it was found."),
    "chronic.enrolment_rate": (0.5, 0.2, 1.0, "uniform",
        "Share of aware, unmanaged patients who would enrol per year if teams had room; judgement."),
    "chronic.capacity_adjustment_time": (1.0, 0.5, 2.0, "uniform",
        "Time to fill free places in GP teams; judgement."),
    "chronic.destandardization_rate": (MODEL_BASE_DESTANDARDIZATION_RATE, 0.05, 0.30, "uniform",
        "Share of standardized patients falling out of the standard per year when teams have room; judgement. The "
        "standardization rate default is derived from this value (balance of the 2020 share)."),
    "beds.construction_time": (3.0, 2.0, 5.0, "uniform",
        "Average time from approval to an open bed; judgement (hospital projects take 2-5 years)."),
    "beds.bed_lifetime": (30.0, 20.0, 40.0, "uniform",
        "Average service life of a bed (building and equipment); judgement."),
    "beds.acute_replacement_share": (1.0, 0.8, 1.0, "uniform",
        "Share of retiring acute beds rebuilt; judgement (hospitals rarely close beds outright)."),
    "beds.approval_time": (3.0, 1.0, 5.0, "uniform",
        "Time over which a gap in acute beds is approved; judgement."),
    "beds.target_occupancy": (0.85, 0.80, 0.93, "triangular",
        "Occupancy hospitals are planned for: 85% is the model's planning norm, a judgement (hospital grading standards "
        "are recalled as asking 85-93%, not verified in the research notes); national hospitals ran at 74.55% in 2021 "
        "(research/city_health_resources.md §4)."),
    "beds.nursing_beds_per_1000_80_plus": (50.0, 20.0, 100.0, "uniform",
        "Nursing beds needed per 1,000 people aged 80+; judgement (no norm found)."),
    "workforce.gp_training_duration": (3.0, 2.0, 3.0, "triangular",
        "3-year GP residency after 5+3 study, 2-year assistant-GP training for 3+2 (research/external_data_2020.md §6, "
        "low confidence: recalled policy); weighted toward 3 on the assumption that most places are 5+3."),
    "workforce.hiring_time": (2.0, 1.0, 4.0, "uniform",
        "Time recruitment takes to close a staffing gap; judgement."),
    "care.residents_per_gp_contract": (2000.0, 1000.0, 3000.0, "triangular",
        "Guidance of about 2,000 residents per family doctor (research/external_data_2020.md §6, low confidence)."),
    "care.contracting_time": (2.0, 1.0, 4.0, "uniform",
        "Time to close a gap to the contracting target; judgement."),
    "care.contract_lapse_rate": (0.10, 0.05, 0.20, "uniform",
        "Contracts not renewed per year, residents moving or dying included; judgement."),
}

# ---------------------------------------------------------------------------------------------
# China as a region (calibration/china/): the national bulletins' counts at the year-ends around the
# base date and the year after it. NHC 我国卫生健康事业发展统计公报 2019-2021 as transcribed in
# calibration/sources/health_series/observed.csv (rows china,<series>,<year>; medium). Only 2019-2021 are
# used to build the profile: 2022-2023 are held out (tests/analysis/test_national_anchors.py).
# ---------------------------------------------------------------------------------------------
CHINA_BULLETIN_SOURCE = ("NHC 我国卫生健康事业发展统计公报 {years}, calibration/sources/health_series/observed.csv rows "
                         "china,{series} (transcription github:xujiann/health-indicators and bulletin reprints; medium)")
CHINA_BEDS_TOTAL_WAN = {2019: 880.7, 2020: 910.1, 2021: 944.8}      # 医疗卫生机构床位, 万张
CHINA_BEDS_HOSPITAL_WAN = {2020: 713.1, 2021: 741.3}               # 医院床位 (护理院 included), 万张
CHINA_BEDS_PRIMARY_WAN = {2020: 164.9, 2021: 171.2}                # 基层医疗卫生机构床位, 万张
CHINA_DOCTORS_WAN = {2019: 386.7, 2020: 408.6, 2021: 428.7}        # 执业(助理)医师, 万人
CHINA_NURSES_WAN = {2019: 444.5, 2020: 470.9, 2021: 501.8}         # 注册护士, 万人
CHINA_GPS_PER_10000_BULLETIN = {2015: 1.38, 2019: 2.61, 2020: 2.90, 2021: 3.08}
CHINA_DOCTORS_PER_1000_BULLETIN = {2020: 2.90, 2021: 3.04}
CHINA_NURSES_PER_1000_BULLETIN = {2020: 3.34, 2021: 3.56}
CHINA_BEDS_PER_1000_2021 = 6.70
# GPs at the end of 2019: 36.51万 (fx361.cc/page/2021/1123/12121289.shtml, a GP paper citing the yearbook: registered
# 21.06 + certificate only 15.44; observed.csv rows china,gps,2019; LOW). Used only for the 1 Nov 2020 interpolation.
CHINA_GPS_2019_WAN_LOW_CONFIDENCE = 36.51
# TCM-type hospitals (中医类医院: 中医医院 981,142 + 中西医结合医院 124,614 + 民族医医院 42,379) at the end of 2020:
# 《2020年中医药事业发展统计提要报告》 as reprinted at hangzhou0112819.11467.com/news/1715506.asp (found with the search tool,
# 2026-12-01; medium: a verbatim reprint on a company page), its 中医医院 981,142 equal to the official table
# natcm.gov.cn/2020tjzb/.../atog/2020/A45.htm (2020年全国中医医院的机构、床位增减情况, official).
CHINA_TCM_TYPE_HOSPITAL_BEDS_2020 = 1_148_135
CHINA_TCM_2020_SOURCE = ("《2020年中医药事业发展统计提要报告》 (reprint hangzhou0112819.11467.com/news/1715506.asp: 中医类医院实有床位达"
                         "1,148,135张, of which 中医医院981,142张、中西医结合医院124,614张、民族医医院42,379张); 中医医院 981,142 as in "
                         "natcm.gov.cn/2020tjzb/全国中医药统计摘编/atog/2020/A45.htm (official)")
# 2021 natural increase of the national population (NBS 2021 statistical communiqué: CBR 7.52, CDR 7.18 per mille;
# research/external_data_2020.md §2, medium): residents grow +0.34 per mille a year with no net migration.
CHINA_NATURAL_INCREASE_2021_PERMILLE = 7.52 - 7.18
CHINA_2021_COMMUNIQUE_SOURCE = ("NBS 2021 statistical communiqué (reprint siyezi.com/zhishi/Kn62.htm): CBR 7.52, CDR 7.18 "
                                "per mille; research/external_data_2020.md §2 (medium)")
# Assumptions of the national profile where no national figure was found (judgements, with ranges):
CHINA_CONTRACTING_2020_ASSUMED = (0.35, 0.65)   # all residents, key groups; ranges in calibration.build.health.care
CHINA_ELDERLY_MANAGED_2020_ASSUMED = 0.65

"""Numbers taken from publications (or set as assumptions) for the 2020 population baseline.

Each constant has its source beside it. "research/..." refers to the project's research notes
(research/external_data_2020.md, research/city_health_resources.md, research/demographic_inputs.md),
which give the original publication, the web address of the copy that was read, and a confidence mark.
"seeds/..." refers to the plan texts the project was seeded with (file:line).

Constants named *_ASSUMED_* are assumptions, not observations; each has a plausible range.
Tabular census data are NOT here: they are read from calibration/sources/*.csv.
"""

# The cities' figures (Hangzhou, Lishui, Jiamusi) are in their own fill-in tables,
# calibration/<city>/tables/ (figures_2020.csv, inputs.csv), each with its source and method;
# `python -m sim region build <city>` derives their profiles from them.

# ---------------------------------------------------------------------------------------------
# Provinces
# ---------------------------------------------------------------------------------------------
# Census 2020 long-form births by sex of child (table 6-1, sample counts), demographic_inputs.md §3c (high).
SRB_SOURCE = "Census 2020 long-form table 6-1, births 2019-11..2020-10 by sex (sample counts); research/demographic_inputs.md §3c (high)"
SRB_RANGE = (104.0, 114.0)
# Census-based provincial TFR 2020 (Wikipedia-mirror table of provincial TFRs, external_data_2020.md §2;
# demographic_inputs.md §3c; medium). Used only for comparison in notes.
PROVINCIAL_TFR_SOURCE = "provincial census TFR table (wiki.kfd.me mirror), research/external_data_2020.md §2 (medium)"

# ---------------------------------------------------------------------------------------------
# National anchors and shared assumptions
# ---------------------------------------------------------------------------------------------
# UN WPP2024 China TFR 2020 1.2357 -> 2023 0.9995 (demographic_inputs.md §3b; high). The ratio 0.81
# is applied to each city's derived 2020 TFR as the decline to 2023.
WPP2024_CHINA_TFR = {2020: 1.2357, 2023: 0.9995}
WPP_SOURCE = "UN WPP2024 China TFR 1.2357 (2020) -> 0.9995 (2023); research/demographic_inputs.md §3b"
TFR_RANGE_FACTORS = (0.6, 1.3)    # assumption: low/high as multiples of the derived 2020 TFR
E0_LOW_MARGIN = 1.0               # assumption: low bound = 2020 level minus one year (shock / basis)
E0_HORIZON_YEARS = 30             # ramp 2020 -> 2050

# Children aged 0-9 in net migration (born after 2010, not covered by the census survival method).
CHILD_MIGRANT_SHARE_ASSUMED = 0.10

# ---------------------------------------------------------------------------------------------
# China (the nation as a region). The census total and age-sex structure are the 全国 rows of
# sources/china_census_2010_2020_pop_by_province_age_sex.csv (31 provinces; the 2 million servicemen
# of the census communiqué's 1,411,778,724 are not in them), read by calibration.build.
# ---------------------------------------------------------------------------------------------
CHINA_NATIONAL_AREA = "全国"
CHINA_CENSUS_SOURCE = ("China census 2020 table 1-5 (全国, by sex and age group), sources/china_census_2010_2020_pop_by_"
                       "province_age_sex.csv; research/demographic_inputs.md §1 (high as a transcription)")
# CBR / CDR 2020, NBS annual series (kjkxun.com/biz/67746.html; 8.52 also in a Yicai article, lautan.net/2022-01-04/
# 205052158.html); research/external_data_2020.md §2 (medium). Births 2020 1200万 (Ning Jizhe, census press
# conference 2021-05-11; same note, medium) = 8.52 per mille x 1,409.8 million within rounding.
CHINA_CBR_2020 = 8.52
CHINA_RATES_2020_SOURCE = ("NBS annual series, CBR 8.52 / CDR 7.07 per mille in 2020 (kjkxun.com/biz/67746.html; "
                           "lautan.net/2022-01-04/205052158.html); research/external_data_2020.md §2 (medium)")
# UN WPP2024 China TFR by year (research/data/wpp_china_annual_births_tfr_e0_1950_2023.csv; demographic_inputs.md §3b;
# high): the national path 2020-2023, estimated by the UN from the registered births of those years.
WPP2024_CHINA_TFR_2020_2023 = {2020: 1.235682, 2021: 1.11744, 2022: 1.034399, 2023: 0.999488}
WPP2024_TFR_FILE = "research/data/wpp_china_annual_births_tfr_e0_1950_2023.csv (UN WPP2024, PPgp/wpp2024 commit 2da7768a; high)"
# Life expectancy 2020 77.93 and 2021 78.2 (2021 NHC statistical bulletin, m.odtusol.cn People's Daily reprint;
# research/external_data_2020.md §2, medium). WPP2024 both sexes (mean of M and F) gained 75.76 -> 78.03 in 2010-2019,
# +0.25 a year (history_figures.WPP2024_CHINA_E0_*).
CHINA_E0_2020 = 77.93
CHINA_E0_2021 = 78.2
CHINA_E0_SOURCE = ("2021 NHC statistical bulletin (People's Daily reprint m.odtusol.cn): 77.93 (2020), 78.2 (2021); "
                   "research/external_data_2020.md §2 (medium)")
CHINA_E0_RATE_ASSUMED = 0.25              # WPP2024 China 2010-2019 pace (both sexes, mean of M and F)
CHINA_E0_RATE_RANGE = (0.10, 0.35)
# Census 2020 long-form table 6-2, sample births 2019-11..2020-10 by sex, national (research/demographic_inputs.md §3a;
# high): boys 641,238, girls 571,083 (SRB 112.28).
CHINA_BIRTHS_BOYS_SAMPLE = 641_238
CHINA_BIRTHS_GIRLS_SAMPLE = 571_083
CHINA_SRB_SOURCE = "Census 2020 long-form table 6-2, national births 2019-11..2020-10 by sex (sample counts); research/demographic_inputs.md §3a (high)"
# International net migration: no national figure is in the project's sources; ASSUMED 0 (range below: +-0.035% of
# the population a year, a judgement covering emigration of the order WPP-type estimates put it at).
CHINA_NET_MIGRATION_RANGE = (-500_000, 500_000)
# Hukou: the nation's registered population is its residents up to the unregistered and international moves; ASSUMED
# equal to the census residents (range +-1%), hukou transfers between regions cancel (range +-100,000 a year).
CHINA_HUKOU_RANGE_SHARE = 0.01
CHINA_HUKOU_TRANSFERS_RANGE = (-100_000, 100_000)

# Zhejiang (calibration/zhejiang/ is built from its own tables, calibration/zhejiang/tables/; this
# series stays for tests/analysis/test_provincial_anchors.py)
# ---------------------------------------------------------------------------------------------
# 2021年浙江省人口主要数据公报 (reprint pzjy315.com/m/view.php?aid=6799), research/external_data_2020.md §2 (medium):
# year-end residents 6468万 (2020), 6540万 (2021).
ZHEJIANG_YEAREND_RESIDENT_WAN = {2020: 6468, 2021: 6540}

"""Numbers taken from publications (or set as assumptions) for the 2020 population baseline.

Each constant has its source beside it. "research/..." refers to the project's research notes
(research/external_data_2020.md, research/city_health_resources.md, research/demographic_inputs.md),
which give the original publication, the web address of the copy that was read, and a confidence mark.
"seeds/..." refers to the plan texts the project was seeded with (file:line).

Constants named *_ASSUMED_* are assumptions, not observations; each has a plausible range.
Tabular census data are NOT here: they are read from calibration/sources/*.csv.
"""

# ---------------------------------------------------------------------------------------------
# Hangzhou (杭州市)
# ---------------------------------------------------------------------------------------------
HANGZHOU_CENSUS_SOURCE = (
    "杭州市第七次全国人口普查主要数据公报 (1 Nov 2020; reprint m.beiweimall.com/renkoushuju/4449321.html; "
    "total and 60+ confirmed by ehangzhou.gov.cn/2021-05/18/c_277113.htm); research/external_data_2020.md §1a"
)
HANGZHOU_CENSUS_TOTAL = 11_936_010   # resident population, 1 Nov 2020 (bulletin; high)
HANGZHOU_CENSUS_MALE = 6_215_953     # 52.08%, sex ratio 108.67 (bulletin; medium/high)
HANGZHOU_CENSUS_0_14 = 1_553_544     # 13.02% (bulletin; medium)
HANGZHOU_CENSUS_15_59 = 8_369_169    # 70.12% (bulletin; medium)
HANGZHOU_CENSUS_60_PLUS = 2_013_297  # 16.87% (bulletin; high)
HANGZHOU_CENSUS_65_PLUS = 1_391_404  # 11.66% (bulletin; medium)
HANGZHOU_SHARES_PUBLISHED = {"0_14": 13.02, "15_59": 70.12, "60_plus": 16.87, "65_plus": 11.66}  # bulletin, %

# Crude rates, resident basis. 2020 values are derived in research/external_data_2020.md §2 from the
# 2021 Hangzhou population bulletin ("2021 vs 2020: CBR -0.16, CDR -0.04"); reprint
# nonglinyumu.com/agriculture/629893.html (medium).
HANGZHOU_CBR_2020 = 7.76  # per mille
HANGZHOU_CDR_2020 = 4.74  # per mille
HANGZHOU_CBR_2021 = 7.6   # per mille, 2021 bulletin (city_health_resources.md §1a)
HANGZHOU_CDR_2021 = 4.7   # per mille, 2021 bulletin
HANGZHOU_CBR_2022 = 7.2   # per mille, 2022 Hangzhou population bulletin via Hangzhou Daily (tyjgjz.com; medium)
HANGZHOU_CDR_2022 = 5.0   # per mille, same
# Year-end resident population, 万 (city_health_resources.md §1a; medium).
HANGZHOU_YEAREND_RESIDENT_WAN = {2020: 1196.5, 2021: 1220.4, 2022: 1237.6}
# Year-end hukou population, 万 (city_health_resources.md §1a). 2019: 2019 statistical bulletin via
# The Paper (medium); 2022: unattributed page quoting the statistics bureau (LOW confidence).
HANGZHOU_HUKOU_WAN = {2019: 795.4, 2022: 846.7}
# Life expectancy 2020: Hangzhou 14th FYP health plan, "到2020年底,杭州市人均期望寿命达83.12岁".
HANGZHOU_E0_2020 = 83.12
HANGZHOU_E0_SOURCE = "seeds/000_bace529e69db1a54.txt:25 (Hangzhou 14th five-year health plan)"
# Improvement history: 80.26 in 2009 (健康报 item, city_health_resources.md §1c, medium-low)
# -> 83.12 in 2020 = +0.26/yr.
HANGZHOU_E0_2009 = 80.26
HANGZHOU_HUKOU_2020_RANGE = (8_000_000, 8_350_000)       # assumption: range of the interpolated 2020 hukou
HANGZHOU_HUKOU_TRANSFERS_RANGE = (80_000, 220_000)       # assumption: person/year
HANGZHOU_E0_RATE_ASSUMED = 0.20            # years of e0 gained per calendar year, 2020-2050
HANGZHOU_E0_RATE_RANGE = (0.10, 0.30)
# Net migration beyond 2021: 2010-2020 average ~ +265,000/yr (external_data_2020.md §3, derived).
HANGZHOU_NET_MIGRATION_ASSUMED_LATER = 145_000    # person/year, = the 2022-derived value held flat
HANGZHOU_NET_MIGRATION_RANGE = (50_000, 300_000)

# ---------------------------------------------------------------------------------------------
# Lishui (丽水市)
# ---------------------------------------------------------------------------------------------
LISHUI_CENSUS_TOTAL = 2_507_396  # resident, 1 Nov 2020; klbdjy.com/showinfo-3-15327.html quoting the
#                                  Lishui 7th-census bulletin (external_data_2020.md §1a; medium)
LISHUI_CENSUS_TOTAL_SOURCE = (
    "Lishui 7th-census bulletin as quoted at klbdjy.com/showinfo-3-15327.html; research/external_data_2020.md §1a"
)
# City shares are not published in what was found. They are derived from the Qingtian county census
# article (www1.hunanzxsheng.com/jbzs/8020.html), which gives Qingtian's shares and the gap to the city:
# 0-14 17.04% "比全市高1.07"; 15-59 64.12% "高1.33"; 60+ 18.84% "低2.4"; 65+ 13.37% "低2".
LISHUI_QINGTIAN_SHARES = {"0_14": 17.04, "15_59": 64.12, "60_plus": 18.84, "65_plus": 13.37}
LISHUI_QINGTIAN_MINUS_CITY = {"0_14": +1.07, "15_59": +1.33, "60_plus": -2.4, "65_plus": -2.0}
LISHUI_SHARES_SOURCE = (
    "Qingtian county 7th-census article (www1.hunanzxsheng.com/jbzs/8020.html), county shares and gaps to "
    "the city; research/external_data_2020.md §1a (derived, medium-low)"
)
# Hukou (registered) population, year-end 2020, and hukou vital rates 2020:
# 丽水年鉴 2021, 人口 entry, lssz.lishui.gov.cn/art/2022/5/16/art_1229634360_7024.html (high).
LISHUI_YEARBOOK_SOURCE = (
    "丽水年鉴2021 人口 (lssz.lishui.gov.cn/art/2022/5/16/art_1229634360_7024.html); "
    "research/external_data_2020.md §2-3, city_health_resources.md §2a"
)
LISHUI_HUKOU_2020 = 2_707_396
LISHUI_HUKOU_CBR_2020 = 8.42   # per mille, births 22,799 (hukou basis)
LISHUI_HUKOU_CDR_2020 = 6.34   # per mille, deaths 17,165 (hukou basis)
LISHUI_HUKOU_MIGRATION_IN_2020 = 9_056
LISHUI_HUKOU_MIGRATION_OUT_2020 = 14_854
LISHUI_HUKOU_NET_MIGRATION_2020 = -5_793   # as printed; note in - out = -5,798 (5-person inconsistency)
# Year-end resident population, 万: 2022 = 251.5 (klbdjy.com; maigoo.com; medium); 2021 = 251.5 - 0.1
# (derived from "+0.1万 vs end-2021"), city_health_resources.md §2a.
LISHUI_YEAREND_RESIDENT_WAN = {2021: 251.4, 2022: 251.5}
# Life expectancy: no Lishui figure found. Zhejiang government work report 2021 (China News Service,
# 2021-01-26, reprint m.fyrmtzx.cn/p/47584.html): "过去五年,浙江人均预期寿命由78.3岁提高到79.2岁".
ZHEJIANG_E0_2015 = 78.3
ZHEJIANG_E0_2020 = 79.2
ZHEJIANG_E0_SOURCE = (
    "Zhejiang government work report 2021, reported by China News Service 2021-01-26 "
    "(reprint m.fyrmtzx.cn/p/47584.html): 浙江人均预期寿命由78.3岁提高到79.2岁 (2015->2020)"
)
LISHUI_E0_RANGE = (78.0, 81.5)              # assumption: range of the 2020 level
LISHUI_E0_RATE_RANGE = (0.10, 0.30)
LISHUI_NET_MIGRATION_RANGE = (-15_000, 30_000)
LISHUI_HUKOU_TRANSFERS_RANGE = (-12_000, 0)

# ---------------------------------------------------------------------------------------------
# Jiamusi (佳木斯市)
# ---------------------------------------------------------------------------------------------
JIAMUSI_CENSUS_TOTAL = 2_156_505  # resident, 1 Nov 2020; executivefront.com/ShuJuXiangGuan/955013.html,
#                                   maigoo.com/news/624192.html (external_data_2020.md §1a; medium)
JIAMUSI_CENSUS_TOTAL_SOURCE = (
    "Jiamusi 7th-census total as quoted at executivefront.com/ShuJuXiangGuan/955013.html and "
    "maigoo.com/news/624192.html; research/external_data_2020.md §1a (medium)"
)
# Post-census figures: m.hbzqbyyxgs.com/news/0jkNNTcx.html (Jiamusi 2022 population data; medium),
# research/city_health_resources.md §3a.
JIAMUSI_2022_SOURCE = "Jiamusi 2022 population data (reprint m.hbzqbyyxgs.com/news/0jkNNTcx.html); research/city_health_resources.md §3a"
JIAMUSI_YEAREND_RESIDENT_2022 = 2_101_700   # 210.17万, end-2022 resident (5 per mille survey)
JIAMUSI_HUKOU_WAN = {2021: 227.9, 2022: 225.6}   # year-end hukou; 2021 from maigoo.com/news/624192.html
JIAMUSI_YEAREND_2020_WAN = 214.9  # maigoo.com/news/624192.html, year-end 2020, basis inferred resident (low-medium)
JIAMUSI_HUKOU_2019_WAN = 232.03   # maigoo table, "probably hukou" (low-medium), used only for the range
JIAMUSI_HUKOU_2020_HIGH = 2_325_000  # assumption: upper bound of the 2020 hukou (allows the 2019 value)
# Assumption: plausible ranges of Jiamusi broad shares (percent) around Heilongjiang's values; the 2022
# hukou 60+ share of 25.3% lies inside the 60+ range.
JIAMUSI_SHARE_RANGES_ASSUMED = {"0_14": (9.0, 12.0), "15_59": (61.0, 68.0), "60_plus": (22.0, 27.0),
                                "65_plus": (15.0, 19.0)}
JIAMUSI_HUKOU_BIRTHS_2022 = 6_150   # CBR 2.9 per mille (hukou)
JIAMUSI_HUKOU_DEATHS_2022 = 5_399
JIAMUSI_HUKOU_60_PLUS_SHARE_2022 = 25.3   # percent of 2022 hukou population
# Life expectancy: Jiamusi 14th FYP health plan, "人均预期寿命由75.69岁提升至77.6岁".
JIAMUSI_E0_2020 = 77.6
JIAMUSI_E0_2015 = 75.69
JIAMUSI_E0_SOURCE = "seeds/004_7550778e61264481.txt:35 (Jiamusi 14th five-year health plan)"
JIAMUSI_E0_RATE_ASSUMED = 0.30
JIAMUSI_E0_RATE_RANGE = (0.15, 0.40)
JIAMUSI_CBR_RANGE = (2.9, 5.0)              # per mille; 2.9 = Jiamusi 2022 hukou CBR
JIAMUSI_NET_MIGRATION_RANGE = (-45_000, -5_000)
JIAMUSI_HUKOU_TRANSFERS_RANGE = (-30_000, -8_000)

# ---------------------------------------------------------------------------------------------
# Provinces
# ---------------------------------------------------------------------------------------------
# Heilongjiang statistical communiqué series (maigoo.com/news/684149.html), external_data_2020.md §2.
HEILONGJIANG_CBR_2020 = 3.75   # per mille
HEILONGJIANG_CDR_2020 = 8.23   # per mille
HEILONGJIANG_RATES_SOURCE = "Heilongjiang statistical communiqué series (maigoo.com/news/684149.html); research/external_data_2020.md §2 (medium)"
# Census 2020 long-form births by sex of child (table 6-1, sample counts), demographic_inputs.md §3c (high).
SRB_SOURCE = "Census 2020 long-form table 6-1, births 2019-11..2020-10 by sex (sample counts); research/demographic_inputs.md §3c (high)"
ZHEJIANG_BIRTHS_BOYS_SAMPLE = 25_820
ZHEJIANG_BIRTHS_GIRLS_SAMPLE = 23_299      # SRB 110.82
HEILONGJIANG_BIRTHS_BOYS_SAMPLE = 6_815
HEILONGJIANG_BIRTHS_GIRLS_SAMPLE = 6_459   # SRB 105.51
SRB_RANGE = (104.0, 114.0)
# Census-based provincial TFR 2020 (Wikipedia-mirror table of provincial TFRs, external_data_2020.md §2;
# demographic_inputs.md §3c; medium). Used only for comparison in notes.
PROVINCIAL_TFR_SOURCE = "provincial census TFR table (wiki.kfd.me mirror), research/external_data_2020.md §2 (medium)"
ZHEJIANG_TFR_2020_CENSUS = 1.044
HEILONGJIANG_TFR_2020_CENSUS = 0.758
HEILONGJIANG_CBR_CENSUS_IMPLIED = 4.22   # per mille, demographic_inputs.md §3c (derived from sample births)

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
CHILD_MIGRANT_SHARE_RANGE = (0.0, 0.20)

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
CHINA_CDR_2020 = 7.07
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

# ---------------------------------------------------------------------------------------------
# Zhejiang and Heilongjiang as regions (calibration/zhejiang/, calibration/heilongjiang/)
# ---------------------------------------------------------------------------------------------
ZHEJIANG_AREA = "浙江"
HEILONGJIANG_AREA = "黑龙江"
PROVINCE_CENSUS_SOURCE = ("China census 2020 table 1-5 ({area}, by sex and age group), sources/china_census_2010_2020_pop_"
                          "by_province_age_sex.csv (research/data, transcription of the census yearbook; high)")
# 2021年浙江省人口主要数据公报 (reprint pzjy315.com/m/view.php?aid=6799), research/external_data_2020.md §2 (medium):
# CBR/CDR 7.13/5.84 per mille (2020), 6.90/5.90 (2021); year-end residents 6468万 (2020), 6540万 (2021).
ZHEJIANG_RATES_SOURCE = ("2021年浙江省人口主要数据公报 (reprint pzjy315.com/m/view.php?aid=6799); research/external_data_2020.md "
                         "§2 (medium)")
ZHEJIANG_CBR_2020 = 7.13
ZHEJIANG_CDR_2020 = 5.84
ZHEJIANG_CBR_2021 = 6.90
ZHEJIANG_CDR_2021 = 5.90
ZHEJIANG_YEAREND_RESIDENT_WAN = {2020: 6468, 2021: 6540}
# Stock of inter-provincial in-migrants at the census (The Paper via zonghe.indunet.net.cn; research/external_data_2020.md
# §3, medium): the hukou population is at most the residents minus them (plus Zhejiang hukou holders living elsewhere).
ZHEJIANG_INTERPROVINCIAL_IN_MIGRANTS_2020 = 16_186_500
ZHEJIANG_IN_MIGRANTS_SOURCE = "inter-provincial in-migrants 16,186,500 at the census (The Paper via zonghe.indunet.net.cn; research/external_data_2020.md §3, medium)"
ZHEJIANG_HUKOU_RANGE_ASSUMED = (46_000_000, 52_000_000)        # judgement, see calibration.build.regions
ZHEJIANG_NET_MIGRATION_RANGE = (300_000, 1_000_000)             # judgement, see calibration.build.regions
ZHEJIANG_HUKOU_TRANSFERS_RANGE = (-100_000, 300_000)            # judgement, no hukou series found
ZHEJIANG_E0_RANGE = (78.2, 79.7)                                # 2020 level minus one year .. plus half a year
# Heilongjiang: year-end residents 3171万 (2020; hljszw.org.cn/home/book/info/get_id/401463.html, medium-high),
# 3125万 (2021, maigoo.com/news/624192.html), 3099万 (2022, kxwhcb.com, The Paper 2023-03-23); research/external_data_2020.md §3.
HEILONGJIANG_YEAREND_RESIDENT_WAN = {2020: 3171.0, 2021: 3125, 2022: 3099}
HEILONGJIANG_YEAREND_SOURCE = ("Heilongjiang year-end residents 3171.0万 (2020, hljszw.org.cn/home/book/info/get_id/401463.html), "
                               "3125万 (2021, maigoo.com/news/624192.html), 3099万 (2022, kxwhcb.com, The Paper 2023-03-23); "
                               "research/external_data_2020.md §3 (medium)")

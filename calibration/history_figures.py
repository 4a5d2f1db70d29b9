"""Numbers from publications (or set as assumptions) for the 2010 start population and the 2010-2020
backcast inputs. Each constant has its source beside it; constants named *_ASSUMED* are assumptions
with a range. Tabular census data are read from calibration/sources/*.csv, not kept here.

Used by calibration.build.backcast. The observed city series themselves are in calibration/<region>/history.csv.
"""

# ---------------------------------------------------------------------------------------------
# 2010 census (6th census, 1 Nov 2010), city level
# ---------------------------------------------------------------------------------------------
HANGZHOU_2010_SOURCE = (
    "Hangzhou statistics bureau 6th-census release 2011-05-11 (forum repost bbs.echot.net/thread-417423-1-1.html); "
    "total restated in the 杭州市第七次全国人口普查主要数据公报 (reprint m.beiweimall.com/renkoushuju/4449321.html); "
    "research/city_health_resources.md §1a (shares medium-low)"
)
HANGZHOU_2010_TOTAL = 8_700_373
# Published shares (percent). 0-14, 60+, 65+ as printed in the 2011 release and equal to the 2020 bulletin's
# "2020 share minus change since 2010"; 15-59 = 70.12 + 5.09 from the 2020 bulletin (derived).
HANGZHOU_2010_SHARES = {"0_14": 11.39, "15_59": 75.21, "60_plus": 13.40, "65_plus": 9.02}
HANGZHOU_2010_SEX_RATIO = 105.04   # males per 100 females (2011 release; medium-low)

LISHUI_2010_SOURCE = ("Lishui 7th-census bulletin as quoted at klbdjy.com/showinfo-3-15327.html; "
                      "research/external_data_2020.md §1a (medium)")
LISHUI_2010_TOTAL = 2_116_957
# Only Liandu district's 2010 shares were found (derived from its 2020 bulletin): not used for the city,
# reported for comparison. research/city_health_resources.md §2a.
LIANDU_2010_SHARES = {"0_14": 14.33, "15_59": 72.66, "60_plus": 13.01, "65_plus": 8.92}

JIAMUSI_2010_SOURCE = ("zhiyuanku.com/news/shuju/796142.html (255.21万, year and basis not stated); exact count as "
                       "recorded in research/external_data_2020.md §1a (NOT verified); low")
JIAMUSI_2010_TOTAL = 2_552_097
JIAMUSI_2010_TOTAL_RANGE_ASSUMED = (2_500_000, 2_600_000)   # +-2% for the unverified total

# ---------------------------------------------------------------------------------------------
# UN WPP2024, China (research/data/wpp_china_annual_births_tfr_e0_1950_2023.csv; research/demographic_inputs.md
# §3b, source S2: PPgp/wpp2024 commit 2da7768a, data-raw/tfr.txt, e0M.txt, e0F.txt; high)
# ---------------------------------------------------------------------------------------------
WPP_SOURCE = ("UN WPP2024 China (PPgp/wpp2024 commit 2da7768a, data-raw/tfr.txt, e0M.txt, e0F.txt); "
              "research/data/wpp_china_annual_births_tfr_e0_1950_2023.csv, research/demographic_inputs.md §3b (high)")
WPP2024_CHINA_TFR = {
    2010: 1.686548, 2011: 1.668272, 2012: 1.798379, 2013: 1.714028, 2014: 1.769427, 2015: 1.669555,
    2016: 1.771931, 2017: 1.795339, 2018: 1.538705, 2019: 1.496117, 2020: 1.235682,
}
WPP2024_CHINA_E0_MALE = {
    2010: 73.1912, 2011: 73.3343, 2012: 73.624, 2013: 73.8809, 2014: 74.1188, 2015: 74.3646,
    2016: 74.5752, 2017: 74.4481, 2018: 75.0345, 2019: 75.3033, 2020: 75.245,
}
WPP2024_CHINA_E0_FEMALE = {
    2010: 78.3286, 2011: 78.6496, 2012: 78.9814, 2013: 79.2226, 2014: 79.5104, 2015: 79.7847,
    2016: 80.0523, 2017: 80.2701, 2018: 80.5735, 2019: 80.7471, 2020: 80.9992,
}

# ---------------------------------------------------------------------------------------------
# Provincial census TFR (Wikipedia-mirror table of census TFRs; research/external_data_2020.md §2; medium)
# ---------------------------------------------------------------------------------------------
PROVINCIAL_TFR_SOURCE = "provincial census TFR table (wiki.kfd.me mirror), research/external_data_2020.md §2 (medium)"
PROVINCIAL_TFR_CENSUS = {"浙江": {2010: 1.017, 2020: 1.044}, "黑龙江": {2010: 0.751, 2020: 0.758}}
TFR_HIGH_FACTOR_ASSUMED = 1.3   # upper band: 1.3 x the WPP-ratio path

# ---------------------------------------------------------------------------------------------
# Life expectancy anchors
# ---------------------------------------------------------------------------------------------
HANGZHOU_E0 = {2009: 80.26, 2020: 83.12}
HANGZHOU_E0_SOURCE = ("2009: 健康报 item (reprint baidianfengw.cn/xinwen/1048309.html), research/city_health_resources.md "
                      "§1c (medium-low); 2020: seeds/000_bace529e69db1a54.txt:25 (Hangzhou 14th five-year health plan)")
JIAMUSI_E0 = {2015: 75.69, 2020: 77.6}
JIAMUSI_E0_SOURCE = ("seeds/004_7550778e61264481.txt:35 (Jiamusi 14th five-year health plan: 人均预期寿命由75.69岁提升至77.6岁; "
                     "start year implied 2015); research/seed_004_jiamusi_001_zhejiang.md A.2")
ZHEJIANG_E0 = {2015: 78.3, 2020: 79.2}
ZHEJIANG_E0_SOURCE = ("Zhejiang government work report 2021, China News Service 2021-01-26 (reprint m.fyrmtzx.cn/p/47584.html): "
                      "浙江人均预期寿命由78.3岁提高到79.2岁 (2015->2020); as in calibration/published_figures.py")
E0_BAND_ASSUMED = 1.0   # +- years around the path (basis differences: hukou / CDC surveillance vs resident)

# ---------------------------------------------------------------------------------------------
# Sex ratio at birth
# ---------------------------------------------------------------------------------------------
# 2020: census long-form births 2019-11..2020-10 by sex (sample counts), research/demographic_inputs.md §3c (high).
SRB_2020_BIRTHS = {"浙江": (25_820, 23_299), "黑龙江": (6_815, 6_459),
                   "全国": (641_238, 571_083)}   # national: long-form table 6-2 (demographic_inputs.md §3a; high)
SRB_2020_SOURCE = "census 2020 long-form table 6-1, births by sex (sample counts); research/demographic_inputs.md §3c (high)"
SRB_RANGE_ASSUMED = (104.0, 120.0)

# ---------------------------------------------------------------------------------------------
# Natural increase 2010-2020 (for the net-migration starting guess)
# ---------------------------------------------------------------------------------------------
# Hangzhou resident natural-increase rates (per mille) found: 2016 6.0 (survey year), 2018 6.2, 2019 6.0,
# 2020 7.76 - 4.74 = 3.02 (derived); calibration/hangzhou/history.csv. Other years: assumption.
HANGZHOU_NIR_FOUND = {2016: 6.0, 2018: 6.2, 2019: 6.0, 2020: 3.02}
HANGZHOU_NIR_OTHER_YEARS_ASSUMED = (5.5, 3.5, 7.0)   # (guess, low, high) per mille for 2011-2015, 2017
# Lishui: only hukou rates: 2018 5.39, 2019 11.02 - 6.36 = 4.66 (derived), 2020 8.42 - 6.34 = 2.08.
LISHUI_NIR_FOUND = {2018: 5.39, 2019: 4.66, 2020: 2.08}
LISHUI_NIR_OTHER_YEARS_ASSUMED = (4.5, 2.0, 6.5)
# Jiamusi: no city rates; Heilongjiang's rates used as a proxy (external_data_2020.md §3, derived/low):
# 2011-2014 about 0; 2015 -0.60, 2016 -0.49, 2017 -0.41, 2018 -0.69, 2019 -1.01, 2020 -4.48 per mille.
HEILONGJIANG_NIR = {2011: 0.0, 2012: 0.0, 2013: 0.0, 2014: 0.0, 2015: -0.60, 2016: -0.49, 2017: -0.41,
                    2018: -0.69, 2019: -1.01, 2020: -4.48}
HEILONGJIANG_NIR_SOURCE = ("Heilongjiang statistical communiqué series (maigoo.com/news/684149.html); "
                           "research/external_data_2020.md §2-3 (medium; 2011-2014 'about 0', low)")
JIAMUSI_NIR_SHIFT_RANGE_ASSUMED = (-2.0, 1.0)   # per mille added to every year's provincial rate, low/high

# ---------------------------------------------------------------------------------------------
# China (the nation as a region): 2010 census total = the 全国 rows of the census table (read by the build);
# net migration 2010-2020 ASSUMED 0 (international only; no national figure in the sources), bounds below.
# ---------------------------------------------------------------------------------------------
CHINA_2010_SOURCE = ("China census 2010 table 1-7 (全国 rows, 31 provinces), sources/china_census_2010_2020_pop_by_province_"
                     "age_sex.csv; research/demographic_inputs.md §1 (high as a transcription)")
CHINA_NET_MIGRATION_2010_2020_RANGE = (-500_000, 500_000)

# Zhejiang as a region: the 2010 census rows of the province; natural increase 2020 = CBR - CDR 7.13 - 5.84
# (2021年浙江省人口主要数据公报, reprint pzjy315.com/m/view.php?aid=6799; research/external_data_2020.md §2, medium);
# 2011-2019 not found: ASSUMED (guess, low, high) per mille, a judgement between Lishui's and Hangzhou's found rates.
ZHEJIANG_2010_SOURCE = ("China census 2010 table 1-7 (浙江 rows), sources/china_census_2010_2020_pop_by_province_age_sex.csv "
                        "(research/data; high)")
ZHEJIANG_NIR_FOUND = {2020: 1.29}
ZHEJIANG_NIR_OTHER_YEARS_ASSUMED = (5.0, 3.0, 7.0)

"""Numbers from publications (or set as assumptions) for the nation's 2010 start population and 2010-2020
backcast inputs. Each constant has its source beside it; constants named *_ASSUMED* are assumptions
with a range. Tabular census data are read from calibration/sources/*.csv, not kept here.

Used by calibration.build.backcast (China). The regions built from fill-in tables (Hangzhou, Lishui, Jiamusi,
Zhejiang) keep their 2010 figures and backcast inputs, with the same sources, in
calibration/<region>/tables/figures_2010.csv and backcast.csv. The observed series are in
calibration/<region>/history.csv.
"""

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

TFR_HIGH_FACTOR_ASSUMED = 1.3   # upper band: 1.3 x the WPP-ratio path

# ---------------------------------------------------------------------------------------------
# Life expectancy
# ---------------------------------------------------------------------------------------------
E0_BAND_ASSUMED = 1.0   # +- years around the path (basis differences: hukou / CDC surveillance vs resident)

# ---------------------------------------------------------------------------------------------
# Sex ratio at birth
# ---------------------------------------------------------------------------------------------
# 2020: census long-form births 2019-11..2020-10 by sex (sample counts), research/demographic_inputs.md §3c (high).
SRB_2020_BIRTHS = {"全国": (641_238, 571_083)}   # national: long-form table 6-2 (demographic_inputs.md §3a; high)
SRB_2020_SOURCE = "census 2020 long-form table 6-1, births by sex (sample counts); research/demographic_inputs.md §3c (high)"
SRB_RANGE_ASSUMED = (104.0, 120.0)

# ---------------------------------------------------------------------------------------------
# China (the nation as a region): 2010 census total = the 全国 rows of the census table (read by the build);
# net migration 2010-2020 ASSUMED 0 (international only; no national figure in the sources), bounds below.
# ---------------------------------------------------------------------------------------------
CHINA_2010_SOURCE = ("China census 2010 table 1-7 (全国 rows, 31 provinces), sources/china_census_2010_2020_pop_by_province_"
                     "age_sex.csv; research/demographic_inputs.md §1 (high as a transcription)")
CHINA_NET_MIGRATION_2010_2020_RANGE = (-500_000, 500_000)


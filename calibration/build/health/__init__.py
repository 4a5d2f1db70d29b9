"""The health-sector part of the 2020 baseline (run by calibration.build.profiles).

national     the national population the common tables are calibrated on; weighted means
prevalence   calibration/common/chronic_prevalence.csv (hypertension, diabetes by age and sex)
admissions   calibration/common/admission_rate.csv (assumed J-shaped admissions by age and sex)
counts       the nation's later-year counts of beds and staff, and national growth rates and paces
context      RegionHealth, what one region's build works on, and helpers the sectors share
beds         beds by type and occupancy in 2020; defaults of the beds keys
workforce    doctors, GPs and nurses in 2020; defaults of the workforce keys
chronic      the 2020 hypertension and diabetes cascade; defaults of chronic keys, screening
care         contracting, elderly care, infant places, growth stations; their defaults
baseline     a region's health_2020 section and health defaults, sector by sector
"""

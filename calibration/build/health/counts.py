"""City health counts of a later year (Hangzhou 2024Q1, Lishui 2024, Jiamusi 2022) split into the
model's bed types and staff, and the growth that backs them out to 1 Nov 2020: the national
per-1,000 growth times the city's resident growth. Published numbers come from
calibration/health_figures.py."""
from __future__ import annotations

from dataclasses import dataclass

from calibration import health_figures as hf
from calibration import published_figures as pf
from calibration.build.demography import check


def annual_growth(points: dict[int, float]) -> float:
    (y0, v0), (y1, v1) = sorted(points.items())
    return (v1 / v0) ** (1 / (y1 - y0)) - 1


NATIONAL_GROWTH = {"beds": annual_growth(hf.CHINA_BEDS_PER_1000),
                   "doctors": annual_growth(hf.CHINA_DOCTORS_PER_1000),
                   "nurses": annual_growth(hf.CHINA_NURSES_PER_1000)}
GROWTH_UNCERTAINTY = 0.02  # +/- per year on the assumed growth, for the ranges
#: Hangzhou 2024Q1 composition of hospital beds (the only city breakdown found), used for Lishui and Jiamusi.
HOSPITAL_SHARES = {
    "tcm": (hf.HANGZHOU_2024Q1_BEDS_TCM + hf.HANGZHOU_2024Q1_BEDS_INTEGRATED_TCM) / hf.HANGZHOU_2024Q1_BEDS_HOSPITALS,
    "rehabilitation": hf.HANGZHOU_2024Q1_BEDS_REHABILITATION / hf.HANGZHOU_2024Q1_BEDS_HOSPITALS,
    "nursing_homes": hf.HANGZHOU_2024Q1_BEDS_NURSING_HOMES / hf.HANGZHOU_2024Q1_BEDS_HOSPITALS,
}
HOSPITAL_SHARES["general"] = 1 - sum(HOSPITAL_SHARES.values())
TECHNICIAN_SHARE = {"doctors": hf.CHINA_DOCTORS_2020_WAN / hf.CHINA_TECHNICIANS_2020_WAN,
                    "nurses": hf.CHINA_NURSES_2020_WAN / hf.CHINA_TECHNICIANS_2020_WAN}


@dataclass(frozen=True)
class CityCounts:
    """A city's later-year counts (`years` after 1 Nov 2020) by model category, with how they
    were split."""
    years: float
    year_text: str
    source: str
    beds: dict[str, float]          # hospital_general, hospital_tcm, hospital_rehabilitation, primary, nursing_home, other
    split_text: str
    doctors: float
    nurses: float
    staff_text: str
    split_assumed: bool             # True if the bed split by type is assumed (not published)

    @property
    def all_beds(self) -> float:
        """All beds of medical and health institutions at the count."""
        return sum(self.beds.values())


def city_population_growth(region: str) -> float:
    census = {"hangzhou": pf.HANGZHOU_CENSUS_TOTAL, "lishui": pf.LISHUI_CENSUS_TOTAL, "jiamusi": pf.JIAMUSI_CENSUS_TOTAL}[region]
    return (hf.YEAREND_RESIDENT_2022[region] / census) ** (12 / 26) - 1  # 1 Nov 2020 -> 31 Dec 2022


def _hospital_split(hospital: float) -> dict[str, float]:
    return {"hospital_general": hospital * HOSPITAL_SHARES["general"], "hospital_tcm": hospital * HOSPITAL_SHARES["tcm"],
            "hospital_rehabilitation": hospital * HOSPITAL_SHARES["rehabilitation"],
            "nursing_home": hospital * HOSPITAL_SHARES["nursing_homes"]}


def city_counts(region: str) -> CityCounts:
    sh = HOSPITAL_SHARES
    split_hosp = (f"hospital beds split as Hangzhou's 2024Q1 hospital beds (the only city breakdown found): general "
                  f"{sh['general']:.1%}, TCM-type {sh['tcm']:.1%}, rehabilitation {sh['rehabilitation']:.1%}, nursing homes "
                  f"{sh['nursing_homes']:.1%}")
    if region == "hangzhou":
        hosp = hf.HANGZHOU_2024Q1_BEDS_HOSPITALS
        tcm = hf.HANGZHOU_2024Q1_BEDS_TCM + hf.HANGZHOU_2024Q1_BEDS_INTEGRATED_TCM
        rehab, homes = hf.HANGZHOU_2024Q1_BEDS_REHABILITATION, hf.HANGZHOU_2024Q1_BEDS_NURSING_HOMES
        beds = {"hospital_general": hosp - tcm - rehab - homes, "hospital_tcm": tcm, "hospital_rehabilitation": rehab,
                "primary": hf.HANGZHOU_2024Q1_BEDS_PRIMARY, "nursing_home": homes,
                "other": hf.HANGZHOU_2024Q1_BEDS_PUBLIC_HEALTH_OTHER}
        check(sum(beds.values()) == hf.HANGZHOU_2024Q1_BEDS_TOTAL, "hangzhou: 2024Q1 bed breakdown does not add up")
        return CityCounts(
            hf.HANGZHOU_2024Q1_YEARS_AFTER_CENSUS, "end of March 2024", hf.HANGZHOU_2024Q1_SOURCE, beds,
            ("published breakdown: hospitals 95,386 = general (rest) 67,279 + TCM 12,517 + integrated TCM-Western 5,491 "
             "(TCM-type) + rehabilitation 3,834 + nursing homes 6,265; primary care 3,016; other institutions: "
             "public-health institutions 1,186 and sanatoria 999"),
            hf.HANGZHOU_2024Q1_TECHNICIANS * TECHNICIAN_SHARE["doctors"],
            hf.HANGZHOU_2024Q1_TECHNICIANS * TECHNICIAN_SHARE["nurses"],
            (f"health technicians 143,624 x national 2020 shares (doctors 408.6/1067.8 = {TECHNICIAN_SHARE['doctors']:.1%}, "
             f"nurses 470.9/1067.8 = {TECHNICIAN_SHARE['nurses']:.1%}); the table leaves out 3,623 clinics and village "
             "clinics, so the count is low"),
            split_assumed=False)
    if region == "lishui":
        total = hf.LISHUI_2024_BEDS
        hosp = total * hf.CHINA_BEDS_HOSPITAL_SHARE_2020
        beds = {**_hospital_split(hosp), "primary": total * hf.CHINA_BEDS_PRIMARY_SHARE_2020}
        beds["other"] = total - sum(beds.values())
        return CityCounts(
            hf.LISHUI_2024_YEARS_AFTER_CENSUS, "end of 2024", hf.LISHUI_2024_SOURCE, beds,
            (f"total 17,487 split by the national 2020 shares (hospitals 78.4%, primary care 18.1%, other institutions "
             f"the rest); "
             f"{split_hosp}"),
            hf.LISHUI_2024_DOCTORS, hf.LISHUI_2024_NURSES, "published doctors 10,504 and nurses 11,277", split_assumed=True)
    if region == "jiamusi":
        total, hosp = hf.JIAMUSI_2022_BEDS, hf.JIAMUSI_2022_BEDS_HOSPITALS
        primary = total * hf.CHINA_BEDS_PRIMARY_SHARE_2020
        check(primary >= hf.JIAMUSI_2022_BEDS_THC and hosp + primary <= total, "jiamusi: primary-care beds inconsistent")
        beds = {**_hospital_split(hosp), "primary": primary}
        beds["other"] = total - sum(beds.values())
        return CityCounts(
            hf.JIAMUSI_2022_YEARS_AFTER_CENSUS, "end of 2022", hf.JIAMUSI_2022_HEALTH_SOURCE, beds,
            (f"total 21,221 of which hospitals 16,945 (published); primary care = 18.1% of the total (national 2020 share; "
             f"at least the published 1,912 township-health-centre beds); other institutions the rest; {split_hosp}"),
            hf.JIAMUSI_2022_DOCTORS, hf.JIAMUSI_2022_NURSES, "published doctors 6,913 and nurses 8,110", split_assumed=True)
    raise KeyError(region)


def national_scale() -> float:
    """beds.admission_rate_scale of a region with China's 2020 beds per 1,000, hospital share, Hangzhou's acute
    (general + TCM) share of hospital beds, the 2021 occupancy and length of stay, and the national admission rate."""
    acute_per_person = (hf.CHINA_BEDS_PER_1000[2020] / 1000 * hf.CHINA_BEDS_HOSPITAL_SHARE_2020
                        * (HOSPITAL_SHARES["general"] + HOSPITAL_SHARES["tcm"]))
    return (hf.CHINA_OCCUPANCY_HOSPITALS[2021] * acute_per_person * 365
            / (hf.CHINA_ALOS_HOSPITALS[2021] * hf.CHINA_ADMISSIONS_PER_100_2020 / 100))


def backout_factor(kind: str, pop_growth: float, years: float, delta: float = 0.0) -> float:
    """Growth of a city count from 1 Nov 2020 to the count date: the national per-capita ratio's yearly growth
    (plus `delta`) times the city's resident population growth, compounded over `years`."""
    return ((1 + NATIONAL_GROWTH[kind] + delta) * (1 + pop_growth)) ** years

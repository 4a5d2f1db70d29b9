"""The nation's end-2021 bulletin counts split into the model's bed types and staff, the national
per-1,000 growth and the nation's own paces. Published numbers come from
calibration/health_figures.py. (A province's or city's counts and their back-out to 2020, e.g.
Hangzhou 2024Q1, are in its tables: calibration/<region>/tables/inputs.csv, each with its source
and method.)"""
from __future__ import annotations

from dataclasses import dataclass

from calibration import health_figures as hf


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
    #: Range of a staff count as multipliers (low, high) on it, where the count itself is derived (a province's
    #: nurses); None: the back-out's growth range only.
    staff_ranges: dict[str, tuple[float, float]] | None = None

    @property
    def all_beds(self) -> float:
        """All beds of medical and health institutions at the count."""
        return sum(self.beds.values())


#: The nation's own paces, 2020 -> 2021 year-ends (calibration/china/): per-1,000 ratios of the bulletins, and the
#: count growth of each bed kind over the residents' growth. 2022-2023 are held out (never used to build).
_NAT_POP_GROWTH = hf.CHINA_NATURAL_INCREASE_2021_PERMILLE / 1000
NATIONAL_PACES = {
    "beds": hf.CHINA_BEDS_PER_1000_2021 / hf.CHINA_BEDS_PER_1000[2020] - 1,
    "hospital_beds": hf.CHINA_BEDS_HOSPITAL_WAN[2021] / hf.CHINA_BEDS_HOSPITAL_WAN[2020] / (1 + _NAT_POP_GROWTH) - 1,
    "primary_beds": hf.CHINA_BEDS_PRIMARY_WAN[2021] / hf.CHINA_BEDS_PRIMARY_WAN[2020] / (1 + _NAT_POP_GROWTH) - 1,
    "doctors": hf.CHINA_DOCTORS_PER_1000_BULLETIN[2021] / hf.CHINA_DOCTORS_PER_1000_BULLETIN[2020] - 1,
    "nurses": hf.CHINA_NURSES_PER_1000_BULLETIN[2021] / hf.CHINA_NURSES_PER_1000_BULLETIN[2020] - 1,
}
#: Days from 1 Nov 2020 to 31 Dec 2021 over the year: the model time of the end-2021 bulletin counts
#: (sim.analysis.anchors.model_time).
NATIONAL_COUNT_YEARS = 1 + 61 / 365
#: 1 Nov 2020 lies 306 of the 366 days from 31 Dec 2019 to 31 Dec 2020 (2020 a leap year).
NATIONAL_INTERPOLATION_SHARE = 306 / 366


def region_population_growth(region: str, national: bool) -> float:
    """Yearly resident growth after the census: the city's to end-2022, the nation's natural increase of 2021."""
    if not national:
        raise KeyError(f"{region}: a city's or province's counts are in its tables (python -m sim region build)")
    return _NAT_POP_GROWTH


def interpolate_to_census_day(end_2019: float, end_2020: float) -> float:
    """A stock on 1 Nov 2020 from the year-end counts of 2019 and 2020, linear in time (as sim.analysis.anchors
    interpolates the model to a count's date)."""
    return end_2019 + (end_2020 - end_2019) * NATIONAL_INTERPOLATION_SHARE


def national_counts() -> CityCounts:
    """The nation's end-2021 bulletin counts, the later count whose path from 1 Nov 2020 the levers continue (as a
    city's later count), split into the model's bed types as the 2020 stocks are."""
    wan = 10_000
    hosp, primary, total = (hf.CHINA_BEDS_HOSPITAL_WAN[2021] * wan, hf.CHINA_BEDS_PRIMARY_WAN[2021] * wan,
                            hf.CHINA_BEDS_TOTAL_WAN[2021] * wan)
    tcm_share = hf.CHINA_TCM_TYPE_HOSPITAL_BEDS_2020 / (hf.CHINA_BEDS_HOSPITAL_WAN[2020] * wan)
    sh = HOSPITAL_SHARES
    beds = {"hospital_tcm": hosp * tcm_share, "hospital_rehabilitation": hosp * sh["rehabilitation"],
            "nursing_home": hosp * sh["nursing_homes"]}
    beds["hospital_general"] = hosp - sum(beds.values())
    beds.update(primary=primary, other=total - hosp - primary)
    return CityCounts(
        NATIONAL_COUNT_YEARS, "end of 2021", hf.CHINA_BULLETIN_SOURCE.format(years="2021", series="<series>,2021"), beds,
        (f"published hospitals 741.3万 (TCM-type {tcm_share:.1%} as at the end of 2020, rehabilitation "
         f"{sh['rehabilitation']:.1%} and nursing homes {sh['nursing_homes']:.1%} as Hangzhou's, general the rest), "
         "primary care 171.2万, other institutions the rest of 944.8万"),
        hf.CHINA_DOCTORS_WAN[2021] * wan, hf.CHINA_NURSES_WAN[2021] * wan,
        "published doctors 428.7万 and nurses 501.8万", split_assumed=True)


def national_scale() -> float:
    """beds.admission_rate_scale of a region with China's 2020 beds per 1,000, hospital share, Hangzhou's acute
    (general + TCM) share of hospital beds, the 2021 occupancy and length of stay, and the national admission rate."""
    acute_per_person = (hf.CHINA_BEDS_PER_1000[2020] / 1000 * hf.CHINA_BEDS_HOSPITAL_SHARE_2020
                        * (HOSPITAL_SHARES["general"] + HOSPITAL_SHARES["tcm"]))
    return (hf.CHINA_OCCUPANCY_HOSPITALS[2021] * acute_per_person * 365
            / (hf.CHINA_ALOS_HOSPITALS[2021] * hf.CHINA_ADMISSIONS_PER_100_2020 / 100))


def backout_factor(kind: str, pop_growth: float, years: float, delta: float = 0.0,
                   paces: dict[str, float] | None = None) -> float:
    """Growth of a city count from 1 Nov 2020 to the count date: the national per-capita ratio's yearly growth
    (plus `delta`) times the city's resident population growth, compounded over `years`. `paces` replaces
    NATIONAL_GROWTH (the nation's own 2020-21 paces, NATIONAL_PACES)."""
    return ((1 + (paces or NATIONAL_GROWTH)[kind] + delta) * (1 + pop_growth)) ** years

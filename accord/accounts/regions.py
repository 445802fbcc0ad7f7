"""UN-Habitat's regional groupings and the country -> region rule used to load countries."""

REGIONS = [
    ("AFRICA", "Africa", "Regional Office for Africa"),
    ("ARAB", "Arab States", "Regional Office for Arab States"),
    ("ASIA_PACIFIC", "Asia and the Pacific", "Regional Office for Asia and the Pacific"),
    ("LAC", "Latin America and the Caribbean",
     "Regional Office for Latin America and the Caribbean"),
    ("EUROPE_NA", "Europe and North America", "Headquarters and liaison offices"),
]

# Members of the League of Arab States, served by the Regional Office for Arab States.
ARAB_STATES = {
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
    "SA", "SO", "SD", "SY", "TN", "AE", "YE",
}
# Western Asian countries that are not Arab States work with Europe and North America.
WEST_ASIA_TO_EUROPE = {"TR", "CY", "IL", "AM", "AZ", "GE"}


def region_code_for(iso2: str, m49_region: str, m49_subregion: str) -> str:
    if iso2 in ARAB_STATES:
        return "ARAB"
    if iso2 in WEST_ASIA_TO_EUROPE:
        return "EUROPE_NA"
    if m49_region == "Africa":
        return "AFRICA"
    if m49_region == "Americas":
        return "EUROPE_NA" if m49_subregion == "Northern America" else "LAC"
    if m49_region in {"Asia", "Oceania"}:
        return "ASIA_PACIFIC"
    return "EUROPE_NA"

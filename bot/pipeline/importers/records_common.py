"""Helpers shared by the record importers (taf3_records, wa_records, progressions).

Country names -> codes (the sources write 'Soviet Union', 'URS' or 'Côte D’Ivoire'), relay
teams as a nation, the 'file.csv:line' refs and the mark check every importer applies.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from pathlib import Path

from bot.common import events, marks, names
from bot.pipeline.importers.model import AthleteRef, RecordRow

# Code, then the WA display name, then other spellings the sources use. Historical codes are kept as
# themselves (URS, GDR, FRG, TCH, YUG...): a 1988 record belongs to the Soviet Union, not to Russia.
_TABLE = """
AFG Afghanistan
AHO Netherlands Antilles
AIA Anguilla
ALB Albania
ALG Algeria
AND Andorra
ANG Angola
ANT Antigua & Barbuda|Antigua and Barbuda
ARG Argentina
ARM Armenia
ARU Aruba
ASA American Samoa
AUS Australia
AUT Austria
AZE Azerbaijan
BAH Bahamas|The Bahamas
BAN Bangladesh
BAR Barbados
BDI Burundi
BEL Belgium
BEN Benin
BER Bermuda
BHU Bhutan
BIH Bosnia & Herzegovina|Bosnia-Herzegovina|Bosnia and Herzegovina
BIZ Belize
BLR Belarus
BOH Bohemia
BOL Bolivia
BOT Botswana
BRA Brazil
BRN Bahrain
BRU Brunei
BUL Bulgaria
BUR Burkina Faso
CAF Central African Republic
CAM Cambodia
CAN Canada
CAY Cayman Islands
CGO Congo|Republic of the Congo
CHA Chad
CHI Chile
CHN China|People's Republic of China|PR of China
CIV Côte d'Ivoire|Cote d'Ivoire|Ivory Coast
CMR Cameroon
COD DR Congo|Democratic Republic of Congo|Democratic Republic of the Congo
COK Cook Islands
COL Colombia
COM Comoros
CPV Cabo Verde|Cape Verde|Cape Verde Islands
CRC Costa Rica
CRO Croatia
CUB Cuba
CUR Curaçao|Curacao
CYP Cyprus
CZE Czechia|Czech Republic
DEN Denmark
DJI Djibouti
DMA Dominica
DOM Dominican Republic
ECU Ecuador
EGY Egypt
ERI Eritrea
ESA El Salvador
ESP Spain
EST Estonia
ETH Ethiopia
EUN Unified Team
FIJ Fiji
FIN Finland
FRA France
FRG West Germany|FR Germany|Federal Republic of Germany
FSM Micronesia|Federated States of Micronesia
GAB Gabon
GAM Gambia|The Gambia
GBR Great Britain|Great Britain & NI|Great Britain & Northern Ireland|United Kingdom|Great Britain & Ireland
GBS Guinea-Bissau|Guinea Bissau
GDR East Germany|German Democratic Republic
GEO Georgia
GEQ Equatorial Guinea
GER Germany
GHA Ghana
GIB Gibraltar
GRE Greece
GRN Grenada
GUA Guatemala
GUI Guinea
GUM Guam
GUY Guyana
HAI Haiti
HKG Hong Kong|Hong Kong, China
HON Honduras
HUN Hungary
INA Indonesia
IND India
IRI Iran|IR Iran
IRL Ireland
IRQ Iraq
ISL Iceland
ISR Israel
ISV US Virgin Islands|Virgin Islands
ITA Italy
IVB British Virgin Islands
JAM Jamaica
JOR Jordan
JPN Japan
KAZ Kazakhstan
KEN Kenya
KGZ Kyrgyzstan|Kyrghizstan
KIR Kiribati
KOR South Korea|Korea|Republic of Korea
KOS Kosovo
KSA Saudi Arabia
KUW Kuwait
LAO Laos
LAT Latvia
LBA Libya
LBN Lebanon
LBR Liberia
LCA Saint Lucia
LES Lesotho
LIE Liechtenstein
LTU Lithuania
LUX Luxembourg
MAC Macao|Macau|Macao, China
MAD Madagascar
MAR Morocco
MAS Malaysia
MAW Malawi
MDA Moldova
MDV Maldives
MEX Mexico
MGL Mongolia
MHL Marshall Islands
MKD North Macedonia|Macedonia|Former Yugoslav Republic of Macedonia
MLI Mali
MLT Malta
MNE Montenegro
MNT Montserrat
MON Monaco
MOZ Mozambique
MRI Mauritius
MTN Mauritania
MYA Myanmar
NAM Namibia
NCA Nicaragua
NED Netherlands|Holland
NEP Nepal
NFI Norfolk Island
NGR Nigeria
NIG Niger
NIU Niue
NMI Northern Mariana Islands
NOR Norway
NRU Nauru
NZL New Zealand
OMA Oman
PAK Pakistan
PAN Panama
PAR Paraguay
PER Peru
PHI Philippines
PLE Palestine
PLW Palau
PNG Papua New Guinea|Papua-New Guinea
POL Poland
POR Portugal
PRK North Korea|DPR Korea
PUR Puerto Rico
PYF French Polynesia
QAT Qatar
ROU Romania
RSA South Africa
RUS Russia
RWA Rwanda
SAM Samoa
SEN Senegal
SEY Seychelles
SGP Singapore
SKN Saint Kitts & Nevis|Saint Kitts and Nevis
SLE Sierra Leone
SLO Slovenia
SMR San Marino
SOL Solomon Islands
SOM Somalia
SRB Serbia
SRI Sri Lanka
SSD South Sudan
STP São Tomé & Príncipe|Sao Tome and Principe|São Tomé & Principé
SUD Sudan
SUI Switzerland
SUR Suriname
SVK Slovakia|Slovak Republic
SWE Sweden
SWZ Eswatini|Swaziland
SYR Syria
TAN Tanzania
TCH Czechoslovakia
TGA Tonga
THA Thailand
TJK Tajikistan
TKM Turkmenistan
TKS Turks & Caicos Islands|Turks and Caicos Islands
TLS Timor-Leste|East Timor
TOG Togo
TPE Chinese Taipei|Taiwan|Republic of China (Taiwan)
TTO Trinidad & Tobago|Trinidad and Tobago
TUN Tunisia
TUR Türkiye|Turkey
TUV Tuvalu
UAE United Arab Emirates
UGA Uganda
UKR Ukraine
URS Soviet Union|USSR
URU Uruguay
USA United States|United States of America
UZB Uzbekistan
VAN Vanuatu
VEN Venezuela
VIE Vietnam
VIN Saint Vincent & the Grenadines|Saint Vincent and the Grenadines
YEM Yemen
YUG Yugoslavia
ZAM Zambia
ZIM Zimbabwe
"""


def _key(text: str) -> str:
    # 'Côte D’Ivoire' / "Cote d'Ivoire" -> 'cote divoire'; '&' and 'and' do not matter.
    words = names.fold(text).split()
    return " ".join(w for w in words if w not in ("and", "the"))


COUNTRIES: dict[str, str] = {}  # code -> display name
_ALIASES: dict[str, str] = {}  # folded name -> code
for _line in _TABLE.strip().splitlines():
    _code, _names = _line.split(" ", 1)
    _spellings = _names.split("|")
    COUNTRIES[_code] = _spellings[0]
    for _s in _spellings:
        _ALIASES[_key(_s)] = _code
# Superseded codes some sources still write.
OLD_CODES = {"ROM": "ROU", "HOL": "NED", "SAF": "RSA", "LIB": "LBN"}


def country_code(text: str | None, extra: dict[str, str] | None = None) -> str | None:
    """'Soviet Union' / 'URS' / 'the United Kingdom' -> code; None when not known (never a guess).

    `extra` adds a source's own spellings (e.g. its typos), keyed as written."""
    if not text or not text.strip():
        return None
    t = text.strip()
    if extra and t in extra:
        return extra[t]
    if len(t) == 3 and t.isalpha() and t.isupper():
        return t if t in COUNTRIES else OLD_CODES.get(t)
    return _ALIASES.get(_key(t))


def country_prefix(text: str) -> str | None:
    """The country a team name starts with: 'Jamaica U20' -> JAM, 'United States Blue' -> USA."""
    words = _key(text).split()
    for n in range(len(words), 0, -1):
        code = _ALIASES.get(" ".join(words[:n]))
        if code:
            return code
    return None


def team(nation: str | None, sex: str, written: str | None = None) -> AthleteRef:
    """A relay team: the nation's team, named as written when the name is trusted, else by the nation."""
    nation = nation or ""
    family = (written or "").strip() or COUNTRIES.get(nation, nation)
    return AthleteRef("", family, sex, nation or None, is_team=True)


def ref(path: Path, line: int) -> str:
    """'national.csv:12': the file within its dataset folder and the CSV line, so errors point at the row
    (the Rejected's source id says which folder)."""
    return f"{path.name}:{line}"


MAX_SPEED = 11.0  # m/s average: above every record (the 4 x 100 m relay WR is about 10.9)


def check_mark(text: str, event: str, wind: float | None = None, wind_rule: bool = True) -> marks.Mark:
    """Parse a record mark; a record must be a valid mark, and wind-legal where wind counts (wind_rule=False
    for historical progressions: records ratified under the rules of their day)."""
    m = marks.parse_mark(text, event)
    if not m.ok or m.value is None:  # the same: only a status (DNF...) has no value
        raise marks.MarkError(f"{text!r} is not a mark ({m.status})")
    ev = events.get(event)
    if ev.distance_m and ev.mark_format == events.TIME and ev.distance_m / m.value > MAX_SPEED:
        # e.g. national.csv's JAM men's 200 m '10.88': no race is run that fast
        raise marks.MarkError(f"{text!r} over {ev.name} is {ev.distance_m / m.value:.1f} m/s: impossible")
    if wind_rule and events.get(event).wind_matters and not marks.wind_legal(wind):
        raise marks.MarkError(f"wind {marks.format_wind(wind)} m/s is over the limit: not a record")
    return m


def flag_best(rows: list[RecordRow], key: Callable[[RecordRow], Hashable]) -> list[RecordRow]:
    """current=True on the best mark of each group (every tied row), False on the others."""
    values = {id(r): marks.mark_value(r.mark, r.event) for r in rows}  # rows check_mark passed: all have values
    best: dict = {}
    for r in rows:
        k, v = key(r), values[id(r)]
        if k not in best or marks.better(v, best[k], r.event):
            best[k] = v
    return [dataclasses.replace(r, current=abs(values[id(r)] - best[key(r)]) < 1e-6) for r in rows]

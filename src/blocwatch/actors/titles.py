"""The resolver's own vocabulary: titles, modifiers and function words.

These are words of English, not facts about the world, so they live in code;
the facts (who held which office when) live in the packaged tables.
"""

from __future__ import annotations

# title -> (role, CAMEO sector).  Roles follow blocwatch/data/README.md; a
# title without a definite role (minister, official) says only the sector.
TITLES: dict[str, tuple[str | None, str]] = {}


def _titles(role: str | None, sector: str, *names: str) -> None:
    for name in names:
        TITLES[name] = (role, sector)


_titles("head_of_state", "GOV", "president", "presidents", "head of state", "heads of state",
        "king", "queen", "emir", "sultan", "emperor", "monarch", "supreme leader")
_titles("head_of_government", "GOV", "prime minister", "prime ministers", "premier", "premiers",
        "chancellor", "head of government", "heads of government", "pm")
_titles("foreign_minister", "GOV", "foreign minister", "foreign ministers", "foreign secretary",
        "secretary of state", "minister of foreign affairs", "foreign affairs minister",
        "top diplomat", "minister for foreign affairs")
_titles("defence_minister", "GOV", "defence minister", "defense minister", "defence secretary",
        "defense secretary", "minister of defence", "minister of defense", "defence ministers",
        "defense ministers", "secretary of defense")
_titles("chief_of_staff", "GOV", "chief of staff", "chiefs of staff",
        "head of the presidential administration", "chief of the presidential administration")
_titles("ambassador", "GOV", "ambassador", "ambassadors", "envoy", "envoys")
_titles("legislator", "LEG", "senator", "senators", "sen.", "sen", "congressman", "congresswoman",
        "congressmen", "lawmaker", "lawmakers", "legislator", "legislators", "mp", "mps",
        "member of parliament", "members of parliament", "speaker", "representative", "rep.")
_titles("official", "GOV", "deputy secretary", "deputy secretary of state", "under secretary",
        "undersecretary", "assistant secretary", "deputy minister", "vice minister",
        "vice foreign minister", "state secretary", "permanent secretary", "secretary-general",
        "secretary general")
_titles("official", "GOV", "vice president", "vice-president", "deputy prime minister", "minister",
        "ministers", "deputy foreign minister", "secretary", "spokesman", "spokeswoman",
        "spokesperson", "official", "diplomat", "governor", "mayor", "leader", "leaders",
        "finance minister", "trade minister", "interior minister", "economy minister",
        "energy minister", "commerce minister", "national security adviser",
        "national security advisor", "adviser", "advisor", "aide", "crown prince")
_titles("military_chief", "MIL", "general", "gen.", "gen", "admiral", "adm.", "commander",
        "colonel", "col.", "marshal", "field marshal", "lieutenant general", "major general",
        "brigadier", "brigadier general", "chief of the general staff", "army chief",
        "military chief", "commander-in-chief", "generals", "admirals", "commanders")
_titles("official", "JUD", "judge", "judges", "justice", "chief justice", "prosecutor",
        "prosecutors", "magistrate")
_titles("journalist", "MED", "journalist", "journalists", "reporter", "reporters", "correspondent",
        "correspondents", "editor", "editors", "columnist", "columnists", "colleague",
        "colleagues", "commentator", "commentators", "blogger", "bloggers", "anchor", "broadcaster")
_titles("party_leader", "OPP", "opposition leader", "opposition leaders", "dissident", "dissidents")
_titles(None, "REB", "rebel leader", "rebel commander", "warlord", "insurgent leader")
_titles(None, "BUS", "businessman", "businesswoman", "businessmen", "tycoon", "oligarch", "managing director",
        "oligarchs", "ceo", "chief executive", "banker", "bankers", "entrepreneur")
_titles(None, "REL", "bishop", "archbishop", "cleric", "clerics", "imam", "patriarch", "pope",
        "rabbi", "ayatollah", "priest", "monk")
_titles(None, "EDU", "professor", "professors", "academic", "academics", "scholar", "scholars",
        "student", "students", "researcher", "researchers")
_titles(None, "CVL", "activist", "activists", "protester", "protesters", "protestors")
_titles(None, "HLH", "doctor", "doctors", "nurse", "nurses", "health official")
_titles(None, "COP", "police chief", "police officer", "police officers", "policeman", "policemen")
_titles(None, "SPY", "spy chief", "intelligence chief", "spy", "spies", "intelligence officer",
        "intelligence officers")

# Titles that name one office, so "Chinese President" (no name) is whoever
# held it on the date.  Plural or generic titles stay a country + sector.
SINGLE_HOLDER_ROLES = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "chief_of_staff"}
)
PLURAL_TITLES = frozenset(t for t in TITLES if (t.endswith("s") and t[:-1] in TITLES) or t.endswith("men"))

# Modifiers that change what a title means on the article's date.
FORMER = frozenset({"former", "ex", "retired", "late", "onetime", "one-time", "erstwhile", "past"})
THEN = frozenset({"then"})
# (The nouns of each sector are in sectors.csv; these are the adjectives.)
SECTOR_MODIFIERS: dict[str, str] = {"opposition": "OPP", "rebel": "REB", "exiled": "ELI"}
# "pro-Russian rebels" are not Russia's: the country after these is an affiliation
AFFILIATION_PREFIXES = frozenset({"pro", "anti"})
AFFILIATION_SUFFIXES = frozenset({"backed", "sponsored", "supported", "funded", "allied", "aligned",
                                  "leaning", "friendly", "trained", "armed"})
# Words that may stand before an actor phrase and belong to it.
DETERMINERS = frozenset({
    "the", "a", "an", "my", "our", "his", "her", "their", "its", "some", "several", "many", "few",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
    "thousands", "both", "all", "other", "senior", "top", "acting", "incoming", "outgoing", "new",
    "powerful", "veteran", "prominent", "influential", "leading", "chief",
})
# Nouns meaning "the allies of <country>".
ALLY_NOUNS = frozenset({"allies", "ally", "partners"})
# A capital or city directly before one of these is where something happened.
EVENT_NOUNS = frozenset({
    "attack", "attacks", "bombing", "bombings", "shooting", "shootings", "massacre", "summit",
    "talks", "meeting", "conference", "blast", "explosion", "earthquake", "riots", "riot", "siege",
    "uprising", "protests", "protest", "marathon", "olympics", "games", "mosque", "airport",
    "metro", "subway", "stock", "exchange", "office", "bureau", "station", "university",
    "process", "format", "declaration", "agreement", "accords", "accord", "protocol", "club",
})
# A name right after one of these is where something is, not who acts.
LOCATIVE = frozenset({"in", "near", "inside", "within", "across", "around", "off", "throughout",
                      "outside", "over", "into", "towards", "toward", "nearby", "through"})
# "flew to Moscow", "the coast of Taiwan": after these, "to"/"of" lead to a place
MOTION_WORDS = frozenset({
    "travel", "travels", "travelled", "traveled", "travelling", "traveling", "trip", "trips",
    "fly", "flies", "flew", "flown", "flying", "go", "goes", "went", "gone", "going", "come", "came",
    "return", "returns", "returned", "returning", "head", "heads", "headed", "heading", "journey",
    "move", "moved", "sail", "sailed", "drive", "drove", "arrive", "arrived", "back", "way", "route",
    "road", "flight", "flights", "deported", "fled", "flee", "escaped", "smuggled", "exported",
})
PLACE_NOUNS = frozenset({
    "coast", "coasts", "shore", "shores", "waters", "island", "islands", "north", "south", "east",
    "west", "centre", "center", "outskirts", "border", "borders", "airspace", "territory", "city",
    "streets", "parts", "region", "regions", "capital", "mainland", "interior", "skies", "soil",
})
# Words in a sentence that point to a sub-national reading of an ambiguous name
# ("Georgia" the US state rather than the country).
SUBNATIONAL_CUES = frozenset({"governor", "county", "statehouse", "state legislature",
                              "state senate", "state senator", "gubernatorial", "counties"})
# Capitalised words that make an unknown name an institution, not a person.
INSTITUTION_WORDS = frozenset({
    "office", "ministry", "department", "committee", "council", "party", "bank", "union",
    "organisation", "organization", "agency", "commission", "staff", "assembly", "court", "house",
    "service", "services", "forces", "army", "navy", "command", "administration", "bureau",
    "institute", "university", "academy", "corporation", "company", "group", "fund", "front",
    "movement", "board", "secretariat", "directorate", "headquarters", "congress", "parliament",
})
# Capitalised words that are never a person's name after a title ("judge Thursday").
CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tomorrow",
})
# Role priority when a person holds several offices on one date.
ROLE_PRIORITY = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                 "chief_of_staff", "military_chief", "ambassador", "legislator", "official",
                 "party_leader", "journalist")
# Sectors whose people act for no state: a journalist is media, not a government.
NON_STATE_SECTORS = frozenset({"MED", "EDU", "REL", "BUS", "CVL", "NGO", "HLH", "LAB", "AGR"})


def role_rank(role: str) -> int:
    base = role.split(":", 1)[0]
    return ROLE_PRIORITY.index(base) if base in ROLE_PRIORITY else len(ROLE_PRIORITY)

# Titles of heads of organisations (igo_officials.csv roles they may mean): "the NATO
# secretary-general" is whoever held the post on the date.
_titles(None, "GOV", "high representative", "director-general", "director general", "chairperson")
IGO_TITLE_ROLES: dict[str, frozenset[str]] = {
    "secretary-general": frozenset({"secretary_general"}),
    "secretary general": frozenset({"secretary_general"}),
    "president": frozenset({"president", "commission_president", "council_president", "ecb_president"}),
    "high representative": frozenset({"high_representative"}),
    "managing director": frozenset({"managing_director"}),
    "director-general": frozenset({"director_general"}),
    "director general": frozenset({"director_general"}),
    "chairperson": frozenset({"commission_chair"}),
    "head": frozenset(), "leader": frozenset(),  # any head of the organisation
}
# A note on a people_*.csv row that marks an office held in another state's right
# (a Commonwealth realm's monarch): the person's own state comes first.
UNION_NOTE_WORDS = ("realm", "personal union")
# "the Saudi-led coalition": the state leads a group of states, it is not the group
LEADER_SUFFIXES = frozenset({"led"})
COALITION_NOUNS = frozenset({"coalition", "alliance", "intervention", "operation", "forces", "force",
                             "bloc", "campaign", "mission", "blockade"})
# Nouns too vague to carry a sector without a country of their own ("the forces of
# globalisation"); after a country adjective they mean its armed forces.
WEAK_SECTOR_NOUNS: dict[str, str] = {"forces": "MIL", "force": "MIL"}
# A state named as the object of one of these is what an issue is about, not an actor:
# "unification with Taiwan", "the annexation of Crimea", "sovereignty over the islands".
ISSUE_NOUNS = frozenset({
    "claim", "claims", "status", "question", "issue", "unification", "reunification",
    "independence", "sovereignty", "annexation", "occupation", "partition", "recognition",
    "future",
})
# after the state: "Taiwan's status", "the Taiwan question", "Taiwan independence"
ISSUE_NOUNS_AFTER = frozenset({"status", "question", "issue", "independence", "sovereignty",
                               "unification", "reunification", "problem"})
ISSUE_LINKS = frozenset({"of", "with", "to", "over", "on"})

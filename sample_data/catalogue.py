"""Static facts of the fictional organisation: units, jobs, pay scales, names and survey questions.

Kept apart from the simulation in `generate.py` so the story can be read (and tuned) in one place.
Every string here must be encodable in cp1252, because `medewerkers.csv` is written in it.
"""

from __future__ import annotations

from dataclasses import dataclass

ORGANISATION = "Zorg & Zaken Groep"

# Vestiging -> provincie. Utrecht is head office; Eindhoven holds the distribution centre.
LOCATIONS: dict[str, str] = {
    "Utrecht": "Utrecht",
    "Amersfoort": "Utrecht",
    "Zwolle": "Overijssel",
    "Eindhoven": "Noord-Brabant",
    "Rotterdam": "Zuid-Holland",
}


@dataclass(frozen=True)
class Job:
    title: str
    family: str  # Functiegroep
    grade_lo: int  # CAO schaal range for the job
    grade_hi: int
    weight: float  # share of the department's staff positions
    female: float  # chance that a hire into this job is a woman
    next: str | None = None  # the next step on the career ladder, if any


@dataclass(frozen=True)
class Department:
    name: str
    division: str
    description: str
    share: float  # share of the organisation's headcount
    locations: tuple[str, ...]
    office: bool  # office work can become hybrid after the 2021 policy; frontline work cannot
    jobs: tuple[Job, ...]
    lead_grade: int = 9  # schaal of a teamleider
    manager_grade: int = 12
    flex: tuple[str, float] | None = None  # (Uitzendkracht|Oproepkracht, share of staff)
    interns: float = 0.0  # share of staff positions held by interns
    sickness: float = 1.0  # relative sickness risk (care and warehouse work run higher)
    leaving: float = 1.0  # relative voluntary-leaving risk
    growth: float = 1.0  # weight for new positions
    engagement: float = 0.0  # survey mood of the department, in latent units


@dataclass(frozen=True)
class Division:
    name: str
    short: str
    description: str
    location: str


TOP_UNIT = "Directie"
TOP_DESCRIPTION = f"Directie en bestuursondersteuning van {ORGANISATION}"

DIVISIONS: tuple[Division, ...] = (
    Division(
        "Divisie Zorg", "Zorg", "Wijkverpleging, thuisondersteuning en ergotherapie", "Utrecht"
    ),
    Division(
        "Divisie Hulpmiddelen",
        "Hulpmiddelen",
        "Inkoop, opslag, levering en onderhoud van hulpmiddelen (rolstoelen, tilliften)",
        "Eindhoven",
    ),
    Division(
        "Divisie Klant & Service",
        "Klant & Service",
        "Klantenservice, planning, zorgadministratie en accountmanagement",
        "Amersfoort",
    ),
    Division(
        "Divisie Bedrijfsvoering",
        "Bedrijfsvoering",
        "Ondersteunende diensten: ICT, financiën, HR, facilitair, juridisch, kwaliteit",
        "Utrecht",
    ),
)

_J = Job

DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "Wijkverpleging",
        "Divisie Zorg",
        "Wijkverpleging en persoonlijke verzorging thuis in de regio's Utrecht, Amersfoort en Zwolle",
        17.0,
        ("Utrecht", "Amersfoort", "Zwolle"),
        False,
        (
            _J("Wijkverpleegkundige", "Zorg", 8, 9, 0.30, 0.88),
            _J("Verzorgende IG", "Zorg", 6, 6, 0.38, 0.92, "Wijkverpleegkundige"),
            _J("Helpende", "Zorg", 4, 5, 0.20, 0.91, "Verzorgende IG"),
            _J("Verpleegkundig specialist", "Zorg", 11, 11, 0.03, 0.78),
            _J("Praktijkopleider", "Zorg", 9, 9, 0.03, 0.85),
            _J("Administratief medewerker zorg", "Administratie", 6, 6, 0.06, 0.90),
        ),
        flex=("Oproepkracht", 0.05),
        interns=0.012,
        sickness=1.35,
        leaving=1.15,
        growth=3.0,
        engagement=0.10,
    ),
    Department(
        "Thuisondersteuning",
        "Divisie Zorg",
        "Huishoudelijke hulp en begeleiding thuis (Wmo) in Utrecht, Amersfoort en Rotterdam",
        11.0,
        ("Utrecht", "Amersfoort", "Rotterdam"),
        False,
        (
            _J("Huishoudelijk medewerker", "Begeleiding & Ondersteuning", 4, 4, 0.55, 0.94),
            _J("Thuisbegeleider", "Begeleiding & Ondersteuning", 6, 7, 0.35, 0.84),
            _J("Coördinator thuisondersteuning", "Begeleiding & Ondersteuning", 8, 8, 0.10, 0.84),
        ),
        flex=("Oproepkracht", 0.06),
        sickness=1.4,
        leaving=1.25,
        growth=1.0,
        engagement=-0.05,
    ),
    Department(
        "Ergotherapie & Advies",
        "Divisie Zorg",
        "Ergotherapie en advies over woningaanpassingen en hulpmiddelen",
        5.0,
        ("Utrecht", "Zwolle", "Eindhoven"),
        True,
        (
            _J("Ergotherapeut", "Paramedisch", 8, 9, 0.55, 0.86),
            _J("Wmo-consulent", "Advies", 8, 8, 0.30, 0.78, "Senior adviseur hulpmiddelen"),
            _J("Senior adviseur hulpmiddelen", "Advies", 10, 10, 0.15, 0.62),
        ),
        lead_grade=10,
        interns=0.02,
        sickness=0.95,
        growth=1.0,
        engagement=0.25,
    ),
    Department(
        "Inkoop",
        "Divisie Hulpmiddelen",
        "Inkoop en contractbeheer van hulpmiddelen en diensten",
        4.0,
        ("Eindhoven",),
        True,
        (
            _J("Inkoopassistent", "Inkoop", 6, 6, 0.35, 0.68),
            _J("Inkoper", "Inkoop", 8, 9, 0.40, 0.45, "Senior inkoper"),
            _J("Senior inkoper", "Inkoop", 10, 11, 0.15, 0.30),
            _J("Contractmanager", "Inkoop", 10, 10, 0.10, 0.40),
        ),
        lead_grade=10,
        sickness=0.85,
        growth=0.3,
        engagement=0.05,
    ),
    Department(
        "Logistiek",
        "Divisie Hulpmiddelen",
        "Distributiecentrum: opslag, levering en ophalen van hulpmiddelen",
        8.0,
        ("Eindhoven",),
        False,
        (
            _J("Magazijnmedewerker", "Logistiek", 4, 5, 0.45, 0.14, "Voorman magazijn"),
            _J("Chauffeur", "Logistiek", 5, 5, 0.25, 0.07),
            _J("Logistiek planner", "Logistiek", 7, 8, 0.12, 0.40),
            _J("Voorman magazijn", "Logistiek", 7, 7, 0.08, 0.12),
            _J("Medewerker retourstroom", "Logistiek", 4, 4, 0.10, 0.30),
        ),
        flex=("Uitzendkracht", 0.15),
        sickness=1.25,
        leaving=1.1,
        growth=0.3,
        engagement=-0.05,
    ),
    Department(
        "Technische Dienst",
        "Divisie Hulpmiddelen",
        "Onderhoud en reparatie van hulpmiddelen, in de werkplaats en bij cliënten thuis",
        6.0,
        ("Eindhoven", "Rotterdam", "Zwolle"),
        False,
        (
            _J("Monteur hulpmiddelen", "Techniek", 6, 7, 0.65, 0.06, "Technisch specialist"),
            _J("Technisch specialist", "Techniek", 8, 9, 0.20, 0.10),
            _J("Werkvoorbereider", "Techniek", 7, 7, 0.15, 0.30),
        ),
        flex=("Uitzendkracht", 0.05),
        sickness=1.1,
        leaving=0.9,
        growth=0.8,
        engagement=0.10,
    ),
    Department(
        "Klantenservice",
        "Divisie Klant & Service",
        "Telefonische en digitale klantenservice voor cliënten, gemeenten en verzekeraars",
        10.0,
        ("Amersfoort", "Rotterdam"),
        True,
        (
            _J("Klantadviseur", "Klantcontact", 5, 6, 0.70, 0.72, "Senior klantadviseur"),
            _J("Senior klantadviseur", "Klantcontact", 7, 7, 0.20, 0.66),
            _J("Kwaliteitscoach klantcontact", "Klantcontact", 8, 8, 0.10, 0.70),
        ),
        flex=("Uitzendkracht", 0.10),
        interns=0.01,
        sickness=1.1,
        leaving=1.35,
        growth=1.0,
        engagement=-0.15,
    ),
    Department(
        "Planning",
        "Divisie Klant & Service",
        "Planning van zorg, leveringen en monteurs",
        5.0,
        ("Amersfoort",),
        True,
        (
            _J("Planner", "Planning", 6, 7, 0.65, 0.66, "Senior planner"),
            _J("Senior planner", "Planning", 8, 8, 0.25, 0.55),
            _J("Capaciteitsanalist", "Planning", 9, 10, 0.10, 0.40),
        ),
        sickness=0.9,
        growth=0.8,
    ),
    Department(
        "Zorgadministratie",
        "Divisie Klant & Service",
        "Declaraties, indicaties en contractadministratie",
        6.0,
        ("Amersfoort",),
        True,
        (
            _J("Medewerker zorgadministratie", "Administratie", 6, 6, 0.60, 0.78, "Declaratiespecialist"),
            _J("Declaratiespecialist", "Administratie", 7, 8, 0.30, 0.68),
            _J("Functioneel beheerder declaraties", "Administratie", 9, 9, 0.10, 0.45),
        ),
        flex=("Uitzendkracht", 0.04),
        sickness=0.95,
        growth=1.0,
    ),
    Department(
        "Verkoop & Accountmanagement",
        "Divisie Klant & Service",
        "Contracten en accountmanagement voor gemeenten, zorgverzekeraars en zorginstellingen",
        4.0,
        ("Utrecht",),
        True,
        (
            _J("Medewerker binnendienst", "Commercie", 7, 7, 0.35, 0.62),
            _J("Accountmanager", "Commercie", 10, 11, 0.45, 0.36, "Senior accountmanager"),
            _J("Senior accountmanager", "Commercie", 12, 12, 0.20, 0.22),
        ),
        lead_grade=11,
        manager_grade=13,
        sickness=0.7,
        leaving=1.1,
        growth=0.6,
        engagement=0.15,
    ),
    Department(
        "ICT",
        "Divisie Bedrijfsvoering",
        "Werkplekbeheer, applicaties, data en informatiebeveiliging",
        7.0,
        ("Utrecht",),
        True,
        (
            _J("Servicedeskmedewerker", "ICT", 6, 7, 0.25, 0.22, "Systeembeheerder"),
            _J("Systeembeheerder", "ICT", 8, 9, 0.25, 0.10),
            _J("Applicatiebeheerder", "ICT", 8, 9, 0.20, 0.35, "Informatieanalist"),
            _J("Informatieanalist", "ICT", 10, 11, 0.12, 0.40),
            _J("Data-analist", "ICT", 10, 10, 0.10, 0.35),
            _J("Enterprise architect", "ICT", 12, 13, 0.08, 0.12),
        ),
        lead_grade=11,
        manager_grade=13,
        interns=0.025,
        sickness=0.75,
        leaving=1.15,
        growth=2.0,
        engagement=0.10,
    ),
    Department(
        "Financiën",
        "Divisie Bedrijfsvoering",
        "Financiële administratie, salarisadministratie en control",
        4.0,
        ("Utrecht",),
        True,
        (
            _J("Financieel administratief medewerker", "Financiën", 6, 7, 0.40, 0.62),
            _J("Salarisadministrateur", "Financiën", 7, 8, 0.20, 0.72),
            _J("Controller", "Financiën", 10, 11, 0.28, 0.40, "Business controller"),
            _J("Business controller", "Financiën", 12, 12, 0.12, 0.30),
        ),
        lead_grade=10,
        interns=0.02,
        sickness=0.8,
        growth=0.4,
    ),
    Department(
        "HR",
        "Divisie Bedrijfsvoering",
        "Personeelsadvies, werving en selectie, verzuim en opleiding",
        3.5,
        ("Utrecht",),
        True,
        (
            _J("HR-assistent", "HR", 6, 7, 0.25, 0.90),
            _J("HR-adviseur", "HR", 9, 10, 0.40, 0.82, "Senior HR-adviseur"),
            _J("Senior HR-adviseur", "HR", 11, 11, 0.10, 0.70),
            _J("Recruiter", "HR", 8, 8, 0.15, 0.75),
            _J("Verzuimcoördinator", "HR", 8, 8, 0.10, 0.86),
        ),
        lead_grade=10,
        interns=0.03,
        sickness=0.85,
        growth=0.5,
        engagement=0.05,
    ),
    Department(
        "Facilitair",
        "Divisie Bedrijfsvoering",
        "Huisvesting, receptie, catering en schoonmaak van de kantoren",
        3.0,
        ("Utrecht", "Amersfoort", "Eindhoven"),
        False,
        (
            _J("Facilitair medewerker", "Facilitair", 4, 5, 0.45, 0.45),
            _J("Receptionist", "Facilitair", 5, 5, 0.30, 0.88),
            _J("Huismeester", "Facilitair", 6, 6, 0.25, 0.15),
        ),
        flex=("Uitzendkracht", 0.08),
        sickness=1.15,
        growth=0.3,
    ),
    Department(
        "Juridische Zaken",
        "Divisie Bedrijfsvoering",
        "Juridisch advies, contracten en klachtenafhandeling",
        0.6,
        ("Utrecht",),
        True,
        (
            _J("Jurist", "Juridisch", 10, 11, 0.70, 0.62, "Senior jurist"),
            _J("Senior jurist", "Juridisch", 12, 12, 0.30, 0.50),
        ),
        manager_grade=13,
        sickness=0.7,
        growth=0.1,
        engagement=0.20,
    ),
    Department(
        "Kwaliteit & Communicatie",
        "Divisie Bedrijfsvoering",
        "Kwaliteitszorg, privacy en interne en externe communicatie",
        2.5,
        ("Utrecht",),
        True,
        (
            _J("Kwaliteitsadviseur", "Kwaliteit & Communicatie", 9, 10, 0.40, 0.72),
            _J("Communicatieadviseur", "Kwaliteit & Communicatie", 9, 10, 0.35, 0.76),
            _J("Privacy officer", "Kwaliteit & Communicatie", 11, 11, 0.10, 0.50),
            _J("Webredacteur", "Kwaliteit & Communicatie", 7, 8, 0.15, 0.60),
        ),
        lead_grade=10,
        interns=0.03,
        sickness=0.85,
        growth=0.3,
        engagement=0.15,
    ),
)

# The 2024 reorganisation: these two departments merge into one on MERGE_DATE.
REORG_FROM = ("Inkoop", "Logistiek")
REORG_INTO = "Supply Chain"
REORG_DIVISION = "Divisie Hulpmiddelen"
REORG_DESCRIPTION = (
    "Inkoop, opslag en distributie van hulpmiddelen (per 1 juli 2024 samengevoegd uit Inkoop en "
    "Logistiek)"
)
# Jobs whose positions are cut, with their share of the cut; the rest of the cut comes from
# one of the two department managers and the leaders of the teams that are merged away.
REORG_CUT_WEIGHTS: dict[str, float] = {
    "Magazijnmedewerker": 0.42,
    "Chauffeur": 0.25,  # transport is outsourced
    "Inkoopassistent": 0.15,  # purchasing is centralised and automated
    "Medewerker retourstroom": 0.10,
    "Inkoper": 0.08,
}
REORG_CUT_AT_DEFAULT = 40  # positions cut at the default size of 1500

# Top-level and division staff: (title, family, grade, female share).
TOP_STAFF: tuple[tuple[str, str, int, float], ...] = (
    ("Bestuurssecretaris", "Bestuursondersteuning", 12, 0.60),
    ("Managementassistent", "Secretariaat", 8, 0.95),
)
DIVISION_STAFF: tuple[tuple[str, str, int, float], ...] = (
    ("Managementassistent", "Secretariaat", 8, 0.95),
)

# Collective raises (CAO) per 1 January, relative to the year before; 2019 is the base year.
CAO_RAISE: dict[int, float] = {
    2020: 0.025,
    2021: 0.015,
    2022: 0.030,
    2023: 0.065,
    2024: 0.050,
    2025: 0.035,
}
CAO_RAISE_DEFAULT = 0.025
# Full-time gross annual salary (incl. 8 % holiday pay) of schaal 4, step 0, in 2019; each schaal
# starts 10.5 % above the one below and runs 40 % from its first to its last step (10 steps).
SCALE_4_MIN_2019 = 24_600.0
SCALE_RATIO = 1.105
SCALE_SPAN = 0.40
STEPS = 10
INTERN_ALLOWANCE = 6_000.0  # stagevergoeding per year at full time

AOW_AGE = 67

# Engagement survey: (code, text, dimension, scale min, scale max, item offset in latent units).
SURVEY_QUESTIONS: tuple[tuple[str, str, str, int, int, float], ...] = (
    (
        "ENPS01",
        "Hoe waarschijnlijk is het dat je onze organisatie als werkgever aanbeveelt?",
        "enps",
        0,
        10,
        0.0,
    ),
    (
        "PSV01",
        "In mijn team kan ik problemen en lastige kwesties bespreekbaar maken.",
        "psychologische_veiligheid",
        1,
        5,
        0.05,
    ),
    (
        "PSV02",
        "Als ik in mijn team een fout maak, wordt me dat niet kwalijk genomen.",
        "psychologische_veiligheid",
        1,
        5,
        -0.25,
    ),
    (
        "PSV03",
        "In mijn team durf ik gerust om hulp te vragen.",
        "psychologische_veiligheid",
        1,
        5,
        0.30,
    ),
    ("BEV01", "Op mijn werk bruis ik van energie.", "bevlogenheid", 1, 5, -0.20),
    ("BEV02", "Ik ben enthousiast over mijn werk.", "bevlogenheid", 1, 5, 0.10),
    ("BEV03", "Mijn werk inspireert mij.", "bevlogenheid", 1, 5, -0.10),
    ("BEV04", "Ik ga helemaal op in mijn werk.", "bevlogenheid", 1, 5, 0.0),
)

FIRST_NAMES_F: tuple[str, ...] = (
    "Anna", "Emma", "Sophie", "Julia", "Lotte", "Sanne", "Lisa", "Fleur", "Eva", "Iris",
    "Anouk", "Femke", "Marieke", "Ingrid", "Monique", "Petra", "Wilma", "Anja", "Marjolein",
    "Esther", "Linda", "Sandra", "Miranda", "Jolanda", "Karin", "Yvonne", "Ellen", "Hanneke",
    "Annemiek", "Marloes", "Renske", "Noor", "Tess", "Sara", "Fenna", "Mila", "Zoë", "Chloë",
    "Noëlle", "Anaïs", "Inès", "Daphne", "Maaike", "Judith", "Mirjam", "Esmée", "Renée",
    "Joëlle", "Céline", "Mariëlle", "Ilse", "Nicole", "Bianca", "Naima", "Fatima", "Samira",
    "Yasmina", "Soumaya", "Ayla", "Elif", "Merve", "Priya", "Chantal", "Gerda", "Tineke",
    "Margriet", "Liesbeth", "Annelies", "Astrid", "Bregje", "Dewi", "Nadia", "Lieke", "Roos",
    "Isa", "Lynn", "Amber", "Demi", "Kelly", "Jessica", "Manon", "Suzanne", "Marit", "Floor",
    "Veerle", "Loes", "Britt", "Merel", "Nina", "Hélène", "Maud", "Saskia", "Trudy", "Ria",
    "Joke", "Henriëtte", "Wendy", "Patricia", "Angela", "Melissa", "Kimberley", "Shirley",
)
FIRST_NAMES_M: tuple[str, ...] = (
    "Jan", "Pieter", "Kees", "Henk", "Gerrit", "Willem", "Johan", "Hans", "Peter", "Marco",
    "Erik", "Dennis", "Jeroen", "Bas", "Sander", "Thijs", "Lars", "Daan", "Sem", "Luuk",
    "Bram", "Tim", "Joris", "Ruben", "Niels", "Stefan", "Martijn", "Wouter", "Arjen", "Rob",
    "Ton", "Frank", "Richard", "Mark", "Paul", "Michiel", "Koen", "Jasper", "Maarten", "Joost",
    "Sjoerd", "Tjeerd", "Hidde", "Jelle", "Gijs", "Stijn", "Mohamed", "Youssef", "Ahmed",
    "Mustafa", "Hakan", "Emre", "Mehmet", "Rachid", "Karim", "Rajesh", "Dirk", "Freek", "Hugo",
    "Floris", "René", "André", "José", "Noël", "Gerard", "Theo", "Ad", "Cor", "Jos", "Harm",
    "Rik", "Timo", "Jesse", "Milan", "Finn", "Noah", "Levi", "Julian", "Max", "Thomas",
    "Vincent", "Bart", "Roel", "Ivo", "Olaf", "Rutger", "Laurens", "Mehdi", "Bilal", "Ricardo",
    "Kevin", "Patrick", "Remco", "Ferry", "Edwin", "Ronald", "Raymond", "Jurgen", "Björn",
)
FIRST_NAMES_X: tuple[str, ...] = (
    "Sam", "Robin", "Alex", "Charlie", "Jip", "Quinn", "Lou", "Kai", "Sasha", "Mika",
)
# (tussenvoegsel, achternaam)
SURNAMES: tuple[tuple[str, str], ...] = (
    ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
    ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"),
    ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
    ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Jong"), ("", "Schouten"),
    ("van", "Beek"), ("", "Willems"), ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"),
    ("", "Maas"), ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"),
    ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("", "Peeters"), ("de", "Lange"),
    ("van", "Wijk"), ("", "Postma"), ("", "Kuipers"), ("", "Veenstra"), ("", "Kramer"),
    ("van den", "Brink"), ("", "Scholten"), ("", "Post"), ("", "Martens"), ("", "Vink"),
    ("ter", "Horst"), ("", "Timmermans"), ("", "Groen"), ("", "Gerritsen"), ("", "Jonker"),
    ("van", "Loon"), ("", "Boersma"), ("van der", "Heijden"), ("", "Hoogendoorn"),
    ("", "Brandsma"), ("", "Zwart"), ("", "Pronk"), ("van 't", "Hof"), ("in 't", "Veld"),
    ("", "Heemskerk"), ("", "Verbeek"), ("", "Kuiper"), ("", "Claassen"), ("", "Sanders"),
    ("", "Wolters"), ("", "Mertens"), ("", "Lambregts"), ("van", "Rijn"), ("", "Evers"),
    ("", "Yilmaz"), ("", "Öztürk"), ("", "Kaya"), ("", "Demir"), ("", "Çelik"),
    ("", "El Amrani"), ("", "Bouzid"), ("", "Benali"), ("", "Ait Taleb"), ("", "Ramdin"),
    ("", "Nguyen"), ("", "Nowak"), ("", "Pereira"), ("", "Martínez"), ("", "Müller"),
    ("", "Schröder"), ("van", "Oosterhout"), ("", "Wouters"), ("", "Bosman"), ("", "Hermans"),
)

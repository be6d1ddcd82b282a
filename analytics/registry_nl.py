"""Dutch texts of each metric's formula: (teller, noemer, populatie, periode, buiten beschouwing).

One entry per key of `analytics.registry.registry()`, translated from the English `MetricDef`
fields in the words Dutch HR, arbodiensten and ondernemingsraden use. `MetricDef.formula_in("nl")`
builds the "hoe is dit berekend?" sentence from these. The noemer is "" exactly where the
English denominator is (the metric is not a ratio). `DUTCH_SOURCES` holds each metric's source in
Dutch (`MetricDef.source_in("nl")`). Setting names and values stay as code (`annualised`): they
are what the command line takes. A test checks that every key is covered.
"""

from __future__ import annotations

# Texts that many metrics share, as in the domain modules.
_FLEX = "flexkrachten (uitzendkrachten, oproepkrachten, payroll) tenzij de instelling ze meetelt"
_FLEX_SHORT = "flexkrachten tenzij meegeteld"
_DAYS = "dagen in de periode"
_AVERAGE_HEADCOUNT = "gemiddelde bezetting"

_HEADCOUNT_POP = (
    "medewerkers met een contract van de soort vast, tijdelijk of stage (een ontbrekende soort "
    "telt als vast), die op elke dag aan de filters voldoen"
)
_EVENT_POP = (
    "dienstverbanden van meegetelde contractsoorten (vast, tijdelijk, stage; flex alleen als "
    "meegeteld), kenmerken op de dag van de gebeurtenis"
)
_ANNUALISED = (
    "de periode; omgerekend naar jaarbasis (× `days_in_year` / |P|) als dat is ingesteld en P geen "
    "heel jaar is"
)
_TURNOVER_OUT = (
    "overplaatsingen tussen afdelingen en contractwijzigingen (functiehistorie), flexkrachten"
)
_OWN_BUCKETS = "pensioen, einde contract, overlijden en overig zijn eigen categorieën"
_KM_POP = (
    "dienstverbanden van meegetelde contractsoorten (flex alleen als meegeteld) die op enig "
    "moment in de periode in dienst waren, kenmerken op de datum in dienst"
)
_KM_PERIOD = (
    "tijdsoorsprong de datum in dienst; uitdiensttredingen in de periode zijn gebeurtenissen, "
    "medewerkers die nog in dienst zijn worden gecensureerd aan het einde van de periode; wie "
    "vóór de periode in dienst kwam, komt in de risicoset met de diensttijd op de eerste dag "
    "ervan (linkse afkapping, left truncation); bij gelijke tijden gaan gebeurtenissen voor"
)
_KM_OUT = (
    "flexkrachten; uitdiensttredingen vóór de periode (die dienstverbanden zitten niet in de "
    "risicoset); bij een curve voor één soort uitstroom wordt ander vertrek gecensureerd"
)

_ABSENCE_POP = f"{_HEADCOUNT_POP}; deeltijdfactor = de fte van de dag (ontbrekend = 1)"
_ABSENCE_POP_SPELL = (
    f"{_ABSENCE_POP}; een verzuimgeval telt mee onder de kenmerken van de eerste ziektedag"
)
_ABSENCE_OUT = (
    "verzuimsoorten zwangerschap (zwangerschaps- en bevallingsverlof) en overig; "
    "flexkrachten tenzij meegeteld"
)

_LAST_DAY = "de laatste dag van de periode"
_DIVERSITY_POP = (
    "medewerkers in dienst op de laatste dag van de periode (contractsoorten vast, tijdelijk, "
    "stage; een ontbrekende soort telt als vast), die op die dag aan de filters voldoen"
)
_CELLS = "cellen met minder dan het minimum worden niet getoond, met complementbescherming"
_DIVERSITY_OUT = f"{_FLEX}; {_CELLS}"
_GENDER_OUT = (
    f"{_FLEX}; geslacht X en onbekend geslacht (apart gerapporteerd als aantallen); {_CELLS}"
)
_BLAU_OUT = f"{_FLEX}; onbekend geslacht (het aandeel daarvan wordt gerapporteerd); {_CELLS}"

_PAY_POP = (
    "medewerkers in dienst op de laatste dag van de periode met een jaarsalaris (contractsoorten "
    "vast, tijdelijk, stage), vrouwen en mannen"
)
_HOURLY = "uurloon = (jaarsalaris + jaarbonus) / (fte × voltijduren × 52)"
_PAY_POP_HOURLY = f"{_PAY_POP}; {_HOURLY}"
_PAY_POP_VARIABLE = f"{_PAY_POP}; die variabele beloning ontvangen (jaarbonus > 0)"
_PAY_PERIOD = "de laatste dag van de periode; variabele beloning over de laatste 12 maanden"
_PAY_OUT = (
    "flexkrachten tenzij meegeteld; geslacht X, onbekend geslacht en mensen zonder salaris "
    "(geteld en gerapporteerd); groepen met minder vrouwen of mannen dan het minimum"
)

_SURVEY_POP = (
    "antwoorden uit de metingen in de periode, binnen het organisatiefilter (afdelingen en hun "
    "onderliggende organisatie-eenheden) en het geslachtsfilter"
)
_SURVEY_PERIOD = "elke meting (sluitingsdatum) in de periode; de opdrachtregel gebruikt de laatste"
_SURVEY_OUT = "groepen met minder respondenten dan de minimale groepsgrootte (en hun complement)"

_ORG_POP = (
    "medewerkers in dienst op de laatste dag van de periode (contractsoorten vast, tijdelijk, "
    "stage; flex alleen als meegeteld); leidinggevenden en rapportagelijnen volgens de "
    "`manager_id` van die dag"
)
_ORG_OUT = f"{_FLEX_SHORT}; een `manager_id` die naar de medewerker zelf verwijst"
_MANAGERS = "leidinggevenden"

DUTCH: dict[str, tuple[str, str, str, str, str]] = {
    # Bezetting
    "headcount_start": (
        "unieke personen in dienst op de eerste dag van de periode",
        "",
        _HEADCOUNT_POP,
        "de eerste dag van de periode (peildatum)",
        _FLEX,
    ),
    "headcount_end": (
        "unieke personen in dienst op de laatste dag van de periode",
        "",
        _HEADCOUNT_POP,
        "de laatste dag van de periode (peildatum)",
        _FLEX,
    ),
    "average_headcount": (
        "Σ over medewerkers van de dagen in dienst binnen de periode",
        _DAYS,
        _HEADCOUNT_POP,
        "elke dag van de periode, elk met de kenmerken van die dag",
        _FLEX,
    ),
    "fte_end": (
        "Σ deeltijdfactor van de medewerkers in dienst op de laatste dag (een ontbrekende fte "
        "telt als 1)",
        "",
        _HEADCOUNT_POP,
        "de laatste dag van de periode (peildatum)",
        _FLEX,
    ),
    "average_fte": (
        "Σ deeltijdfactor × dagen in dienst binnen de periode",
        _DAYS,
        _HEADCOUNT_POP,
        "elke dag van de periode, elk met de fte van die dag",
        _FLEX,
    ),
    # Instroom, uitstroom en verloop
    "hires": (
        "dienstverbanden met de datum in dienst in de periode (herintreding telt als instroom)",
        "",
        _EVENT_POP,
        "datum in dienst in de periode",
        _TURNOVER_OUT,
    ),
    "leavers": (
        "dienstverbanden met de datum uit dienst in de periode",
        "",
        _EVENT_POP,
        "datum uit dienst in de periode",
        _TURNOVER_OUT,
    ),
    "turnover_rate": (
        "uitstroom",
        _AVERAGE_HEADCOUNT,
        _EVENT_POP,
        _ANNUALISED,
        _TURNOVER_OUT,
    ),
    "voluntary_turnover_rate": (
        "uitstroom van de soort vrijwillig (op initiatief van de werknemer)",
        _AVERAGE_HEADCOUNT,
        _EVENT_POP,
        _ANNUALISED,
        f"{_TURNOVER_OUT}; {_OWN_BUCKETS}",
    ),
    "involuntary_turnover_rate": (
        "uitstroom van de soort onvrijwillig (op initiatief van de werkgever)",
        _AVERAGE_HEADCOUNT,
        _EVENT_POP,
        _ANNUALISED,
        f"{_TURNOVER_OUT}; {_OWN_BUCKETS}",
    ),
    "regretted_turnover_rate": (
        "vrijwillige vertrekkers die als betreurd zijn gemarkeerd",
        _AVERAGE_HEADCOUNT,
        _EVENT_POP,
        _ANNUALISED,
        f"{_TURNOVER_OUT}; vertrekkers zonder die markering",
    ),
    "leavers_by_type": (
        "dienstverbanden met de datum uit dienst in de periode, per soort uitstroom (vrijwillig, "
        "onvrijwillig, pensioen, einde contract, overlijden, overig, onbekend); ook als aandeel "
        "van de totale uitstroom en als percentage van de gemiddelde bezetting",
        "",
        _EVENT_POP,
        _ANNUALISED,
        f"{_TURNOVER_OUT}; soorten met minder vertrekkers dan de minimale groepsgrootte worden "
        "niet getoond",
    ),
    "leavers_by_reason": (
        "dienstverbanden met de datum uit dienst in de periode, per reden van uitstroom zoals het "
        "HR-systeem die vastlegt (leeg = onbekend); ook als aandeel van de totale uitstroom en "
        "als percentage van de gemiddelde bezetting",
        "",
        _EVENT_POP,
        _ANNUALISED,
        f"{_TURNOVER_OUT}; redenen met minder vertrekkers dan de minimale groepsgrootte worden "
        "niet getoond",
    ),
    "rolling_turnover_rate": (
        "uitstroom in de 12 maanden tot en met de laatste dag van elke maand",
        "gemiddelde bezetting over die 12 maanden",
        _EVENT_POP,
        "elke maand van de periode; de 12 maanden ervoor tellen mee (gegevens van vóór de "
        "periode inbegrepen); een heel jaar, dus nooit omgerekend naar jaarbasis",
        _TURNOVER_OUT,
    ),
    "stability_index": (
        "medewerkers in dienst op de laatste dag van de periode van wie het huidige dienstverband "
        "minstens een jaar eerder begon (onafgebroken diensttijd: bij herintreding begint de "
        "telling opnieuw)",
        "bezetting een jaar vóór de laatste dag van de periode",
        "medewerkers van meegetelde contractsoorten (vast, tijdelijk, stage; flex alleen als "
        "meegeteld), kenmerken op de peildatum",
        "de laatste dag van de periode en dezelfde dag een jaar eerder (28 februari voor "
        "29 februari)",
        "flexkrachten; diensttijd vóór een herintreding",
    ),
    "first_year_turnover": (
        "instromers uit het cohort die binnen 365 dagen na hun eigen datum in dienst zijn "
        "uitgestroomd",
        "instromers uit het cohort",
        "instromers (dienstverbanden; herintreding telt als instroom) van meegetelde "
        "contractsoorten (vast, tijdelijk, stage; flex alleen als meegeteld), kenmerken op de "
        "datum in dienst",
        "cohorten van de instromers in de periode (naar jaar van indiensttreding); getoond als "
        "elk lid aan het einde van de periode 365 dagen is gevolgd, anders de "
        "Kaplan–Meier-schatting 1 − S(365), gemarkeerd als schatting",
        _TURNOVER_OUT,
    ),
    "tenure_survival": (
        "Kaplan–Meier S(t) = Π over uitstroommomenten t_i ≤ t van (1 − d_i / n_i), met d_i het "
        "aantal uitdiensttredingen op t_i en n_i het aantal dienstverbanden in de risicoset "
        "(begonnen vóór t_i, niet beëindigd vóór t_i), t in dagen sinds indiensttreding",
        "",
        _KM_POP,
        _KM_PERIOD,
        f"{_KM_OUT}; punten met minder mensen in de risicoset dan de minimale groepsgrootte "
        "worden niet getoond",
    ),
    "median_tenure": (
        "het eerste moment t (dagen sinds indiensttreding) waarop de Kaplan–Meier-blijfkans S(t) "
        "0,5 of lager is; leeg als die nooit zo ver daalt",
        "",
        _KM_POP,
        _KM_PERIOD,
        _KM_OUT,
    ),
    # Verzuim
    "absence_rate": (
        "Σ over ziektedagen d in de periode van AO(d) × ptf(d) (AO = "
        "arbeidsongeschiktheidspercentage / 100, ontbrekend = 100 %; alle verzuimgevallen die in "
        "de periode lopen, alleen hun dagen binnen de periode; weekenddagen tellen mee; een "
        "lopend verzuimgeval loopt door tot het einde van de periode)",
        "Σ over dagen in dienst d in de periode van ptf(d) (dagen met zwangerschaps- en "
        "bevallingsverlof blijven meetellen tenzij de instelling ze weglaat)",
        _ABSENCE_POP,
        "kalenderdagen van de periode, elk met de kenmerken van die dag",
        _ABSENCE_OUT,
    ),
    "absence_frequency": (
        "ziekmeldingen (verzuimgevallen) waarvan de eerste ziektedag in de periode valt (een "
        "verzuimgeval = één `spell_id`, of één regel zonder; gedeeltelijk herstel is geen nieuwe "
        "ziekmelding, een verzuimgeval na elke onderbreking wel)",
        "gemiddelde bezetting (personen, geen fte) × `days_in_year` / |P| (`annualised`), of "
        "× 12 / maanden in de periode (`vernet`: een kwartaal × 4)",
        _ABSENCE_POP_SPELL,
        "verzuimgevallen die in de periode beginnen; verzuimgevallen die ervoor begonnen tellen "
        "niet mee",
        _ABSENCE_OUT,
    ),
    "average_absence_duration": (
        "Σ over verzuimgevallen waarvan de laatste dag in de periode valt van (laatste dag − "
        "eerste dag + 1) kalenderdagen, dagen vóór de periode inbegrepen, zonder deeltijdfactor, "
        "gedeeltelijke dagen als hele dagen",
        "aantal van die verzuimgevallen (geen: geen uitkomst)",
        _ABSENCE_POP_SPELL,
        "verzuimgevallen die in de periode eindigen (afgesloten verzuimgevallen)",
        f"{_ABSENCE_OUT}; verzuimgevallen die aan het einde van de periode nog lopen",
    ),
    "zero_absence_rate": (
        "medewerkers binnen de populatie zonder ziektedag in de periode",
        "medewerkers die op enig moment in de periode in dienst waren (`any`) of op elke dag "
        "ervan (`whole_period`)",
        _ABSENCE_POP,
        "de periode",
        f"{_ABSENCE_OUT}; iemand met zwangerschapsverlof zonder ziekte telt als nulverzuim",
    ),
    "absence_rate_by_duration_class": (
        "de teller van het verzuimpercentage, beperkt tot verzuimgevallen van één klasse, naar de "
        "totale duur van het verzuimgeval tot min(laatste dag, einde periode): kort 1–14, "
        "middellang 15–91, lang 92–365, extra lang 366–730 dagen (langere verzuimgevallen "
        "blijven extra lang)",
        "de noemer van het verzuimpercentage",
        _ABSENCE_POP,
        "kalenderdagen van de periode; de klasse zoals aan het einde van de periode",
        _ABSENCE_OUT,
    ),
    "open_spells": (
        "verzuimgevallen die op de laatste dag van de periode niet zijn beëindigd, met hun "
        "lopende duur; per Poortwachter-mijlpaal (week 6, 8, 42, 52, 88, 104) het aantal dat die "
        "bereikt volgens de wettelijke klok, waarbij verzuimgevallen die minder dan 4 weken na "
        "elkaar liggen worden samengeteld (BW 7:629)",
        "",
        "medewerkers in dienst op de laatste dag van de periode, met de kenmerken van die dag",
        _LAST_DAY,
        f"{_ABSENCE_OUT}; afgesloten verzuimgevallen",
    ),
    # Diversiteit
    "female_share": (
        "vrouwen (F)",
        "vrouwen + mannen (F + M)",
        _DIVERSITY_POP,
        _LAST_DAY,
        _GENDER_OUT,
    ),
    "male_share": (
        "mannen (M)",
        "vrouwen + mannen (F + M)",
        _DIVERSITY_POP,
        _LAST_DAY,
        _GENDER_OUT,
    ),
    "gender_x_count": (
        "personen geregistreerd met geslacht X (non-binair / anders)",
        "",
        _DIVERSITY_POP,
        _LAST_DAY,
        _DIVERSITY_OUT,
    ),
    "gender_unknown_count": (
        "personen zonder geregistreerd geslacht",
        "",
        _DIVERSITY_POP,
        _LAST_DAY,
        _DIVERSITY_OUT,
    ),
    "age_pyramid": (
        "personen per leeftijdsklasse (15–25, 25–35, 35–45, 45–55, 55–AOW-leeftijd, AOW+; "
        "leeftijd op de laatste dag) en geslacht",
        "",
        _DIVERSITY_POP,
        _LAST_DAY,
        _DIVERSITY_OUT,
    ),
    "generation_share": (
        "personen geboren in de generatie (1946–64, 1965–80, 1981–96, 1997–2012)",
        "personen in de groep",
        _DIVERSITY_POP,
        _LAST_DAY,
        f"{_FLEX}; de generatienamen volgen een Amerikaanse indeling; {_CELLS}",
    ),
    "female_share_managers": (
        "vrouwen onder de leidinggevenden (personen die leidinggevende zijn van een medewerker "
        "in dienst)",
        "vrouwen + mannen onder de leidinggevenden",
        _DIVERSITY_POP,
        _LAST_DAY,
        f"{_FLEX}; geslacht X en onbekend geslacht; {_CELLS}",
    ),
    "blau_index": (
        "1 − Σ pᵢ² over de k mogelijke geslachtscategorieën (F, M; ook X wanneer k ≥ 3)",
        "",
        _DIVERSITY_POP,
        _LAST_DAY,
        _BLAU_OUT,
    ),
    "blau_index_normalised": (
        "Blau-index",
        "(k − 1) / k",
        _DIVERSITY_POP,
        _LAST_DAY,
        _BLAU_OUT,
    ),
    # Beloning en loonkloof
    "gender_pay_gap_mean": (
        "gemiddeld uurloon van mannen − gemiddeld uurloon van vrouwen",
        "gemiddeld uurloon van mannen",
        _PAY_POP_HOURLY,
        _PAY_PERIOD,
        _PAY_OUT,
    ),
    "gender_pay_gap_median": (
        "mediaan uurloon van mannen − mediaan uurloon van vrouwen",
        "mediaan uurloon van mannen",
        _PAY_POP_HOURLY,
        _PAY_PERIOD,
        _PAY_OUT,
    ),
    "basic_pay_gap_mean": (
        "gemiddeld basisuurloon van mannen − dat van vrouwen (alleen jaarsalaris)",
        "gemiddeld basisuurloon van mannen",
        _PAY_POP,
        _PAY_PERIOD,
        _PAY_OUT,
    ),
    "basic_pay_gap_median": (
        "mediaan basisuurloon van mannen − dat van vrouwen (alleen jaarsalaris)",
        "mediaan basisuurloon van mannen",
        _PAY_POP,
        _PAY_PERIOD,
        _PAY_OUT,
    ),
    "variable_pay_gap_mean": (
        "gemiddelde variabele beloning per uur van mannen − die van vrouwen, onder wie die "
        "ontvangt",
        "gemiddelde variabele beloning per uur van mannen die die ontvangen",
        _PAY_POP_VARIABLE,
        _PAY_PERIOD,
        f"{_PAY_OUT} (die variabele beloning ontvangen)",
    ),
    "variable_pay_gap_median": (
        "mediane variabele beloning per uur van mannen − die van vrouwen, onder wie die ontvangt",
        "mediane variabele beloning per uur van mannen die die ontvangen",
        _PAY_POP_VARIABLE,
        _PAY_PERIOD,
        f"{_PAY_OUT} (die variabele beloning ontvangen)",
    ),
    "variable_pay_share": (
        "vrouwen (mannen) met een jaarbonus > 0",
        "vrouwen (mannen)",
        _PAY_POP,
        _PAY_PERIOD,
        f"{_PAY_OUT}; onbekend wanneer de gegevens voor niemand een jaarbonus bevatten",
    ),
    "pay_quartile_female_share": (
        "vrouwen in het kwartiel (kwartiel = ceil(4 · rang / n) naar uurloon; bij gelijk loon "
        "over een kwartielgrens heen naar verhouding verdeeld)",
        "personen in het kwartiel",
        _PAY_POP_HOURLY,
        _PAY_PERIOD,
        _PAY_OUT,
    ),
    "category_pay_gap_mean": (
        "per categorie werknemers (beloningscategorie): gemiddeld uurloon van mannen − dat van "
        "vrouwen (totaal, basis en variabel); bij 5 % of meer gemarkeerd als 'mogelijke "
        "gezamenlijke beloningsbeoordeling (art. 10)'",
        "gemiddeld uurloon van mannen",
        _PAY_POP_HOURLY,
        _PAY_PERIOD,
        _PAY_OUT,
    ),
    "hourly_pay_mean": (
        "Σ uurloon van de vrouwen (mannen)",
        "vrouwen (mannen)",
        _PAY_POP_HOURLY,
        _PAY_PERIOD,
        _PAY_OUT,
    ),
    # Medewerkersonderzoek
    "enps": (
        "aandeel antwoorden 9–10 (promoters) − aandeel antwoorden 0–6 (detractors) op de "
        "0–10-vraag van dimensie `enps`; passives 7–8 tellen alleen mee in het aantal "
        "antwoorden. Een fractie van −1 tot +1 (+10 punten = 0,10)",
        "",
        _SURVEY_POP,
        _SURVEY_PERIOD,
        f"{_SURVEY_OUT}; overgeslagen vragen",
    ),
    "response_rate": (
        "respondenten van de meting (unieke respondent-id's, anders antwoorden op de eNPS-vraag)",
        "uitgenodigden: het opgegeven aantal per afdeling en meting (`survey_invited`), anders de "
        "bezetting van de afdeling op de meetdatum",
        f"{_SURVEY_POP}; uitgenodigden volgens de populatieregels van de bezetting",
        _SURVEY_PERIOD,
        f"{_SURVEY_OUT}; flexkrachten in de bezetting tenzij meegeteld; uitsplitsingen naar "
        "geslacht, leeftijdsklasse of diensttijdklasse (aantal uitgenodigden per zo'n groep "
        "onbekend)",
    ),
    "favourable_share": (
        "antwoorden in de bovenste twee punten van een 5- of 7-puntsschaal (4–5 van 1–5, 6–7 van "
        "1–7) op één vraag",
        "antwoorden op die vraag",
        _SURVEY_POP,
        _SURVEY_PERIOD,
        f"{_SURVEY_OUT}; vragen met een andere schaal (hun percentage positief blijft leeg)",
    ),
    "dimension_score": (
        "gemiddelde van de percentages positief van de vragen van de dimensie (elke vraag weegt "
        "even zwaar; overgeslagen vragen vallen weg)",
        "",
        _SURVEY_POP,
        _SURVEY_PERIOD,
        f"{_SURVEY_OUT}; de eNPS-vraag; vragen zonder dimensie",
    ),
    "mean_score": (
        "per vraag: gemiddelde van de antwoorden; per dimensie: gemiddelde van de vraaggemiddelden",
        "",
        _SURVEY_POP,
        _SURVEY_PERIOD,
        _SURVEY_OUT,
    ),
    "wave_change": (
        "eNPS of dimensiescore van een meting − hetzelfde cijfer in de vorige meting (de laatste "
        "eerdere meting, ook als die vóór de periode ligt)",
        "",
        _SURVEY_POP,
        "elke meting in de periode en de meting daarvoor",
        "verschillen waarbij een van beide metingen door de privacyregel is afgeschermd",
    ),
    # Organisatie
    "span_of_control_mean": (
        "Σ direct ondergeschikten in dienst over de leidinggevenden",
        "leidinggevenden (medewerkers met minstens één direct ondergeschikte in dienst)",
        _ORG_POP,
        _LAST_DAY,
        f"{_ORG_OUT}; medewerkers zonder direct ondergeschikten",
    ),
    "span_of_control_median": (
        "mediaan over de leidinggevenden van hun aantal direct ondergeschikten in dienst",
        "",
        _ORG_POP,
        _LAST_DAY,
        f"{_ORG_OUT}; medewerkers zonder direct ondergeschikten",
    ),
    "span_band_share": (
        "leidinggevenden van wie de span in de klasse valt: smal 1–2, speler-coach 3–5, coach "
        "6–7, supervisor 8–10, facilitator 11–15, coördinator 16 en meer (McKinseys '15+' "
        "overlapt met 11–15; 15 telt als facilitator)",
        _MANAGERS,
        _ORG_POP,
        _LAST_DAY,
        _ORG_OUT,
    ),
    "narrow_span_share": (
        "leidinggevenden met minder dan 3 direct ondergeschikten",
        _MANAGERS,
        _ORG_POP,
        _LAST_DAY,
        _ORG_OUT,
    ),
    "non_managers_per_manager": (
        "medewerkers zonder direct ondergeschikten",
        _MANAGERS,
        _ORG_POP,
        _LAST_DAY,
        _ORG_OUT,
    ),
    "layers_max": (
        "de diepste rapportagelaag: laag 1 is iemand zonder leidinggevende of van wie de "
        "leidinggevende niet in dienst is, elke medewerker staat één laag onder diens "
        "leidinggevende",
        "",
        _ORG_POP,
        _LAST_DAY,
        f"{_ORG_OUT}; mensen in of onder een rapportagecirkel (gemeld als dataprobleem)",
    ),
    "layers_median": (
        "mediaan over de medewerkers van hun rapportagelaag (laag 1 = de top)",
        "",
        _ORG_POP,
        _LAST_DAY,
        f"{_ORG_OUT}; mensen in of onder een rapportagecirkel",
    ),
    "unit_headcount": (
        "unieke personen in dienst van wie de afdeling de organisatie-eenheid zelf is (niet de "
        "onderliggende eenheden), en hun fte",
        "",
        _ORG_POP,
        _LAST_DAY,
        f"{_FLEX_SHORT}; organisatie-eenheden met minder mensen dan de minimale groepsgrootte "
        "(en hun complement)",
    ),
}

_REFERENCE = "domeinreferentie"
_SHRM_KIKV = "SHRM; KIK-V (iemand met meerdere contracten telt één keer)"
_VERZUIM_STANDARD = (
    "Berekening van ziekteverzuim, Standaard voor verzuimregistratie (Projectgroep Uniformering "
    "Verzuimgrootheden, 1996); CBS; Vernet"
)
_PAY_DIRECTIVE = f"EU-richtlijn 2023/970 art. 9 lid 1; {_REFERENCE} 3.1"
_SPANS = (
    "McKinsey, Acharya e.a. (2017), 'How to identify the right spans of control for your "
    f"organization'; {_REFERENCE} 5.4"
)

# Each metric's source in Dutch: names and titles as published, the words around them translated.
DUTCH_SOURCES: dict[str, str] = {
    "headcount_start": _SHRM_KIKV,
    "headcount_end": _SHRM_KIKV,
    "average_headcount": "CBS; SHRM (gemiddeld aantal medewerkers)",
    "fte_end": "CBS (voltijdequivalenten)",
    "average_fte": "CBS (voltijdequivalenten, gewogen naar begin- en einddatum)",
    "hires": "SHRM; CIPD",
    "leavers": "CIPD (teller van het bruto verloop); SHRM (uitstroom)",
    "turnover_rate": "CIPD (bruto verloop); SHRM (verlooppercentage)",
    "voluntary_turnover_rate": "CIPD (ontslag op eigen verzoek)",
    "involuntary_turnover_rate": f"CIPD; {_REFERENCE} 2.2",
    "regretted_turnover_rate": f"geen formele standaard; definitie uit {_REFERENCE} 2.2",
    "leavers_by_type": f"CIPD; {_REFERENCE} 2.2",
    "leavers_by_reason": "redenen uit dienst zoals het HR-systeem ze vastlegt",
    "rolling_turnover_rate": (
        f"CIPD (bruto verloop over een voortschrijdend jaar); {_REFERENCE} 2.1"
    ),
    "stability_index": f"CIPD (stabiliteitsindex); {_REFERENCE} 2.4",
    "first_year_turnover": (
        "uitstroom binnen 12 maanden na indiensttreding / instroom (peopleprincipia); "
        f"{_REFERENCE} 2.3"
    ),
    "tenure_survival": f"Kaplan & Meier (1958); {_REFERENCE} 2.5; nagerekend met lifelines",
    "median_tenure": f"Kaplan & Meier (1958); {_REFERENCE} 2.5",
    "absence_rate": f"{_VERZUIM_STANDARD} (ziekteverzuimpercentage)",
    "absence_frequency": f"{_VERZUIM_STANDARD} (ziekmeldingsfrequentie)",
    "average_absence_duration": f"{_VERZUIM_STANDARD} (gemiddelde ziekteverzuimduur)",
    "zero_absence_rate": (
        "geen formele standaard (gangbare praktijk, bijvoorbeeld in jaarverslagen); "
        f"{_REFERENCE} 1.6"
    ),
    "absence_rate_by_duration_class": f"Vernet (duurklassen); {_VERZUIM_STANDARD}",
    "open_spells": "Wet verbetering poortwachter; BW 7:629 lid 10 (samentelling)",
    "female_share": f"metrics.md; {_REFERENCE} 3.2",
    "male_share": f"metrics.md; {_REFERENCE} 3.2",
    "gender_x_count": "datacontract (geslacht F, M, X of leeg)",
    "gender_unknown_count": "datacontract (geslacht F, M, X of leeg)",
    "age_pyramid": (
        "Ontslagregeling art. 11 (leeftijdsgroepen); AOW-leeftijd volgens het jaar van de laatste "
        "dag"
    ),
    "generation_share": "Pew Research Center (Amerikaanse indeling)",
    "female_share_managers": f"metrics.md; {_REFERENCE} 5.4 (leidinggevenden)",
    "blau_index": f"Blau (1977); {_REFERENCE} 3.2",
    "blau_index_normalised": f"index van kwalitatieve variatie; {_REFERENCE} 3.2",
    "gender_pay_gap_mean": f"{_PAY_DIRECTIVE} (a)",
    "gender_pay_gap_median": f"{_PAY_DIRECTIVE} (c)",
    "basic_pay_gap_mean": f"{_PAY_DIRECTIVE} (g)",
    "basic_pay_gap_median": f"{_PAY_DIRECTIVE} (g)",
    "variable_pay_gap_mean": f"{_PAY_DIRECTIVE} (b); Britse methode voor de bonuskloof",
    "variable_pay_gap_median": f"{_PAY_DIRECTIVE} (d); Britse methode voor de bonuskloof",
    "variable_pay_share": f"{_PAY_DIRECTIVE} (e)",
    "pay_quartile_female_share": f"{_PAY_DIRECTIVE} (f)",
    "category_pay_gap_mean": f"{_PAY_DIRECTIVE} (g); art. 10 lid 1",
    "hourly_pay_mean": f"{_PAY_DIRECTIVE}; art. 3 lid 1 (b) (beloningsniveau)",
    "enps": f"Reichheld (Net Promoter); {_REFERENCE} 4.1 (Zenefits, Agendrix, WorkTango)",
    "response_rate": f"{_REFERENCE} 4.1 (respondenten / uitgenodigde medewerkers)",
    "favourable_share": f"{_REFERENCE} 4.1 (aandeel positieve antwoorden: Culture Amp, Sparrow)",
    "dimension_score": f"{_REFERENCE} 4.1 (factorscore van Culture Amp)",
    "mean_score": f"{_REFERENCE} 4.1 (UWES-schaalscore = gemiddelde van de items)",
    "wave_change": "metrics.md (een verschil alleen als beide metingen de privacyregel doorstaan)",
    "span_of_control_mean": _SPANS,
    "span_of_control_median": _SPANS,
    "span_band_share": _SPANS,
    "narrow_span_share": _SPANS,
    "non_managers_per_manager": _SPANS,
    "layers_max": f"{_REFERENCE} 5.4 (lagen vanaf de hoogste leidinggevende)",
    "layers_median": f"{_REFERENCE} 5.4 (maximale en mediane diepte)",
    "unit_headcount": "hiërarchie van de organisatie-eenheden; definitie van de bezetting",
}

"""Word lists that map report language onto the gold-format vocabularies.

Each entry is a regular expression (case-insensitive, matched on word boundaries) and the
vocabulary value it signals. Order matters where noted: more specific cues come first.
"""

from __future__ import annotations

import re

from civcas.extract.numbers import NUMBER_WORD


def _compile(pairs: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"(?<![\w-])(?:{pat})(?![\w])", re.I), value) for pat, value in pairs]


# Perpetrators. Patterns name the party; whether it is the perpetrator is decided by context.
ACTOR_PATTERNS = _compile(
    [
        (
            r"(?:u\.?s\.?|american)[- ]led (?:military |international )?coalition(?:['’]?s)?|"
            r"(?:u\.?s\.?|american)[- ]led (?:air ?strikes?|strikes?|raids?|bombing)|international coalition|anti-(?:isis|is|daesh) coalition|"
            r"coalition (?:forces|warplanes|jets|aircraft|planes|air ?strikes?|strikes?|raids?|bombing|fighter jets)|"
            r"(?:the|international|so-called) coalition|u\.?s\.? (?:warplanes|war planes|jets|aircraft|forces|strikes?|"
            r"air ?strikes?|(?:air )?raids?|bombing|military|drones?|navy|missiles?|tomahawk)|american (?:warplanes|jets|strikes?|missiles?)|"
            r"pentagon|centcom",
            "us_led_coalition",
        ),
        (
            r"russian?(?:['’]?s)?(?: and syrian)? (?:warplanes|war planes|jets|aircraft|air ?force|aerospace forces?|"
            r"air ?strikes?|strikes?|"
            r"(?:air )?raids?|planes|bombers|helicopters|forces|military|missiles?|bombing|fighter jets)|russia(?:['’]?s)?|moscow|"
            r"russian defen[cs]e ministry",
            "russia",
        ),
        (
            r"(?:syrian )?regime(?: forces| troops| warplanes| aircraft| helicopters| army| jets| artillery)?|"
            r"government (?:forces|troops|warplanes|aircraft|helicopters|jets|artillery|bombardment|air ?strikes?|raids?|"
            r"shelling)|"
            r"pro-(?:government|regime) (?:forces|fighters|militias?)|syrian? (?:armed forces|army|armys|troops|soldiers|"
            r"warplanes|war planes|jets|aircraft|air ?force|government forces|forces|military|artillery|"
            r"helicopters)|syrian (?:air ?strikes?|air raids?)|(?:al-)?assad(?:'?s)? (?:forces|regime|troops|army|air ?force|warplanes|jets|aircraft)|loyalist forces|army units?|"
            r"syrian arab army|(?-i:\bSAA\b)",
            "syrian_government",
        ),
        (r"isis|isil|daesh|islamic state|(?-i:\bIS\b)|da'esh", "isis"),
        (
            r"(?:syrian democratic forces|sdf|ypg|pyd|people'?s protection units|kurdish (?:forces|militias?|fighters"
            r"|units|militants|troops))",
            "sdf_ypg",
        ),
        (
            r"turkish (?:army|forces|troops|warplanes|war planes|jets|aircraft|air ?force|military|artillery|tanks|air ?strikes?|strikes?|drones?)|"
            r"turkey|ankara|turkish-backed",
            "turkey",
        ),
        (
            r"(?:jabhat al-)?nusra(?: front)?|al-nusra|hayat tahrir al-sham|hayaat tahrir al-sham|\bhts\b|"
            r"fateh al-sham|fatah al-sham|al-qaeda|al qaeda",
            "hts_nusra",
        ),
        (
            r"israeli?(?: warplanes| jets| strikes?| air ?strikes?| forces| army| military| missiles?)?",
            "israel",
        ),
        (
            r"hezbollah|hizbollah|iranian(?:-backed)? (?:forces|militias?|fighters)|iraqi militias?|"
            r"shiite militias?|iran-backed",
            "iran_militias",
        ),
        (
            r"rebels?|rebel (?:groups|fighters|factions|shelling|rockets?)|armed (?:groups|opposition|factions)|"
            r"terrorist (?:groups|organizations|organisations|factions)|terrorists|free syrian army|\bfsa\b|"
            r"opposition (?:fighters|forces|groups|factions)|militants|insurgents|jihadists|islamist (?:rebels|"
            r"groups|factions)|ja[iy]sh al-islam|ahrar al-sham",
            "opposition",
        ),
    ]
)

# Weapons, most specific first: the first category found near the figure wins.
WEAPON_PATTERNS = _compile(
    [
        (
            r"chemical|chlorine|sarin|toxic gas(?:es)?|poison(?:ous)? gas|nerve agent|white phosphorus|"
            r"suffocation|gas attack|mustard gas",
            "chemical",
        ),
        (r"barrel[- ]bombs?|explosive barrels?|barrels? bombs?", "barrel_bomb"),
        (
            r"suicide (?:bomb(?:er|ers|ing|ings)?|attacks?|car bombs?|attackers?|blasts?|vests?|belts?)|"
            r"blew (?:himself|herself|themselves) up|explosive (?:vest|belt)s?",
            "suicide_attack",
        ),
        (
            r"land ?mines?|mines? explod\w*|explosion of a mine|unexploded ordnance|cluster (?:bomblets|remnants)",
            "landmine",
        ),
        (
            r"air ?strikes?|air ?raids?|aerial (?:bombardments?|bombing|attacks?|bombs?)|warplanes?|war planes?|"
            r"fighter jets?|jets|aircraft|airplanes?|bombers|helicopters?|drones?|air ?force|aerospace forces?|raids|"
            r"planes|airstrike|bombing (?:campaign|raids?|runs?)|"
            # "the coalition's bombing", "US-led Coalitions Bombing of Raqqa" (the apostrophe lost)
            r"(?:coalition|russian|russia|regime|government|israeli|israel|american|u\.?s\.?|turkish|turkey|syrian)"
            r"(?:['’]?s)? bombing|"
            # bombs only aircraft drop: "a vacuum bomb attack aerially dropped by the regime"
            r"(?:vacuum|thermobaric|bunker[- ]buster|parachute) bombs?|aerially dropped",
            "airstrike",
        ),
        (
            r"missiles?|rockets?|rocket (?:shells|fire|attacks?)|grad|cruise missiles?|tomahawks?|"
            r"surface-to-surface|ballistic",
            "missile",
        ),
        (r"shell(?:ing|ed|s)|mortars?|artillery|tank (?:fire|shells)|bombardment|shelled", "shelling"),
        (
            r"car[- ]bombs?|booby[- ]trapped|improvised explosive|\bieds?\b|explosive devices?|bomb blast|"
            r"bombings?|blasts?|explosions?|explosives?|exploded|detonated|bomb",
            "bombing",
        ),
        (
            r"executed|executions?|beheaded|beheadings?|shot dead|summarily killed|firing squad|"
            r"slaughtered",
            "execution",
        ),
        (
            r"clashes|fighting(?! (?:to|both|alongside)\b)|battles?|gunfire|sniper|assault|(?:counter-)?offensive|"
            r"firefights?|ambush|attack on positions",
            "clashes",
        ),
        # Deaths the siege caused, not a siege named beside a toll ("the besieged town", "break the siege")
        (
            r"starvation|starved|malnutrition|(?:because of|due to|caused by|as a result of|died of|died from)\s+"
            r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:siege|blockade|shortages?|hunger|lack of (?:food|medicine|medical care))",
            "siege",
        ),
    ]
)

TARGET_PATTERNS = _compile(
    [
        (
            # not a hospital that only receives the wounded or speaks for them, nor one near the strike
            # (the checks stand after the word, so that the search still skips ahead to "hospital")
            r"hospital(?<!\bto hospital)(?<!\bto a hospital)(?<!\bto the hospital)(?<!\bin hospital)"
            r"(?<!\bdirector of a hospital)(?<!\bdirector of the hospital)(?<!\bnear hospital)"
            r"(?<!\bnear a hospital)(?<!\bnear the hospital)s?(?! (?:sources?|officials?|director|staff|doctors?|"
            r"said|says|told))|"
            r"clinics?|medical (?:centre|center|facility|point)|health (?:centre|center)|field hospital",
            "hospital",
        ),
        (r"schools?|kindergartens?|universit(?:y|ies)|college", "school"),
        (r"markets?|marketplace|souk|bazaar|shopping", "market"),
        (r"mosques?|church(?:es)?", "mosque"),
        (
            r"(?:refugee|displaced|idp|displacement|tent) camps?|camps? (?:for|of) (?:the )?displaced|"
            r"camps? that (?:embraces|houses|shelters)|a camp|the camp",
            "camp",
        ),
        (r"prisons?|jail|detention (?:centre|center|facility)", "prison"),
        (r"bakery|bakeries|bread queue|bread line", "bakery"),
        (
            # a car bomb or a booby-trapped vehicle is the weapon, not the struck site
            r"convoys?|bus(?:es)?|(?<!trapped )(?<!laden )vehicles?|(?<!trapped )(?<!laden )cars?(?![- ]?bombs?)|"
            r"(?<!trapped )(?<!laden )trucks?(?![- ]?bombs?)|(?<!trapped )(?<!laden )lorr(?:y|ies)|minibus",
            "convoy",
        ),
        (
            r"(?:military |air ?)bases?|airports?|air ?base|checkpoints?|military positions?|barracks|"
            r"headquarters|military airport|airfield",
            "military",
        ),
        (
            r"homes?|houses?|residential|neighbou?rhoods|neighbou?rhood(?!\s+(?:of\b|(?-i:[A-Z])))|"
            r"(?:civilian|populated|inhabited) areas?|buildings?|"
            r"apartments?|dwellings?|civilian homes|"
            # "air raids hit rebel-held districts": the parts of a city where people live under one side
            r"(?:rebel|opposition|government|regime|insurgent)[- ](?:held|controlled|run) (?:districts?|neighbou?rhoods?|parts)",
            "residential",
        ),
        (
            r"police (?:stations?|headquarters|building)|factor(?:y|ies)|oil (?:fields?|wells?|facilit(?:y|ies))|"
            r"(?:power|water|gas|petrol) (?:stations?|plants?)|wedding|funeral|crowds?",
            "other",
        ),
    ]
)

RESPONSE_PATTERNS = _compile(
    [
        (
            r"(?:launch|open|conduct|begin|start)(?:ed|s|ing)? (?:an? )?(?:\w+ )?(?:investigation|inquiry|probe)|"
            r"(?:is|are|was|were|be) investigating|(?:will|would|to) investigate|(?:is|are|was) looking into|"
            r"promise[sd]? to investigate|assess(?:ing|es)? (?:the )?(?:reports?|allegations?|claims?)|"
            r"credibility assessment",
            "investigating",
        ),
        (
            r"denie[sd]|deny|denying|rejected (?:the )?(?:claims?|reports?|accusations?)|"
            r"dismissed (?:the )?(?:claims?|reports?|accusations?)|(?:false|fabricated|baseless) (?:claims?|reports?)|"
            r"not (?:involved|responsible)",
            "denied",
        ),
        (
            r"claimed responsibility|admitt?(?:ed|s)|acknowledged|took responsibility|confirmed (?:it )?(?:carried out|"
            r"conducted)|claims? of responsibility",
            "admitted",
        ),
    ]
)

# Who a figure is attributed to: (pattern, canonical label). First match near the figure wins.
SOURCE_PATTERNS = _compile(
    [
        (
            r"syrian observatory(?: for human rights)?|the observatory|\bsohr\b|britain-based monitor|"
            r"(?:a |the )?(?:war )?monitor(?:ing group)?",
            "SOHR",
        ),
        (r"\bsana\b|syrian arab news agency|state news agency", "SANA"),
        (
            r"state (?:media|television|tv)|syrian (?:state )?(?:tv|television|media)|official media",
            "state media",
        ),
        (r"civil defen[cs]e|white helmets", "civil defense"),
        (r"local (?:sources|activists|reports|residents|officials|media)", "local sources"),
        (r"activists?", "activists"),
        (
            r"medical (?:sources|officials)|doctors?|medics|hospital (?:sources|officials|director)",
            "medical sources",
        ),
        (r"military sources?|army (?:source|statement)|military (?:statement|spokesman)", "military source"),
        (r"police command|police", "police"),
        (r"residents|witnesses|eyewitnesses", "residents"),
        (r"rescuers|rescue workers", "rescuers"),
        # "WHO" only in capitals: "who" is one of the commonest words of any report.
        (r"united nations|\bun\b|unicef|(?-i:\bWHO\b)|world health organization|ocha", "UN"),
        (r"amnesty(?: international)?|human rights watch|\bhrw\b", "human rights groups"),
        (r"(?:the )?coalition(?: said| statement| spokesperson| spokesman)", "the coalition"),
        (r"(?:russian )?(?:ministry of defen[cs]e|defen[cs]e ministry)", "defence ministry"),
        (r"anadolu(?: agency)?|\baa\b", "Anadolu Agency"),
    ]
)

# Words that attribute ("X said", "according to X", "X told", "X reported").
ATTRIBUTION_CUE = re.compile(
    r"\b(?:said|says|told|reported|reports|according to|cited|quoted|claimed|stated|announced|documented|"
    r"confirmed)\b",
    re.I,
)

# Casualty nouns after a number: category of the people counted.
PERSON_NOUNS: dict[str, str] = {}
for _cat, _words in {
    "civilians": "civilians civilian citizens residents inhabitants villagers displaced refugees worshippers "
    "passengers shoppers students pupils",
    "children": "children child kids kid boys boy girls girl infants infant babies baby minors toddlers",
    "women": "women woman mothers",
    "combatants": "fighters fighter soldiers soldier militants militant troops terrorists terrorist gunmen "
    "rebels rebel jihadists jihadist servicemen militiamen recruits insurgents mercenaries conscripts "
    "troopers attackers assailants islamists guards extremists comrades",
    "total": "people persons person individuals victims others men man members bodies martyrs lives "
    "dead killed casualties family relatives workers medics volunteers doctors nurses journalists staff "
    "employees paramedics rescuers nurse medic paramedic journalist rescuer teachers teacher patients crewmen",
}.items():
    for _w in _words.split():
        PERSON_NOUNS[_w] = _cat

# Words that may stand between a number and its casualty noun ("30 regime soldiers", "20 Syrian civilians").
NOUN_MODIFIERS = set(
    [
        "more",
        "other",
        "syrian",
        "regime",
        "rebel",
        "government",
        "pro-government",
        "opposition",
        "kurdish",
        "turkish",
        "russian",
        "iranian",
        "isis",
        "isil",
        "is",
        "pro-regime",
        "us-backed",
        "hezbollah",
        "daesh",
        "nusra",
        "al-nusra",
        "islamic",
        "state",
        "of",
        "the",
        "their",
        "civilians'",
        "civilian",
        "citizen",
        "innocent",
        "unarmed",
        "local",
        "army",
        "armed",
        "sdf",
        "ypg",
        "fsa",
        "and",
        "militia",
        "loyalist",
        "iraqi",
        "afghan",
        "lebanese",
        "foreign",
        "young",
        "elderly",
        "old",
        "different",
        "whole",
        "same",
        "including",
        "among",
        "them",
        # beside a casualty noun in reports ("12 Islamist fighters", "five rescue workers")
        "islamist",
        "jihadist",
        "extremist",
        "takfiri",
        "terror",
        "group",
        "front",
        "al-qaeda",
        "qaeda",
        "al-sham",
        "ahrar",
        "jabhat",
        "hts",
        "al-qaeda-linked",
        "pro-assad",
        "sunni",
        "shiite",
        "alawite",
        "christian",
        "rescue",
        "medical",
        "aid",
        "emergency",
        "alleged",
        "besieged",
        "fleeing",
    ]
)

KILLED = (
    r"killed|dead|died|martyred|martyrs|slain|perished|lost their lives|massacred|executed|beheaded|"
    r"decapitated|deaths|eliminated"
)
INJURED = r"injured|wounded|hurt|injuries|wounds|suffocation|suffocating|suffocated"
KILLED_CUE_AFTER = re.compile(rf"^(?:[\w'’,-]+\s+){{0,6}}?(?:{KILLED})\b", re.I)
# Lumped figures: "killed and injured", "martyred or wounded", "casualties".
# "Nusra Terrorists Killed, Injured" (a headline; FA-KES drops the comma) too, but not "12 dead, wounded
# dozens": a count after the second word is its own.
COUNT_AFTER = rf"\s+(?:\d|(?:dozens|scores|hundreds|several|many|others|more|{NUMBER_WORD})\b)"
LUMPED = re.compile(
    rf"\b(?:{KILLED})(?:\s+(?:and|or|&)|,)?\s+(?:{INJURED})\b(?!{COUNT_AFTER})|\bcasualties\b", re.I
)
KILLED_RE = re.compile(rf"\b(?:{KILLED})\b", re.I)
INJURED_RE = re.compile(rf"\b(?:{INJURED})\b", re.I)
# Cues before a number: "killing 12", "claimed the lives of 12", "death toll rose to 12", "wounding 5".
KILLED_BEFORE = re.compile(
    r"\b(?:killing|killed|kill|kills|claimed the lives of|claiming the lives of|took the lives of|left|leaving|"
    r"death toll(?: [\w-]+){0,8}? (?:to|at|of|surpass(?:es|ed)|reach(?:es|ed)|exceed(?:s|ed)|hit|was|is|stood at|"
    r"stands at)|toll (?:\w+ ){0,3}(?:to|at|of)|bodies of|deaths of|death of|"
    r"executed|executing|beheaded|beheading|decapitated|massacred|slaughtered|slaughter|martyring|crucified|killing of|"
    r"eliminated|eliminating|elimination of)\s*$",
    re.I,
)
# "The death toll in a car bomb attack on buses carrying evacuees has risen to 112": the subject
# is far from the number, so this cue is searched in a longer stretch before it.
TOLL_BEFORE = re.compile(
    r"\b(?:death|casualty) toll\b[^.;:]{0,170}?\b(?:(?:has |had )?(?:risen|rose|rises|climbed|climbs|jumped|"
    r"increased|reached|reaches|stands|stood|hit|hits|surpass(?:es|ed)?|exceed(?:s|ed)?|tops|topped) (?:to |at )?|"
    r"(?:is|was|has been|had been) (?:put|estimated|set|placed) at |(?:is|was|now) (?:at )?)$|"
    # "raised the death toll from airstrikes on a market ... the previous day to 61"
    r"\b(?:raised|raises|raising|revised|updated|put|puts|putting|brought|bringing|pushed|pushing) "
    r"(?:the|its|their|a) (?:[\w-]+ ){0,2}?(?:death |casualty )?toll\b[^.;:]{0,170}?\b(?:to|at) $",
    re.I,
)
INJURED_BEFORE = re.compile(
    r"\b(?:wounding|injuring|wounded|injured|injure|wound|hurting|(?:injury|injuries|injuring|wounding) of|"
    r"number of (?:the )?(?:injured|wounded|injuries)(?: \w+){0,3}? (?:at|to|reached|was|is))\s*$",
    re.I,
)
LUMPED_BEFORE = re.compile(
    r"\b(?:killing (?:or|and) (?:wounding|injuring)(?: of)?|killed (?:or|and) (?:wounded|injured)|"
    r"casualties of|casualty toll (?:\w+ ){0,3}(?:to|at|of))\s*$",
    re.I,
)
# A cheap test that a sentence may carry a casualty figure at all.
CASUALTY_WORD = re.compile(
    r"kill|dead|death|die[ds]|martyr|slain|perish|lives|massacr|execut|behead|decapitat|slaughter|injur|wound|"
    r"hurt|casualt|toll|suffocat|eliminat",
    re.I,
)
# Markers that the figures are not one incident: aggregates over time.
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
AGGREGATE_CUE = re.compile(
    # "the bombing killed hundreds in late September and early October": a toll over weeks
    rf"\b(?:(?:late|early|mid)[- ]?{_MONTH} (?:and|to|through|until) (?:(?:late|early|mid)[- ]?)?{_MONTH}|"
    rf"(?:from|between) (?:(?:late|early|mid)[- ]?)?{_MONTH} (?:and|to|through|until) (?:(?:late|early|mid)[- ]?)?{_MONTH}|"
    rf"since (?:{_MONTH}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.? \d{{1,2}}(?:st|nd|rd|th)?\b|"
    rf"since (?:(?:early|late|mid)[- ]?)?{_MONTH}\b(?! (?:19|20)\d\d)|"
    r"since (?:19|20)\d\d|since (?:the )?[\w-]+(?: [\w-]+){0,8} (?:began|started|launched)\b|since the (?:start|beginning|outbreak)|since (?:the )?(?:war|conflict|"
    r"uprising|crisis)|so far|to date|in total|in all|overall|over the (?:past|last)(?! 24 hours)|during the (?:past|last)(?! 24 hours)|"
    r"in the (?:past|last) (?:\w+ )?(?:years?|months?|weeks?|days)|"
    # "a month of infighting has killed nearly 300" (but "two days of clashes" can be one battle)
    r"(?:a|one|two|three|four|five|six|several|\d+) (?:weeks?|months?|years?) of (?:\w+ )?(?:fighting|infighting|"
    r"clashes|bombing|bombardment|shelling|air ?strikes|raids|war|conflict|siege|violence)|(?:in|over) recent (?:days|weeks|months)|in (?:one|a single) (?:week|month|year)\b|this year|last year|per (?:day|month)|"
    r"daily basis|every day|each day|(?:in|during|by) (?:the|this|its|their|a) (?:[\w-]+ ){0,3}(?-i:campaign)|"
    r"(?-i:campaign) (?:has|have|had)|war has|conflict has|the war|the conflict|total of|"
    r"(?:killed|died|deaths?) (?:in|during) the (?:syrian |civil |\w+-year-old )?(?:war|conflict)(?!-)|"
    r"tally|death toll in syria|(?:monthly|annual|weekly) (?:toll|report)|"
    r"-year(?:-old|-long)? (?:civil )?(?:war|conflict)|(?:war|conflict) (?:which|that) has)\b",
    re.I,
)
# "25 civilians were killed in Aleppo city during the past 24 hours": a day's toll, an incident where
# the sentence names the town or city (AGGREGATE_CUE leaves it out), a round-up where it does not.
PAST_DAY = re.compile(r"\b(?:over|during|in) the (?:past|last) 24 hours\b", re.I)
# "between 21 and 26 of September", "from March 3 to March 9": a toll over several days. Apart from
# AGGREGATE_CUE: its words ("from", "between") are in most sentences, and a long pattern tried at every
# position of them costs more than this short one.
SPAN_OF_DAYS = re.compile(
    rf"\b(?:from|between) (?:(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:and|to|through|until) (?:the )?\d{{1,2}}"
    rf"(?:st|nd|rd|th)? (?:of )?{_MONTH}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)? (?:and|to|through|until) "
    rf"(?:{_MONTH} )?\d{{1,2}}\b)",
    re.I,
)
# "136 children have been killed in coalition air strikes since September 2014": a tally from a month
# of a year. Apart from AGGREGATE_CUE's "since <month>", which leaves a year after the month out: "a
# city divided since July 2012" says nothing of the toll beside it.
TOLL_SINCE_A_MONTH = re.compile(
    rf"\b(?:killed|died|dead|deaths?)\b(?:(?!\b(?:that|which|who|where|been|is|was|were|divided|held|controlled|besieged)\b)[^.;,]){{0,60}}? "
    rf"since (?:(?:early|late|mid)[- ])?{_MONTH} (?:19|20)\d\d\b",
    re.I,
)
# Markers that a sentence reports a different incident from the one before.
SEPARATE_CUE = re.compile(
    # but "another 100 people were wounded": more casualties of the incident just told
    r"\b(?:another(?! (?:[\d,]+|two|three|four|five|six|seven|eight|nine|ten|dozens|several|scores|hundreds)"
    r"(?: \w+)? (?:were|was|have been|had been) (?:wounded|injured|hurt)\b)"
    # but "another activist group said ...", "there was another man in the car": no other event
    r"(?<!there was another)(?<!there were another)"
    r"(?! (?:source|official|activist|resident|witness|monitor|monitoring|group|member|reporter|statement|report|"
    r"account)\b)|similar|separate(?:ly)?|elsewhere|also (?:killed|hit|struck|targeted)|"
    # but "earlier on Wednesday a source said that ...": when a toll was given, not another incident
    r"earlier(?!(?: (?:on|in|this|today|that)(?: \w+)?)?,? (?:[\w'-]+ ){0,8}?(?:said|reported|told|announced|stated)\b)|"
    r"previous|"
    r"in a separate|meanwhile|in another|a day earlier|a day before|the day before|"
    r"(?:the )?(?:last|latest previous) (?:attack|bombing|blast|strike|explosion)s? on)\b",
    re.I,
)
# A revised toll for the incident just reported, not a new incident.
TOLL_UPDATE_CUE = re.compile(
    r"\b(?:earlier (?:gave|reported|put|said)|updat(?:ed|ing)|revised|(?:has |had )?(?:risen|rose|climbed) to|"
    r"toll (?:rose|climbed|jumped|increased)|new toll|latest toll|may rise|likely to rise|expected to rise)\b",
    re.I,
)
# "updating a previous toll of 112", "The previous death toll was 20": a figure the report has replaced.
SUPERSEDED_TOLL = re.compile(r"\b(?:previous|earlier|former) (?:death |casualty )?toll\b", re.I)
# "No casualties were reported": a figure of zero.
NO_CASUALTIES = re.compile(
    r"\bno (?:casualties|deaths|injuries|one was (?:killed|hurt|injured))\b|\bwithout (?:causing )?(?:any )?casualties\b",
    re.I,
)
# Words that say an event happened (for sentences that give no figure).
EVENT_CUE = re.compile(
    r"\b(?:struck|strikes?|targeted|targeting|bombed|bombing|shelled|shelling|hit|attack(?:ed|s)?|raids?|"
    r"massacre|explo(?:ded|sion)|blast|air ?strikes?|fired|launched)\b",
    re.I,
)

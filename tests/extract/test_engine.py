"""Whole-article extraction on short reports written for these tests."""

from datetime import date

import pytest

from civcas.extract import extract_claims
from civcas.models import Article


def article(text: str, published: date | None = date(2018, 12, 6)) -> Article:
    return Article(id="t", title=text.splitlines()[0], text=text, published=published)


REPORT = """Coalition strikes kill 25 civilians in Hajin
Thursday 06 December 2018
U.S.-led coalition warplanes bombed the town of Hajin in Deir ez-Zor province on Wednesday, killing 25 civilians and injuring dozens, local sources said.
The strikes hit the town's main hospital.
Similar airstrikes killed three children and four women in Hajin on Tuesday.
More than 20 people were also killed in separate raids on the village of al-Susah.
The coalition's 2017 assault on Raqqa killed hundreds of civilians.
"""


def test_main_related_and_background_incidents():
    claims = extract_claims(article(REPORT))
    roles = [(c.role, c.place.name if c.place else None, c.date) for c in claims]
    assert roles == [
        ("main", "Hajin", date(2018, 12, 5)),
        ("related", "Hajin", date(2018, 12, 4)),
        ("related", "al-Susah", None),
        ("background", "Raqqa", date(2017, 1, 1)),
    ]


def test_fields_of_the_main_incident_with_evidence():
    text = REPORT
    main = extract_claims(article(text))[0]
    assert (main.actor, main.weapon, main.target, main.governorate) == (
        "us_led_coalition",
        "airstrike",
        "hospital",
        "Deir ez-Zor",
    )
    assert main.figure("killed.civilians") == 25
    assert main.figure("killed.total") == 25
    assert main.figures["injured.total"].approx and main.figure("injured.total") == 24
    assert main.claimed_by == "local sources"
    for name, span in main.evidence.items():
        assert text[span.start : span.end] == span.text, name
    assert text[main.evidence["killed.civilians"].start :].startswith("25 civilians")


def test_related_incident_inherits_the_perpetrator():
    related = extract_claims(article(REPORT))[1]
    assert related.actor == "us_led_coalition"
    assert (
        related.figure("killed.children"),
        related.figure("killed.women"),
        related.figure("killed.total"),
    ) == (3, 4, 7)


def test_denial_is_the_belligerent_response():
    text = (
        "Russian jets kill 11 in Idlib market\nRussian warplanes struck a market in Saraqib on Monday, "
        "killing 11 civilians, activists said.\nThe Russian defence ministry denied that its aircraft "
        "had carried out any strikes in the area."
    )
    claims = extract_claims(article(text))
    assert claims[0].actor == "russia"
    assert claims[0].target == "market"
    assert claims[0].belligerent_response == "denied"


def test_passive_voice_barrel_bombs_imply_the_government():
    text = "Eight civilians were killed in barrel bombs dropped on the town of Daraya on Sunday."
    claim = extract_claims(article(text))[0]
    assert (claim.actor, claim.weapon, claim.figure("killed.civilians")) == (
        "syrian_government",
        "barrel_bomb",
        8,
    )


def test_unclaimed_car_bomb_has_unknown_actor():
    text = "A car bomb exploded near a checkpoint in Azaz on Friday, killing seven people."
    claim = extract_claims(article(text))[0]
    assert (claim.actor, claim.weapon, claim.figure("killed.total")) == ("unknown", "bombing", 7)


@pytest.mark.parametrize(
    ("blamed_on", "actor"),
    [("rebels fighting to overthrow President Bashar al-Assad", "opposition"), ("terrorists", "unknown")],
)
def test_a_blast_blamed_on_a_group_has_that_actor_but_terrorists_alone_name_none(blamed_on, actor):
    text = (
        "A car bomb killed at least 34 people on Friday in a government-controlled village in the province "
        "of Hama, state news agency SANA reported. More than 50 people were wounded in the attack in "
        f"Al-Horra, which was blamed on {blamed_on}."
    )
    (claim,) = extract_claims(article(text, published=date(2014, 6, 20)))
    # "fighting to overthrow" tells who the rebels are, not that the weapon was ground fighting
    assert (claim.actor, claim.weapon, claim.place.name) == (actor, "bombing", "Al-Horra")
    assert (claim.figure("killed.total"), claim.figure("injured.total")) == (34, 50)


def test_the_site_of_the_incident_named_later_dates_it_too():
    text = (
        "Airstrikes on a clinic in Aleppo killed two patients and injured eight others, the charity said.\n"
        "The charity condemned the attack.\n"
        '"Two patients killed and eight injured due to four bombs dropped from a helicopter on our medical '
        'facility" the charity said.\n'
        # past the lead, and "the bombing" is no air strike: the sentence names the site, and its day
        "The health centre in al-Sakhoor area went out of service as a result of the bombing on Saturday."
    )
    (claim,) = extract_claims(article(text, published=date(2016, 10, 3)))
    assert (claim.place.name, claim.date) == ("al-Sakhoor", date(2016, 10, 1))


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes hit Hasakeh, which is mostly controlled by the Syrian Kurdish YPG, killing 12 people.",
        "Shelling of rebel bastion near Syria capital kills 12. Air strikes killed 12 civilians in Douma.",
    ],
)
def test_the_group_that_holds_the_place_is_not_the_perpetrator(text):
    (claim,) = extract_claims(article(text))
    assert (claim.actor, claim.figure("killed.total")) == (None, 12)


def test_two_tolls_each_in_its_neighbourhood_named_before_are_two_incidents():
    text = (
        "Barrel bombs hit the Xarbouti neighbourhood of Aleppo on Sunday.\n"
        "The monitor said nine civilians were killed in Xarbouti and two others - including a child - died "
        "in the Mayssar neighbourhood of the city."
    )
    found = [
        (c.place.name, c.figure("killed.civilians"), c.figure("killed.children"))
        for c in extract_claims(article(text))
    ]
    assert found == [("Xarbouti neighbourhood", 9, None), ("Mayssar", 2, 1)]


def test_the_town_a_lead_leaves_unnamed_is_the_one_the_next_sentence_names():
    text = (
        "Barrel bombs dropped from government helicopters on Thursday killed at least 11 civilians in raids "
        "on a jihadist-held northern town, a monitoring group said.\n"
        "The crude weapons were used on Al-Bab, which lies in the northern province of Aleppo.\n"
        "Since Saturday at least 68 civilians have been killed in aerial attacks on the town."
    )
    main, since_saturday = extract_claims(article(text, published=date(2015, 7, 17)))
    assert (main.place.name, main.figure("killed.civilians")) == ("Al-Bab", 11)
    # "the town" is the town named last, not the seat named for its province
    assert (since_saturday.place.name, since_saturday.figure("killed.civilians")) == ("Al-Bab", 68)


def test_another_count_of_wounded_adds_to_the_incident_just_told():
    text = (
        "Two car bombs killed at least 25 people in a government-held neighbourhood of Homs on Wednesday, "
        "state media said. Another 100 people were wounded in the blasts.\n"
        "Another 12 people were killed in shelling on Rastan."
    )
    first, second = extract_claims(article(text, published=date(2014, 4, 9)))
    assert (first.figure("killed.total"), first.figure("injured.total")) == (25, 100)
    assert (second.place.name, second.figure("killed.total")) == ("Rastan", 12)


def test_aggregates_are_not_incidents():
    text = (
        "More than 230,000 people have been killed since the start of the war in 2011.\n"
        "The monitor said 5,812 civilians were killed in the past year."
    )
    assert extract_claims(article(text)) == []


def test_a_toll_over_recent_days_is_an_aggregate_not_part_of_the_incident():
    text = (
        "Air strikes killed 12 people in the town of Kafr Nabl on Saturday, a monitor said. "
        "Dozens of civilians have been killed in the offensive in recent days."
    )
    (c,) = extract_claims(article(text))
    assert (c.figure("killed.total"), c.figure("killed.civilians")) == (12, None)


def test_a_toll_over_weeks_of_fighting_is_an_aggregate():
    text = (
        "Rebel infighting in the east has killed nearly 300 fighters in Mayadin after a month of fighting.\n"
        "Two days of clashes near Nawa in Daraa killed 45 fighters on Thursday and Friday."
    )
    (c,) = extract_claims(article(text))
    assert (c.place.name, c.figure("killed.combatants")) == ("Nawa", 45)


def test_a_toll_over_the_past_few_days_is_an_aggregate():
    text = (
        "The group has crucified two people and executed 23 others in the past five days, a monitor said.\n"
        "In the town of Mayadin the militants beheaded two men on Sunday."
    )
    (c,) = extract_claims(article(text))
    assert (c.place.name, c.figure("killed.total")) == ("Mayadin", 2)


def test_militants_left_dead_are_the_victims_not_the_attackers():
    text = "A Daesh counterattack on Syrian regime forces near Tabqa on Monday left 28 militants dead a monitor said."
    (c,) = extract_claims(article(text))
    assert (c.actor, c.figure("killed.combatants")) == ("isis", 28)


def test_the_ends_of_a_road_are_not_places_of_the_toll():
    # a photo caption without a full stop runs into the report's first sentence
    text = (
        "Rebels took a checkpoint on a highway that connects Aleppo to Latakia (Reuters) Two people were killed "
        "and 15 injured as regime forces attacked the village of Avanl in the northwestern Latakia province."
    )
    (c,) = extract_claims(article(text))
    assert (c.figure("killed.total"), c.figure("injured.total"), c.governorate) == (2, 15, "Latakia")


def test_a_place_in_the_keyword_list_gives_way_to_the_place_the_body_names():
    text = (
        "More than 19 civilians were killed in Eastern Ghouta on Sunday, a monitor said. "
        "Tags Syria Assad Russia Eastern Ghouta Douma airstrikes More than 19 civilians were killed in Eastern "
        "Ghouta on Sunday as the regime stepped up its campaign."
    )
    (c,) = extract_claims(article(text))
    assert (c.place.name, c.figure("killed.civilians")) == ("Eastern Ghouta", 19)


def test_a_place_only_the_keyword_list_names_still_places_the_incident():
    text = (
        "Tags MSF Syria Idlib Russia A hospital funded by MSF in a rebel-held province of northern Syria was "
        "destroyed by airstrikes that killed 13 people on Saturday."
    )
    (c,) = extract_claims(article(text))
    assert (c.place.name, c.figure("killed.total")) == ("Idlib", 13)


def test_friday_night_and_overnight_reported_on_saturday_are_one_night():
    text = (
        "State media says 30 people have been killed in rocket fire overnight in the Furqan neighbourhood of "
        "Aleppo. The agency says rebel groups targeted residential neighbourhoods of the city with rocket fire "
        "on Friday night."
    )
    (c,) = extract_claims(article(text, published=date(2016, 7, 9)))  # a Saturday
    assert (c.figure("killed.total"), c.actor) == (30, "opposition")


def test_where_the_victims_were_pulled_from_the_rubble_is_the_place_of_the_strike():
    text = (
        "Air strikes killed 25 children on Saturday in a densely populated town in eastern Syria, the agency said. "
        "Rescuers said the bodies were pulled from the rubble in the town of al-Quria. "
        "The agency called on all parties to spare civilians."
    )
    (c,) = extract_claims(article(text))
    assert (c.figure("killed.children"), c.place.name) == (25, "al-Quria")


def test_a_vague_count_in_the_lead_and_a_precise_count_of_its_order_are_one_incident():
    text = (
        "Dozens of civilians have been killed after Russian airstrikes targeted a busy market in rebel-held Idlib.\n"
        "Activists say airstrikes have hit a market and other targets in the city of Idlib, killing at least 12 people.\n"
        "A monitor says at least 12 people were killed when several airstrikes struck the city on Sunday.\n"
        "Separately, three people were killed in shelling on the town of Saraqeb on Sunday."
    )
    claims = extract_claims(article(text, date(2016, 6, 12)))
    assert [(c.role, c.place.name, c.date, c.figure("killed.total")) for c in claims] == [
        ("main", "Idlib", date(2016, 6, 12), 24),
        ("related", "Saraqeb", date(2016, 6, 12), 3),
    ]


def test_where_the_fighting_took_place_is_the_place_of_the_clashes_just_counted():
    text = (
        "At least 30 militants were killed in clashes with Kurdish troops in northeastern Syria on Thursday.\n"
        "The fighting pitted the militants against Kurdish fighters in the village of Qassiab in Hasakeh "
        "province, a monitor said.\n"
    )
    (c,) = extract_claims(article(text, date(2014, 12, 25)))
    assert (c.figure("killed.total"), c.place.name, c.weapon) == (30, "Qassiab", "clashes")


def test_distant_death_toll_subject_and_origin_towns():
    text = (
        "Toll rises in convoy bombing\n"
        "The death toll in a car bomb attack on buses carrying people evacuated from the besieged towns of "
        "Fuaa and Kafraya has risen to at least 112, a monitor said on Sunday. The blast hit the buses at a "
        "transit point in Rashidin west of Aleppo on Saturday."
    )
    (c,) = extract_claims(article(text, date(2017, 4, 16)))
    assert c.figure("killed.total") == 112
    assert c.place.name == "Rashidin" and c.date == date(2017, 4, 15)


def test_the_dead_from_villages_named_in_their_province_are_counted_where_they_died():
    text = (
        "A suicide car bomb hit buses carrying evacuees at a transit point in Rashidin west of Aleppo on "
        "Saturday, killing 126 people. The dead included 109 evacuees, 13 of whom were women, from the "
        "villages of Foua and Kefraya in the north-western province of Idlib, a monitor said."
    )
    (c,) = extract_claims(article(text, date(2017, 4, 16)))
    assert (c.place.name, c.figure("killed.total"), c.figure("killed.women")) == ("Rashidin", 126, 13)


def test_a_toll_of_soldiers_killed_in_the_war_is_an_aggregate():
    text = "The Monday downing brought the toll for Russian soldiers killed in the Syrian conflict to 18."
    assert extract_claims(article(text, date(2016, 8, 2))) == []


def test_a_strike_recalled_days_earlier_gets_its_own_claim_and_date():
    text = (
        "Medics killed in strike on Khan Tuman clinic\n"
        "Jets bombed a clinic in the town of Khan Tuman on Wednesday, killing 15 medics. "
        "The attack comes two days after jets hit an aid convoy near the town of Urum al-Kubra. "
        "The attack left 12 people killed including aid workers."
    )
    main, recalled = extract_claims(article(text, date(2016, 9, 21)))
    assert (main.place.name, main.date, main.figure("killed.total")) == ("Khan Tuman", date(2016, 9, 21), 15)
    assert recalled.place.name == "Urum al-Kubra" and recalled.date == date(2016, 9, 19)
    assert recalled.figure("killed.total") == 12


def test_possessive_weekday_without_apostrophe_and_lower_case_is():
    text = (
        "Convoy attack toll\n"
        "Saturdays convoy attack near Aleppo killed 126 people, the monitor said. There is no doubt it was a bombing."
    )
    (c,) = extract_claims(article(text, date(2017, 4, 19)))
    assert c.date == date(2017, 4, 15) and c.figure("killed.total") == 126
    assert c.actor != "isis"


def test_a_toll_broken_down_by_neighbourhood_gives_one_incident_per_place():
    text = (
        "Regime raids kill 30 in Aleppo\n"
        "At least 30 civilians were killed in regime airstrikes on Aleppo on Monday, including 12 in the "
        "neighbourhood of al-Ansari, 10 in Bustan al-Qasr and 4 in each of al-Marjeh and al-Izaa.\n"
    )
    claims = extract_claims(article(text, published=date(2016, 11, 22)))
    by_place = {c.place.name: c.figures["killed.total"].value for c in claims}
    assert by_place == {"al-Ansari": 12, "Bustan al-Qasr": 10, "al-Marjeh": 4, "al-Izaa": 4}
    assert {(c.actor, c.weapon, c.date) for c in claims} == {
        ("syrian_government", "airstrike", date(2016, 11, 21))
    }
    assert all(c.figures["killed.civilians"].value == c.figures["killed.total"].value for c in claims)


def test_a_breakdown_by_victim_is_not_a_breakdown_by_place():
    text = "Shelling on Douma killed 20 people on Monday, including 9 children and 4 women in the market.\n"
    (claim,) = extract_claims(article(text, published=date(2016, 11, 22)))
    assert claim.figures["killed.total"].value == 20 and claim.figures["killed.children"].value == 9


def test_one_toll_spread_over_several_governorates_is_a_round_up_not_an_incident():
    text = (
        "Car bomb kills 8 in Jableh\n"
        "A car bomb killed 8 civilians in the coastal town of Jableh in Latakia province on Sunday.\n"
        "Attacks in Hama, Homs and Idlib killed 14 people on the same day, state media said.\n"
    )
    claims = extract_claims(article(text, published=date(2018, 3, 5)))
    tolls = [(c.place.name if c.place else None, c.figures["killed.total"].value) for c in claims]
    assert tolls == [("Jableh", 8)]


def test_a_toll_in_one_governorate_with_its_province_named_is_still_an_incident():
    text = (
        "Shelling killed 14 people in the town of Kafr Nabl in Idlib province on Sunday, state media said.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2018, 3, 5)))
    assert (claim.place.name, claim.figures["killed.total"].value) == ("Kafr Nabl", 14)


def test_a_later_sentence_telling_how_the_attack_was_done_refines_the_weapon():
    text = (
        "Blast kills 9 in Homs\n"
        "An explosion killed 9 people in the Akrama district of Homs on Monday. "
        "Police said the attack had been carried out by two suicide bombers wearing explosive belts.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2018, 3, 6)))
    assert (claim.weapon, claim.figures["killed.total"].value) == ("suicide_attack", 9)


def test_an_undecided_account_of_the_blast_does_not_refine_the_weapon():
    text = (
        "Blast kills 9 in Homs\n"
        "An explosion killed 9 people in the Akrama district of Homs on Monday. "
        "Officials did not say whether the blast was a landmine or a planted bomb.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2018, 3, 6)))
    assert claim.weapon == "bombing"


def test_in_the_city_names_the_city_reported_before():
    text = (
        "Rockets hit Deir ez-Zor\n"
        "Rockets fired by ISIS killed three civilians in the city of Deir ez-Zor on Thursday. "
        "On Wednesday the Syria army had killed 28 militants in the city, a military source said.\n"
    )
    claims = extract_claims(article(text, published=date(2017, 5, 18)))
    army = next(c for c in claims if c.date == date(2017, 5, 17))
    assert (army.place.name, army.actor) == ("Deir ez-Zor", "syrian_government")
    assert army.figures["killed.combatants"].value == 28


def test_in_the_city_where_a_source_was_contacted_is_not_the_incident_place():
    text = (
        "Jets bomb Idlib\n"
        "Jets bombed the town of Saraqib on Sunday. "
        "At least three people were killed, according to an activist contacted in the city.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2016, 6, 6)))
    assert claim.place.name == "Saraqib"


def test_a_list_of_related_stories_after_the_report_is_not_read():
    text = (
        "Shelling kills 9 in Daraa\n"
        "Government shelling killed nine civilians in the town of Busra al-Harir in Daraa province on Friday, "
        "activists said. Residents said the shells hit a school.\n"
        "Source AA Related News Death toll rises to 70 as bombs rain down on Idlib Twin blasts kill 12 in Homs"
    )
    claims = extract_claims(article(text, published=date(2018, 6, 23)))
    assert [c.figures["killed.total"].value for c in claims] == [9]


def test_civilians_and_fighters_killed_together_add_up_to_the_total():
    text = "Rebels attacked a checkpoint in the town of Mhardeh on Sunday, killing six civilians and five militiamen.\n"
    (claim,) = extract_claims(article(text, published=date(2013, 8, 19)))
    assert claim.figures["killed.total"].value == 11
    assert (claim.figures["killed.civilians"].value, claim.figures["killed.combatants"].value) == (6, 5)


def test_beheaded_captives_are_victims_and_the_place_follows():
    text = (
        "ISIL terrorists beheaded eight Syrian militants who had surrendered, a monitor said on Monday. "
        "The Observatory said the men were executed in Albu Kamal in the eastern province of Deir Ezzor.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2014, 11, 3)))
    assert (claim.actor, claim.weapon, claim.place.name) == ("isis", "execution", "Albu Kamal")
    assert claim.figures["killed.total"].value == 8


def test_a_us_led_military_coalition_is_the_coalition():
    text = (
        "Airstrikes thought to be by planes from a U.S.-led military coalition killed 20 civilians in the town "
        "of al-Bukamal on Tuesday, a war monitor said.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2017, 4, 19)))
    assert claim.actor == "us_led_coalition"


def test_meanwhile_reports_another_incident_of_the_same_day():
    text = (
        "Shelling injures 11 in Damascus\n"
        "Seven people were injured on Monday when shells hit the Mazzeh neighbourhood of Damascus. "
        "Meanwhile four persons were injured when mortar rounds hit the town of Douma."
    )
    assert [c.date for c in extract_claims(article(text))] == [date(2018, 12, 3), date(2018, 12, 3)]
    older = text.replace("Meanwhile four", "Meanwhile, days after a bombing there, four")
    assert [c.date for c in extract_claims(article(older))] == [date(2018, 12, 3), None]


def test_a_vague_number_of_fighters_killed_are_victims_not_the_perpetrator():
    text = (
        "Warplanes struck several locations in the village of Haas on Wednesday, killing 22 people. "
        "State TV said a number of militants had been killed when their positions were targeted.\n"
    )
    claims = extract_claims(article(text, published=date(2016, 10, 27)))
    assert claims[0].actor != "opposition"


def test_counted_fighters_killed_are_victims_and_a_government_raid_names_the_government():
    text = (
        "American among 18 jihadists killed in Syria raid\n"
        "The death toll from a Syrian government raid on the village of Ghareebeh in Deir Ezzor province "
        "has risen to 18 jihadist fighters, a monitor said on Thursday.\n"
    )
    claims = extract_claims(article(text, published=date(2014, 9, 5)))
    assert claims[0].actor == "syrian_government"


def test_armed_forces_killing_over_200_fighters_are_the_actor():
    text = "The Syrian armed forces have killed over 200 terrorists in southwestern Aleppo since Thursday.\n"
    (claim,) = extract_claims(article(text, published=date(2016, 8, 13)))
    assert (claim.actor, claim.figures["killed.combatants"].value) == ("syrian_government", 200)


def test_an_army_that_killed_a_count_is_not_a_counted_victim():
    text = "Tue May 3 2016 Syrian Army Killed 175 ISIS Terrorists in Oil Field East of Homs.\n"
    (claim,) = extract_claims(article(text, published=date(2016, 5, 3)))
    assert claim.actor == "syrian_government"


def test_a_car_bomb_is_the_weapon_not_a_convoy_target():
    text = "Two car bombs killed at least 25 people in the Karam al-Luz neighbourhood of Homs on Wednesday.\n"
    (claim,) = extract_claims(article(text, published=date(2014, 4, 9)))
    assert (claim.weapon, claim.target) == ("bombing", None)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # "who" of a relative clause, nearer the figure than the source: no UN
        (
            "Shelling kills 6 in Douma\nSix civilians were killed in Douma on Monday, among them a man who "
            "sold bread, activists said.",
            "activists",
        ),
        (
            "Gas attack kills 70 in Khan Sheikhoun\nAt least 70 people were killed in the attack on "
            "Tuesday, WHO said in a statement.",
            "UN",
        ),
    ],
)
def test_who_is_the_world_health_organization_only_in_capitals(text, source):
    (claim,) = extract_claims(article(text))
    assert claim.claimed_by == source


def test_a_vague_lumped_figure_gives_way_to_the_dead_and_wounded_counted_apart():
    text = (
        "Shelling hits Aleppo\n"
        "Tens of civilians who tried to leave the besieged districts were killed and injured in mortar "
        "attacks on eastern Aleppo on Tuesday, state media said. At least 45 civilians were killed "
        "and 30 others were wounded in the mortar fire, the Hadas news agency reported.\n"
    )
    claims = extract_claims(article(text))
    assert len(claims) == 1
    figures = {path: fig.value for path, fig in claims[0].figures.items()}
    assert figures == {"killed.total": 45, "killed.civilians": 45, "injured.total": 30}


def test_a_lumped_figure_stays_when_the_dead_are_not_counted_apart():
    text = (
        "Shelling hits Aleppo\n"
        "Dozens of civilians were killed and injured in mortar attacks on eastern Aleppo on Tuesday, "
        "state media said.\n"
    )
    claims = extract_claims(article(text))
    assert [(c.figure("killed_or_injured.total"), c.figure("killed.total")) for c in claims] == [(24, None)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Rebels attacked a pro-regime militia checkpoint near Mhardeh on Sunday, killing six civilians.",
            "opposition",
        ),
        ("Gunmen stormed the Syrian army post near Mhardeh on Sunday, killing six civilians.", None),
        (
            "ISIS militants ambushed a government forces convoy near Palmyra on Sunday, killing six soldiers.",
            "isis",
        ),
        (
            "At least 22 people were killed in U.S. raids on IS positions in the town of Tabqa on Sunday.",
            "us_led_coalition",
        ),
        (
            "At least 22 people were killed in air strikes on the Islamic State group in Tabqa on Sunday.",
            None,
        ),
        (
            "ISIL militants fired rockets filled with toxic gas at Kurdish forces near Tel Brak on Sunday, "
            "killing two.",
            "isis",
        ),
        (
            "At least ten Syrian soldiers were killed on Tuesday in clashes with IS jihadists near Palmyra.",
            "isis",
        ),
        (
            "IS recaptured the gas fields near Palmyra on Sunday after killing at least 30 members of the regime "
            "troops.",
            "isis",
        ),
        (
            "Air strikes on Al-Shaara, a town held by the Islamic State (IS) group, killed 17 civilians on Monday.",
            None,
        ),
        (
            "A Syrian air strike on an IS training camp near Tibni killed 17 militants on Saturday.",
            "syrian_government",
        ),
        (
            "US-led strikes on IS positions near Raqqa killed more than 20 jihadists on Tuesday.",
            "us_led_coalition",
        ),
        (
            "At least 12 Islamist fighters were killed in clashes with Kurdish militants in Hasaka on Friday.",
            "sdf_ypg",
        ),
        (  # the accuser is not the actor; "al-Assads forces" as flattened reports write it
            "Opposition groups have accused President Bashar al-Assads forces of launching a chemical attack "
            "near Damascus on Wednesday and killing as many as 1300 people.",
            "syrian_government",
        ),
        (
            "Jihadist rebels blamed Russian warplanes for the attack on the market in Atareb, which killed "
            "61 people on Monday.",
            "russia",
        ),
        (
            "IS publicly executed nine men, eight of them rebels fighting both President Bashar al-Assads regime "
            "and the jihadists, in the town of al-Bab on Saturday.",
            "isis",
        ),
    ],
)
def test_the_party_attacked_is_not_the_perpetrator(text, actor):
    (claim,) = extract_claims(article(text, published=date(2013, 8, 19)))
    assert claim.actor == actor


def test_terrorists_of_a_named_group_are_that_group():
    text = "A person was injured in a rocket attack by the terrorists of Jabhat al-Nusra on Hadar village on Monday."
    (claim,) = extract_claims(article(text))
    assert claim.actor == "hts_nusra"


def test_where_a_speaker_gave_a_statement_is_not_the_incident_place():
    text = (
        "Gas attack near Damascus\n"
        "A gas attack on rebel-held suburbs of Damascus on Wednesday killed more than 130 people, activists said. "
        '"There was a chemical massacre near Damascus," the French foreign minister told reporters during a '
        "visit to the West Bank city of Ramallah.\n"
    )
    places = [
        c.place.name if c.place else None for c in extract_claims(article(text, published=date(2013, 8, 24)))
    ]
    assert places and "Ramallah" not in places


def test_two_tolls_each_followed_by_its_own_town_are_two_incidents():
    text = (
        "Strikes on Eastern Ghouta\n"
        "Air strikes on Monday killed five civilians in the town of Saqba and two in the town of Hamouriyeh, "
        "the Observatory said.\n"
    )
    claims = extract_claims(article(text, published=date(2018, 2, 20)))
    assert [(c.place.name, c.figure("killed.total")) for c in claims] == [("Saqba", 5), ("Hamouriyeh", 2)]


def test_a_toll_in_a_province_and_a_part_of_it_in_a_town_stay_one_incident():
    text = (
        "Shelling in Daraa\n"
        "Shelling on Monday killed 32 people in Daraa province, 22 of them in the town of Nawa, "
        "the Observatory said.\n"
    )
    claims = extract_claims(article(text, published=date(2018, 2, 20)))
    assert len(claims) == 1 and claims[0].figure("killed.total") == 32


def test_an_outlet_named_after_a_town_is_not_the_incident_place():
    text = (
        "Blasts in Homs\n"
        "A double bombing in the western Syrian city of Homs on Wednesday killed 18 civilians, the Lebanese "
        "TV channel Al-Mayadin reported.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2014, 10, 1)))
    assert (claim.place.name, claim.governorate) == ("Homs", "Homs")


@pytest.mark.parametrize(
    ("text", "published", "incidents"),
    [
        (  # the toll of the whole war
            "Gas attack\n"
            "A gas attack on the town of Khan Sheikhoun on Tuesday killed at least 58 people, the Observatory "
            "said. Damascus has repeatedly denied using such weapons during the six-year war which has killed "
            "hundreds of thousands.\n",
            date(2017, 4, 4),
            [("Khan Sheikhoun", 58)],
        ),
        (  # a toll over weeks
            "Aleppo braces for bombing\n"
            "Residents expect a resumption of the bombing, which killed hundreds of people in late September and "
            "early October. On Thursday an air strike on the Sukkari neighbourhood killed seven civilians, "
            "rescuers said.\n",
            date(2016, 11, 4),
            [("Sukkari", 7)],
        ),
    ],
)
def test_a_toll_over_a_war_or_weeks_is_no_incident(text, published, incidents):
    claims = extract_claims(article(text, published=published))
    assert [(c.place.name, c.figure("killed.total")) for c in claims] == incidents


def test_a_superseded_toll_is_neither_a_figure_nor_an_incident():
    text = (
        "Convoy blast toll rises to 70\n"
        "The toll of a suicide blast on a bus convoy of evacuees near the town of Rashidin has risen to 70, a "
        "source said on Saturday. The previous death toll was 20 with 50 others injured. "
        '"At least 70 were killed and over 130 are injured," the source said.\n'
    )
    claims = extract_claims(article(text, published=date(2017, 4, 15)))
    assert [(c.figure("killed.total"), c.figure("injured.total")) for c in claims] == [(70, 130)]


def test_fighters_listed_among_the_dead_are_not_the_perpetrator():
    text = (
        "Strikes on Idlib\n"
        "Russian air strikes on the town of Kafr Takharim on Tuesday killed 14 people, a spokesman said. "
        "Separate air strikes on the village of Salqin killed at least 12 people including civilians and "
        "rebel fighters, the Observatory said.\n"
    )
    claims = extract_claims(article(text, published=date(2017, 4, 25)))
    assert [(c.place.name, c.actor) for c in claims] == [("Kafr Takharim", "russia"), ("Salqin", "russia")]


def test_a_group_named_among_the_attackers_is_still_the_perpetrator():
    text = (
        "Shelling of Aleppo\n"
        "Militant groups including the Nusra Front shelled the Midan neighbourhood of Aleppo on Monday, "
        "killing eight civilians.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2016, 7, 11)))
    assert claim.actor == "hts_nusra"


def test_a_vague_count_matched_by_an_exact_one_does_not_join_two_tolls():
    text = (
        "20 civilians killed in rocket attacks on Aleppo\n"
        "Twenty civilians were killed and scores were injured in rocket attacks on Aleppo on Thursday. A source "
        "at the police command said that four people, including a child, were killed and 40 others were "
        "injured in rocket attacks on the Salaheddine neighbourhood.\n"
    )
    claims = extract_claims(article(text, published=date(2016, 4, 28)))
    assert [(c.place.name, c.figure("killed.total")) for c in claims] == [("Aleppo", 20), ("Salaheddine", 4)]
    assert claims[1].figure("injured.total") == 40


def test_a_single_count_a_little_off_is_another_days_toll_not_the_same_one():
    text = (
        "40 civilians killed, 100 injured in rocket attacks on Aleppo\n"
        "Rockets fired on the Salaheddine, al-Faid and Hamdaniyeh neighbourhoods of Aleppo on Saturday killed "
        "12 civilians, a source said. State television said the number of civilians killed on Saturday had "
        "risen to around 40, with over 100 injured. The source said that five of the dead were killed in the "
        "Salaheddine neighbourhood, which also saw 25 others injured. The toll in the al-Faid neighbourhood "
        "reached 3 dead and 8 injured. Shelling of Aleppo city on Friday killed two children and injured 27 "
        "other people as it targeted the neighbourhoods of Hamdaniyeh, Saif al-Dawla and Salaheddine.\n"
    )
    claims = extract_claims(article(text, published=date(2016, 6, 4)))
    friday = [c for c in claims if c.date == date(2016, 6, 3)]
    assert [(c.figure("killed.children"), c.figure("injured.total")) for c in friday] == [(2, 27)]
    salaheddine = [c for c in claims if c.place.name == "Salaheddine"]
    assert [(c.date, c.figure("injured.total")) for c in salaheddine] == [(date(2016, 6, 4), 25)]


def test_dozens_injured_in_two_places_does_not_make_them_one_incident():
    text = (
        "Raids on Aleppo\n"
        "Russian jets on Monday bombed the towns of Anadan and Hayyan in rural Aleppo, killing at least 21 "
        "civilians and injuring dozens more. Five civilians of one family including a child were killed and "
        "dozens injured in Russian airstrikes on the neighborhood of Tareeq al-Bab in Aleppo on Monday.\n"
    )
    claims = extract_claims(article(text, published=date(2016, 6, 21)))
    assert [(c.figure("killed.civilians"), c.figure("injured.total")) for c in claims] == [(21, 24), (5, 24)]
    assert claims[1].place.name == "Tareeq al-Bab"


def test_the_same_vague_toll_in_headline_and_lead_is_one_incident():
    text = (
        "Coalition strikes kill dozens of civilians in Deir ez-Zor\n"
        "Coalition warplanes struck a building used as a prison near the town of Hajin, killing scores of "
        "people, including dozens of civilians, local sources said.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2018, 12, 6)))
    assert (claim.figure("killed.total"), claim.figure("killed.civilians")) == (40, 24)


def test_a_station_named_after_a_foreign_city_is_not_that_city():
    text = (
        "Shelling of Aleppo\n"
        "Eleven people were injured by shells fired on the Baghdad Station neighbourhood of Aleppo on "
        "Thursday.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2016, 6, 9)))
    assert claim.governorate == "Aleppo" and claim.place.name != "Baghdad"


def test_a_highway_named_after_a_town_is_not_that_town():
    text = (
        "Twin Suicide Blasts Target Checkpoint near Damascus Claim 4 Martyrs\n"
        "Twin suicide blasts targeted a checkpoint on Sayyeda Zainab (AS) Highway near Damascus claiming "
        "4 martyrs and 13 injured.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2015, 2, 23)))
    assert (claim.place.name, claim.figure("injured.total")) == ("Damascus", 13)


def test_the_last_attack_on_a_place_is_another_incident():
    text = (
        "At least 20 people were killed in suicide attacks targeting the Sayeda Zeinab shrine on Saturday.\n"
        "The last attack on Sayeda Zeinab shrine on April 25 killed at least seven and wounded dozens.\n"
    )
    claims = extract_claims(article(text, published=date(2016, 6, 12)))
    assert [(c.date, c.figure("killed.total")) for c in claims] == [
        (date(2016, 6, 11), 20),
        (date(2016, 4, 25), 7),
    ]


@pytest.mark.parametrize(
    "claim, actor",
    [
        ("Daesh said three of its fighters carried out the attack on the police station.", "isis"),
        ("The Nusra Front claimed responsibility for the bombing in a statement.", "hts_nusra"),
        ("No group has claimed responsibility for the attack so far.", "unknown"),
        (
            "Daesh claimed responsibility for a suicide attack there in August that killed at least 32.",
            "unknown",
        ),
    ],
)
def test_the_group_that_claimed_a_blast_is_its_perpetrator(claim, actor):
    text = (
        "Blasts in Damascus\n"
        "At least 17 people were killed on Monday by suicide bombings that targeted a police station in the "
        f"Midan neighbourhood of Damascus. {claim}\n"
    )
    claim_of_the_blast = extract_claims(article(text, published=date(2017, 10, 3)))[0]
    assert (claim_of_the_blast.figure("killed.total"), claim_of_the_blast.actor) == (17, actor)


def test_a_capital_named_as_an_ally_is_not_the_incident_place():
    text = (
        "Toll of gas attack rises\n"
        "The death toll from a suspected chemical attack on a rebel-held town has risen to 86, a monitor said "
        "on Wednesday. But Moscow defended its Damascus ally, saying that while Syrian aircraft had carried out "
        "a strike, the chemicals were part of a stockpile hit on the ground. Rebels vowed revenge for Tuesday's "
        "strike in the town of Khan Sheikhun in Idlib province.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2017, 4, 5)))
    assert (claim.place.name, claim.governorate, claim.figure("killed.total")) == (
        "Khan Sheikhun",
        "Idlib",
        86,
    )


def test_a_man_named_after_his_town_is_not_the_town():
    text = (
        "Rebel leader killed\n"
        "A suicide bombing on Tuesday killed seven members of Ahrar al-Sham, including its leader Abu "
        "Abdelrahman Salqeen, in Idlib province.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2015, 7, 15)))
    assert (claim.place.name, claim.governorate) == ("Idlib province", "Idlib")


def test_children_and_women_killed_are_the_civilian_toll():
    text = "Raids on Hajin\nSimilar airstrikes killed three children and four women in Hajin on Tuesday.\n"
    (claim,) = extract_claims(article(text))
    assert (claim.figure("killed.total"), claim.figure("killed.civilians")) == (7, 7)


def test_a_toll_that_the_incidents_after_it_add_up_to_is_their_sum():
    text = (
        "Russian airstrikes kill 12 civilians in two villages in Idlib\n"
        "The monitor documented the death of 12 civilians today in Russian airstrikes on two villages in the "
        "southern countryside of Idlib. In the village of Hass, seven civilians were killed when warplanes "
        "struck a school. An hour later, aircraft targeted the town of Kafr Nabl, killing five civilians.\n"
    )
    claims = extract_claims(article(text, published=date(2019, 6, 19)))
    assert [(c.place.name, c.figure("killed.civilians"), c.date, c.actor) for c in claims] == [
        ("Hass", 7, date(2019, 6, 19), "russia"),
        ("Kafr Nabl", 5, date(2019, 6, 19), "russia"),
    ]


def test_the_wider_place_named_after_where_fire_came_from_is_not_the_target():
    text = (
        "Rockets on Damascus\n"
        "Four civilians were killed and 17 injured today when militants positioned in Douma in Eastern Ghouta "
        "fired rocket shells on residential neighbourhoods in Damascus.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2018, 2, 6)))
    assert (claim.place.name, claim.governorate) == ("Damascus", "Damascus")


@pytest.mark.parametrize(
    "claim",
    [
        "The Islamic State group on Tuesday claimed the attack in a statement.",
        "Daesh said three of its fighters carried out the attack on the police station.",
    ],
)
def test_a_group_that_claims_a_blast_admitted_it(claim):
    text = (
        "Blasts in Damascus\n"
        "At least 17 people were killed on Monday by IS suicide bombings that targeted a police station in "
        f"Damascus. {claim}\n"
    )
    (blast,) = extract_claims(article(text, published=date(2017, 10, 3)))
    assert (blast.actor, blast.belligerent_response) == ("isis", "admitted")


def test_a_government_claiming_something_of_an_attack_did_not_claim_it():
    text = (
        "Blast in Damascus\n"
        "A car bomb killed nine people in Damascus on Monday. The government claimed the attack was carried out "
        "by rebels.\n"
    )
    (blast,) = extract_claims(article(text, published=date(2017, 10, 3)))
    assert (blast.actor, blast.belligerent_response) == ("unknown", None)


def test_a_speaker_named_after_a_place_is_not_part_of_its_name():
    text = (
        "Russia warns\n"
        "Sixty people were killed in the alleged chemical attack on the city of Khan-Shaikhoun Rudskoi said on "
        "Tuesday.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2017, 4, 11)))
    assert claim.place.name == "Khan-Shaikhoun"


SAME_NEIGHBOURHOOD = """Rocket attacks on Salah Eddin neighbourhood in Aleppo kill 10 civilians
17 August 2016
Ten civilians were killed and 16 others were injured as rockets hit Salah Eddin neighbourhood in Aleppo city on Wednesday.
Earlier on Wednesday a source at Aleppo Police Command said that seven civilians were killed among them a child and two women and nine others were injured in a rocket attack on the same neighbourhood.
The toll from Tuesday's rocket attacks on the same neighbourhood was 12 injured.
Earlier on Wednesday rockets also killed three people in al-Hamdaniyeh neighbourhood.
"""


def test_an_earlier_account_of_the_same_day_at_the_same_place_is_the_same_incident():
    claims = extract_claims(article(SAME_NEIGHBOURHOOD, published=date(2016, 8, 17)))
    summary = [
        (
            c.role,
            c.place.name if c.place else None,
            c.date,
            c.figures["killed.total"].value if "killed.total" in c.figures else None,
        )
        for c in claims
    ]
    main = claims[0]
    assert summary[0] == ("main", "Salah Eddin", date(2016, 8, 17), 10)
    assert (main.figures["killed.children"].value, main.figures["killed.women"].value) == (1, 2)
    assert main.figures["injured.total"].value == 16  # the lead's figures stand; the account adds its parts
    # another day at the same place, and "earlier" that names an event rather than a statement
    assert [s[1:3] for s in summary[1:]] == [
        ("Salah Eddin", date(2016, 8, 16)),
        ("al-Hamdaniyeh", date(2016, 8, 17)),
    ]


CAMPAIGN_CONTEXT = """21 civilians killed in coalition strikes on Manbij
Monday 18 July 2016
Air strikes by US-led coalition jets have killed at least 21 civilians in northern Syria, a monitoring group says.
The group said on Monday that 15 people were killed in a northern district of Manbij city and six more in a village near it.
Thousands of residents have fled the city, where food is running short.
Aid agencies have called for safe corridors out of the area.
The coalition attacks on Manbij intensified in late June after the Syrian Democratic Forces entered the city.
"""


def test_a_month_from_a_far_sentence_on_the_campaign_does_not_date_the_incident():
    main = extract_claims(article(CAMPAIGN_CONTEXT, published=date(2016, 7, 18)))[0]
    assert (main.role, main.figures["killed.civilians"].value) == ("main", 21)
    assert main.date != date(2016, 6, 1)  # "in late June", four sentences on, is the campaign's


VAGUE_HEADLINE_WIDER_PLACE = """Dozens of insurgents killed as Kurdish forces advance in Aleppo countryside
15 February 2016
At least 40 insurgents were killed as Kurdish YPG forces advanced on Tal Rifaat in the Aleppo countryside.
The fighters seized the nearby town of Ain Daqneh, sources said.
"""

VAGUE_LEAD_WITH_A_PART = """Air strikes kill dozens in Aleppo
Monday 21 April 2014
Dozens of people have been killed in air strikes on Aleppo, a monitoring group said on Monday, including at least 29 people in a single neighbourhood.
The group said air strikes killed 29 people on Sunday in the Ferdous district of Aleppo.
"""


def test_a_vague_headline_toll_and_the_lead_count_at_a_place_inside_it_are_one_incident():
    claims = extract_claims(article(VAGUE_HEADLINE_WIDER_PLACE, published=date(2016, 2, 15)))
    assert len(claims) == 1
    assert claims[0].place.name == "Tal Rifaat"


def test_a_count_the_lead_gives_as_a_part_of_its_vague_toll_stays_an_incident_of_its_own():
    claims = extract_claims(article(VAGUE_LEAD_WITH_A_PART, published=date(2014, 4, 21)))
    assert len(claims) == 2
    assert claims[1].figures["killed.total"].value == 29


def test_a_toll_in_the_countryside_is_not_the_toll_just_told_in_the_city_it_surrounds():
    text = (
        "Russian jets hit Idlib city late on Monday. At least 35 civilians were killed and dozens more "
        "injured in the airstrikes. Two children were killed and dozens more were injured in airstrikes "
        "on Tuesday morning in the towns of Kafranbil, Khan Alsibil and Saraqeb in rural Idlib."
    )
    city, countryside = extract_claims(article(text, published=date(2016, 5, 31)))
    assert (city.place.name, city.date, city.figure("killed.total")) == ("Idlib", date(2016, 5, 30), 35)
    assert city.figure("killed.children") is None
    assert (countryside.place.name, countryside.date) == ("rural Idlib", date(2016, 5, 31))
    assert countryside.figure("killed.children") == 2


def test_a_headline_toll_in_the_capital_is_the_same_toll_in_its_countryside():
    text = (
        "Army kills 125 militants in Hama\n"
        "At least 125 militants were killed in clashes in the southern and northern countryside of Hama on "
        "Saturday, a military source said."
    )
    (claim,) = extract_claims(article(text, published=date(2016, 5, 21)))
    assert claim.figure("killed.total") == 125


def test_a_toll_since_a_day_of_the_month_is_an_aggregate():
    text = (
        "Since Sept. 19, when the regime declared the end of the ceasefire, at least 359 civilians have "
        "been killed and 1407 injured in airstrikes on Aleppo, civil defence officials said."
    )
    assert extract_claims(article(text, published=date(2016, 9, 24))) == []


def test_another_source_or_a_man_beside_the_bomber_is_no_other_incident():
    text = (
        "A car bomb killed four people outside a hospital in the town of Qardaha on Saturday, a monitor said. "
        "There was another man in the car with the suicide bomber, and the explosion took the lives of two "
        "women as well as two soldiers, wounding several others. Another activist group said five people "
        "were killed. This is the first car bomb attack to hit Qardaha since the start of the uprising in "
        "March 2011."
    )
    (c,) = extract_claims(article(text, date(2015, 2, 22)))
    assert (c.figure("killed.total"), c.figure("killed.women"), c.date) == (4, 2, date(2015, 2, 21))


def test_another_victim_in_a_nearby_town_is_another_incident():
    text = (
        "Air strikes killed 16 people in the town of Maarat al-Numan in Idlib province on Monday, a monitor "
        "said. Another man and a woman were killed in rocket fire in the nearby town of Kafr Awid."
    )
    claims = extract_claims(article(text, date(2016, 10, 25)))
    assert [c.place.name for c in claims] == ["Maarat al-Numan", "Kafr Awid"]
    assert claims[0].figure("killed.total") == 16


def test_a_campaign_named_beside_a_toll_does_not_make_it_a_tally():
    text = (
        "35 civilians killed in regime barrel bomb attacks on the town of Al Bab in rural Aleppo on Friday, "
        "as the regime exploits the international anti-ISIS campaign to commit more massacres."
    )
    (c,) = extract_claims(article(text, date(2014, 11, 22)))
    assert (c.figure("killed.civilians"), c.place.name) == (35, "Al Bab")
    tally = "At least 545 people have been killed in the escalating bombing campaign on the city of Aleppo."
    assert extract_claims(article(tally)) == []


def test_a_days_toll_is_an_incident_in_its_city_and_a_round_up_across_the_country():
    city = "25 civilians were killed and more than 80 injured in rocket attacks on Aleppo city during the past 24 hours."
    (c,) = extract_claims(article(city, date(2016, 4, 30)))
    assert (c.figure("killed.civilians"), c.figure("injured.total")) == (25, 80)
    country = (
        "Some 120 fighters were killed in a series of Russian air strikes in Syria over the past 24 hours."
    )
    assert extract_claims(article(country, date(2017, 10, 7))) == []


def test_the_day_of_a_coming_vote_does_not_date_the_attack():
    text = (
        "Rebels bombarded a campaign rally in support of the president's re-election in the June 3 poll, "
        "killing at least 21 people in Daraa on Thursday, a monitor said."
    )
    (c,) = extract_claims(article(text, date(2014, 5, 23)))
    assert c.date == date(2014, 5, 22)


def test_the_leads_event_named_again_with_its_town_is_the_same_incident():
    text = (
        "A suspected chemical attack in rebel-held northwestern Syria killed dozens of civilians including "
        "children on Tuesday. The attack on the town of Khan Sheikhun killed at least 58 civilians, a monitor "
        "said."
    )
    (c,) = extract_claims(article(text, date(2017, 4, 5)))
    # the lead's figure is the one the gold format keeps; the town is where it happened
    assert (c.place.name, c.figure("killed.civilians"), c.date) == ("Khan Sheikhun", 24, date(2017, 4, 4))


@pytest.mark.parametrize(
    "text",
    [
        "More than 300 people have been killed in air strikes on opposition-held Aleppo since April.",
        "The neighbourhood has been under bombardment since mid-February, which has killed 132 civilians.",
    ],
)
def test_a_toll_since_a_month_is_an_aggregate(text):
    assert extract_claims(article(text, date(2016, 6, 12))) == []


def test_the_month_a_city_was_divided_since_dates_no_incident():
    text = (
        "The monitor said rebel bombardment of government-held districts killed two civilians in Aleppo, "
        "a city that has been divided since July 2012."
    )
    (c,) = extract_claims(article(text, date(2016, 7, 2)))
    assert (c.date, c.role) == (None, "main")


def test_the_truck_a_bomber_drove_is_the_weapon_not_the_target():
    text = (
        "A suicide bomber driving an explosives-laden truck killed at least 44 people in the city of "
        "Qamishli on Wednesday, Kurdish officials said."
    )
    (c,) = extract_claims(article(text, date(2016, 7, 28)))
    assert (c.weapon, c.target, c.figure("killed.total")) == ("suicide_attack", None, 44)


def test_russias_aerospace_forces_are_russian_air_strikes():
    text = (
        "Russias Aerospace Forces have killed 304 Daesh militants and left more than 170 wounded as the "
        "offensive against the terrorists near Deir ez-Zor continues, the defence ministry said on Tuesday."
    )
    (c,) = extract_claims(article(text, date(2017, 10, 3)))
    assert (c.actor, c.weapon, c.figure("killed.combatants")) == ("russia", "airstrike", 304)


def test_the_fighters_an_army_eliminated_are_its_victims_not_the_actor():
    text = (
        "The Syrian armys units eliminated over 75 Nusra Front militants in Daraas Manshiyah district, "
        "a military source told reporters on Sunday."
    )
    (c,) = extract_claims(article(text, date(2017, 4, 9)))
    assert (c.actor, c.figure("killed.combatants")) == ("syrian_government", 75)


def test_russias_reported_elimination_of_an_isis_post_names_russia_not_isis():
    text = (
        "Russias Defense Ministry has reported the elimination of a Daesh command post in the Mayadin "
        "district, with about 80 militants killed."
    )
    (c,) = extract_claims(article(text, date(2017, 9, 20)))
    assert (c.actor, c.figure("killed.combatants")) == ("russia", 80)


def test_another_woman_killed_in_another_province_is_an_incident_of_its_own():
    text = (
        "A source told SANA that a woman was killed and three civilians were injured by rocket shells on "
        "the neighborhood of al-Hamadaniyeh in Aleppo city. Another woman was killed by sniper fire of "
        "Jabhat al-Nusra terrorists in the town of Hadar in Quneitra province."
    )
    claims = extract_claims(article(text, date(2016, 10, 18)))
    assert [(c.place.name, c.figure("killed.women")) for c in claims] == [("al-Hamadaniyeh", 1), ("Hadar", 1)]


def test_a_toll_dated_by_an_earlier_month_at_the_same_place_is_another_event():
    text = (
        "A woman was killed after terrorists shelled the center of the Syrian capital Damascus while seven "
        "other people were injured, local media reported. In March two blasts occurred near a cemetery in "
        "Damascus claiming the lives of at least 40 people and injuring 120 others."
    )
    claims = extract_claims(article(text, date(2017, 4, 16)))
    assert [
        (c.role, c.figure("killed.women"), c.figure("killed.total"), c.figure("injured.total"))
        for c in claims
    ] == [
        ("main", 1, 1, 7),
        ("background", None, 40, 120),
    ]


def test_a_village_known_only_by_a_near_spelling_elsewhere_is_placed_in_the_governorate_named():
    text = (
        "Three air raids on the region of Al-Quriyah southeast of Deir ez-Zor city killed 58 civilians, "
        "the Syrian Observatory for Human Rights said on Sunday."
    )
    (c,) = extract_claims(article(text, date(2016, 6, 27)))
    assert (c.place.name, c.governorate) == ("Al-Quriyah", "Deir ez-Zor")


@pytest.mark.parametrize(
    "text, weapon",
    [
        (
            "At least 29 rebels were killed during a major counter-offensive to break the regime siege of the "
            "city of Aleppo, the monitor said on Sunday.",
            "clashes",
        ),
        ("Around 130 people have died because of shortages in the camp caused by the army siege.", "siege"),
        ("Two infants died of malnutrition in the besieged town of Madaya on Monday.", "siege"),
        (
            "Three women from the besieged town of Madaya were killed by artillery shells on Thursday.",
            "shelling",
        ),
    ],
)
def test_a_siege_is_the_weapon_only_of_the_deaths_it_caused(text, weapon):
    (c,) = extract_claims(article(text, date(2016, 7, 10)))
    assert c.weapon == weapon


def test_a_toll_since_a_month_of_a_year_is_a_tally_not_a_part_of_the_incident():
    text = (
        "At least 15 civilians were killed in fresh air strikes by the US-led coalition on Thursday in the "
        "town of Ghandoura, the Syrian Observatory for Human Rights said. Around 600 Syrians including 136 "
        "children have been killed in coalition air strikes since September 2014 according to an "
        "Observatory toll."
    )
    (c,) = extract_claims(article(text, date(2016, 7, 29)))
    assert (c.figure("killed.civilians"), c.figure("killed.children")) == (15, None)


def test_a_count_of_some_dead_larger_than_the_incidents_toll_is_not_its_part():
    text = (
        "Government bombardments of the Bani Zeid district of Aleppo killed at least 24 people on Monday, "
        "the monitor said. Opposition forces have responded by firing missiles into government districts "
        "killing scores of civilians."
    )
    (c,) = extract_claims(article(text, date(2016, 7, 26)))
    assert (c.figure("killed.total"), c.figure("killed.civilians")) == (24, None)


def test_a_town_near_damascus_keeps_its_rif_dimashq_entry_where_the_report_names_damascus():
    text = "A suicide attack in the town of Dumeir east of Damascus killed two rebels on Sunday."
    (c,) = extract_claims(article(text, date(2016, 11, 20)))
    assert (c.place.name, c.governorate) == ("Dumeir", "Rif Dimashq")
    assert "Dumayr" in c.place.alt_names  # the gazetteer's entry, not a village it lacks


def test_a_partys_commander_killed_names_its_victim_not_the_actor():
    text = (
        "Senior ISIS Commander 34 Terrorists Killed in Clashes Eastern Aleppo. One of the local emirs of the "
        "ISIL terrorist group and at least 34 of his comrades were killed in clashes with the Syrian "
        "Democratic Forces (SDF) in Eastern Aleppo near the Tishrin Dam."
    )
    (c,) = extract_claims(article(text, date(2016, 7, 18)))
    assert (c.actor, c.figure("killed.combatants")) == ("sdf_ypg", 34)


def test_a_commander_who_speaks_of_the_dead_is_not_one_of_them():
    text = "A Nusra Front commander said 20 regime soldiers were killed in the attack on the checkpoint in Idlib."
    (c,) = extract_claims(article(text, date(2016, 7, 18)))
    assert (c.actor, c.figure("killed.combatants")) == ("hts_nusra", 20)


def test_the_group_believed_behind_an_unclaimed_blast_is_its_actor():
    text = (
        "A suicide bomb blast struck al-Dumayr in the Damascus countryside on Sunday, killing 14 fighters from "
        "Jaish al-Islam and wounding several others. The Islamic State group is believed to be behind the "
        "suicide attack."
    )
    (c,) = extract_claims(article(text, date(2016, 7, 10)))
    assert (c.actor, c.weapon, c.figure("killed.combatants")) == ("isis", "suicide_attack", 14)
    # with no one named behind it, the blast stays unclaimed: the fighters killed are not its actor
    (c,) = extract_claims(article(text.rsplit(" The ", 1)[0], date(2016, 7, 10)))
    assert c.actor == "unknown"


def test_fighters_from_a_group_counted_among_the_dead_are_its_victims():
    text = (
        "Turkish aircraft carried out three strikes on positions in northern Aleppo province, killing nine "
        "fighters of the Islamic State group, a monitor said on Friday."
    )
    (c,) = extract_claims(article(text, date(2015, 7, 24)))
    assert (c.actor, c.figure("killed.combatants")) == ("turkey", 9)


@pytest.mark.parametrize(
    "text, actor, weapon",
    [
        (
            "Terrorist rocket attacks have killed 10 civilians and injured 41 others in Daraa city.",
            "opposition",
            "missile",
        ),
        (
            "Two citizens were killed in a terrorist attack with mortar shells on Jaramana.",
            "opposition",
            "shelling",
        ),
        # a blast the article only calls terrorist has no actor it can name (GOLD_FORMAT)
        (
            "Three civilians were killed in a terrorist attack with an explosive device in Homs.",
            "unknown",
            "bombing",
        ),
    ],
)
def test_terrorist_fire_on_an_area_is_the_oppositions_but_a_terrorist_blast_is_unknown(text, actor, weapon):
    (c,) = extract_claims(article(text, date(2016, 2, 3)))
    assert (c.actor, c.weapon) == (actor, weapon)


def test_a_city_toll_its_neighbourhoods_add_up_to_is_their_sum_not_an_incident():
    text = (
        "Terrorist rocket attacks on residential neighborhoods in Aleppo city killed 5 people and injured 17 on "
        "Friday. Terrorists fired a rocket shell on al-Jamilyeh neighborhood, killing 3 citizens and injuring 8 "
        "others. Another rocket shell landed in al-Mohafazah neighborhood, killing 2 children and injuring 9 others."
    )
    claims = extract_claims(article(text, date(2016, 11, 18)))
    assert [(c.place.name, c.figure("killed.total"), c.date) for c in claims] == [
        ("al-Jamilyeh", 3, date(2016, 11, 18)),
        ("al-Mohafazah", 2, date(2016, 11, 18)),
    ]


def test_a_dateline_names_where_the_report_was_filed_not_the_actor():
    text = (
        "MOSCOW (Sputnik) Six people were killed and over 10 were injured in a shelling of the central "
        "neighborhoods of Damascus on Sunday, a hospital staff told reporters."
    )
    (c,) = extract_claims(article(text, date(2016, 7, 24)))
    assert (c.actor, c.weapon, c.figure("killed.total")) == (None, "shelling", 6)
    # a party's name before its other name in brackets is still the party
    (c,) = extract_claims(
        article("ISIS (Daesh) fighters killed 12 civilians in Raqqa on Sunday.", date(2016, 7, 24))
    )
    assert c.actor == "isis"


def test_an_unknown_village_takes_the_governorate_named_with_it_not_the_headlines_first():
    text = (
        "Mortar attacks in Damascus, Homs and Aleppo\n"
        "A woman was killed and three people were injured when terrorists fired two mortar shells on Tell "
        "Qarmoush village in the northeastern countryside of Homs province.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2016, 5, 28)))
    assert (claim.place.name, claim.governorate) == ("Tell Qarmoush village", "Homs")


def test_a_bearing_from_the_capital_does_not_put_a_street_in_damascus():
    text = (
        "Car bombs kill 12 in Homs\n"
        "Two car bombs killed 12 people on Sunday at a traffic light on al-Siteen Street in the city located "
        "162 kilometres north of the capital Damascus.\n"
    )
    (claim,) = extract_claims(article(text, published=date(2014, 10, 1)))
    assert (claim.place.name, claim.governorate) == ("al-Siteen Street", "Homs")

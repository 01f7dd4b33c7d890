from __future__ import annotations

import pytest

from newsmap.casualties import Casualties, find_casualties


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A girl born in 2016 was killed, the regional governor said.", (1, None, 1, None)),
        ("Five other people were reported wounded.", (None, 5, None, None)),
        ("A drone struck a bakery, wounding six people, including a 7-year-old girl.", (None, 6, None, 1)),
        ("Three guided bombs hit the town, wounding 11 people, including a 9-year-old boy.", (None, 11, None, 1)),
        ("The shelling killed two and injured 11.", (2, 11, None, None)),
        ("Shelling, killing two and injuring 11.", (2, 11, None, None)),
        ("Two people were killed and 11 injured.", (2, 11, None, None)),
        ("The strikes killed a child and wounded at least 24 other people.", (1, 24, 1, None)),
        ("One medic and two fighters were killed [3 fatalities split across 5 events].", (3, None, None, None)),
        ("A civilian was killed.", (1, None, None, None)),
        ("A peacekeeper was killed near the border post.", (1, None, None, None)),
        ("At least nine villagers lost their lives when the bomb fell.", (9, None, None, None)),
        ("Most were lightly hurt, including 45 at the hospital in the city of Ashdod.", (None, 45, None, None)),
        ("Eight were killed, including 3 children, and 27 injured.", (8, 27, 3, None)),
        ("A driver for the World Food Programme (WFP) in South Sudan was killed on Monday.", (1, None, None, None)),
        ("A farmer later succumbed to his injuries.", (1, None, None, None)),
        ("A 70-year-old woman was injured.", (None, 1, None, None)),
        ("Two children, aged 8 and 12, were wounded.", (None, 2, None, 2)),
        ("The strike left three dead and 15 injured.", (3, 15, None, None)),
        ("The death toll rose to 12 on Friday.", (12, None, None, None)),
        ("No casualties were reported.", (0, 0, None, None)),
        ("No one was hurt.", (None, 0, None, None)),
        ("On 27 September 2023, artillery fire struck the settlement, killing 3 residents.", (3, None, None, None)),
        ("Suffering severe injuries, the little girl died on the way to hospital.", (1, None, 1, None)),
        ("Saboteurs killed the acting mayor of the occupied town.", (1, None, None, None)),
        ("A man was wounded; the man later died.", (1, 1, None, None)),
        ("Her dead body with several stab wounds was discovered two days later.", (1, None, None, None)),
        ("The bodies of 3 soldiers were recovered.", (3, None, None, None)),
    ],
)
def test_figures(text, expected):
    got = find_casualties(text)
    assert (got.killed, got.wounded, got.children_killed, got.children_wounded) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Casualties unknown.",
        "Air defences downed 35 drones over several regions, including three over the region.",
        "Moscow now launches more than 500 drones a night against Ukraine.",
        "Four schools, three houses and a supermarket were damaged.",
        "The 1,000-kilometre front line has barely moved in 2 years.",
        "Another drone struck the same street about an hour later.",
        "The 45-year-old mayor spoke at 10 o'clock.",
        "The mayor said the city was shelled.",
    ],
)
def test_not_casualties(text):
    got = find_casualties(text)
    assert got.killed is None and got.wounded is None


def test_adding_figures_keeps_unknown_as_none():
    total = Casualties(killed=1) + Casualties(wounded=4, children_wounded=1)
    assert total == Casualties(1, 4, None, 1)
    assert Casualties() + Casualties() == Casualties()


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("Nine soldiers and 14 militants were among the dead in fighting near the town, along with three civilians.", 26, None),
        ("Six policemen were killed, together with a driver.", 7, None),
        ("Two medics were wounded as well as four patients.", None, 6),
        # animals are no casualties however they are joined
        ("The shelling killed three herders, along with dozens of cattle.", 3, None),
    ],
)
def test_more_of_the_same_dead_joined_by_along_with(text, killed, wounded):
    found = find_casualties(text)
    assert (found.killed, found.wounded) == (killed, wounded)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen shot dead 14 worshippers at a mosque.", 14),
        ("Militiamen gunned down nine farmers near their fields.", 9),
        ("Five aid workers were hacked to death with machetes.", 5),
        ("Insurgents beheaded three villagers.", 3),
        ("Soldiers executed six detainees, a rights group said.", 6),
        ("The army executed a plan to retake 3 villages.", None),
        ("The army said its drones had \"neutralised\" about 25 terrorists.", 25),
        ("The army neutralised the threat posed by 3 drones.", None),
    ],
)
def test_ways_of_killing_count_the_dead(text, killed):
    assert find_casualties(text).killed == killed


def test_a_count_after_a_possessive_belongs_to_the_verb_before_it():
    found = find_casualties("The shelling killed a farmer and wounded his two sons.")
    assert (found.killed, found.wounded) == (1, 2)


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("Two guards were killed and a third was wounded at the checkpoint.", 2, 1),
        ("A young couple was killed when the shell hit their car.", 2, None),
        ("The blast claimed the lives of eight people.", 8, None),
        ("A third of the houses burned and 5 people were killed.", 5, None),
        ("Fighting went on for a couple of days and killed 6 soldiers.", 6, None),
    ],
)
def test_ordinals_couples_and_lives_claimed(text, killed, wounded):
    found = find_casualties(text)
    assert (found.killed, found.wounded) == (killed, wounded)

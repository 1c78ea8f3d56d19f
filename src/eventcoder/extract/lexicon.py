"""Trigger lexicon and cue lists of the rule layer of the event extractor.

Each trigger is a regular expression over the lower-cased sentence with a *kind*:

- a fixed ACLED sub-event type (e.g. ``"Air/drone strike"``), or
- ``violence`` (attack, kill, shoot: typed by the actors: civilians as target -> Attack,
  armed actors on both sides -> Armed clash, a mob -> Mob violence),
- ``clash`` (clash, fighting, ambush -> Armed clash unless protesters are involved),
- ``protest`` (typed by intervention / violence cues into the four demonstration types),
- ``territory`` (capture, recapture -> Government regains territory when a state actor acts,
  otherwise Non-state actor overtakes territory),
- ``outcome`` (bodies found, died: an Attack when nothing more specific is reported),
- ``operation`` (launched an operation/offensive: Change to group/activity, modality
  ``announced``; see docs/extraction.md).

Every kind is in the typing table of ``taxonomy.py``: a sub-event type's ``SubEventType``
record, or a context kind's ``ContextKind`` record (what it may resolve to, its score and
modality); ``tests/extract/test_types.py`` checks each trigger's kind is one of them.

Priorities decide between triggers of one clause: the most specific weapon wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .actors import FORCES_AMONG
from .numbers import parse_number


@dataclass(frozen=True)
class Trigger:
    """One trigger pattern."""

    pattern: re.Pattern[str]
    kind: str
    priority: int


def _t(regex: str, kind: str, priority: int) -> Trigger:
    return Trigger(re.compile(regex, re.IGNORECASE), kind, priority)


_N = r"(?:[\w'-]+\s+){0,3}?"  # up to three words
#: fighters an army says it "neutralised" or "eliminated" (killed)
_FIGHTERS = (r"(?:terrorists?|militants?|insurgents?|fighters?|commanders?|gunmen|rebels?|"
             r"bandits?|attackers?|operatives?|jihadists?|cadres?|khawarij|extremists?)\b")
_N5 = r"(?:[\w'-]+\s+){0,5}?"  # up to five words
_WEAPONS = (r"(?:weapons?|arms|ammunitions?|explosives?|ieds?|bombs?|rockets?|missiles?|mortar\s+"
            r"rounds|grenades|rifles|guns|munitions|detonators|caches?|firearms|pistols|"
            r"revolvers|kalashnikovs|machine\s+guns|rounds|cartridges|landmines|mines|tnt|"
            r"projectiles|stash|shells|drones?|weaponry|military\s+equipment)")

TRIGGERS: tuple[Trigger, ...] = (
    # -- explosions / remote violence -------------------------------------------------------
    _t(r"\b(?:chemical\s+(?:weapons?|attacks?|agents?|munitions?|strikes?|substances?|gas)|"
       r"chlorine(?:\s+gas)?|sarin|mustard\s+gas|nerve\s+(?:agent|gas)|toxic\s+(?:gas|chemicals?|"
       r"substances?)|poison(?:ous)?\s+gas|phosphorus|gas\s+attack)\b", "Chemical weapon", 92),
    _t(r"\b(?:suicide\s+(?:bomb(?:er|ers|ing|ings|s)?|attacks?|attackers?|(?:car|truck|vehicle|motorcycle)\s+bomb(?:s|ing|ings|ers?)?|"
       r"vests?|belts?|blasts?|explosions?|bomber)|blew\s+(?:himself|herself|"
       r"themselves)\s+up|self-detonat\w*|detonated\s+(?:his|her|their)\s+(?:explosive|suicide)"
       r"|blown\s+(?:himself|herself|themselves)\s+up|explosive\s+(?:vest|belt)s?|suicide-bomb\w*|svbied|kamikazes?(?!\s+drones?))\b", "Suicide bomb", 88),
    _t(r"\b(?:defus\w+|dismantl\w+|neutrali[sz]\w+\s+" + _N + _WEAPONS + r"|disarm\w+|"
       r"(?:seiz\w+|confiscat\w+|recover\w+|found|discover\w+|unearth\w+|captur\w+|destroy\w*|"
       r"dug\s+up|impound\w*)\s+" + _N5 + _WEAPONS + r"|" + _WEAPONS + r"\s+(?:\w+\s+){0,8}?"
       r"(?:were|was|have\s+been|has\s+been)\s+(?:\w+\s+)?(?:seized|found|discovered|recovered|"
       r"confiscated|destroyed|defused|dismantled|unearthed)|" + _WEAPONS + r"\s+(?:seized|confiscated|"
       r"recovered|found|discovered|impounded)|(?:weapons?|arms|ammunition|"
       r"explosives?)\s+(?:caches?|depots?|hauls?|seizures?|stash)|caches?\s+(?:of|containing)|"
       r"stash\s+of|intercept\w*\s+" + _N + r"(?:drones?|missiles?|rockets?|projectiles?|"
       r"shipments?|uavs?)|intercept\w*\s+" + _N5 + _WEAPONS + r"|shot\s+down|downed|foil\w*|thwart\w*|"
       r"bomb\s+disposal|controlled\s+explosion|demining|de-mining)\b",
       "Disrupted weapons use", 86),
    # (a rocket-propelled grenade is a gun battle's weapon: ACLED codes the clash)
    _t(r"(?<!propelled\s)\b(?:hand\s+)?grenades?\b|\bgrenade\s+attacks?\b", "Grenade", 84),
    _t(r"\b(?:air\s*strikes?|air\s*raids?|air\s+attacks?|aerial\s+(?:bombardment|attacks?|"
       r"bombings?|bombardments?|strikes?|raids?)|drone\s+(?:strikes?|attacks?)|(?:armed|suicide|kamikaze)\s+"
       r"drones?|warplanes?|war\s+planes?|fighter\s+jets?|jets?\s+(?:struck|bombed|pounded|"
       r"targeted|hit)|helicopter\s+gunships?|gunships?|barrel\s+bombs?|(?:guided\s+)?aerial\s+"
       r"bombs?|glide[-\s]bombs?|guided\s+bombs?|(?:strategic|heavy|long-range|b-52s?|b-1s?|"
       r"tu-\d+s?)\s+bombers|air\s+force|air\s+operations?|air\s+(?:component|wing)|"
       # an army's own words for an air strike: "the IDF struck and eliminated a commander"
       r"(?:IDF|Israeli\s+(?:army|military)|Israel\s+Defense\s+Forces)\s+(?:also\s+)?struck"
       r"|unmanned\s+aerial|uavs?|drones?|airstrike\w*|bombing\s+raids?|"
       r"(?:(?<!anti-)aircraft|jets?|helicopters?|choppers?|planes?)\s+(?:\w+\s+|(?:[\w'-]+\s+)"
       r"{1,8}?and\s+|of\s+(?:the\s+)?(?:[\w'-]+\s+){1,4}?)?(?:bombed|struck|"
       r"hit|targeted|pounded|attacked|fired|carried\s+out|conducted|launched|dropped|shelled|"
       r"raided|strafed)|(?:by|from)\s+(?:[\w']+\s+){0,3}?(?:aircraft|jets|helicopters|choppers|"
       r"planes|warplanes)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|"
       r"multiple|coalition|allied|u\.?s\.?(?:-led)?)\s+strikes?\s+(?:\w+\s+)?(?:engaged|destroyed|"
       r"struck|hit|targeted|killed|damaged)|"
       # one of the strikes a report tells apart ("The first strike hit a car in Bint Jbeil; a
       # second strike hit a motorcyclist"), or one an army's state made ("an Israeli strike
       # hit a house"): a general strike hits no car
       r"(?:first|second|third|fourth|fifth|another|latest|subsequent|(?:an|the)\s+"
       r"(?:Israeli|Russian|Ukrainian|Saudi|Turkish|Pakistani|American|U\.?S\.?|coalition|"
       r"junta|army|military))\s+strikes?\s+(?:\w+\s+)?(?:hit|struck|killed|targeted|destroyed|"
       r"damaged|flattened|levell?ed)|"
       # a strike report's summary: "Coalition military forces conducted 26 strikes"
       r"conducted\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple)"
       r"\s+(?:\w+\s+)?strikes?)\b",
       "Air/drone strike", 80),
    _t(r"\b(?:shell(?:s|ed|ing)?(?!\s+range)|artillery|mortars?|rockets?(?![-\s]propelled)|"
       r"missiles?|katyushas?|howitzers?|bombard\w*|(?<!firearm\s)(?<!gun\s)(?<!bullet\s)"
       r"projectiles?|tank\s+fire|heavy\s+weapons|"
       r"mlrs)\b",
       "Shelling/artillery/missile attack", 76),
    _t(r"\b(?:(?:car|truck|roadside|road-side|motorcycle|bicycle|parcel|magnetic|sticky|"
       r"time|nail|pipe|letter|vehicle-borne|improvised)\s+bombs?|improvised\s+explosive\s+"
       r"devices?|ieds?|vbieds?|landmines?|land\s+mines?|mines?\s+(?:exploded|blast|explosion)|"
       r"explosive\s+devices?|bomb\s+(?:blasts?|attacks?|explosions?|exploded|went\s+off)|"
       # (not a crowd's "petrol bombs", the police's "stun bombs")
       r"(?<!petrol\s)(?<!gasoline\s)(?<!smoke\s)(?<!stun\s)(?<!gas\s)(?<!fire\s)bombs?|"
       r"bombings?|blasts?|explosions?|exploded|explosives?|detonat\w+|booby[-\s]trap\w*|"
       r"mine\s+(?:blast|explosion)|limpet\w*|went\s+off|"
       # "a supply convoy hit a mine", "their vehicle ran over a landmine"
       r"(?:hit|hits|struck|strikes|ran\s+over|runs\s+over|drove\s+over|stepped\s+on)\s+"
       r"(?:a|an)\s+(?:[\w-]+\s+)?(?:land\s*)?mines?)\b", "Remote explosive/landmine/IED", 70),
    # -- violence against civilians ---------------------------------------------------------
    _t(r"\b(?:rap(?:e|ed|es|ing|ist|ists)|gang-?rap\w*|sexual(?:ly)?\s+(?:assault\w*|"
       r"violence|abus\w*|exploit\w*|harass\w*|slavery)|sex\s+slaves?|molest\w*|"
       r"abus(?:ed|ing)\s+(?:\w+\s+){0,2}?(?:women|girls|boys|children|detainees))\b",
       "Sexual violence", 87),
    _t(r"\b(?:kidnap\w*|abduct\w*|taken\s+hostage|held\s+hostage|hostages?|forc(?:ed|ibly)\s+"
       r"disappear\w*|enforced\s+disappearance|disappeared|taken\s+captive|went\s+missing|"
       # people seized or taken away ("seized 23 people, mostly women", "took away 11
       # worshippers"): abducted, not a place seized
       r"(?:seized|took\s+away|carried\s+(?:off|away)|whisked\s+away|led\s+away)\s+"
       r"(?:(?:at\s+least|about|around|more\s+than|over|some|\d+|[a-z]+(?:-[a-z]+)?)\s+){0,3}?"
       r"(?:people|persons|residents|villagers|worshippers|women|children|girls|boys|farmers|"
       r"passengers|travell?ers|students|pupils|men|civilians|hostages|herders|miners))\b",
       "Abduction/forced disappearance", 82),
    # -- demonstrations ---------------------------------------------------------------------
    _t(r"\b(?:protest(?!ant)\w*|demonstrat(?:ion|ions|ors?|ed|ing)|rall(?:y|ies|ied|ying)|marche[sd]|"
       r"(?-i:march)|marching|(?:fired|used|lobbed|shot)\s+tear\s*-?gas|tear\s*-?gas\s+(?:(?:canisters|shells|grenades)\s+)?(?:was|were)\s+(?:fired|used|lobbed|thrown)|sit-ins?|picket\w*|took\s+to\s+the\s+streets?|take\s+to\s+the\s+streets?|"
       r"(?:general|hunger|labou?r|national|nationwide|teachers'?|workers'?|doctors'?|"
       r"transport|sit-down)\s+strikes?|(?:on|went\s+on|go\s+on|going\s+on|staged\s+a|"
       r"called\s+a|began\s+a|launched\s+a)\s+strikes?|strik(?:ing|ers)\s+(?:workers|"
       r"teachers|doctors|employees|miners|drivers)|shutdowns?|standstill|human\s+chains?|walkouts?|boycott\w*|vigils?|chant\w*|placards?|banners?)\b",
       "protest", 60),
    _t(r"\b(?:riot\w*(?!\s+(?:police|policemen|gear|squads?|control|units?))|lynch\w*|mob|mobs|vigilante\w*|angry\s+crowds?|angry\s+residents|"
       # ("young men threw stones and petrol bombs at police")
       r"(?:threw|hurled|throwing|hurling)\s+(?:stones|rocks|petrol\s+bombs|molotov\s+cocktails|"
       r"firebombs)|stone-throwing|"
       # ("hundreds of young people set fire to a police post")
       r"(?:youths|young\s+(?:people|men)|crowds?|mobs?)\s+(?:set\s+fire\s+to|torched|burned|burnt|"
       r"stormed|ransacked)\s+(?:an?|the)\s+(?:police|gendarmerie|government|council|party)\s+"
       r"(?:posts?|stations?|offices?|buildings?|vehicles?|headquarters))\b",
       "riot", 66),
    # -- battles ----------------------------------------------------------------------------
    _t(r"\b(?:recaptur\w+|retook|retake|retaken|regain\w*|liberat\w+|took\s+back|"
       r"reclaim\w+|freed|recover\w+(?!\s+" + _N + r"(?:bod(?:y|ies)|corpses?|remains|"
       r"weapons?|arms|ammunition|explosives?|stolen|loot))|drove\s+" + _N + r"(?:out|back)|(?:pushed|driven|forced)\s+"
       r"(?:back|out)|advanc\w+(?!\s+(?:posts?|positions?|bases?|camps?|outposts?|guards?|units?|"
       r"weapons?|arms|systems?|technology|training))|taken\s+over|occupied|"
       r"(?:seiz\w+|captur\w+|overr[au]n\w*|took|take[sn]?|taking|gain\w*|wrested|"
       r"occup\w+)\s+(?:full\s+|complete\s+|total\s+)?control|seiz\w+|captur\w+|overr[au]n\w*|"
       r"stormed|fell\s+to|fallen\s+to|advanc\w+\s+(?:into|on)|entered|took\s+over|"
       r"under\s+(?:the\s+)?control|ousted|expelled)\b", "territory", 64),
    _t(r"\b(?:clash\w*|(?<!the\s)(?<!their\s)(?<!our\s)(?<!its\s)(?<!global\s)"
       # ("where criminal groups fight for control of illegal gold": what they do, no event;
       # "were fighting for control of the town" is a battle)
       r"(?:fighting|fights|fight(?!\s+(?:for|over)\s+(?:the\s+)?(?:control|territory|"
       r"dominance|supremacy|power|influence)\b))(?<!the\sfight)|fought|battl\w+|gun\s*fights?|fire\s*fights?|gun\s+battles?|"
       r"exchange[sd]?\s+(?:of\s+)?(?:heavy\s+|intense\s+)?(?:gun|artillery\s+|mortar\s+)?fire|"
       r"exchanging\s+(?:heavy\s+)?fire|(?:machine[-\s]gun|small[-\s]arms|rpg|"
       r"rocket[-\s]propelled\s+grenade)\s+fire|skirmish\w*|ambush\w*|counter-?"
       r"attack\w*|offensive|hostilities|engag(?:ed|ement)|repel\w*|repuls\w+|"
       # "two militants killed in a Handwara encounter" (South Asian and Philippine usage)
       r"in\s+(?:an?\s+|the\s+)?(?:[\w'-]+\s+){0,2}?encounters?(?=[\s,;.]|$)|"
       r"encounters?\s+(?:with|between)\s+(?:\w+\s+){0,2}?(?:security|troops|soldiers|police|"
       r"forces|army|militants|rebels|terrorists)|"
       r"(?:attacked|stormed|raided|assaulted)\s+(?:a|an|the)?\s*" + _N + r"(?:checkpoints?|"
       r"bases?|posts?|outposts?|convoys?|patrols?|positions?|barracks|military|army|police"
       r"\s+stations?|soldiers|troops|detachments?|garrisons?)|"
       # the same told in the passive ("a military patrol was attacked by gunmen")
       r"(?:checkpoints?|bases?|posts?|outposts?|convoys?|patrols?|positions?|barracks|"
       r"soldiers|troops)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
       r"(?:(?:\w+ly)\s+)?(?:attacked|ambushed|stormed|raided|assaulted))\b", "clash", 62),
    _t(r"\b(?:attack\w*|assault\w*|raid\w*|gunned\s+down|shot|shoot\w*|open(?:ed|ing)\s+fire|"
       r"(?:came|come|coming|been)\s+under\s+(?:heavy\s+|sustained\s+)?(?:gun|rocket|mortar)?"
       r"fire|"
       r"gunfire|fired\s+(?:on|at|upon)|kill(?:ed|ings?|s)?|murder\w*|execut\w+|behead\w*|"
       r"stabb\w*|hack\w*\s+to\s+death|massacr\w+|slaughter\w*|beat(?:en|ing)?\s+to\s+death|"
       r"tortur\w+|assassinat\w+|torch\w*|burn\w*\s+alive|set\s+ablaze|targeted|"
       r"slain|slew|injur\w+|wound\w*|beat(?:en|ing)?|lashed|flogged|"
       # armies' words for killing fighters: "three terrorists were neutralised", "eliminated
       # a commander"
       r"(?:neutrali[sz]ed|eliminated)(?=\s+(?:an?|the|\d+|two|three|four|five|six|seven|"
       r"eight|nine|ten|several|dozens\s+of|scores\s+of)\s+(?:[\w'-]+\s+){0,3}?" + _FIGHTERS +
       r")|" + _FIGHTERS + r"\s+(?:were|was|had\s+been|have\s+been)\s+"
       r"(?:\w+\s+)?(?:neutrali[sz]ed|eliminated))\b", "violence", 50),
    _t(r"\b(?:bod(?:y|ies)\s+(?:of\s+)?" + _N + r"(?:were|was|have\s+been|has\s+been)?\s*"
       r"(?:found|discovered|recovered|retrieved|dumped)|(?:found|discovered|recovered)\s+"
       r"(?:the\s+)?(?:\w+\s+){0,3}?(?:dead|bod(?:y|ies)|corpses?|remains)|found\s+dead|"
       r"(?:find|finds)\s+(?:a|the|two|three|\d+)?\s*(?:bod(?:y|ies)|corpses?)|"
       r"mass\s+graves?|(?:died|dead|die|dies|perished|succumbed)\b|"
       # a communiqué's own dead ("on our side, six martyrs"), not a day, square or brigade
       r"martyr(?:s|ed)\b(?!['\u2019]|\s+(?:day|square|brigades?|battalions?|cemetery|"
       r"memorial|of|monument)\b))", "outcome", 45),
    # -- strategic developments -------------------------------------------------------------
    _t(r"\b(?:arrest\w*|detain\w*|detention|apprehend\w*|taken\s+into\s+custody|custody|"
       r"rounded\s+up|nabbed|captured\s+(?:a|an|the|\d+|two|three|four|five|several)\s+" + _N +
       r"(?:suspects?|members?|militants?|fighters?|commanders?|leaders?|terrorists?)|"
       r"imprison\w*|jailed)\b", "Arrests", 58),
    _t(r"\b(?:loot\w*|pillag\w*|plunder\w*|ransack\w*|vandali[sz]\w*|torched|set\s+(?:on\s+)?"
       r"fire|set\s+ablaze|burn(?:ed|t|ing)\s+(?:down\s+)?" + _N + r"(?:houses?|homes?|shops?|"
       r"vehicles?|cars?|property|properties|buildings?|crops|offices?|stores?|churche?s?|"
       r"mosques?|schools?)|destroy\w*\s+" + _N + r"(?:houses?|homes?|property|properties|"
       r"shops?|crops|buildings?|offices?|infrastructure|vehicles?|statues?|shrines?|towers?)|"
       r"demoli\w+|razed|bulldoz\w+|sabotag\w*|arson|stole|"
       r"(?:houses?|homes?|shops?|stores?|vehicles?|cars?|property|properties|buildings?|offices?)"
       r"\s+(?:\w+\s+){0,3}?(?:burn(?:ed|t)|torched|looted|destroyed|vandali[sz]ed|set\s+ablaze|"
       r"ransacked|razed))\b", "Looting/property destruction", 54),
    _t(r"\b(?:agreements?|agreed|accords?|ceasefires?|cease-?fires?|truces?|peace\s+deals?|"
       r"deals?|signed|memorandum|prisoner\s+(?:swaps?|exchanges?)|exchange\s+of\s+(?:prisoners|"
       r"detainees|bodies)|swap\w*|negotiated|reconciliation|surrender\w*|laid\s+down\s+(?:their\s+)?"
       r"arms|evacuation\s+deal|releas\w+\s+" + _N + r"(?:prisoners|hostages|detainees|captives))\b",
       "Agreement", 48),
    _t(r"\b(?:withdr[ae]w\w*|withdrawal|pull(?:ed|ing)?\s+out|handed\s+over|hand\s+over|"
       r"handover|retreat\w*|relinquish\w*|ceded|vacated|abandoned|redeploy\w*)\b",
       "Non-violent transfer of territory", 46),
    _t(r"\b(?:(?:establish\w*|set(?:ting)?\s+up|built|build\w*|open\w*(?!\s+fire)|construct\w*|"
       r"install\w*)"
       r"\s+(?:a\s+|an\s+|new\s+|the\s+|its\s+|their\s+)*" + _N5 + r"(?:bases?|headquarters|hq|"
       r"points?|barracks|observation\s+posts?|"
       r"outposts?|camps?|checkpoints?|posts?|military\s+posts?|garrisons?|positions?|"
       r"command\s+centres?|command\s+centers?|training\s+camps?)|new\s+(?:military\s+)?base|"
       r"(?:bases?|headquarters|outposts?|camps?|points?|posts?|"
       r"garrisons?)\s+(?:\w+\s+){0,2}?(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?"
       r"(?:established|set\s+up|built|opened|installed))\b",
       "Headquarters or base established", 52),
    _t(r"\b(?:launch\w*\s+(?:a\s+|an\s+|the\s+|its\s+|their\s+)?" + _N + r"(?:operations?|"
       r"offensives?|campaigns?|crackdowns?|sweeps?|clearance|manhunt)|launch\w*\s+['\"\u2018"
       r"\u201c]?operation|(?:security|military|clearance|search|combing|cordon-and-search|"
       r"counter-terrorism|counterterrorism)\s+operations?|deploy\w*|reinforcements?|mobili[sz]\w*"
       r"|recruit\w*|merg\w+|defect\w*|dispatch\w*|reinforc\w*|pull(?:ed|ing|s)?\s+back|"
       r"sent\s+" + _N + r"(?:troops|reinforcements|forces|soldiers)|pledged\s+allegiance|joined\s+forces|"
       r"formed\s+a\s+new|split\s+from|(?:entity|group|unit|brigade|militia|faction|branch|wing|"
       r"force|battalion|movement|alliance|coalition)\s+(?:[\w'(),-]+\s+){0,12}?(?:has\s+been|was|"
       r"have\s+been|were)\s+(?:set\s+up|formed|established|created|launched|founded)|curfew|state\s+of\s+emergency|martial\s+law|troop\s+"
       r"movements?|convoy\s+of|patrol\w*|military\s+exercises?|drills?|manoeuvres|maneuvers"
       r")\b", "operation", 40),
)

#: a weapon that explodes or flies: what a foiled attack with it stopped is a disrupted weapon
BLAST_WEAPON = re.compile(r"\b(?:bombs?|bomber|explosive\w*|ieds?|devices?|mines?|suicide|vests?|"
                          r"grenades?|drones?|uavs?|missiles?|rockets?|mortars?|shells?)\b",
                          re.IGNORECASE)

#: the weapon of an attack told as an aircraft or a drone ("attacked the base with explosive-laden
#: drones", "targeted the power station with a number of strategic drones", "a strike with
#: missiles and attack unmanned aerial vehicles"): ACLED's Air/drone strike
DRONE_WEAPON = re.compile(
    r"\b(?:with|using|by)\s+(?:[\w-]+\s+){0,6}?(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|"
    r"quadcopters?|warplanes?|fighter\s+jets?|military\s+aircraft)\b|"
    r"\b(?:attack|kamikaze|suicide|explosive-laden|armed|strike)\s+(?:drones?|UAVs?|"
    r"unmanned\s+aerial\s+vehicles?)\b", re.IGNORECASE)

#: a civilian word that tells who reported, not who was hit ("according to local sources",
#: "residents said", "told villagers"): see :func:`civilian_victims`
_SOURCE_AFTER = re.compile(r"\s+(?:sources?|media|radio|press|reports?|said|say|says|told|"
                           r"reported|recounted|described|interviewed)\b", re.IGNORECASE)
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|told|quoted|quoting|citing|interviewed)\s+"
                            r"(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)


#: people killed with forces among them ("ten people, including a captain, were killed")
PEOPLE_WITH_FORCES = re.compile(r"\b(?:people|persons)" + FORCES_AMONG.pattern, re.IGNORECASE)


def civilian_victims(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first civilian word of ``text[start:end]`` that is not the source of the report
    (:data:`CIVILIAN_WORDS` without "local sources said", "according to residents") nor
    people counted with forces among them."""
    for m in civilian_words(text, start, end):
        if m.group(0).lower() in ("people", "persons") and FORCES_AMONG.match(text, m.end()):
            continue  # (nor "ten people, including a captain": the dead of a battle)
        return m
    return None


def civilian_words(text: str, start: int = 0, end: int | None = None
                   ) -> Iterator[re.Match[str]]:
    """The civilian words of ``text[start:end]`` that are not the source of the report
    ("local sources said", "according to residents", "state officials said"), lazily."""
    end = len(text) if end is None else end
    return (m for m in CIVILIAN_WORDS.finditer(text, start, end)
            if not _SOURCE_AFTER.match(text, m.end())
            and not _SOURCE_BEFORE.search(text, max(0, m.start() - 40), m.start())
            and not (m.group(0).lower() == "men"
                     and _ARMED_MEN.search(text, max(0, m.start() - 12), m.start())))


#: the words that make "men" the attackers ("armed men", "masked men")
_ARMED_MEN = re.compile(r"\b(?:armed|masked|hooded|uniformed|unidentified|unknown)\s+$",
                        re.IGNORECASE)


#: words that make a clause about civilians as victims
CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|villagers?|residents?|people|men|women|children|child|boys?|girls?|"
    r"farmers?|shepherds?|herders?|students?|worshipp?ers?|journalists?|teachers?|passengers?|"
    r"pilgrims?|famil(?:y|ies)|workers?|traders?|merchants?|refugees?|displaced|"
    # (not "local government areas", "local sources", "local vigilantes")
    r"locals?(?!\s+(?:governments?|councils?|authorit\w+|administrations?|sources?|media|press|"
    r"radio|time|elections?|branch|units?|defen[cs]e|vigilantes?|militias?|police|security)\b)|"
    r"drivers?|doctors?|nurses?|schoolchildren|elders?|fishermen|miners?|man|woman|"
    r"mukhtar|wedding|market|mosque|church|school|hospital|homes?|houses?|village|"
    r"christians|yazidis|tribal\s+(?:leader|elder|sheikh)|activists?|politicians?|candidates?|"
    r"officials?|councill?ors?|mayor|lawyers?|judges?|humanitarian|aid\s+workers?|"
    r"brothers?|sons?|daughters?|wives|wife|husband|father|mother|relatives?|persons?|"
    r"individuals?|businessm[ae]n|contractors?|road\s+workers?|laborers?|labourers?|"
    r"(?:rubber\s+)?tappers?|vendors?|shopkeepers?|herdsman|fisherman|pastors?|priests?|imams?|"
    r"monks?|motorcyclists?|(?:moto|motorcycle)[\s-]?taxi\s+drivers?|rickshaw\s+"
    r"pullers?|porters?|hunters?|woodcutters?|loggers?)\b",
    re.IGNORECASE,
)

#: words that make a clause about armed actors as victims or opponents
ARMED_WORDS = re.compile(
    r"\b(?:soldiers?|troops?|army|military|police(?:men|man)?|officers?|security\s+forces|"
    r"forces|militants?|fighters?|insurgents?|rebels?|jihadists?|terrorists?|militi\w+|"
    r"gunmen|checkpoints?|base|bases|barracks|convoys?|patrols?|positions?|commanders?|"
    r"guards?|personnel|servicem[ae]n|recruits?|cadres?|combatants?|paramilitar\w+|"
    r"peshmerga|gendarmes?|army\s+post|outposts?|military\s+post)\b",
    re.IGNORECASE,
)

#: cues of state intervention in a demonstration ("dispersed peacefully" is the crowd going home)
INTERVENTION = re.compile(
    r"\b(?:tear\s*-?gas|teargas|dispers\w+(?!\s+(?:peacefully|quietly|calmly|without\s+"
    r"(?:incident|violence)|on\s+their\s+own|of\s+their\s+own))|water\s+cannons?|rubber\s+bullets|batons?|"
    r"baton-charg\w*|lathi|arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|broke\s+up|break\s+up|cordon\w*|pepper\s+spray|"
    r"stun\s+grenades|prevent\w*|blocked|stopped|obstructed|scuffl\w*|pushed\s+back|"
    r"forcibly\s+removed|charged|kettled|evicted|chas(?:e|es|ed|ing)|dragg?\w*)\b",
    re.IGNORECASE,
)
#: cues of lethal or excessive force against demonstrators
EXCESSIVE = re.compile(
    r"\b(?:live\s+(?:ammunition|fire|rounds|bullets)|opened\s+fire|shot\s+(?:dead|at)|"
    r"killed|killing|shot|gunfire|fired\s+(?:on|at|into)|bullets|brutal\w*|beat(?:en|ing)?|"
    r"hits?|hitting|clubbed|injur\w+|wounded|crackdown|died|dead|tortur\w*|assault\w*|attacked|lashed|"
    r"whipped|ran\s+over)\b",
    re.IGNORECASE,
)
#: cues of demonstrator violence
RIOTING = re.compile(
    r"\b(?:riot\w*(?!\s+(?:police|policemen|gear|squads?|units?))|clash\w*|ston(?:e|es|ed|ing)|"
    r"threw|hurl\w*|pelt\w*|rocks|molotov|"
    r"petrol\s+bombs?|firebomb\w*|torch\w*|set\s+(?:on\s+)?fire|set\s+ablaze|burn\w*|"
    r"vandali[sz]\w*|ransack\w*|loot\w*|smash\w*|"
    r"violent\w*(?!\s+(?:dispersal|crackdown|repression|suppression|break-?up))|stormed|"
    r"attacked|damag\w*|destroy\w*|tyres|tires|fought|scuffl\w*|rampag\w*)\b",
    re.IGNORECASE,
)

#: words of a protest's object that rather describe an armed event ("strikes on positions")
STRIKE_MILITARY = re.compile(r"\b(?:air|drone|missile|rocket|artillery|strikes?\s+(?:on|against|"
                             r"at|targeted|hit))\b", re.IGNORECASE)

#: out-of-scope cues: ordinary crime, disasters, diplomacy, claims of responsibility
OUT_OF_SCOPE: dict[str, re.Pattern[str]] = {
    "crime": re.compile(
        r"\b(?:robber\w*|robbed|thie(?:f|ves)|theft|stole|stolen|burglar\w*|drug\w*|narcotic\w*|"
        r"cocaine|heroin|meth\w*|smuggl\w*|traffick\w*|cartel\w*|gang(?:s|ster\w*)?|fraud\w*|"
        r"scam\w*|brib\w*|corrupt\w*|embezzl\w*|money\s+laundering|poach\w*|counterfeit\w*|"
        r"domestic\s+(?:violence|dispute)|family\s+dispute|love\s+affair|dowry|honou?r\s+killing|"
        r"extortion|loan|debt|cattle\s+rustl\w*|carjack\w*|serial\s+killer|ransom\s+demand|"
        r"sentenced|convicted|court|trial|jail\s+term|prison\s+term|acquitted|verdict|"
        r"charge\s*sheet|fir\b|cyber\w*|hacker\w*|illegal\s+(?:liquor|mining|sand)|liquor|"
        r"murder\s+case|girlfriend|boyfriend|migrants?|human[-\s]trafficking|shoplift\w*|"
        r"pornograph\w*|poachers?|kidnap(?:ped|ping)?\s+for\s+ransom|"
        # a killing within a family or between neighbours ("shot dead by his cousin")
        r"by\s+(?:his|her|their)\s+(?:own\s+)?(?:cousin|brother|sister|husband|wife|"
        r"(?:step|grand)?(?:father|mother|son|daughter)|uncle|aunt|nephew|niece|relatives?|"
        r"neighbou?r|in-laws?|partner|fianc[eé]e?)s?|personal\s+(?:matter|dispute|grudge|feud))\b",
        re.IGNORECASE),
    "disaster": re.compile(
        r"\b(?:earthquakes?|quakes?|tremors?|floods?|flooding|flash\s+floods|landslides?|"
        r"mudslides?|cyclones?|hurricanes?|typhoons?|tornado\w*|storms?|droughts?|famine|"
        r"tsunami|volcan\w*|eruption|heat\s*waves?|wildfires?|forest\s+fires?|bushfires?|"
        r"avalanche|covid\w*|coronavirus|pandemic|epidemic|outbreak|infections?|infected|"
        r"virus|cholera|ebola|dengue|malaria|vaccin\w*|cases|patients|accidents?|accidental\w*|"
        r"crash\w*|collided|collision|derail\w*|capsiz\w*|sank|sinking|shipwreck|collaps\w*|"
        r"skidded|plunged|overturned|veered\s+off|fell\s+into\s+a\s+(?:gorge|ravine)|"
        r"gas\s+(?:leak|cylinder|explosion)|cylinder|short[-\s]circuit|boiler|factory\s+fire|"
        r"fire\s+broke\s+out|blaze|fire\s+(?:department|fighters?|brigade)|firefighters?|"
        r"stampede|electrocut\w*|leak\w*|spill\w*|toxic\s+fumes|poisoning|hooch|"
        r"power\s+outage|blackout|rainfall|rains|monsoon|weather|snow\w*|lightning|"
        r"(?:gas|chemical|power|nuclear|industrial|fertili[sz]er)\s+plants?|warehouses?|factory|"
        r"factories|furnace|fireworks|refiner\w+|industrial|ammonium\s+nitrate|"
        r"ca(?:ught|tch|tches|tching)\s+fire|plane\s+crash|airliner|passenger\s+(?:plane|jet)|"
        r"emergency\s+landing|wildfires?|fires?\s+(?:are|were|is)\s+burning|"
        r"magnitude|richter|evacuat\w+\s+(?:due|because|after)\s+(?:to\s+)?(?:the\s+)?"
        r"(?:flood|fire|storm))\b",
        re.IGNORECASE),
    "diplomacy": re.compile(
        r"\b(?:met\s+with|meeting|talks|summit|visit\w*|bilateral|diplomat\w*|envoy|ambassador\w*|"
        r"foreign\s+minister|prime\s+minister|president|minister|ministry|spokes(?:man|woman|person)|"
        r"condemn\w*|urged|called\s+(?:on|for)|discuss\w*|sanction\w*|statement|said|says|"
        r"announced|expressed|welcomed|praised|criticis\w*|criticiz\w*|accused|warned|"
        r"negotiat\w*|embassy|relations|cooperation|trade|economic|election\w*|vote|parliament|"
        r"resolution|united\s+nations|security\s+council|nato|eu\b)\b",
        re.IGNORECASE),
    "diplomacy_strong": re.compile(
        r"\b(?:sanction\w*|expel\w*|expulsion|diplomat\w*|security\s+council|foreign\s+minist\w+|"
        r"summit|bilateral|envoy|ambassador\w*|(?:missile|nuclear|weapons?)\s+(?:tests?|"
        r"programs?|programmes?|development)|test[-\s]fir\w*|test\s+launch\w*|arms\s+(?:sales?|"
        r"deals?|control)|condemn\w*)\b",
        re.IGNORECASE),
    "attribution": re.compile(
        r"\b(?:claim\w*\s+(?:of\s+)?responsibility|responsibility\s+for|claimed\s+(?:the|that|it)|"
        r"claims?\s+by|blamed|blames|attributed|accus\w+|behind\s+the\s+attack|"
        r"suspected\s+of\s+being\s+behind|perpetrated\s+by)\b",
        re.IGNORECASE),
}

#: words in a clause that mark background or history rather than a new event
BACKGROUND = re.compile(
    r"\b(?:years\s+ago|decades\s+ago|in\s+the\s+past(?!\s+(?:\w+\s+)?(?:hours?|days?|weeks?|"
    r"months?|few|several|\d+|two|three|four|five|24|48))|previously|formerly|"
    r"once\s+(?:controlled|held|ruled)|used\s+to|at\s+the\s+height\s+of|"
    r"during\s+the\s+(?:war|civil\s+war|occupation)|was\s+defeated|were\s+defeated|"
    r"anniversar\w+|commemorat\w+|years\s+(?:after|since))\b",
    re.IGNORECASE,
)

#: Fighting told as a habit ("have clashed repeatedly along their frontier since October", "has
#: used women as suicide bombers in Konduga before").
HABITUAL = re.compile(r"\b(?:ha(?:ve|s)|had)\s+(?:\w+\s+)?\w+ed\s+(?:\w+\s+)?(?:repeatedly|"
                      r"regularly|frequently|routinely|often|many\s+times)\b|\b(?:repeatedly|"
                      r"regularly|frequently|routinely)\s+(?:\w+\s+)?(?:clash|fight|attack|"
                      r"shell|target|strike|raid|used|uses|deploy)\w*|"
                      # "Konduga has been hit by suicide attacks several times in recent years"
                      r"\b(?:ha(?:ve|s)|had)\s+been\s+(?:\w+\s+)?\w+\b[^.;]{0,80}?\b(?:several|many|"
                      r"multiple|numerous)\s+times\b|"
                      # "which has used women and girls as suicide bombers in Konduga before"
                      r"\b(?:ha(?:ve|s)|had)\s+(?:\w+\s+)?(?:used|deployed|employed|sent|"
                      r"carried\s+out|staged|launched|conducted)\b[^.;]{0,100}?\b(?:before|"
                      r"in\s+the\s+past|previously)\b|"
                      # "troops have been shelling residential wards almost daily"
                      r"\b(?:ha(?:ve|s)|had)\s+been\s+\w+ing\b[^.;]{0,80}?\b(?:(?:almost|nearly)\s+"
                      r"daily|daily|every\s+(?:day|night|week)|day\s+after\s+day|night\s+after\s+"
                      r"night)\b|"
                      # "kidnappings for ransom are common", "attacks have become frequent"
                      r"\b(?:are|is|remain|remains|have\s+become|has\s+become)\s+(?:\w+\s+)?"
                      r"(?:common|frequent|rife|rampant|widespread|commonplace|routine)\b",
                      re.IGNORECASE)

#: A conflict told over its whole duration ("has been fighting for more than 15 years").
DURATION = re.compile(
    r"\b(?:for|over)\s+(?:more\s+than\s+|nearly\s+|almost\s+|over\s+|the\s+(?:past|last)\s+)?"
    r"(?:(?:a|two|three|four|five|six|seven|eight|nine|ten|\d+|several|many)\s+)?"
    r"(?:years|decades|a\s+decade)\b", re.IGNORECASE)
#: A toll over a period, not one event ("more than 1,200 civilians were killed in the first
#: half of the year", "over the same period", "so far this year").
PERIOD_TOLL = re.compile(
    r"\b(?:in\s+the\s+(?:first|second|third|last|past)\s+(?:half|quarter|(?:\w+\s+)?months|year)|"
    r"so\s+far\s+(?:this|in)\s+|since\s+the\s+(?:start|beginning)\s+of|"
    r"over\s+the\s+(?:same|past|last)\s+(?:period|year|\w+\s+(?:months|years|weeks))|"
    r"(?:this|last)\s+year(?!['\u2019]s)|(?:each|every|per)\s+(?:month|year|week)|"
    r"in\s+(?:19|20)\d\d\s+alone|"
    # "more than 800 people have been killed in the state since then"
    r"in\s+the\s+(?:state|country|region|province|city|area)\s+since)\b",
    re.IGNORECASE)
#: a long period: "since the coup", "since 2021", "in recent years", "over the past decade"
LONG_PERIOD_WORDS = (
    r"since\s+(?:the\s+)?(?:(?:19|20)\d\d\s+)?(?:coup|war|conflict|insurgency|uprising|invasion|"
    r"revolution|crisis|takeover)|since\s+(?:19|20)\d\d|in\s+recent\s+(?:years|months|decades)|"
    r"(?:over|in|during)\s+the\s+(?:past|last)\s+(?:(?:few|several|two|three|four|five|ten|"
    r"\d+)\s+)?(?:years|decades?|months)")
#: a toll over a long period: never the count of an event told before it
LONG_PERIOD = re.compile(rf"\b(?:{LONG_PERIOD_WORDS})\b", re.IGNORECASE)
#: a superlative that ranks the event told against the period after it ("one of the deadliest
#: attacks on the army this year"): the period is no toll's
RANKED = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|"
                    r"most\s+(?:serious|lethal|deadly|violent))\b", re.IGNORECASE)
#: an event called deadly: at least one death
DEADLY_EVENT = re.compile(
    r"\b(?:deadly|fatal|lethal|bloody)\s+(?:[\w-]+\s+)?(?:attacks?|raids?|"
    r"clash(?:es)?|blasts?|explosions?|bombings?|ambush(?:es)?|strikes?|"
    r"airstrikes?|shootings?|fighting|assaults?|shelling|incidents?|"
    r"violence)\b", re.IGNORECASE)
#: A toll of a whole conflict, its subject the conflict itself ("The conflict has killed more
#: than 6,000 people", "the insurgency has claimed over 40,000 lives", "violence in the region
#: has left hundreds dead"): a statistic, not an event's fatalities.
CONFLICT_TOLL = re.compile(
    r"\b(?:conflict|war|insurgency|violence|uprising|rebellion|crisis|unrest|fighting|"
    r"hostilities|jihadist\s+campaign)\s+(?:[\w',-]+\s+){0,5}?(?:ha(?:s|ve)|had)\s+"
    r"(?:(?:already|so\s+far|since|now)\s+(?:\w+\s+)?)?(?:killed|claimed|left|cost|"
    r"taken)\b", re.IGNORECASE)
#: A plot stopped before it happened, with nothing seized and no one held.
FOILED_PLOT = re.compile(
    r"\b(?:foil\w*|thwart\w*|prevent\w*|avert\w*)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}"
    r"(?:plans?|plots?|attempts?|schemes?|conspirac\w+)\b", re.IGNORECASE)
#: An assault beaten off ("foiled a cowardly attack by Khawarij on the police station"): a
#: battle, unless what was stopped was a weapon that explodes or flies (:data:`BLAST_WEAPON`)
FOILED_ASSAULT = re.compile(r"(?:foil\w*|thwart\w*)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
                            r"(?:attacks?|assaults?|raids?|attempts?|infiltrations?|incursions?)\b",
                            re.IGNORECASE)
#: A clash of crowds: party supporters, factions, villagers or students fighting each other
#: ("a clash between supporters of BNP and Jamaat-e-Islami", "two factions of the party
#: clashed"): ACLED's mob violence between rioters, not a battle of armed groups
_CROWD = (r"(?:supporters|activists|workers|followers|cadres|factions|youths|students|"
          r"villagers|residents|traders|vendors|fans|mobs?)")
CROWD_CLASH = re.compile(
    r"\bclash\w*\s+(?:between|among|involving|of)\s+(?:(?:the|two|rival|opposing|some)\s+)*"
    r"(?:[\w'-]+\s+){0,3}?" + _CROWD + r"\b|\b" + _CROWD + r"\b(?:\s+[\w'()-]+){0,10}?\s+"
    r"(?:clash(?:ed|es)?|fought)\b", re.IGNORECASE)
SEIZED_OR_HELD = re.compile(r"(?<!\bno\s)(?<!\bnot\s)\b(?:seiz\w+|arrest\w*|detain\w*|defus\w+|"
                            r"recover\w*|confiscat\w+|captur\w+|found|dismantl\w+)\b(?!\s+yet)",
                            re.IGNORECASE)
#: the event is what a later date is counted from ("seven years after suicide bombers
#: attacked churches"): history
YEARS_AFTER = re.compile(r"\b(?:years?|decades?|months?)\s+(?:after|since)\b[^,;:.]*$",
                         re.IGNORECASE)

#: verbs whose clausal complement is an intention, not an event ("vowed to attack")
INTENT_VERBS = frozenset({
    "plan", "intend", "vow", "threaten", "pledge", "promise", "aim", "seek", "want", "prepare",
    "decide", "expect", "hope", "call", "urge", "warn", "demand", "propose", "consider", "try",
    "attempt", "plot", "mean", "wish", "need", "ask", "order", "announce", "agree", "refuse",
    "fail", "set", "schedule", "allow", "permit", "encourage", "would", "could", "offer",
    "willing", "ready", "able", "likely", "expected", "due", "mobilise", "mobilize", "invite",
    "conspire", "scheme",
})
MODAL_FUTURE = frozenset({"will", "'ll", "shall", "wo"})
MODAL_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "must", "can"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
DENY_VERBS = frozenset({"deny", "refute", "dismiss", "reject"})
FUTURE_WORDS = re.compile(
    r"\b(?:upcoming|planned|next\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|tomorrow|coming\s+(?:days|weeks|months)|in\s+the\s+coming|"
    r"scheduled|to\s+be\s+held|will\s+be\s+held|is\s+set\s+to|are\s+set\s+to|is\s+expected\s+to"
    r"|are\s+expected\s+to|is\s+to\s+|are\s+to\s+|plans?\s+to|threat(?:en)?s?\s+to|"
    r"possible|potential|risk\s+of|fears?\s+of|if\s)\b",
    re.IGNORECASE,
)


#: Cues that a sentence tells a new event, not a retelling of the one before ("another",
#: "separately", "elsewhere", "in retaliation", "also attacked").
NEW_EVENT = re.compile(
    r"^\W*also\b(?!\s+(?:said|told|says|reported|claimed))|"  # "Also on Sunday, a drone ..."
    r"^\W*(?:on\s+)?the\s+same\s+(?:day|night|morning|afternoon|evening|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday),|"  # "The same day, a ...", "The same Saturday,"
    # "in the evening of the same day, mortar rounds ...": a time of that day, another event
    r"\b(?:in|during)\s+the\s+(?:morning|afternoon|evening|night)\s+of\s+the\s+same\s+day\b|"
    # "At around 1400 hours on the same day, the police post came under attack": a time of
    # that day told by the clock
    r"\b\d{3,4}\s*(?:hours|hrs|h)\s+(?:on\s+)?(?:the\s+same\s+day|that\s+day)\b|"
    r"\b(?:another|a\s+(?:second|third|separate|further|new)|separately|elsewhere|"
    r"in\s+(?:a\s+)?separate|in\s+(?:retaliation|response)|retaliat\w+|meanwhile|"
    r"(?:later|earlier)\s+(?:that|on|in\s+the)|the\s+(?:next|following|previous)\s+day|"
    r"a\s+day\s+(?:later|earlier)|(?:hours|minutes|moments)\s+(?:later|afterwards|earlier)|"
    # "After nightfall, however, groups of youths blocked streets": the sit-in's evening
    r"after\s+(?:nightfall|dark|dusk)|"
    r"(?:hit|hits|struck|strikes?|attacked|shelled|bombed|pounded|targeted)\s+"
    r"(?:[\w'-]+\s+){0,3}?again|"
    # ("40 attackers were also killed", "two women were also abducted": more of the same
    # event's toll, not another event)
    r"(?<!\bwere\s)(?<!\bwas\s)(?<!\bbeen\s)(?<!\bare\s)(?<!\bis\s)also\s+(?:attacked|"
    r"killed|struck|hit|shelled|bombed|clashed|seized|captured|stormed|kidnapped|abducted|"
    r"arrested|targeted))\b",
    re.IGNORECASE)

#: People who took part in an event, named as a group ("the attackers", "the gunmen", "the
#: suicide bomber"): with a definite article they are the ones of an event told before.
PARTICIPANT = re.compile(
    r"(?:attackers?|gunm[ae]n|assailants?|(?:suicide\s+)?bombers?|kidnappers?|abductors?|"
    r"raiders?|shooters?|snipers?|perpetrators?|killers?|mob)", re.IGNORECASE)
#: A sentence whose subject is a definite group of participants ("The attackers, numbering
#: more than 50, arrived ...", "The bomber walked up to the gate ...").
DEFINITE_PARTICIPANT = re.compile(
    r"\W*(?:the|these|those)\s+(?:[\w-]+\s+){0,2}?" + PARTICIPANT.pattern + r"\b",
    re.IGNORECASE)

#: A trigger that says two sides fought: a clash whoever the parse took as the target.
CLASH_WORD = re.compile(r"(?:clash\w*|fight\w*|fought|battl\w*|gunfights?|firefights?|"
                        r"exchang\w*\s+(?:of\s+)?(?:\w+\s+)?fire|skirmish\w*)", re.IGNORECASE)

#: Military exercises, drills and weapons tests: no hostile act, ACLED codes none.
EXERCISE = re.compile(
    r"\b(?:(?:military|joint|naval|air|army|live[-\s]fire|annual|large[-\s]scale|combat|"
    r"amphibious|training)\s+(?:exercises?|drills?|manoeuvres|maneuvers)|war\s*games|"
    r"(?:training|test)\s+(?:launch\w*|firing|flights?)|test[-\s]fir\w+|test[-\s]launch\w*|"
    r"successful(?:ly)?\s+(?:test|launch\w*)|decommissioned\s+(?:\w+\s+){0,2}(?:ship|vessel)|"
    r"target\s+(?:ship|drone)s?\b|sinkex)\b", re.IGNORECASE)
#: A trial or sentence: the attack it is about is background (the trial is not an event).
TRIAL = re.compile(
    r"\b(?:convicted|sentenced|sentencing|found\s+(?:\w+\s+){0,3}?guilty|acquitted|pleaded\s+"
    r"(?:not\s+)?guilty|(?:on|stood|standing)\s+trial|the\s+trial\s+of|life\s+sentences?|"
    r"verdict)\b", re.IGNORECASE)


#: a count of events told at once ("carried out two cowardly attacks yesterday", "three
#: separate raids on Sunday", "two roadside bombs exploded", "twin blasts"): the events told
#: next, one by one, may be its parts (in-article linking keeps the count out of the first
#: part's event when they are, ``eventcoder.dedup.link.counted_summaries``)
#: attacks counted by the places they hit ("in attacks on two villages")
_ON_PLACES = (r"\b(?:attacks|raids|assaults|strikes)\s+on\s+(?P<m>two|three|four|five|six|\d)\s+"
              r"(?:[\w-]+\s+)?(?:villages|towns|communities|settlements|districts|"
              r"localities|hamlets)\b")
#: (the words between the number and the noun qualify the events: not "kill six in two
#: attacks", whose six is a toll)
COUNTED_SERIES = re.compile(r"\b(?P<n>two|three|four|five|six|twin|double|\d)\s+"
                            r"(?:(?!(?:in|during|of)\s)[\w-]+\s+){0,2}?(?:attacks|strikes|"
                            r"raids|assaults|ambushes|bombings|explosions|bombs|blasts)\b"
                            + r"|" + _ON_PLACES, re.IGNORECASE)
#: the same, of events the extractor dates the next ones by: not "dropped two bombs" (one
#: air strike, whose retellings are no events of that day)
COUNTED_ATTACKS = re.compile(r"\b(?P<n>two|three|four|five|six|\d)\s+"
                             r"(?:(?!(?:in|during|of)\s)[\w-]+\s+){0,2}?"
                             r"(?:attacks|strikes|raids|assaults|ambushes|bombings|explosions)\b"
                             + r"|" + _ON_PLACES, re.IGNORECASE)


def count_holding(pattern: re.Pattern[str], text: str, sentence: tuple[int, int],
                  trigger: tuple[int, int]) -> re.Match[str] | None:
    """The match of a count pattern (:data:`COUNTED_SERIES`, :data:`COUNTED_ATTACKS`) in the
    sentence that holds the trigger ("two roadside bomb attacks") or tells in how many events
    the trigger's toll fell ("killed at least 29 civilians in two attacks"), or None."""
    return next((m for m in pattern.finditer(text, sentence[0], sentence[1])
                 if (m.start() <= trigger[1] and m.end() >= trigger[0]) or (
                     0 <= m.start() - trigger[1] <= 80
                     and IN_COUNT.search(text, max(trigger[1], m.start() - 10), m.start()))),
                None)


#: what leads a count of the events a toll fell in ("killed 29 ... in two attacks")
IN_COUNT = re.compile(r"\b(?:in|during)\s+(?:at\s+least\s+)?$", re.IGNORECASE)


def series_count(match: re.Match[str]) -> int:
    """The number of events a :data:`COUNTED_SERIES` match counts."""
    n = (match.group("n") or match.group("m")).lower()
    return 2 if n in ("twin", "double") else parse_number(n) or 0

"""Generate the templated training examples of the event-type classifier.

Every template and slot filler below was written for eventcoder (no corpus text). The output,
``training/templated.tsv`` (label<TAB>text), complements ``training/handwritten.tsv``.
Run: ``python training/generate.py`` (deterministic: fixed seed).
"""

from __future__ import annotations

import random
from pathlib import Path

STATE = ["Government troops", "The army", "Security forces", "Police", "Soldiers",
         "Federal police", "Army units", "Government forces", "Special forces", "Troops",
         "The national army", "Counter-terrorism forces", "Border guards", "Gendarmes"]
ARMED = ["Militants", "Rebels", "Insurgents", "Gunmen", "Jihadists", "Fighters of the group",
         "Islamic State militants", "Al-Shabaab fighters", "Taliban insurgents",
         "Boko Haram fighters", "Separatist rebels", "Armed men", "Suspected militants",
         "Houthi fighters", "Members of an armed group", "Unidentified gunmen", "Bandits"]
CIV = ["civilians", "villagers", "farmers", "shepherds", "women and children", "worshippers",
       "passengers", "residents", "students", "traders", "displaced people", "aid workers",
       "a teacher", "a local journalist", "a village chief", "two brothers", "a family"]
PLACE = ["the village of Tal Sakhr", "Mabrouk district", "the outskirts of Kaldor",
         "the town of Ain Zara", "a market in Dorma", "the northern province of Kassala",
         "the road between Rumeila and Qaryat", "the border town of Sabil", "Hawr al-Din",
         "the city centre of Lenba", "a camp near Mokri", "the eastern suburbs of Barak",
         "the Sira valley", "a checkpoint outside Fathra", "the port city of Ramlat"]
WHEN = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday night", "on Friday",
        "on Saturday morning", "on Sunday", "yesterday", "early today", "overnight",
        "last week", "two days ago", "on March 3", "this morning"]
NUM = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15",
       "at least 20", "dozens of", "several", "11", "at least four", "nearly 30"]
SRC = ["officials said", "a local source said", "residents said", "a monitor reported",
       "state media reported", "police said", "according to witnesses", "a spokesman said",
       "the military said", "rights groups said", "local media reported"]

T: dict[str, list[str]] = {
    "Armed clash": [
        "{state} clashed with {armed} in {place} {when}, {src}.",
        "Heavy fighting broke out between {state} and {armed} near {place} {when}.",
        "{armed} ambushed an army patrol in {place} {when}, sparking a gun battle that left {num} dead.",
        "{state} repelled an attack by {armed} on their positions in {place} {when}.",
        "{num} soldiers and {num} militants were killed in clashes in {place} {when}, {src}.",
        "{armed} attacked a military base in {place} {when} and exchanged fire with troops for hours.",
        "Rival armed groups fought each other in {place} {when}, {src}.",
        "A firefight between {state} and {armed} in {place} killed {num} people {when}.",
    ],
    "Government regains territory": [
        "{state} recaptured {place} from {armed} {when}, {src}.",
        "The army retook control of {place} after a week-long offensive against {armed}.",
        "{state} liberated {place} from {armed} {when}.",
        "Government forces regained {place}, which {armed} had seized last month.",
        "Troops drove {armed} out of {place} {when} and took back the area.",
        "{state} announced {when} that they had freed {place} from militant control.",
    ],
    "Non-state actor overtakes territory": [
        "{armed} seized control of {place} {when}, {src}.",
        "{armed} overran an army base in {place} {when} after government troops fled.",
        "{armed} captured {place} in a dawn offensive {when}.",
        "The town of {place} fell to {armed} {when}, {src}.",
        "{armed} took over {place} after heavy fighting with troops {when}.",
        "{armed} stormed and took control of {place} {when}.",
    ],
    "Chemical weapon": [
        "A chlorine gas attack on {place} {when} left {num} people struggling to breathe, {src}.",
        "Doctors treated {num} patients for symptoms of nerve agent exposure after a chemical attack on {place}.",
        "Toxic gas was used in a strike on {place} {when}, {src}.",
        "Residents of {place} reported suffocation cases after shells containing chemical substances hit the area.",
        "A suspected sarin attack killed {num} people in {place} {when}.",
    ],
    "Air/drone strike": [
        "Warplanes struck {place} {when}, killing {num} {civ}, {src}.",
        "A drone strike hit a vehicle in {place} {when}, killing {num} militants.",
        "Air strikes by government jets pounded {place} {when}, {src}.",
        "An air raid on {place} {when} destroyed several houses, {src}.",
        "Helicopter gunships bombed positions of {armed} in {place} {when}.",
        "Coalition aircraft carried out airstrikes on {armed} hideouts near {place} {when}.",
        "An armed drone targeted a house in {place} {when}, {src}.",
    ],
    "Suicide bomb": [
        "A suicide bomber blew himself up at a checkpoint in {place} {when}, killing {num} people.",
        "A suicide car bomb exploded outside a police station in {place} {when}, {src}.",
        "A man wearing an explosive vest detonated it among worshippers in {place} {when}.",
        "{num} people died when a suicide attacker struck a market in {place} {when}.",
        "Two female suicide bombers attacked a bus station in {place} {when}, {src}.",
    ],
    "Shelling/artillery/missile attack": [
        "{armed} shelled {place} {when}, killing {num} {civ}, {src}.",
        "Artillery fire hit residential areas of {place} {when}, {src}.",
        "Mortar rounds landed on {place} {when}, wounding {num} people.",
        "Rockets fired by {armed} struck {place} {when}, {src}.",
        "A missile attack on {place} {when} damaged the power station, {src}.",
        "{state} fired artillery shells at {armed} positions around {place} {when}.",
    ],
    "Remote explosive/landmine/IED": [
        "A roadside bomb exploded near an army convoy in {place} {when}, killing {num} soldiers.",
        "An improvised explosive device went off in {place} {when}, {src}.",
        "A car bomb exploded in a busy street of {place} {when}, killing {num} people.",
        "A landmine blast killed {num} {civ} in {place} {when}.",
        "A bomb planted in a motorcycle detonated near {place} {when}, {src}.",
        "{num} people were killed when their vehicle hit a mine in {place} {when}.",
    ],
    "Grenade": [
        "Unknown attackers threw a grenade at a police post in {place} {when}, {src}.",
        "A hand grenade was hurled into a crowd in {place} {when}, injuring {num} people.",
        "{armed} lobbed grenades at a security patrol in {place} {when}.",
        "A grenade attack on a shop in {place} {when} wounded {num} people, {src}.",
        "A grenade exploded near a bus stop in {place} {when} after being thrown from a motorbike.",
    ],
    "Sexual violence": [
        "{armed} raped {num} women in {place} {when}, {src}.",
        "Soldiers were accused of sexually assaulting girls in {place} {when}.",
        "A woman was gang-raped by armed men in {place} {when}, {src}.",
        "Rights groups documented sexual violence against displaced women in {place}.",
        "{armed} abducted and sexually abused girls from {place}, {src}.",
    ],
    "Attack": [
        "{armed} shot dead {num} {civ} in {place} {when}, {src}.",
        "{armed} attacked {place} {when}, killing {num} {civ}.",
        "Gunmen opened fire on {civ} in {place} {when}, {src}.",
        "{armed} stormed {place} {when} and killed {num} {civ} in their homes.",
        "The bodies of {num} {civ} were found in {place} {when}, {src}.",
        "A local official was assassinated by gunmen in {place} {when}.",
        "{armed} hacked {num} {civ} to death in {place} {when}.",
    ],
    "Abduction/forced disappearance": [
        "{armed} kidnapped {num} {civ} in {place} {when}, {src}.",
        "{armed} abducted {civ} travelling on the road to {place} {when}.",
        "{num} {civ} were taken hostage by {armed} in {place} {when}.",
        "Relatives said {civ} disappeared after being detained by unknown men in {place}.",
        "{armed} seized {num} {civ} from their homes in {place} {when} and took them to an unknown location.",
    ],
    "Peaceful protest": [
        "Hundreds of people protested in {place} {when} against rising prices, {src}.",
        "Teachers staged a demonstration in {place} {when} demanding unpaid salaries.",
        "Thousands marched peacefully through {place} {when} calling for the release of detainees.",
        "Residents of {place} held a sit-in outside the governor's office {when}.",
        "Students rallied in {place} {when} to denounce the new law, {src}.",
        "Workers went on strike in {place} {when} over wages.",
    ],
    "Protest with intervention": [
        "Police fired tear gas to disperse protesters in {place} {when}, {src}.",
        "Security forces broke up a demonstration in {place} {when} and arrested {num} activists.",
        "Riot police used water cannon against demonstrators in {place} {when}.",
        "Police prevented protesters from marching to the parliament in {place} {when}.",
        "Officers detained {num} people during a rally in {place} {when}, {src}.",
    ],
    "Excessive force against protesters": [
        "Security forces opened fire on protesters in {place} {when}, killing {num}, {src}.",
        "Police shot dead {num} demonstrators in {place} {when}.",
        "Troops used live ammunition against peaceful protesters in {place} {when}.",
        "Police beat demonstrators with batons in {place} {when}, leaving {num} injured.",
        "{num} protesters were killed when soldiers fired on a peaceful march in {place} {when}.",
    ],
    "Violent demonstration": [
        "Protesters threw stones at police and set tyres on fire in {place} {when}, {src}.",
        "Demonstrators torched government buildings in {place} {when}.",
        "Rioters clashed with security forces in {place} {when}, {src}.",
        "Angry protesters stormed the council offices in {place} {when} and smashed windows.",
        "Protesters blocked roads with burning tyres and attacked police vehicles in {place} {when}.",
    ],
    "Mob violence": [
        "A mob lynched a man accused of theft in {place} {when}, {src}.",
        "An angry crowd beat a suspect to death in {place} {when}.",
        "Villagers armed with sticks attacked a family from a rival clan in {place} {when}.",
        "A mob set fire to houses belonging to a minority community in {place} {when}.",
        "Vigilantes attacked traders in {place} {when}, {src}.",
    ],
    "Agreement": [
        "The government and {armed} signed a ceasefire agreement {when}, {src}.",
        "The warring parties agreed to a truce in {place} {when}.",
        "Both sides exchanged prisoners {when} as part of a peace deal.",
        "{armed} and the army reached an agreement to end fighting in {place}.",
        "Tribal leaders brokered a reconciliation deal between rival groups in {place} {when}.",
    ],
    "Arrests": [
        "{state} arrested {num} suspected militants in {place} {when}, {src}.",
        "Police detained an opposition leader in {place} {when}.",
        "Security forces rounded up {num} people in raids across {place} {when}.",
        "A journalist was arrested by intelligence agents in {place} {when}, {src}.",
        "{state} apprehended a senior commander of the group in {place} {when}.",
    ],
    "Change to group/activity": [
        "{state} launched a military operation in {place} {when} to hunt down militant cells.",
        "The army deployed reinforcements to {place} {when}, {src}.",
        "{num} fighters defected from {armed} to the government side {when}.",
        "The two armed groups announced they would merge into a single movement.",
        "The military dispatched hundreds of troops to {place} {when}.",
        "Authorities imposed a curfew in {place} {when} after unrest.",
    ],
    "Disrupted weapons use": [
        "{state} defused a roadside bomb in {place} {when}, {src}.",
        "Police seized a cache of weapons and ammunition in {place} {when}.",
        "Air defences intercepted a drone over {place} {when}.",
        "Troops discovered an arms depot belonging to {armed} in {place} {when}.",
        "Security forces foiled a bomb plot in {place} {when}, {src}.",
        "Bomb disposal experts dismantled an explosive device found near {place} {when}.",
    ],
    "Headquarters or base established": [
        "{state} established a new military base in {place} {when}, {src}.",
        "{armed} set up a headquarters in {place} {when}.",
        "The army built several observation posts around {place}.",
        "Foreign troops opened a new outpost near {place} {when}.",
        "{armed} established a training camp in {place}, {src}.",
    ],
    "Looting/property destruction": [
        "{armed} looted shops and burned houses in {place} {when}, {src}.",
        "Soldiers demolished {num} homes in {place} {when}.",
        "Unknown men set fire to a school in {place} {when}.",
        "{armed} destroyed a telecommunications tower in {place} {when}.",
        "Fighters ransacked a health centre in {place} {when}, {src}.",
    ],
    "Non-violent transfer of territory": [
        "{state} withdrew from {place} {when}, handing control to local forces.",
        "{armed} pulled out of {place} {when} under a deal with the government.",
        "The coalition handed over the base in {place} to the army {when}.",
        "Fighters evacuated {place} {when} and the army entered without fighting.",
        "Rebels retreated from {place} {when}, leaving it to government troops.",
    ],
    "Other": [
        "A peacekeeping mission began patrols in {place} {when}.",
        "Authorities expelled hundreds of foreign nationals from {place} {when}.",
        "The armed group released a video showing the launch of a new missile.",
        "The military held a funeral for soldiers killed earlier in {place}.",
    ],
    "NONE": [
        "Floods swept through {place} {when}, killing {num} people, {src}.",
        "A fire broke out at a factory in {place} {when}, {src}.",
        "The foreign minister met his counterpart in {place} {when} to discuss trade.",
        "An earthquake struck {place} {when}, damaging hundreds of homes.",
        "{armed} claimed responsibility for the attack in {place}, {src}.",
        "Police arrested {num} drug smugglers in {place} {when}.",
        "A bus crashed on the highway near {place} {when}, killing {num} passengers.",
        "The government imposed new sanctions over the missile tests.",
        "Robbers shot a shopkeeper during a robbery in {place} {when}.",
        "The president said the country would never accept foreign interference.",
        "A gas explosion at a chemical plant in {place} killed {num} workers {when}.",
        "The ministry reported {num} new cases of the virus in {place} {when}.",
        "Officials blamed {armed} for last week's bombing in {place}.",
        "Diplomats expelled after the poisoning of a former spy returned home {when}.",
        "The group was defeated in {place} in 2017, years before the current conflict.",
        "The army will launch an offensive in {place} next week, officials said.",
    ],
}


def generate(per_template: int = 12, seed: int = 13) -> list[tuple[str, str]]:
    """(label, text) pairs from every template with random slot fillers."""
    rng = random.Random(seed)
    out = []
    for label, templates in T.items():
        for tpl in templates:
            for _ in range(per_template):
                text = tpl.format(state=rng.choice(STATE), armed=rng.choice(ARMED),
                                  civ=rng.choice(CIV), place=rng.choice(PLACE),
                                  when=rng.choice(WHEN), num=rng.choice(NUM), src=rng.choice(SRC))
                out.append((label, text[0].upper() + text[1:]))
    return out


def main() -> None:
    """Write training/templated.tsv."""
    path = Path(__file__).with_name("templated.tsv")
    rows = generate()
    path.write_text("".join(f"{lab}\t{txt}\n" for lab, txt in rows), encoding="utf-8")
    print(f"{len(rows)} examples -> {path}")


if __name__ == "__main__":
    main()

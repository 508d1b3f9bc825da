"""Reading organisations, groups and coalitions: the part of a mention's
reading that ends in an actor made of several states ("NATO", "the West",
"US allies", "the Saudi-led coalition") or in the head of an organisation
("the NATO secretary-general").  Mixed into `resolve._Reader`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from blocwatch.actors.lexicon import Piece
from blocwatch.actors.tables import ActorTables
from blocwatch.actors.titles import IGO_TITLE_ROLES
from blocwatch.models import Actor


class GroupReading:
    """Methods of `resolve._Reader` about organisations and groups; the attributes are the reader's."""

    __slots__ = ()

    tables: ActorTables
    when: date | None
    former: bool
    sector_noun: Callable[[], str | None]
    titles: Callable[[], list[tuple[str, str | None, str]]]
    _one_country: Callable[[], str | None]
    _person_on_date: Callable[[str, str, set[str]], Actor]

    def _coalition(self, piece: Piece, codes: set[str]) -> Actor:
        existing = {c for c in codes if self.tables.country_on(c, self.when)} or codes
        if len(existing) != 1:
            return Actor(kind="unresolved", reason=f"a coalition led by {piece.text!r}: which state is unclear")
        iso3 = next(iter(existing))
        name = self.tables.countries[iso3].name
        return Actor(kind="group", code=iso3 + "MIL", country=iso3, sector="MIL",
                     name=f"coalition led by {name}", matched_by="leader+coalition",
                     reason=f"a coalition of states led by {iso3}; its other members are not listed")

    def _igo(self, piece: Piece) -> Actor:
        code = next(iter(sorted(piece.values("igo"))))
        titles = self.titles()
        if titles and not self.former:
            head = self._igo_head(piece, code, titles[-1][0])
            if head is not None:
                return head
        igo = self.tables.igos[code]
        when = self.when
        reason = None
        if when is not None and igo.end is not None and when >= igo.end:
            reason = f"historical: ended {igo.end}"
            members = self.tables.members_on(code, date.fromordinal(igo.end.toordinal() - 1))
        elif when is not None and igo.start is not None and when < igo.start:
            reason = f"not founded until {igo.start}"
            members = ()
        else:
            members = self.tables.members_on(code, when)
        sector = self.sector_noun()
        return Actor(kind="igo", code=code, sector=sector, name=igo.name, matched_by="igo",
                     reason=reason, members=members)

    def _igo_head(self, piece: Piece, code: str, title: str) -> Actor | None:
        """"The NATO secretary-general": whoever held the post on the date."""
        roles = IGO_TITLE_ROLES.get(title)
        if not roles:
            return None
        holders = {(h, role) for role in roles for h in self.tables.holders(code, role, self.when)}
        if len(holders) > 1:
            # "European Commission president": the body the organisation's name names
            words = set(piece.lower.split())
            holders = {(h, r) for h, r in holders if r.split("_")[0] in words} or holders
        if len(holders) != 1:
            if not holders:
                return None
            return Actor(kind="unresolved", reason=f"several heads of {code} hold a {title!r} title on the date: "
                         + ", ".join(sorted(h for h, _ in holders)))
        person, _ = next(iter(holders))
        return self._person_on_date(person, "title+igo", set())

    def _group(self, piece: Piece) -> Actor:
        code = next(iter(sorted(piece.values("group"))))
        group = self.tables.groups[code]
        members = group.members
        reason = None
        ally_of = next((c for c in self.tables.countries if self.tables.allies_group(c) == code), None) \
            if code.endswith("ALLIES") else None
        if not members and ally_of is not None:
            # "US allies": whoever is allied to the USA on the date
            members = self.tables.allies_of(ally_of, self.when)
            reason = "members: formal allies on the date"
        return Actor(kind="group", code=code, sector=self.sector_noun(), name=group.name,
                     matched_by="group", members=members, reason=reason)

    def _allies(self) -> Actor:
        country = self._one_country()
        if country is None or country == "?":
            return Actor(kind="unresolved", reason="allies of several countries")
        members = self.tables.allies_of(country, self.when)
        name = self.tables.countries[country].name
        code = self.tables.allies_group(country) or f"{country}ALLIES"
        return Actor(kind="group", code=code, name=f"allies of {name}",
                     matched_by="country+allies", members=members,
                     reason=None if members else "no alliance of this country in the tables on the date")

    def _igo_staff(self, code: str, head: Piece, title: tuple[str, str | None, str]) -> Actor:
        """A title under the head of an organisation ("Stoltenberg's spokesman")."""
        igo = self.tables.igos[code]
        return Actor(kind="igo", code=code, role=title[1], name=igo.name, matched_by="possessor+title",
                     members=self.tables.members_on(code, self.when),
                     reason=f"{title[0]} of {head.text}, who headed the {igo.name} on the date")

